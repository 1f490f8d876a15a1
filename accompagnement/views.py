from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from comptes import suppression
from comptes.audit import log_access, logs_access
from comptes.edition import Incomplete, edit
from comptes.models import JournalAcces
from comptes.permissions import can, get_object_for_user, require
from comptes.registres import PERSON_DATES, PERSON_SECTIONS

from . import fiche, services
from .filters import AffaireFilter, JournalFilter, PersonneFilter
from .forms import (
    AccompagnementForm,
    AffaireForm,
    ClotureForm,
    ConsentementForm,
    EvenementFormSet,
    ExploitationForm,
    JournalForm,
    JournalModificationForm,
    LieuFormSet,
    OuvertureForm,
    PersonneCreationForm,
    PersonneForm,
    RetraitConsentementForm,
    SuiviForm,
)
from .models import Accompagnement, Affaire, ConsentementTransfert, EntreeJournal, Exploitation, Personne, Suivi
from .widgets import suggestions

# --- File active -------------------------------------------------------------------------------


@require_http_methods(["GET"])
@require("accompagnement")
@logs_access(model=Personne)
def liste(request):
    ouvert = Exists(Accompagnement.objects.filter(personne=OuterRef("pk"), date_cloture__isnull=True))
    premiere = Accompagnement.objects.filter(personne=OuterRef("pk")).order_by("date_debut").values("date_debut")
    queryset = (
        Personne.objects.visible_to(request.user)
        # A subquery, not Min() over a join: no GROUP BY, so the database sorts by the name index and
        # evaluates the subqueries for the 50 rows of the page only.
        .annotate(ouvert=ouvert, premiere_prise_en_charge=Subquery(premiere[:1]))
        .with_periodes()
        .order_by("nom", "prenom", "pk")
    )
    filtre = PersonneFilter(request.GET, queryset=queryset)
    page = Paginator(filtre.qs, 50).get_page(request.GET.get("page"))
    return render(request, "accompagnement/liste.html", {"filtre": filtre, "page": page})


def sections_autres_apps(request, personne) -> list[dict]:
    """The sections other apps registered for the person page (docs/architecture.md, "Person page hook")."""
    sections = []
    for sections_of_app in PERSON_SECTIONS:
        for section in sections_of_app(request, personne):
            # Rendered here so a section template can read its context either unpacked or as `ctx`.
            contexte = {"personne": personne, **section.get("contexte", {})}
            contexte.update(ctx=contexte, contexte=contexte)
            sections.append(
                {"titre": section["titre"], "html": render_to_string(section["template"], contexte, request)}
            )
    return sections


def prochaines_dates(request, personne) -> list[dict]:
    """The person's open deadlines that other apps registered (docs/architecture.md), soonest first."""
    dates = [d for dates_of_app in PERSON_DATES for d in dates_of_app(request, personne)]
    return sorted(dates, key=lambda d: d["date"])


def referents(ouverte, personne) -> list[tuple]:
    """(unit, user) of the open support period, then of the unit follow-ups under way."""
    par_periode = []
    if ouverte is not None:
        par_periode = [
            (_("Reception"), ouverte.referent_accueil),
            (_("Psycho-social"), ouverte.referent_psychosocial),
            (_("Legal"), ouverte.referent_juridique),
        ]
    par_suivi = [(s.get_pole_display(), s.referent) for s in personne.suivis.all() if s.date_fin is None]
    return [(unite, user) for unite, user in par_periode + par_suivi if user is not None]


def contexte_personne(request, personne) -> dict:
    """What the person page and its printed summary sheet both show (one query per kind, whatever the count)."""
    periodes = list(personne.accompagnements.all())
    ouverte = next((p for p in periodes if p.date_cloture is None), None)
    return {
        "personne": personne,
        "periodes": periodes,
        "ouverte": ouverte,
        "referents": referents(ouverte, personne),
        "prochaines_dates": prochaines_dates(request, personne),
        "sections": sections_autres_apps(request, personne),
        "peut_imprimer": can(request.user, "accompagnement.fiche"),
    }


@require_http_methods(["GET"])
@require("accompagnement")
def personne(request, pk):
    """One page telling the person's whole story."""
    personne = get_object_for_user(Personne.objects.with_detail_data(request.user), request.user, pk=pk)
    lisibles = EntreeJournal.objects.visible_to(request.user).filter(personne=personne)
    filtre_journal = JournalFilter(request.GET, lisibles)
    journal = filtre_journal.qs.select_related("auteur").order_by("-date", "-cree_le", "-pk")
    page_journal = Paginator(journal, 30).get_page(request.GET.get("journal"))
    parametres_journal = request.GET.copy()
    parametres_journal.pop("journal", None)
    log_access(request, JournalAcces.Action.CONSULTATION, personne)
    context = {
        **contexte_personne(request, personne),
        "page_journal": page_journal,
        "filtre_journal": filtre_journal,
        "parametres_journal": parametres_journal.urlencode(),
        "nb_supprimes": suppression.suppressions_visibles(request.user, personne.pk).count(),
        "peut_ecrire_journal": can(request.user, "accompagnement", "change")
        or can(request.user, "journal.psy", "change"),
    }
    return render(request, "accompagnement/personne.html", context)


@require_http_methods(["GET"])
@require("accompagnement.fiche")
def personne_fiche(request, pk):
    """The person's summary sheet as a PDF, in the reader's language, logged as a print.

    It shows what the person page shows this reader (same scopes, same sections), so sealed content
    appears only for the roles that may read it. The file is named by the file number, never the name.
    """
    personne = get_object_for_user(Personne.objects.with_detail_data(request.user), request.user, pk=pk)
    journal = (
        EntreeJournal.objects.visible_to(request.user)
        .filter(personne=personne)
        .select_related("auteur")
        .order_by("-date", "-cree_le", "-pk")[: fiche.ENTREES_JOURNAL]
    )
    contenu = fiche.rendre(request, {**contexte_personne(request, personne), "journal": list(journal)})
    log_access(request, JournalAcces.Action.IMPRESSION, personne)
    response = HttpResponse(contenu, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{fiche.nom_fichier(personne)}"'
    return response


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def personne_creer(request):
    form = PersonneCreationForm(data=request.POST or None, user=request.user)

    def save(data):
        if form.verifier_doublons():
            raise Incomplete(_("Possible duplicates found: open the existing file, or confirm a new person."))
        with transaction.atomic():
            champs = {f: data[f] for f in PersonneForm.Meta.fields if f in form.fields}  # as this user sees them
            personne = services.personne_creer(by=request.user, **champs)
            if data.get("date_debut"):
                services.accompagnement_ouvrir(personne=personne, date_debut=data["date_debut"], by=request.user)
        return personne

    return edit(
        request, form, save=save,
        success=lambda personne: _("File %(num)s created.") % {"num": personne.numero_dossier},
        redirect_to=lambda personne: personne, template="accompagnement/personne_form.html",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def personne_modifier(request, pk):
    personne = get_object_for_user(Personne.objects.all(), request.user, pk=pk)
    form = PersonneForm(data=request.POST or None, instance=personne, user=request.user)
    return edit(
        request, form, obj=personne,
        save=lambda data: services.personne_modifier(
            personne=form.save(commit=False), version_attendue=data["version_attendue"], by=request.user
        ),
        success=_("Saved."), redirect_to=personne,
        template="accompagnement/personne_form.html", context={"personne": personne},
    )  # fmt: skip


# --- Support periods ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def accompagnement_modifier(request, pk):
    periode = get_object_for_user(Accompagnement.objects.with_detail_data(), request.user, pk=pk)
    form = AccompagnementForm(data=request.POST or None, instance=periode)
    return edit(
        request, form, obj=periode,
        save=lambda data: services.accompagnement_modifier(
            accompagnement=form.save(commit=False), version_attendue=data["version_attendue"], by=request.user
        ),
        success=_("Saved."), redirect_to=periode.personne, template="accompagnement/simple_form.html",
        context={"personne": periode.personne, "titre": _("Support period and referents")},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def accompagnement_cloturer(request, pk):
    periode = get_object_for_user(Accompagnement.objects.with_detail_data(), request.user, pk=pk)
    if periode.date_cloture:
        messages.info(request, _("This support period is already closed."))
        return redirect(periode.personne)
    form = ClotureForm(data=request.POST or None, instance=periode)
    return edit(
        request, form, obj=periode,
        save=lambda data: services.accompagnement_cloturer(
            accompagnement=periode, date_cloture=data["date_cloture"], motif_cloture=data["motif_cloture"],
            precision=data["motif_cloture_precision"], version_attendue=data["version_attendue"], by=request.user,
        ),
        success=_("File closed."), redirect_to=periode.personne, template="accompagnement/simple_form.html",
        context={"personne": periode.personne, "titre": _("Close the file")},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def accompagnement_rouvrir(request, pk):
    personne = get_object_for_user(Personne.objects.all(), request.user, pk=pk)
    form = OuvertureForm(data=request.POST or None)
    return edit(
        request, form, obj=personne,
        save=lambda data: services.accompagnement_rouvrir(
            personne=personne, date_debut=data["date_debut"], referent_accueil=data["referent_accueil"],
            by=request.user,
        ),
        success=_("Support period opened."), redirect_to=personne, template="accompagnement/simple_form.html",
        context={"personne": personne, "titre": _("Open a support period")},
    )  # fmt: skip


# --- Cases ----------------------------------------------------------------------------------------


@require_http_methods(["GET"])
@require("accompagnement")
@logs_access(model=Affaire)
def affaires(request):
    nb_personnes = (
        Exploitation.objects.filter(affaire=OuterRef("pk"))
        .order_by()
        .values("affaire")
        .annotate(n=Count("personne", distinct=True))
        .values("n")
    )
    queryset = (
        Affaire.objects.visible_to(request.user)
        # Counted per row by a subquery (no GROUP BY over every case), so only the page's rows are counted.
        .annotate(nb_personnes=Coalesce(Subquery(nb_personnes), 0))
        .order_by("-reference", "pk")
    )
    filtre = AffaireFilter(request.GET, queryset=queryset)
    page = Paginator(filtre.qs, 50).get_page(request.GET.get("page"))
    return render(request, "accompagnement/affaires.html", {"filtre": filtre, "page": page})


@require_http_methods(["GET"])
@require("accompagnement")
def affaire(request, pk):
    """A case and its persons, paginated (collective cases hold 100+ persons)."""
    affaire = get_object_for_user(Affaire.objects.all(), request.user, pk=pk)
    ouvert = Exists(Accompagnement.objects.filter(personne=OuterRef("pk"), date_cloture__isnull=True))
    personnes = (
        Personne.objects.visible_to(request.user)
        .filter(pk__in=Exploitation.objects.filter(affaire=affaire).values("personne"))
        .annotate(ouvert=ouvert)
        .order_by("nom", "prenom", "pk")
    )
    page = Paginator(personnes, 50).get_page(request.GET.get("page"))
    log_access(request, JournalAcces.Action.CONSULTATION, affaire)
    return render(request, "accompagnement/affaire.html", {"affaire": affaire, "page": page})


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def affaire_creer(request):
    form = AffaireForm(data=request.POST or None, user=request.user)
    return edit(
        request, form,
        save=lambda data: services.affaire_creer(
            intitule=data["intitule"], type_exploiteur=data["type_exploiteur"],
            exploiteur_details=data.get("exploiteur_details", ""), by=request.user,
        ),
        success=lambda affaire: _("Case %(ref)s created.") % {"ref": affaire.reference},
        redirect_to=lambda affaire: affaire, template="accompagnement/simple_form.html",
        context={"titre": _("New case")},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def affaire_modifier(request, pk):
    affaire = get_object_for_user(Affaire.objects.all(), request.user, pk=pk)
    form = AffaireForm(data=request.POST or None, instance=affaire, user=request.user)
    return edit(
        request, form, obj=affaire,
        save=lambda data: services.affaire_modifier(
            affaire=form.save(commit=False), version_attendue=data["version_attendue"], by=request.user
        ),
        success=_("Saved."), redirect_to=affaire, template="accompagnement/simple_form.html",
        context={"affaire": affaire, "titre": str(affaire)},
    )  # fmt: skip


# --- Exploitation profile -----------------------------------------------------------------------------


def _exploitation_form(request, personne, exploitation):
    form = ExploitationForm(data=request.POST or None, instance=exploitation, user=request.user)
    lieux = LieuFormSet.pour(
        exploitation.lieux.all() if exploitation.pk else [], data=request.POST or None, prefix="lieux"
    )
    evenements = EvenementFormSet.pour(
        exploitation.evenements.all() if exploitation.pk else [], data=request.POST or None, prefix="evenements"
    )

    def save(data):
        return services.exploitation_enregistrer(
            exploitation=form.save(commit=False),
            lieux=lieux.lignes(),
            evenements=evenements.lignes(),
            version_attendue=data["version_attendue"],
            by=request.user,
        )

    return edit(
        request, form, formsets=[lieux, evenements], obj=exploitation if exploitation.pk else personne, save=save,
        success=_("Exploitation profile saved."), redirect_to=personne,
        template="accompagnement/exploitation_form.html",
        context={"lieux": lieux, "evenements": evenements, "personne": personne},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def exploitation_creer(request, pk):
    personne = get_object_for_user(Personne.objects.all(), request.user, pk=pk)
    return _exploitation_form(request, personne, Exploitation(personne=personne))


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def exploitation_modifier(request, pk):
    exploitation = get_object_for_user(Exploitation.objects.with_detail_data(), request.user, pk=pk)
    return _exploitation_form(request, exploitation.personne, exploitation)


# --- Consent to transfer the case record -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def consentement_ajouter(request, pk):
    personne = get_object_for_user(Personne.objects.all(), request.user, pk=pk)
    form = ConsentementForm(data=request.POST or None, instance=ConsentementTransfert(personne=personne))
    return edit(
        request, form, obj=personne,
        save=lambda data: services.consentement_ajouter(consentement=form.save(commit=False), by=request.user),
        success=_("Consent to transfer recorded."), redirect_to=personne.get_absolute_url() + "#consentements",
        template="accompagnement/simple_form.html", context={"personne": personne, "titre": _("Consent to transfer")},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def consentement_retirer(request, pk):
    """Withdraw a consent: it stays in the record, dated, and no longer allows a transfer."""
    consentement = suppression.element_pour(request.user, ConsentementTransfert, pk)
    personne = consentement.personne
    if consentement.retire_le:
        messages.info(request, _("This consent was already withdrawn."))
        return redirect(personne)
    form = RetraitConsentementForm(data=request.POST or None, instance=consentement)
    titre = _("Withdraw the consent to transfer to %(destinataire)s") % {"destinataire": consentement.destinataire}
    return edit(
        request, form, obj=consentement,
        save=lambda data: services.consentement_retirer(
            consentement=form.save(commit=False), version_attendue=data["version_attendue"], by=request.user
        ),
        success=_("Consent withdrawn."), redirect_to=personne.get_absolute_url() + "#consentements",
        template="accompagnement/simple_form.html", context={"personne": personne, "titre": titre},
    )  # fmt: skip


# --- Journal ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("accompagnement")
def journal_ajouter(request, pk):
    if not (can(request.user, "accompagnement", "change") or can(request.user, "journal.psy", "change")):
        raise PermissionDenied
    personne = get_object_for_user(Personne.objects.all(), request.user, pk=pk)
    form = JournalForm(data=request.POST or None, user=request.user)
    return edit(
        request, form, obj=personne,
        save=lambda data: services.journal_ajouter(personne=personne, by=request.user, **data),
        success=_("Journal entry added."), redirect_to=personne, template="accompagnement/simple_form.html",
        context={"personne": personne, "titre": _("Journal entry")},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("accompagnement")
def journal_modifier(request, pk):
    """Correct one's own journal entry (the history keeps the earlier text)."""
    entree = get_object_for_user(EntreeJournal.objects.with_detail_data(), request.user, pk=pk)
    if entree.auteur_id != request.user.pk:
        raise PermissionDenied
    personne = get_object_for_user(Personne.objects.all(), request.user, pk=entree.personne_id)
    form = JournalModificationForm(data=request.POST or None, instance=entree, user=request.user)
    return edit(
        request, form, obj=entree,
        save=lambda data: services.journal_modifier(
            entree=form.save(commit=False), version_attendue=data["version_attendue"], by=request.user
        ),
        success=_("Journal entry corrected."), redirect_to=personne.get_absolute_url() + "#journal",
        template="accompagnement/simple_form.html",
        context={"personne": personne, "titre": _("Correct a journal entry")},
    )  # fmt: skip


# --- Unit follow-ups ---------------------------------------------------------------------------------


def _suivi_form(request, personne, suivi):
    form = SuiviForm(data=request.POST or None, instance=suivi)
    return edit(
        request, form, obj=suivi if suivi.pk else personne,
        save=lambda data: services.suivi_enregistrer(
            suivi=form.save(commit=False), version_attendue=data["version_attendue"], by=request.user
        ),
        success=_("Follow-up saved."), redirect_to=personne, template="accompagnement/simple_form.html",
        context={"personne": personne, "titre": _("Follow-up by a unit")},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def suivi_ajouter(request, pk):
    personne = get_object_for_user(Personne.objects.all(), request.user, pk=pk)
    return _suivi_form(request, personne, Suivi(personne=personne))


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def suivi_modifier(request, pk):
    suivi = get_object_for_user(Suivi.objects.with_detail_data(), request.user, pk=pk)
    return _suivi_form(request, suivi.personne, suivi)


# --- Suggestions of the searchable pickers (accompagnement.widgets) -------------------------


@require_GET
@require("accompagnement")
@logs_access(model=Personne)
def choix_personnes(request):
    terme = request.GET.get("q", "").strip()[:100]
    if len(terme) < 2:
        return JsonResponse({"resultats": []})
    queryset = Personne.objects.visible_to(request.user).recherche(terme)
    return JsonResponse(suggestions(queryset, ["nom", "prenom", "pk"]))


@require_GET
@require("accompagnement")
@logs_access(model=Affaire)
def choix_affaires(request):
    terme = request.GET.get("q", "").strip()[:100]
    if len(terme) < 2:
        return JsonResponse({"resultats": []})
    queryset = Affaire.objects.visible_to(request.user).recherche(terme)
    return JsonResponse(suggestions(queryset, ["-reference", "pk"]))
