from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from comptes.audit import log_access, log_form_access, logs_access
from comptes.concurrency import EditConflict
from comptes.forms import add_validation_errors
from comptes.models import JournalAcces
from comptes.permissions import can, get_object_for_user, require
from comptes.registres import PERSON_SECTIONS

from . import services
from .filters import AffaireFilter, PersonneFilter
from .forms import (
    AccompagnementForm,
    AffaireForm,
    ClotureForm,
    ExploitationForm,
    JournalForm,
    JournalModificationForm,
    LieuFormSet,
    OuvertureForm,
    PersonneCreationForm,
    PersonneForm,
    SuiviForm,
)
from .models import Accompagnement, Affaire, EntreeJournal, Exploitation, LieuExploitation, Personne, Suivi


def get_personne_for_user(request, pk, queryset=None):
    return get_object_for_user(queryset if queryset is not None else Personne.objects.all(), request.user, pk=pk)


def _periodes_prefetch():
    return Prefetch(
        "accompagnements",
        queryset=Accompagnement.objects.select_related(
            "referent_accueil", "referent_psychosocial", "referent_juridique", "signalement"
        ).order_by("-date_debut", "-pk"),
    )


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
        .prefetch_related(_periodes_prefetch())
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


@require_http_methods(["GET"])
@require("accompagnement")
def personne(request, pk):
    """One page telling the person's whole story."""
    queryset = Personne.objects.select_related("cree_par").prefetch_related(
        _periodes_prefetch(),
        Prefetch(
            "exploitations",
            queryset=Exploitation.objects.select_related("affaire").prefetch_related(
                Prefetch("lieux", queryset=LieuExploitation.objects.order_by("pk"))
            ),
        ),
        Prefetch("suivis", queryset=Suivi.objects.select_related("referent")),
        Prefetch(
            "signalements_lies",
            # signalements builds on this app: its model is reached through the reverse relation, not imported.
            queryset=Personne.signalements_lies.rel.related_model.objects.select_related("signalement").order_by(
                "-signalement__date_reception"
            ),
        ),
    )
    personne = get_personne_for_user(request, pk, queryset)
    journal = (
        EntreeJournal.objects.visible_to(request.user)
        .filter(personne=personne)
        .select_related("auteur")
        .order_by("-date", "-cree_le", "-pk")
    )
    page_journal = Paginator(journal, 30).get_page(request.GET.get("journal"))
    log_access(request, JournalAcces.Action.CONSULTATION, personne)
    periodes = list(personne.accompagnements.all())
    context = {
        "personne": personne,
        "periodes": periodes,
        "ouverte": next((p for p in periodes if p.date_cloture is None), None),
        "page_journal": page_journal,
        "sections": sections_autres_apps(request, personne),
        "peut_ecrire_journal": can(request.user, "accompagnement", "change")
        or can(request.user, "journal.psy", "change"),
    }
    return render(request, "accompagnement/personne.html", context)


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def personne_creer(request):
    form = PersonneCreationForm(data=request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.verifier_doublons():
            messages.warning(request, _("Possible duplicates found: open the existing file, or confirm a new person."))
        else:
            champs = {f: form.cleaned_data[f] for f in PersonneForm.Meta.fields}
            try:
                with transaction.atomic():
                    personne = services.personne_creer(by=request.user, **champs)
                    if form.cleaned_data.get("date_debut"):
                        services.accompagnement_ouvrir(
                            personne=personne, date_debut=form.cleaned_data["date_debut"], by=request.user
                        )
            except ValidationError as exc:
                add_validation_errors(form, exc)
            else:
                log_form_access(request, personne, modification=True)
                messages.success(request, _("File %(num)s created.") % {"num": personne.numero_dossier})
                return redirect(personne)
    return render(request, "accompagnement/personne_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def personne_modifier(request, pk):
    personne = get_personne_for_user(request, pk)
    log_form_access(request, personne)
    form = PersonneForm(data=request.POST or None, instance=personne, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.personne_modifier(
                personne=form.save(commit=False),
                version_attendue=form.cleaned_data["version_attendue"],
                by=request.user,
            )
        except EditConflict:
            form.add_conflict_error()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, form.instance, modification=True)
            messages.success(request, _("Saved."))
            return redirect(personne)
    return render(request, "accompagnement/personne_form.html", {"form": form, "personne": personne})


# --- Support periods ----------------------------------------------------------------------------


def _get_periode(request, pk):
    return get_object_for_user(Accompagnement.objects.select_related("personne"), request.user, pk=pk)


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def accompagnement_modifier(request, pk):
    periode = _get_periode(request, pk)
    log_form_access(request, periode)
    form = AccompagnementForm(data=request.POST or None, instance=periode)
    if request.method == "POST" and form.is_valid():
        try:
            services.accompagnement_modifier(
                accompagnement=form.save(commit=False),
                version_attendue=form.cleaned_data["version_attendue"],
                by=request.user,
            )
        except EditConflict:
            form.add_conflict_error()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, form.instance, modification=True)
            messages.success(request, _("Saved."))
            return redirect(periode.personne)
    titre = _("Support period and referents")
    return render(
        request, "accompagnement/simple_form.html", {"form": form, "personne": periode.personne, "titre": titre}
    )


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def accompagnement_cloturer(request, pk):
    periode = _get_periode(request, pk)
    if periode.date_cloture:
        messages.info(request, _("This support period is already closed."))
        return redirect(periode.personne)
    form = ClotureForm(data=request.POST or None, instance=periode)
    if request.method == "POST" and form.is_valid():
        try:
            services.accompagnement_cloturer(
                accompagnement=periode,
                date_cloture=form.cleaned_data["date_cloture"],
                motif_cloture=form.cleaned_data["motif_cloture"],
                precision=form.cleaned_data["motif_cloture_precision"],
                version_attendue=form.cleaned_data["version_attendue"],
                by=request.user,
            )
        except EditConflict:
            form.add_conflict_error()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, periode, modification=True)
            messages.success(request, _("File closed."))
            return redirect(periode.personne)
    titre = _("Close the file")
    return render(
        request, "accompagnement/simple_form.html", {"form": form, "personne": periode.personne, "titre": titre}
    )


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def accompagnement_rouvrir(request, pk):
    personne = get_personne_for_user(request, pk)
    form = OuvertureForm(data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accompagnement_rouvrir(
                personne=personne,
                date_debut=form.cleaned_data["date_debut"],
                referent_accueil=form.cleaned_data["referent_accueil"],
                by=request.user,
            )
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, personne, modification=True)
            messages.success(request, _("Support period opened."))
            return redirect(personne)
    titre = _("Open a support period")
    return render(request, "accompagnement/simple_form.html", {"form": form, "personne": personne, "titre": titre})


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
    if request.method == "POST" and form.is_valid():
        affaire = services.affaire_creer(
            intitule=form.cleaned_data["intitule"],
            type_exploiteur=form.cleaned_data["type_exploiteur"],
            exploiteur_details=form.cleaned_data.get("exploiteur_details", ""),
            by=request.user,
        )
        log_form_access(request, affaire, modification=True)
        messages.success(request, _("Case %(ref)s created.") % {"ref": affaire.reference})
        return redirect(affaire)
    return render(request, "accompagnement/simple_form.html", {"form": form, "titre": _("New case")})


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def affaire_modifier(request, pk):
    affaire = get_object_for_user(Affaire.objects.all(), request.user, pk=pk)
    log_form_access(request, affaire)
    form = AffaireForm(data=request.POST or None, instance=affaire, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.affaire_modifier(
                affaire=form.save(commit=False), version_attendue=form.cleaned_data["version_attendue"], by=request.user
            )
        except EditConflict:
            form.add_conflict_error()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, form.instance, modification=True)
            messages.success(request, _("Saved."))
            return redirect(affaire)
    return render(request, "accompagnement/simple_form.html", {"form": form, "affaire": affaire, "titre": str(affaire)})


# --- Exploitation profile -----------------------------------------------------------------------------


def _exploitation_form(request, personne, exploitation):
    log_form_access(request, personne)
    form = ExploitationForm(data=request.POST or None, instance=exploitation, user=request.user)
    initial = [
        {"departement": lieu.departement, "pays": lieu.pays, "commune": lieu.commune}
        for lieu in (exploitation.lieux.all() if exploitation.pk else [])
    ]
    lieux = LieuFormSet(data=request.POST or None, initial=initial, prefix="lieux")
    if request.method == "POST" and form.is_valid() and lieux.is_valid():
        valeurs = [
            {k: f.cleaned_data[k] for k in ("departement", "pays", "commune")}
            for f in lieux
            if f.has_changed()
            and (
                f.cleaned_data.get("departement") or f.cleaned_data.get("commune") or f.cleaned_data.get("pays") != "FR"
            )
        ]
        try:
            services.exploitation_enregistrer(
                exploitation=form.save(commit=False),
                lieux=valeurs,
                version_attendue=form.cleaned_data["version_attendue"],
                by=request.user,
            )
        except EditConflict:
            form.add_conflict_error()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, personne, modification=True)
            messages.success(request, _("Exploitation profile saved."))
            return redirect(personne)
    return render(
        request, "accompagnement/exploitation_form.html", {"form": form, "lieux": lieux, "personne": personne}
    )


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def exploitation_creer(request, pk):
    personne = get_personne_for_user(request, pk)
    return _exploitation_form(request, personne, Exploitation(personne=personne))


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def exploitation_modifier(request, pk):
    exploitation = get_object_for_user(Exploitation.objects.select_related("personne"), request.user, pk=pk)
    return _exploitation_form(request, exploitation.personne, exploitation)


# --- Journal ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("accompagnement")
def journal_ajouter(request, pk):
    if not (can(request.user, "accompagnement", "change") or can(request.user, "journal.psy", "change")):
        raise PermissionDenied
    personne = get_personne_for_user(request, pk)
    form = JournalForm(data=request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.journal_ajouter(personne=personne, by=request.user, **form.cleaned_data)
        log_form_access(request, personne, modification=True)
        messages.success(request, _("Journal entry added."))
        return redirect(personne)
    return render(
        request, "accompagnement/simple_form.html", {"form": form, "personne": personne, "titre": _("Journal entry")}
    )


@require_http_methods(["GET", "POST"])
@require("accompagnement")
def journal_modifier(request, pk):
    """Correct one's own journal entry (the history keeps the earlier text)."""
    entree = get_object_for_user(EntreeJournal.objects.select_related("personne"), request.user, pk=pk)
    if entree.auteur_id != request.user.pk:
        raise PermissionDenied
    personne = get_personne_for_user(request, entree.personne_id)
    log_form_access(request, personne)
    form = JournalModificationForm(data=request.POST or None, instance=entree, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_modifier(
                entree=form.save(commit=False), version_attendue=form.cleaned_data["version_attendue"], by=request.user
            )
        except EditConflict:
            form.add_conflict_error()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, personne, modification=True)
            messages.success(request, _("Journal entry corrected."))
            return redirect(personne.get_absolute_url() + "#journal")
    return render(
        request,
        "accompagnement/simple_form.html",
        {"form": form, "personne": personne, "titre": _("Correct a journal entry")},
    )


# --- Unit follow-ups ---------------------------------------------------------------------------------


def _suivi_form(request, personne, suivi, titre):
    form = SuiviForm(data=request.POST or None, instance=suivi)
    if request.method == "POST" and form.is_valid():
        try:
            services.suivi_enregistrer(
                suivi=form.save(commit=False), version_attendue=form.cleaned_data["version_attendue"], by=request.user
            )
        except EditConflict:
            form.add_conflict_error()
        except ValidationError as exc:
            add_validation_errors(form, exc)
        else:
            log_form_access(request, personne, modification=True)
            messages.success(request, _("Follow-up saved."))
            return redirect(personne)
    return render(request, "accompagnement/simple_form.html", {"form": form, "personne": personne, "titre": titre})


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def suivi_ajouter(request, pk):
    personne = get_personne_for_user(request, pk)
    return _suivi_form(request, personne, Suivi(personne=personne), _("Follow-up by a unit"))


@require_http_methods(["GET", "POST"])
@require("accompagnement", "change")
def suivi_modifier(request, pk):
    suivi = get_object_for_user(Suivi.objects.select_related("personne"), request.user, pk=pk)
    return _suivi_form(request, suivi.personne, suivi, _("Follow-up by a unit"))
