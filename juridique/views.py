import calendar
import datetime
import statistics

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accompagnement.models import Affaire, Personne
from comptes import audit, registres, tableur
from comptes.audit import client_ip, log_access, logs_access
from comptes.edition import edit, without_version
from comptes.forms import lire_parametres
from comptes.models import JournalAcces
from comptes.permissions import CHANGE, can, get_object_for_user, require

from . import enums, ics, services
from .filters import ProcedureFilter, TitreSejourFilter
from .forms import (
    AffaireChoixForm,
    AgendaForm,
    AvocatForm,
    AvocatsForm,
    DecisionForm,
    DecisionModificationForm,
    EtapeForm,
    JetonForm,
    MoisAgendaForm,
    ProcedureForm,
    SeuilAttenteForm,
    TitreSejourForm,
)
from .models import Avocat, Decision, Etape, JetonAgenda, Procedure, TitreSejour, hash_cle

PAR_PAGE = 30


def _page(request, queryset, per_page=PAR_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _seuil(request) -> int:
    return lire_parametres(request, SeuilAttenteForm)["jours"]


# --- Unit home ------------------------------------------------------------------------------


@require_GET
@require("juridique")
@logs_access(model=Procedure)
def index(request):
    today = timezone.localdate()
    seuil = _seuil(request)
    audiences = (
        Etape.objects.visible_to(request.user)
        .agenda()
        .filter(date__gte=today, date__lte=today + datetime.timedelta(days=30))
        .with_calendar_data()
    )
    sans_suite = Procedure.objects.visible_to(request.user).sans_prochaine_etape(today)
    attentes = TitreSejour.objects.visible_to(request.user).attente_depuis_plus_de(seuil, today)
    context = {
        "audiences": list(audiences[:15]),
        "sans_suite": list(sans_suite.select_related("affaire").order_by("date_ouverture", "pk")[:10]),
        "nb_sans_suite": sans_suite.count(),
        "attentes": list(attentes.with_list_data().order_by("date_demande", "pk")[:10]),
        "nb_attentes": attentes.count(),
        "nb_ouvertes": Procedure.objects.visible_to(request.user).ouvertes().count(),
        "seuil": seuil,
        "today": today,
    }
    return render(request, "juridique/index.html", context)


# --- Proceedings ----------------------------------------------------------------------------


@require_GET
@require("juridique")
@logs_access(model=Procedure)
def procedures(request):
    queryset = Procedure.objects.visible_to(request.user).with_list_data().order_by("-date_ouverture", "-pk")
    filtre = ProcedureFilter(request.GET, queryset=queryset)
    return render(request, "juridique/procedures.html", {"filtre": filtre, "page": _page(request, filtre.qs)})


@require_GET
@require("juridique")
@logs_access(model=Procedure)
def sans_suite(request):
    """Open proceedings with no hearing, deadline or stage dated today or later."""
    today = timezone.localdate()
    queryset = (
        Procedure.objects.visible_to(request.user)
        .sans_prochaine_etape(today)
        .with_list_data(today)
        .order_by("date_ouverture", "pk")
    )
    return render(request, "juridique/sans_suite.html", {"page": _page(request, queryset), "today": today})


@require_GET
@require("juridique")
def procedure(request, pk):
    procedure = get_object_for_user(Procedure.objects.with_detail_data(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, procedure)
    today = timezone.localdate()
    chronologie = sorted(
        [{"date": e.date, "etape": e, "decision": None, "futur": e.date >= today} for e in procedure.etapes.all()]
        + [{"date": d.date, "etape": None, "decision": d, "futur": False} for d in procedure.decisions.all()],
        key=lambda item: item["date"],
        reverse=True,
    )
    context = {
        "procedure": procedure,
        "chronologie": chronologie,
        "peut_modifier": can(request.user, "juridique", CHANGE),
        "voit_notes": can(request.user, "journal.juridique"),
        "voit_exploiteur": can(request.user, "accompagnement.exploiteur"),
    }
    return render(request, "juridique/procedure.html", context)


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def procedure_creer(request):
    """Step 1: find the case (GET ?q=, then ?affaire=); step 2: the persons of that case and the proceedings."""
    affaires = Affaire.objects.visible_to(request.user).order_by("-reference", "pk")
    choix = AffaireChoixForm(request.GET if "affaire" in request.GET else None, affaires=affaires)
    if not choix.is_valid():
        terme = request.GET.get("q", "").strip()
        trouvees = affaires.recherche(terme) if terme else affaires
        trouvees = trouvees.annotate(nb_personnes=Count("exploitations__personne", distinct=True))[:30]
        return render(
            request, "juridique/procedure_choix_affaire.html", {"choix": choix, "terme": terme, "affaires": trouvees}
        )
    affaire = choix.cleaned_data["affaire"]
    form = ProcedureForm(
        data=request.POST or None,
        personnes=services.personnes_de_affaire(affaire),
        voit_notes=can(request.user, "journal.juridique", CHANGE),
        voit_exploiteur=can(request.user, "accompagnement.exploiteur", CHANGE),
        initial={"date_ouverture": timezone.localdate()},
    )
    return edit(
        request, form, obj=affaire,  # the page lists the case's persons
        save=lambda data: services.procedure_creer(affaire=affaire, by=request.user, **without_version(data)),
        success=_("Proceedings opened."), redirect_to=lambda procedure: procedure,
        template="juridique/procedure_form.html", context={"affaire": affaire, "procedure": None},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def procedure_modifier(request, pk):
    procedure = get_object_for_user(Procedure.objects.with_detail_data(), request.user, pk=pk)
    form = ProcedureForm(
        data=request.POST or None,
        instance=procedure,
        personnes=services.personnes_de_affaire(procedure.affaire),
        voit_notes=can(request.user, "journal.juridique", CHANGE),
        voit_exploiteur=can(request.user, "accompagnement.exploiteur", CHANGE),
    )
    return edit(
        request, form, obj=procedure,
        save=lambda data: services.procedure_modifier(procedure=procedure, by=request.user, **data),
        success=_("Proceedings saved."), redirect_to=procedure,
        template="juridique/procedure_form.html", context={"affaire": procedure.affaire, "procedure": procedure},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def etape_ajouter(request, pk):
    procedure = get_object_for_user(Procedure.objects.with_detail_data(), request.user, pk=pk)
    form = EtapeForm(data=request.POST or None, procedure=procedure)
    return edit(
        request, form, obj=procedure,
        save=lambda data: services.procedure_ajouter_etape(
            procedure=procedure, by=request.user, **without_version(data)
        ),
        success=_("Stage recorded."), redirect_to=procedure,
        template="juridique/etape_form.html", context={"procedure": procedure, "etape": None},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def etape_modifier(request, pk):
    etape = get_object_for_user(Etape.objects.with_detail_data(), request.user, pk=pk)
    form = EtapeForm(data=request.POST or None, instance=etape, procedure=etape.procedure)
    return edit(
        request, form, obj=etape,
        save=lambda data: services.etape_modifier(etape=etape, by=request.user, **data),
        success=_("Stage saved."), redirect_to=etape.procedure,
        template="juridique/etape_form.html", context={"procedure": etape.procedure, "etape": etape},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def decision_modifier(request, pk):
    decision = get_object_for_user(Decision.objects.all(), request.user, pk=pk)
    form = DecisionModificationForm(data=request.POST or None, instance=decision)
    return edit(
        request, form, obj=decision,
        save=lambda data: services.decision_modifier(decision=decision, by=request.user, **data),
        success=_("Decision saved."), redirect_to=decision.procedure,
        template="juridique/decision_form.html", context={"procedure": decision.procedure, "decision": decision},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def decision_ajouter(request, pk):
    procedure = get_object_for_user(Procedure.objects.with_detail_data(), request.user, pk=pk)
    form = DecisionForm(data=request.POST or None)
    return edit(
        request, form, obj=procedure,
        save=lambda data: services.procedure_ajouter_decision(procedure=procedure, by=request.user, **data),
        success=_("Decision recorded."), redirect_to=procedure,
        template="juridique/decision_form.html", context={"procedure": procedure},
    )  # fmt: skip


# --- Residence permits ----------------------------------------------------------------------


def _titres_filtres(request):
    # Longest wait first: what the legal unit chases with the prefectures.
    queryset = (
        TitreSejour.objects.visible_to(request.user)
        .with_list_data()
        .avec_attente(timezone.localdate())
        .order_by(F("attente_tri").desc(), "-pk")
    )
    return TitreSejourFilter(request.GET, queryset=queryset)


def _delais(filtre, today) -> dict:
    """Waiting times of the filtered applications (one query): decided ones, and those still waiting."""
    decides, en_attente = [], []
    for demande, decision in filtre.qs.values_list("date_demande", "date_decision"):
        (decides if decision else en_attente).append(((decision or today) - demande).days)
    return {
        "nb_decides": len(decides),
        "moyenne_decides": round(statistics.mean(decides)) if decides else None,
        "mediane_decides": round(statistics.median(decides)) if decides else None,
        "nb_en_attente": len(en_attente),
        "mediane_en_attente": round(statistics.median(en_attente)) if en_attente else None,
    }


@require_GET
@require("juridique")
@logs_access(model=TitreSejour)
def titres(request):
    filtre = _titres_filtres(request)
    page = _page(request, filtre.qs)
    today = timezone.localdate()
    for titre in page:
        titre.attente = titre.attente_jours(today)
    context = {
        "filtre": filtre, "page": page, "today": today, "delais": _delais(filtre, today),
        "voir_noms": can(request.user, "accompagnement"),  # who may open the person's page sees the name
    }  # fmt: skip
    return render(request, "juridique/titres.html", context)


@require_GET
@require("juridique")
@logs_access(JournalAcces.Action.EXPORT, model=TitreSejour)
def titres_export(request):
    """The filtered applications as CSV, without any identifier: for advocacy on administrative delays."""
    filtre = _titres_filtres(request)
    today = timezone.localdate()
    entete = [
        _("Kind of permit"), _("First / renewal"), _("Prefecture"), _("Application"), _("Decision"), _("Outcome"),
        _("Waiting (days)"), _("Valid until"),
    ]  # fmt: skip
    lignes = (
        [
            titre.get_type_display(),
            _("first") if titre.premier else _("renewal"),
            titre.prefecture,
            titre.date_demande,
            titre.date_decision,
            titre.get_issue_display(),
            titre.attente_jours(today),
            titre.date_fin_validite,
        ]
        for titre in filtre.qs.iterator(chunk_size=2000)
    )
    return tableur.reponse(tableur.csv_bytes([entete, *lignes]), f"delais-titres-sejour-{today:%Y-%m-%d}.csv")


def _titre_form(request, personne, instance=None):
    procedures = Procedure.objects.visible_to(request.user).filter(personnes=personne).select_related("affaire")
    return TitreSejourForm(data=request.POST or None, instance=instance, procedures=procedures)


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def titre_creer(request, personne_pk):
    personne = get_object_for_user(Personne.objects.all(), request.user, pk=personne_pk)
    form = _titre_form(request, personne)
    return edit(
        request, form, obj=personne,
        save=lambda data: services.titre_creer(personne=personne, by=request.user, **without_version(data)),
        success=_("Residence permit recorded."), redirect_to="juridique:titres",
        template="juridique/titre_form.html", context={"personne": personne, "titre": None},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def titre_modifier(request, pk):
    titre = get_object_for_user(TitreSejour.objects.with_detail_data(), request.user, pk=pk)
    form = _titre_form(request, titre.personne, instance=titre)
    return edit(
        request, form, obj=titre,
        save=lambda data: services.titre_modifier(titre=titre, by=request.user, **data),
        success=_("Residence permit saved."), redirect_to="juridique:titres",
        template="juridique/titre_form.html", context={"personne": titre.personne, "titre": titre},
    )  # fmt: skip


# --- Hearings and deadlines -----------------------------------------------------------------


@require_GET
@require("juridique")
@logs_access(model=Etape)
def agenda(request):
    today = timezone.localdate()
    quoi = lire_parametres(request, AgendaForm)["quoi"]
    queryset = Etape.objects.visible_to(request.user).agenda().filter(date__gte=today).with_calendar_data()
    if quoi == "audiences":
        queryset = queryset.filter(type__in=enums.AUDIENCES)
    elif quoi == "echeances":
        queryset = queryset.filter(type=enums.TypeEtape.ECHEANCE)
    return render(request, "juridique/agenda.html", {"page": _page(request, queryset), "quoi": quoi, "today": today})


def _mois_demande(request) -> tuple[int, int]:
    mois = lire_parametres(request, MoisAgendaForm)["mois"] or timezone.localdate()
    return mois.year, mois.month


@require_GET
@require("juridique")
@logs_access(model=Etape)
def agenda_mois(request):
    """Month grid (Monday first) of hearings and deadlines, rendered on the server."""
    annee, mois = _mois_demande(request)
    semaines = calendar.Calendar(firstweekday=0).monthdatescalendar(annee, mois)
    debut, fin = semaines[0][0], semaines[-1][-1]
    evenements: dict[datetime.date, list[Etape]] = {}
    queryset = Etape.objects.visible_to(request.user).agenda().filter(date__range=(debut, fin)).with_calendar_data()
    voir_noms = can(request.user, "accompagnement")  # who may open the person's page sees the name
    if voir_noms:
        queryset = queryset.prefetch_related(
            Prefetch("procedure__personnes", queryset=Personne.objects.order_by("nom", "prenom", "pk"))
        )
    for etape in queryset:
        evenements.setdefault(etape.date, []).append(etape)
    today = timezone.localdate()
    grille = [
        [{"date": jour, "dans_mois": jour.month == mois, "today": jour == today, "evenements": evenements.get(jour, [])}
         for jour in semaine]
        for semaine in semaines
    ]  # fmt: skip
    premier = datetime.date(annee, mois, 1)
    precedent = premier - datetime.timedelta(days=1)
    suivant = premier + datetime.timedelta(days=32)
    context = {
        "grille": grille,
        "premier": premier,
        "precedent": f"{precedent.year}-{precedent.month:02d}",
        "suivant": f"{suivant.year}-{suivant.month:02d}",
        "jours": semaines[0],
        "nb": sum(len(v) for v in evenements.values()),
        "voir_noms": voir_noms,
    }
    return render(request, "juridique/agenda_mois.html", context)


# --- Personal iCalendar feed ----------------------------------------------------------------

FEED_PAST_DAYS = 90


@require_GET
def agenda_ics(request, cle):
    """The unit's hearings and deadlines for calendar apps, authenticated by the key in the URL.

    Reachable without a session (its URL name is public). A revoked or unknown key, or a key whose
    owner has lost access to the legal unit, answers 404. Events carry references, never names.
    """
    jeton = (
        JetonAgenda.objects.actifs()
        .select_related("utilisateur")
        .filter(cle_hash=hash_cle(cle), utilisateur__is_active=True)
        .first()
    )
    if jeton is None or not can(jeton.utilisateur, "juridique"):
        raise Http404
    owner = jeton.utilisateur
    depuis = timezone.localdate() - datetime.timedelta(days=FEED_PAST_DAYS)
    etapes = Etape.objects.visible_to(owner).agenda().filter(date__gte=depuis).with_calendar_data()
    stamp = timezone.now()
    base = request.build_absolute_uri("/")[:-1]
    host = request.get_host().split(":")[0]
    evenements = [
        ics.evenement(
            uid=f"etape-{e.pk}@{host}",
            sequence=e.version,
            resume=f"{e.get_type_display()} – {e.procedure.affaire.reference}/P{e.procedure_id} "
            f"({e.procedure.get_type_display()})",
            date=e.date,
            debut=e.debut(),
            lieu=", ".join(x for x in [e.lieu or e.procedure.juridiction, e.salle] if x),
            # Free-text details stay out: they might hold a name.
            description=e.procedure.numero_juridiction,
            url=base + reverse("juridique:procedure", args=[e.procedure_id]),
            stamp=stamp,
        )
        for e in etapes
    ]
    # Deadlines of higher apps (echeances): all-day events, references only (comptes.registres).
    evenements += [
        ics.evenement(
            uid=f"{ev['uid']}@{host}", resume=ev["resume"], date=ev["date"], debut=None,
            url=base + ev["url"], stamp=stamp,
        )
        for source in registres.CALENDAR_EVENTS
        for ev in source(owner)
    ]  # fmt: skip
    body = ics.calendrier(_("CCEM legal unit – hearings and deadlines"), evenements)
    JetonAgenda.objects.filter(pk=jeton.pk).update(dernier_acces=stamp)
    audit.enregistrer(owner, JournalAcces.Action.EXPORT, vue="juridique:agenda_ics", adresse_ip=client_ip(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="ccem-juridique.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_http_methods(["GET", "POST"])
@require("juridique")
def jetons(request):
    """The user's own feed keys: create one (shown once), see when each was last used, revoke."""
    form = JetonForm(data=request.POST or None)
    nouvelle_url = None
    if request.method == "POST" and form.is_valid():
        _jeton, cle = services.jeton_creer(utilisateur=request.user, libelle=form.cleaned_data["libelle"])
        nouvelle_url = request.build_absolute_uri(reverse("juridique:agenda_ics", args=[cle]))
        form = JetonForm()
    context = {
        "form": form,
        "jetons": JetonAgenda.objects.filter(utilisateur=request.user).order_by("-cree_le", "-pk"),
        "nouvelle_url": nouvelle_url,
    }
    return render(request, "juridique/jetons.html", context)


@require_POST
@require("juridique")
def jeton_revoquer(request, pk):
    # Only one's own keys: someone else's key answers 404 like a missing one.
    jeton = get_object_or_404(JetonAgenda, pk=pk, utilisateur=request.user)
    services.jeton_revoquer(jeton=jeton, by=request.user)
    messages.success(request, _("The key is revoked: calendars using it will stop updating."))
    return redirect("juridique:jetons")


# --- Lawyers --------------------------------------------------------------------------------


@require_GET
@require("juridique")
@logs_access(model=Avocat)
def avocats(request):
    queryset = Avocat.objects.visible_to(request.user).with_list_data().order_by("-actif", "nom", "prenom", "pk")
    actifs = lire_parametres(request, AvocatsForm)["actifs"]
    if actifs == "1":
        queryset = queryset.filter(actif=True)
    return render(request, "juridique/avocats.html", {"page": _page(request, queryset, 50), "actifs": actifs})


@require_GET
@require("juridique")
def avocat(request, pk):
    avocat = get_object_for_user(Avocat.objects.all(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, avocat)
    procedures = (
        Procedure.objects.visible_to(request.user)
        .filter(avocats=avocat)
        .with_list_data()
        .order_by("date_cloture", "-date_ouverture", "pk")
    )
    return render(
        request,
        "juridique/avocat.html",
        {"avocat": avocat, "procedures": procedures, "peut_modifier": can(request.user, "juridique", CHANGE)},
    )


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def avocat_creer(request):
    form = AvocatForm(data=request.POST or None)
    return edit(
        request, form,
        save=lambda data: services.avocat_creer(by=request.user, **without_version(data)),
        success=_("Lawyer added to the network."), redirect_to=lambda avocat: avocat,
        template="juridique/avocat_form.html", context={"avocat": None},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("juridique", CHANGE)
def avocat_modifier(request, pk):
    avocat = get_object_for_user(Avocat.objects.all(), request.user, pk=pk)
    form = AvocatForm(data=request.POST or None, instance=avocat)
    return edit(
        request, form, obj=avocat,
        save=lambda data: services.avocat_modifier(avocat=avocat, by=request.user, **data),
        success=_("Lawyer saved."), redirect_to=avocat,
        template="juridique/avocat_form.html", context={"avocat": avocat},
    )  # fmt: skip
