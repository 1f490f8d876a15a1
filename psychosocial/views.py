"""Views of the psycho-social unit: scoped, logged, writes through services."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Sum
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accompagnement.models import Personne
from comptes.audit import log_access, logs_access
from comptes.edition import edit
from comptes.models import JournalAcces
from comptes.permissions import get_object_for_user, require

from . import enums, filters, forms, services
from .models import (
    Activite,
    AideFinanciere,
    Appartement,
    ConsultationPsy,
    Demarche,
    Domiciliation,
    Hebergement,
    OrientationSoins,
    PassageCourrier,
    appartements_du_ccem,
)
from .personne import sections

PAR_PAGE = 50


# --- Helpers --------------------------------------------------------------------------------


def _personne_initiale(request):
    """The person given by ?personne=<pk> (coming from their page), through the scope."""
    pk = request.GET.get("personne")
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404
    return get_object_for_user(Personne.objects.all(), request.user, pk=pk)


def _page(request, queryset):
    return Paginator(queryset, PAR_PAGE).get_page(request.GET.get("page"))


def _liste(request, *, queryset, filterset_class, template, contexte=None):
    filtre = filterset_class(request.GET, queryset=queryset)
    return render(request, template, {"filtre": filtre, "page": _page(request, filtre.qs), **(contexte or {})})


def _editer(request, *, form_class, instance, service, nom: str, titre: str, retour=None, form_kwargs=None):
    """Create or edit one record through the one edit path (comptes.edition)."""
    creation = instance.pk is None
    kwargs = {"user": request.user, **(form_kwargs or {})}
    if issubclass(form_class, forms.ElementForm):
        kwargs["creation"] = creation
    initial = {}
    personne = None
    if creation and "personne" in form_class.base_fields:
        personne = _personne_initiale(request)
        initial["personne"] = personne
    elif not creation and hasattr(instance, "personne_id"):
        personne = instance.personne
    form = form_class(data=request.POST or None, instance=instance, initial=initial, **kwargs)
    return edit(
        request, form, obj=instance if not creation else personne,
        save=lambda data: service(
            **{nom: form.instance}, version_attendue=data.get("version_attendue"), by=request.user
        ),
        success=_("Saved."), redirect_to=retour or _retour_personne, template="psychosocial/formulaire.html",
        context={"objet": instance if not creation else None, "titre": titre, "personne": personne},
    )  # fmt: skip


def _retour_personne(objet):
    return reverse("psychosocial:personne", args=[objet.personne_id])


# --- Unit index and person page -------------------------------------------------------------


@require_GET
@require("psychosocial")
def index(request):
    """What waits for the unit today, and the way to each list."""
    aujourd_hui = timezone.localdate()
    sejours = Hebergement.objects.visible_to(request.user).en_cours(aujourd_hui).with_list_data()
    attente = Demarche.objects.visible_to(request.user).ouvertes().with_list_data().order_by("date_depot", "pk")
    echeances = (
        Domiciliation.objects.visible_to(request.user)
        .actives(aujourd_hui)
        .filter(date_echeance__lte=aujourd_hui + datetime.timedelta(days=30))
        .with_list_data()
        .order_by("date_echeance", "pk")
    )
    courrier_du_jour = (
        PassageCourrier.objects.visible_to(request.user)
        .filter(date=aujourd_hui)
        .aggregate(visites=Count("pk"), lettres=Sum("nb_courriers"))
    )
    activites = (
        Activite.objects.visible_to(request.user).filter(date__gte=aujourd_hui).with_list_data().order_by("date", "pk")
    )
    contexte = {
        "aujourd_hui": aujourd_hui,
        "sejours": list(sejours.order_by("dispositif", "date_entree", "pk")),
        "attente": list(attente[:10]),
        "attente_total": attente.count(),
        "echeances": list(echeances[:10]),
        "courrier_du_jour": courrier_du_jour,
        "activites": list(activites[:5]),
        "domaines": enums.Domaine.choices,
    }
    log_access(request, JournalAcces.Action.LISTE, model=Demarche)
    return render(request, "psychosocial/index.html", contexte)


@require_GET
@require("psychosocial")
def personne(request, pk):
    """The psycho-social records of one person, with the buttons to add more."""
    objet = get_object_for_user(Personne.objects.all(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, objet)
    return render(request, "psychosocial/personne.html", {"personne": objet, "sections": sections(request, objet)})


@require_GET
@require("psychosocial")
@logs_access(model=Personne)
def recherche_personnes(request):
    """Suggestions for the person boxes: a few letters of the name or of the file number."""
    terme = request.GET.get("q", "").strip()
    if len(terme) < 2:
        return JsonResponse({"resultats": []})
    queryset = Personne.objects.visible_to(request.user).recherche(terme)
    if request.GET.get("domicilies"):
        queryset = queryset.filter(pk__in=Domiciliation.objects.actives().values("personne_id"))
    resultats = [{"id": p.pk, "label": str(p)} for p in queryset.order_by("nom", "prenom", "pk")[:15]]
    return JsonResponse({"resultats": resultats})


# --- Shelter --------------------------------------------------------------------------------


@require_GET
@require("psychosocial")
@logs_access(model=Hebergement)
def hebergement_liste(request):
    queryset = Hebergement.objects.visible_to(request.user).with_list_data().order_by("-date_entree", "-pk")
    return _liste(
        request, queryset=queryset, filterset_class=filters.HebergementFilter, template="psychosocial/hebergements.html"
    )


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def hebergement_creer(request):
    return _editer(
        request, form_class=forms.HebergementForm, instance=Hebergement(), service=services.hebergement_enregistrer,
        nom="hebergement", titre=_("New shelter stay"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def hebergement_modifier(request, pk):
    objet = get_object_for_user(Hebergement.objects.with_detail_data(), request.user, pk=pk)
    return _editer(
        request, form_class=forms.HebergementForm, instance=objet, service=services.hebergement_enregistrer,
        nom="hebergement", titre=_("Shelter stay"),
    )  # fmt: skip


@require_GET
@require("psychosocial")
@logs_access(model=Hebergement)
def occupation(request):
    """The CCEM's flats: who is there now, nights this year, capacity."""
    aujourd_hui = timezone.localdate()
    debut, fin = datetime.date(aujourd_hui.year, 1, 1), datetime.date(aujourd_hui.year, 12, 31)
    visibles = Hebergement.objects.visible_to(request.user).filter(dispositif__in=enums.APPARTEMENTS)
    presents = list(visibles.en_cours(aujourd_hui).with_list_data().order_by("date_entree", "pk"))
    annee = {
        row["dispositif"]: row
        for row in visibles.avec_nuits(debut, fin)
        .values("dispositif")
        .annotate(nuits_total=Sum("nuits"), personnes=Count("personne", distinct=True))
        .order_by()
    }
    appartements = []
    for appartement in appartements_du_ccem(Appartement.objects.visible_to(request.user)):
        occupants = [h for h in presents if h.dispositif == appartement.dispositif]
        stats = annee.get(appartement.dispositif, {})
        nuits = stats.get("nuits_total")
        appartements.append(
            {
                "appartement": appartement,
                "occupants": occupants,
                "nuits_annee": nuits.days if nuits else 0,
                "personnes_annee": stats.get("personnes", 0),
                "libres": None if appartement.places is None else appartement.places - len(occupants),
                "depassement": 0 if appartement.places is None else max(len(occupants) - appartement.places, 0),
                "form": forms.AppartementForm(instance=appartement, prefix=appartement.dispositif),
            }
        )
    contexte = {"appartements": appartements, "aujourd_hui": aujourd_hui, "annee": aujourd_hui.year}
    return render(request, "psychosocial/occupation.html", contexte)


@require_POST
@require("psychosocial", "change")
def appartement_modifier(request, dispositif):
    if dispositif not in enums.APPARTEMENTS:
        raise Http404
    form = forms.AppartementForm(data=request.POST, prefix=dispositif)
    if form.is_valid():
        services.appartement_modifier_places(dispositif=dispositif, places=form.cleaned_data["places"], by=request.user)
        messages.success(request, _("Capacity saved."))
    else:
        messages.error(request, _("The number of places must be a whole number, 0 or more."))
    return redirect("psychosocial:occupation")


# --- Steps ----------------------------------------------------------------------------------


@require_GET
@require("psychosocial")
@logs_access(model=Demarche)
def demarche_liste(request):
    queryset = Demarche.objects.visible_to(request.user).with_list_data().order_by("-date_depot", "-pk")
    return _liste(
        request, queryset=queryset, filterset_class=filters.DemarcheFilter, template="psychosocial/demarches.html"
    )


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def demarche_creer(request):
    domaine = request.GET.get("domaine")
    titres = {
        enums.Domaine.LOGEMENT: _("New housing or shelter step"),
        enums.Domaine.SANTE: _("New health-right application"),
        enums.Domaine.INSERTION: _("New integration step"),
    }
    return _editer(
        request, form_class=forms.DemarcheForm, instance=Demarche(), service=services.demarche_enregistrer,
        nom="demarche", titre=titres.get(domaine, _("New step")), form_kwargs={"domaine": domaine},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def demarche_modifier(request, pk):
    objet = get_object_for_user(Demarche.objects.with_detail_data(), request.user, pk=pk)
    return _editer(
        request, form_class=forms.DemarcheForm, instance=objet, service=services.demarche_enregistrer,
        nom="demarche", titre=_("Step"),
    )  # fmt: skip


# --- Financial aid --------------------------------------------------------------------------


@require_GET
@require("psychosocial")
@logs_access(model=AideFinanciere)
def aide_liste(request):
    queryset = AideFinanciere.objects.visible_to(request.user).with_list_data().order_by("-date", "-pk")
    filtre = filters.AideFilter(request.GET, queryset=queryset)
    hors_tickets = filtre.qs.exclude(type=enums.TypeAide.TICKETS_SERVICES)
    totaux = {
        **hors_tickets.aggregate(nombre=Count("pk"), montant=Sum("montant")),
        "tickets": filtre.qs.aggregate(t=Sum("nb_tickets"))["t"] or 0,
    }
    contexte = {"filtre": filtre, "page": _page(request, filtre.qs), "totaux": totaux}
    return render(request, "psychosocial/aides.html", contexte)


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def aide_creer(request):
    return _editer(
        request, form_class=forms.AideForm, instance=AideFinanciere(), service=services.aide_enregistrer,
        nom="aide", titre=_("New financial aid"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def aide_modifier(request, pk):
    objet = get_object_for_user(AideFinanciere.objects.with_detail_data(), request.user, pk=pk)
    return _editer(
        request, form_class=forms.AideForm, instance=objet, service=services.aide_enregistrer,
        nom="aide", titre=_("Financial aid"),
    )  # fmt: skip


# --- Domiciliation and the mail desk --------------------------------------------------------


@require_GET
@require("psychosocial")
@logs_access(model=Domiciliation)
def domiciliation_liste(request):
    queryset = Domiciliation.objects.visible_to(request.user).with_list_data().order_by("-date_debut", "-pk")
    return _liste(
        request,
        queryset=queryset,
        filterset_class=filters.DomiciliationFilter,
        template="psychosocial/domiciliations.html",
        contexte={"aujourd_hui": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def domiciliation_creer(request):
    return _editer(
        request, form_class=forms.DomiciliationForm, instance=Domiciliation(),
        service=services.domiciliation_enregistrer, nom="domiciliation", titre=_("New postal domiciliation"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def domiciliation_modifier(request, pk):
    objet = get_object_for_user(Domiciliation.objects.with_detail_data(), request.user, pk=pk)
    return _editer(
        request, form_class=forms.DomiciliationForm, instance=objet, service=services.domiciliation_enregistrer,
        nom="domiciliation", titre=_("Postal domiciliation"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def guichet(request):
    """The mail desk: one line per visit, typed in a few keystrokes; the day's visits below."""
    aujourd_hui = timezone.localdate()
    try:
        jour = datetime.date.fromisoformat(request.GET.get("date", "")) if request.GET.get("date") else aujourd_hui
    except ValueError:
        jour = aujourd_hui
    form = forms.PassageCourrierForm(
        data=request.POST or None, user=request.user, initial={"date": jour, "nb_courriers": 1}
    )

    def visites_du_jour():
        nonlocal jour
        if form.is_bound and form.data.get("date"):
            try:
                jour = datetime.date.fromisoformat(form.data["date"])
            except ValueError:
                pass
        passages = PassageCourrier.objects.visible_to(request.user).filter(date=jour).with_list_data().order_by("-pk")
        totaux = passages.aggregate(visites=Count("pk"), lettres=Sum("nb_courriers"))
        log_access(request, JournalAcces.Action.LISTE, model=PassageCourrier)
        return {"passages": passages, "jour": jour, "totaux": totaux}

    return edit(
        request, form,
        save=lambda data: services.passage_courrier_enregistrer(by=request.user, **data),
        success=lambda passage: _("%(personne)s: %(n)s letter(s) recorded.")
        % {"personne": passage.personne, "n": passage.nb_courriers},
        redirect_to=lambda passage: f"{reverse('psychosocial:guichet')}?date={passage.date:%Y-%m-%d}",
        template="psychosocial/guichet.html", context=visites_du_jour,
    )  # fmt: skip


@require_GET
@require("psychosocial")
@logs_access(model=PassageCourrier)
def passage_liste(request):
    queryset = PassageCourrier.objects.visible_to(request.user).with_list_data().order_by("-date", "-pk")
    filtre = filters.PassageCourrierFilter(request.GET, queryset=queryset)
    totaux = filtre.qs.aggregate(visites=Count("pk"), lettres=Sum("nb_courriers"))
    contexte = {"filtre": filtre, "page": _page(request, filtre.qs), "totaux": totaux}
    return render(request, "psychosocial/passages.html", contexte)


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def passage_modifier(request, pk):
    objet = get_object_for_user(PassageCourrier.objects.with_detail_data(), request.user, pk=pk)
    return _editer(
        request, form_class=forms.PassageCourrierCorrectionForm, instance=objet,
        service=services.passage_courrier_corriger, nom="passage", titre=_("Mail-collection visit"),
        retour=lambda objet: reverse("psychosocial:passage_liste"),
    )  # fmt: skip


# --- Psychologist ---------------------------------------------------------------------------


@require_GET
@require("psychosocial.psy")
@logs_access(model=ConsultationPsy)
def consultation_liste(request):
    queryset = ConsultationPsy.objects.visible_to(request.user).with_list_data().order_by("-date", "-pk")
    return _liste(
        request,
        queryset=queryset,
        filterset_class=filters.ConsultationFilter,
        template="psychosocial/consultations.html",
    )


@require_GET
@require("psychosocial.psy")
def consultation(request, pk):
    objet = get_object_for_user(ConsultationPsy.objects.with_detail_data(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, objet)
    return render(request, "psychosocial/consultation.html", {"objet": objet, "personne": objet.personne})


@require_http_methods(["GET", "POST"])
@require("psychosocial.psy", "change")
def consultation_creer(request):
    return _editer(
        request, form_class=forms.ConsultationForm, instance=ConsultationPsy(),
        service=services.consultation_enregistrer, nom="consultation", titre=_("New consultation"),
        retour=lambda objet: objet.get_absolute_url(),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("psychosocial.psy", "change")
def consultation_modifier(request, pk):
    objet = get_object_for_user(ConsultationPsy.objects.with_detail_data(), request.user, pk=pk)
    return _editer(
        request, form_class=forms.ConsultationForm, instance=objet, service=services.consultation_enregistrer,
        nom="consultation", titre=_("Consultation"), retour=lambda objet: objet.get_absolute_url(),
    )  # fmt: skip


@require_GET
@require("psychosocial.psy")
@logs_access(model=OrientationSoins)
def orientation_liste(request):
    queryset = OrientationSoins.objects.visible_to(request.user).with_list_data().order_by("-date", "-pk")
    return _liste(
        request, queryset=queryset, filterset_class=filters.OrientationFilter, template="psychosocial/orientations.html"
    )


@require_http_methods(["GET", "POST"])
@require("psychosocial.psy", "change")
def orientation_creer(request):
    return _editer(
        request, form_class=forms.OrientationForm, instance=OrientationSoins(),
        service=services.orientation_enregistrer, nom="orientation", titre=_("New referral to care"),
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("psychosocial.psy", "change")
def orientation_modifier(request, pk):
    objet = get_object_for_user(OrientationSoins.objects.with_detail_data(), request.user, pk=pk)
    return _editer(
        request, form_class=forms.OrientationForm, instance=objet, service=services.orientation_enregistrer,
        nom="orientation", titre=_("Referral to care"),
    )  # fmt: skip


# --- Collective activities ------------------------------------------------------------------


@require_GET
@require("psychosocial")
@logs_access(model=Activite)
def activite_liste(request):
    queryset = Activite.objects.visible_to(request.user).with_list_data().order_by("-date", "-pk")
    return _liste(
        request, queryset=queryset, filterset_class=filters.ActiviteFilter, template="psychosocial/activites.html"
    )


@require_GET
@require("psychosocial")
def activite(request, pk):
    objet = get_object_for_user(Activite.objects.with_detail_data(), request.user, pk=pk)
    participants = (
        Personne.objects.filter(participations_activites__activite=objet)
        .annotate(enfant=F("participations_activites__enfant"))
        .order_by("nom", "prenom", "pk")
    )
    log_access(request, JournalAcces.Action.CONSULTATION, objet)
    contexte = {"objet": objet, "participants": list(participants)}
    return render(request, "psychosocial/activite.html", contexte)


def _editer_activite(request, instance, titre):
    form = forms.ActiviteForm(data=request.POST or None, instance=instance, user=request.user)
    return edit(
        request, form, obj=instance if instance.pk else None,
        save=lambda data: services.activite_enregistrer(
            activite=form.instance, participants=data["participants"], enfants=data["enfants"],
            version_attendue=data.get("version_attendue"),
            by=request.user,
        ),
        success=_("Activity and attendance saved."), redirect_to=lambda activite: activite,
        template="psychosocial/activite_form.html", context={"objet": instance, "titre": titre},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def activite_creer(request):
    return _editer_activite(request, Activite(date=timezone.localdate()), _("New collective activity"))


@require_http_methods(["GET", "POST"])
@require("psychosocial", "change")
def activite_modifier(request, pk):
    objet = get_object_for_user(Activite.objects.with_detail_data(), request.user, pk=pk)
    return _editer_activite(request, objet, _("Collective activity"))
