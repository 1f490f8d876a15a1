"""Administrateur pages: import with preview, full export, GDPR actions, retention review.

Everything here is behind the "donnees" permission section. Persons are reached through that
section's rule (the data-protection scope: all files, for this section only): `personnes_donnees()`
for lists, `get_object_for_user(..., section="donnees")` for one file; never through a bare `.get()`.
"""

import secrets
import shutil
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accompagnement.models import Accompagnement, Personne, cle_recherche
from comptes import tableur
from comptes.audit import log_access, logs_access
from comptes.edition import edit
from comptes.models import JournalAcces
from comptes.permissions import can, get_object_for_user, require

from . import ctdc, exportation, htcds, services, specs
from .forms import AnonymisationForm, ConfirmationImportForm, CTDCForm, ImportForm, RechercheForm, RetentionForm
from .importation.engine import run_import as lancer_import
from .models import Exportation


def personnes_donnees(user):
    """Persons in the data-protection scope: every file for the "donnees" section, none otherwise."""
    return Personne.objects.all() if can(user, "donnees") else Personne.objects.none()


@require_http_methods(["GET"])
@require("donnees")
def accueil(request):
    entites = [(e, e.model._meta.verbose_name_plural) for e in specs.ENTITES]
    return render(request, "donnees/accueil.html", {"entites": entites})


# --- Import ------------------------------------------------------------------------------------


def _dossier(jeton: str) -> Path:
    if not jeton.isalnum():
        raise Http404
    return services.DOSSIER_IMPORTS / jeton


@require_http_methods(["GET", "POST"])
@require("donnees", "change")
def importer(request):
    form = ImportForm(data=request.POST or None, files=request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.imports_nettoyer()
        fichiers = [(f.name, f.read()) for f in form.cleaned_data["fichiers"]]
        entite = form.cleaned_data["entite"] or None
        bilan = lancer_import(fichiers, par=request.user, essai=True, entite=entite)
        log_access(request, JournalAcces.Action.CONSULTATION)
        jeton = ""
        if not bilan.erreurs:
            jeton = secrets.token_hex(16)
            dossier = _dossier(jeton)
            dossier.mkdir(parents=True, mode=0o700)
            for rang, (nom, contenu) in enumerate(fichiers):
                (dossier / f"{rang:03d}-{Path(nom).name}").write_bytes(contenu)
            request.session["donnees_import"] = {"jeton": jeton, "entite": entite}
        return render(
            request,
            "donnees/apercu.html",
            {"bilan": bilan, "confirmation": ConfirmationImportForm(initial={"jeton": jeton}) if jeton else None},
        )
    return render(request, "donnees/importer.html", {"form": form})


@require_http_methods(["POST"])
@require("donnees", "change")
def importer_confirmer(request):
    form = ConfirmationImportForm(data=request.POST)
    attendu = request.session.get("donnees_import") or {}
    if not form.is_valid() or form.cleaned_data["jeton"] != attendu.get("jeton"):
        messages.error(request, _("This preview has expired: upload the files again."))
        return redirect("donnees:importer")
    dossier = _dossier(attendu["jeton"])
    if not dossier.is_dir():
        messages.error(request, _("This preview has expired: upload the files again."))
        return redirect("donnees:importer")
    try:
        fichiers = [(p.name.split("-", 1)[1], p.read_bytes()) for p in sorted(dossier.iterdir())]
        bilan = lancer_import(fichiers, par=request.user, essai=False, entite=attendu.get("entite"))
    finally:  # the import has ended, whatever its outcome: the uploaded files go
        shutil.rmtree(dossier, ignore_errors=True)
    del request.session["donnees_import"]
    log_access(request, JournalAcces.Action.MODIFICATION)
    if bilan.applique:
        messages.success(request, _("Import done: %(n)s row(s) processed.") % {"n": bilan.lignes})
    return render(request, "donnees/apercu.html", {"bilan": bilan, "confirmation": None})


@require_http_methods(["GET"])
@require("donnees")
def modele_csv(request, entite):
    spec = specs.par_nom().get(entite)
    if spec is None:
        raise Http404
    return tableur.reponse(exportation.csv_bytes([[c.nom for c in spec.colonnes]]), f"{spec.nom}.csv")


# --- Export ------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("donnees")
def exporter(request):
    """Request a full export (built by the worker) and download the recent ones."""
    if request.method == "POST":
        format_ = request.POST.get("format")
        if format_ not in Exportation.Format.values:
            messages.error(request, _("Choose the Excel workbook or the ZIP of CSV files."))
        else:
            services.export_demander(format=format_, by=request.user)
            messages.success(request, _("The export is being prepared; it appears below when ready."))
        return redirect("donnees:exporter")
    exportations = list(Exportation.objects.visible_to(request.user).select_related("demande_par")[:10])
    return render(
        request,
        "donnees/exporter.html",
        {
            "entites": specs.ENTITES,
            "exportations": exportations,
            "en_cours": any(e.en_cours for e in exportations),
            "formats": Exportation.Format.choices,
            "conservation_heures": int(services.CONSERVATION_EXPORT.total_seconds() // 3600),
        },
    )


@require_http_methods(["GET"])
@require("donnees")
def export_telecharger(request, pk):
    demande = get_object_for_user(Exportation.objects.all(), request.user, pk=pk)
    if demande.statut != Exportation.Statut.TERMINEE or not demande.fichier:
        messages.info(request, _("This export is not available: it is not ready, it failed, or its file was deleted."))
        return redirect("donnees:exporter")
    log_access(request, JournalAcces.Action.EXPORT)
    return FileResponse(demande.fichier.open("rb"), as_attachment=True, filename=demande.nom_fichier())


# --- GDPR --------------------------------------------------------------------------------------


@require_http_methods(["GET"])
@require("donnees")
@logs_access(model=Personne)
def personnes(request):
    form = RechercheForm(data=request.GET)
    qs = personnes_donnees(request.user).annotate(
        ouvert=Exists(Accompagnement.objects.filter(personne=OuterRef("pk"), date_cloture__isnull=True)),
        derniere_cloture=Max("accompagnements__date_cloture"),
    )
    terme = form.data.get("q", "").strip() if form.is_valid() else ""
    if terme:
        qs = qs.filter(cle_recherche__contains=cle_recherche(terme)) | qs.filter(numero_dossier__icontains=terme)
    page = Paginator(qs.order_by("numero_dossier", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "donnees/personnes.html", {"form": form, "page": page, "terme": terme})


def _inventaire(personne, user) -> list[dict]:
    """How many records of each kind concern the person (one count per entity), sealed rows
    the viewer may not read left out: even their number would tell a psychological follow-up."""
    lignes = []
    for entite in specs.ENTITES:
        q = exportation.filtre_personne(entite, personne)
        if q is None:
            continue
        qs = exportation.hors_scelle(entite, entite.model._default_manager.filter(q), user)
        n = qs.values("pk").distinct().count()
        if n:
            lignes.append({"entite": entite.nom, "libelle": entite.model._meta.verbose_name_plural, "nombre": n})
    return lignes


@require_http_methods(["GET"])
@require("donnees")
def personne(request, pk):
    p = get_object_for_user(Personne.objects.all(), request.user, section="donnees", pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, p)
    return render(request, "donnees/personne.html", {"personne": p, "inventaire": _inventaire(p, request.user)})


@require_http_methods(["GET"])
@require("donnees")
def personne_export(request, pk):
    p = get_object_for_user(Personne.objects.all(), request.user, section="donnees", pk=pk)
    contenu = services.export_personne(p, by=request.user)
    log_access(request, JournalAcces.Action.EXPORT, p)
    return tableur.reponse(contenu, f"droit-acces-{p.pk}.zip")


@require_http_methods(["GET"])
@require("psychosocial.psy")
def personne_export_scelle(request, pk):
    """The psychologist's part of a right-of-access request (sealed: nobody else may produce it)."""
    p = get_object_for_user(Personne.objects.all(), request.user, pk=pk)
    contenu = services.export_personne_scelle(p, by=request.user)
    log_access(request, JournalAcces.Action.EXPORT, p)
    return tableur.reponse(contenu, f"droit-acces-{p.pk}-psychologue.zip")


@require_http_methods(["GET", "POST"])
@require("donnees", "change")
def personne_anonymiser(request, pk):
    p = get_object_for_user(Personne.objects.all(), request.user, section="donnees", pk=pk)
    form = AnonymisationForm(data=request.POST or None, numero_dossier=p.numero_dossier)
    if p.anonymise_le:
        messages.info(request, _("This person has already been anonymised."))
        return redirect("donnees:personne", pk=p.pk)
    return edit(
        request, form, obj=p,
        save=lambda data: services.personne_anonymiser(personne=p, by=request.user),
        success=_("The person has been anonymised."), redirect_to=reverse("donnees:personne", args=[p.pk]),
        template="donnees/anonymiser.html", context={"personne": p},
    )  # fmt: skip


@require_http_methods(["GET"])
@require("donnees")
@logs_access(model=Personne)
def retention(request):
    form = RetentionForm(data=request.GET or None)
    annees = (form.cleaned_data.get("annees") if form.is_valid() else None) or 10
    page = Paginator(services.dossiers_a_revoir(annees), 50).get_page(request.GET.get("page"))
    return render(request, "donnees/retention.html", {"form": form, "page": page, "annees": annees})


# --- CTDC file ---------------------------------------------------------------------------------


def _ctdc(request, form):
    """The anonymised CTDC lines of the persons in the data-protection scope, for a valid form."""
    debut, fin, k = (form.cleaned_data[c] for c in ("annee_debut", "annee_fin", "k"))
    return ctdc.anonymiser(ctdc.lignes(personnes_donnees(request.user), debut, fin), k)


@require_http_methods(["GET"])
@require("donnees")
def ctdc_page(request):
    """Choose the years and k; the preview tells how many lines are kept, generalised, suppressed."""
    form = CTDCForm(data=request.GET if "annee_debut" in request.GET else None, initial={"k": ctdc.K_DEFAUT})
    resultat = _ctdc(request, form) if form.is_valid() else None
    if resultat is not None:
        log_access(request, JournalAcces.Action.CONSULTATION, model=Personne)
    return render(request, "donnees/ctdc.html", {"form": form, "resultat": resultat})


@require_http_methods(["GET"])
@require("donnees")
def ctdc_export(request, debut, fin, k):
    """The CTDC file itself: CSV in CTDC's own format (comma, UTF-8), an export in the access log."""
    form = CTDCForm(data={"annee_debut": debut, "annee_fin": fin, "k": k})
    if not form.is_valid():
        raise Http404
    contenu = tableur.csv_bytes(ctdc.fichier(_ctdc(request, form)), dialecte="machine")
    log_access(request, JournalAcces.Action.EXPORT, model=Personne)
    return tableur.reponse(contenu, f"ctdc-{debut}-{fin}-k{k}.csv")


# --- HTCDS case record -------------------------------------------------------------------------


@require_http_methods(["GET"])
@require("donnees.htcds")
def htcds_personne(request, pk):
    """The person's case record in HTCDS 2.0 (?format=json|csv), only with a valid consent to transfer
    (?consentement=<pk>, else the latest valid one); logged as an export, named by the file number.

    Not behind the "donnees" section: the person is reached through their own scope (`visible_to`)."""
    p = get_object_for_user(htcds.personnes(), request.user, pk=pk)
    format_ = request.GET.get("format") or "json"
    if format_ not in htcds.FORMATS:
        raise Http404
    consentement = htcds.consentement_valide(p, request.GET.get("consentement"))
    if consentement is None:
        messages.error(
            request,
            _("No valid consent to transfer is recorded for this person: the HTCDS case record cannot be exported."),
        )
        return redirect(p)
    contenu = htcds.fichier(htcds.dossier(p, consentement), format_)
    log_access(request, JournalAcces.Action.EXPORT, p)
    return tableur.reponse(contenu, htcds.nom_fichier(p, format_))
