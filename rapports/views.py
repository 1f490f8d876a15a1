from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Min
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from comptes import tableur
from comptes.audit import log_access
from comptes.contexte import Contexte
from comptes.edition import edit
from comptes.models import Correction, JournalAcces
from comptes.permissions import can, get_object_for_user, require

from . import enquete, exports, populations, presentation, qualite, registre, revisions, services
from .calcul import calculer, calculer_en_cache, oublier, qualite_en_cache
from .forms import ClotureForm, GenerationForm, SaisiesForm
from .graphiques import ATTRIBUTION_CARTE
from .models import ExerciceCloture, GenerationPDF, SaisieAnnuelle

PREMIERE_ANNEE = 1994  # founding of the CCEM


def _verifier_annee(annee: int) -> int:
    if not PREMIERE_ANNEE <= annee <= timezone.localdate().year + 1:
        raise Http404
    return annee


def annees_disponibles() -> list[int]:
    """From the first year with records (at least the last three years) to the current one, newest first."""
    Accompagnement = apps.get_model("accompagnement.Accompagnement")
    courante = timezone.localdate().year
    premiere = Accompagnement.objects.aggregate(d=Min("date_debut"))["d"]
    saisie = SaisieAnnuelle.objects.aggregate(a=Min("annee"))["a"]
    debut = min(courante - 2, premiere.year if premiere else courante, saisie or courante)
    return list(range(courante, max(PREMIERE_ANNEE, debut) - 1, -1))


def url_sure(obj) -> str:
    """The record's page, or "" for a record without a page of its own."""
    return obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""


@require_GET
@require("rapports")
def index(request):
    generations = GenerationPDF.objects.visible_to(request.user).select_related("demande_par")[:10]
    return render(
        request,
        "rapports/index.html",
        {
            "annees": annees_disponibles(),
            "generations": generations,
            "peut_saisir": can(request.user, "rapports.saisies", "change"),
        },
    )


@require_GET
@require("rapports")
def annee(request, annee):
    _verifier_annee(annee)
    if "actualiser" in request.GET:
        oublier(annee)  # the data-quality counts too: computed again on their page
    rapport = calculer_en_cache(annee, actualiser="actualiser" in request.GET)
    # An open year's data-quality counts, when its data-quality page has counted them; else a link to it.
    comptes_qualite = rapport.qualite or qualite_en_cache(annee, calculer=False)[0] or {}
    contexte = {
        "annee": annee,
        "rapport": rapport,
        "parties": presentation.parties_avec_graphiques(rapport),
        "evolutions": rapport.evolutions(),
        "qualite": qualite.panneau(comptes_qualite, rapport.qualite_courante),
        "form_pdf": GenerationForm(),
        "formats": list(exports.FORMATS),
        "peut_saisir": can(request.user, "rapports.saisies", "change"),
        "peut_cloturer": can(request.user, "rapports.cloture", "change"),
        "versions": versions_publiees(request, annee),
        "attribution_carte": ATTRIBUTION_CARTE,
        "avec_detail": _avec_detail(request.user),
    }
    log_access(request, JournalAcces.Action.CONSULTATION)
    return render(request, "rapports/annee.html", contexte)


def _avec_detail(user) -> set[str]:
    """Keys whose figure links to its records for this user."""
    return {
        i.cle
        for i in registre.INDICATEURS
        if (i.population_code in populations.POPULATIONS or registre.detail(i))
        and not i.manuel
        and _detail_permis(user, i)
    }


def versions_publiees(request, annee: int) -> list[ExerciceCloture]:
    """The published versions of a year, newest first, with their PDFs of record (three queries)."""
    return list(
        ExerciceCloture.objects.visible_to(request.user)
        .filter(annee=annee)
        .select_related("cloture_par")
        .prefetch_related("generations")
    )


@require_http_methods(["GET", "POST"])
@require("rapports.cloture", "change")
def cloturer(request, annee):
    """Close a year (publish its figures), or publish a revision of a closed year: a confirmation page."""
    _verifier_annee(annee)
    versions = versions_publiees(request, annee)
    form = ClotureForm(data=request.POST or None, revision=bool(versions))
    if request.method == "POST" and form.is_valid():
        try:
            exercice = services.exercice_cloturer(
                annee=annee, by=request.user, revision=bool(versions), motif=form.cleaned_data.get("motif", "")
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            log_access(request, JournalAcces.Action.MODIFICATION, exercice)
            messages.success(
                request,
                _("%(annee)s is closed: version %(version)s is published.")
                % {"annee": annee, "version": exercice.version},
            )
            return redirect("rapports:annee", annee=annee)
    return render(request, "rapports/cloturer.html", {"annee": annee, "form": form, "versions": versions})


@require_GET
@require("rapports")
def revisions_annee(request, annee):
    """What changed in a closed year since its latest published version: the revised figures (one
    with ?cle=), and the corrections and edits of the year's records since, scoped and access-logged."""
    _verifier_annee(annee)
    close = ExerciceCloture.objects.visible_to(request.user).filter(annee=annee).exists()
    rapport = calculer_en_cache(annee) if close else None  # an open year has nothing to compare
    if rapport is not None and rapport.publication is None:  # cached before the closing
        rapport = calculer_en_cache(annee, actualiser=True)
    ligne = rapport.lignes.get(request.GET.get("cle", "")) if rapport else None
    depuis = rapport.publication.cloture_le if rapport else None
    changements = revisions.changements(request.user, annee, depuis) if depuis else []
    log_access(request, JournalAcces.Action.LISTE, model=Correction)
    return render(
        request,
        "rapports/revisions.html",
        {
            "annee": annee,
            "rapport": rapport,
            "ligne": ligne,
            "peut_cloturer": can(request.user, "rapports.cloture", "change"),
            "avec_detail": _avec_detail(request.user),
            "corrections": revisions.corrections(request.user, annee, depuis) if depuis else [],
            "changements": Paginator(changements, 100).get_page(request.GET.get("page")),
            "repartitions": _repartitions_revisees(rapport) if rapport else [],
            "qualite": _qualite_revisee(rapport) if rapport else [],
        },
    )


def _qualite_revisee(rapport) -> list[dict]:
    """The data-quality blocks with a revised count."""
    blocs = qualite.panneau(rapport.qualite, rapport.qualite_courante)
    return [b for b in blocs if b["population"] in rapport.qualite_courante]


def _repartitions_revisees(rapport) -> list[dict]:
    """[{cle, libelle, lignes}] for the breakdowns with a revised line."""
    par_cle = {cle: rep for rep in registre.REPARTITIONS for cle in registre.fonctions_repartition(rep) or [rep.cle]}
    return [
        {
            "cle": cle,
            "repartition": par_cle[cle],
            "titre": presentation.titre_repartition(par_cle[cle], cle),
            "lignes": presentation.lignes_revisees(par_cle[cle], rapport.repartitions.get(cle, {}), courants),
        }
        for cle, courants in rapport.repartitions_courantes.items()
        if cle in par_cle
    ]


# Extra columns of the drill-down lists, read from the row itself (no query per row).
COLONNES = {
    "accompagnement.personne": [
        (gettext_lazy("Sex"), lambda p: p.get_sexe_display()),
        (gettext_lazy("Nationality"), lambda p: p.nationalite.name if p.nationalite else ""),
        (gettext_lazy("Year of birth"), lambda p: p.annee_naissance),
    ],
}


def _liste(request, queryset, titre: str, sous_titre: str, annee: int, retour: str):
    model = queryset.model
    scoped = model.objects.visible_to(request.user).filter(pk__in=queryset.values("pk"))
    ordre = [*(model._meta.ordering or []), "pk"]
    page = Paginator(scoped.order_by(*ordre), 50).get_page(request.GET.get("page"))
    colonnes = COLONNES.get(model._meta.label_lower, [])
    lignes = [
        {"objet": obj, "url": url_sure(obj), "valeurs": [fn(obj) or "—" for _titre, fn in colonnes]} for obj in page
    ]
    log_access(request, JournalAcces.Action.LISTE, model=model)
    return render(
        request,
        "rapports/detail.html",
        {
            "titre": titre,
            "sous_titre": sous_titre,
            "annee": annee,
            "page": page,
            "lignes": lignes,
            "modele": model._meta.verbose_name_plural,
            "colonnes": [titre for titre, _fn in colonnes],
            "retour": retour,
        },
    )


# Groups whose drill-down would name persons followed by the psychologist (health data).
DETAIL_SCELLE = {"3.6": "psychosocial.psy.existence"}


def _detail_permis(user, ind) -> bool:
    section = DETAIL_SCELLE.get(ind.groupe)
    return section is None or can(user, section)


@require_GET
@require("rapports")
def detail(request, annee, cle):
    """Drill-down: the records a figure is computed over, as far as the viewer may see them."""
    _verifier_annee(annee)
    ind = registre.PAR_CLE.get(cle)
    if ind is None or ind.manuel or not _detail_permis(request.user, ind):
        raise Http404
    retour = reverse("rapports:annee", args=[annee]) + f"#{ind.cle}"
    ctx = Contexte(annee)
    exactes = populations.lignes_exactes(ind, ctx, request.user)
    if exactes is not None:
        return _liste_exacte(request, ind, ctx, exactes, retour)
    titre, queryset = populations.population_de(ind, ctx)
    if queryset is None:
        raise Http404
    return _liste(request, queryset, ind.libelle, titre, annee, retour)


def _liste_exacte(request, ind, ctx, queryset, retour: str):
    """The records a figure counts, one row per counted unit with what it adds to the figure."""
    valeurs = [populations.valeur_de(v) for v in queryset.values_list("valeur", flat=True)]
    deux_listes = populations.deux_listes(ind)  # a UNION, which takes no filter: the page shows both
    if request.GET.get("numerateur") and ind.unite == registre.Unite.POURCENT and not deux_listes:
        queryset = queryset.filter(valeur=1)  # a rate's numerator: the rows it counts
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    lignes = [{"objet": obj, "url": url_sure(obj), "valeur": populations.valeur_de(obj.valeur)} for obj in page]
    log_access(request, JournalAcces.Action.LISTE, model=queryset.model)
    return render(
        request,
        "rapports/detail_exact.html",
        {
            "titre": ind.libelle,
            "annee": ctx.annee,
            "cle": ind.cle,
            "page": page,
            "lignes": lignes,
            "total": populations.recalcul(ind, valeurs),
            "lignes_total": len(valeurs),
            "taux": ind.unite == registre.Unite.POURCENT and not deux_listes,
            "deux_listes": deux_listes,
            "totaux_listes": populations.totaux_listes(valeurs) if deux_listes else None,
            "comptage": ind.unite in (registre.Unite.NOMBRE, registre.Unite.NUITEES),
            "unite": ind.unite_libelle,
            "figure": calculer_en_cache(ctx.annee).lignes[ind.cle].valeur,
            "modele": queryset.model._meta.verbose_name_plural,
            "formats": ["csv", "xlsx"],
            "retour": retour,
        },
    )


@require_GET
@require("rapports")
def detail_export(request, annee, cle, format):
    """The exact drill-down as a spreadsheet, with the page's scope (sealed groups included)."""
    _verifier_annee(annee)
    ind = registre.PAR_CLE.get(cle)
    if ind is None or ind.manuel or format not in ("csv", "xlsx") or not _detail_permis(request.user, ind):
        raise Http404
    if registre.detail(ind) is None:
        raise Http404
    entetes, lignes = populations.tableau(ind, Contexte(annee), request.user)
    log_access(request, JournalAcces.Action.EXPORT)
    return tableur.reponse(
        exports.ecrire_tableau(entetes, lignes, format), exports.nom_fichier_detail(annee, cle, format)
    )


@require_GET
@require("rapports")
def qualite_annee(request, annee):
    """The data-quality panel of a year, on its own page: an open year's counts read every record of
    every year (the coherence rules), so the report page does not wait for them. A closed year
    prints its published counts, with today's beside them where they differ."""
    _verifier_annee(annee)
    erreur = ""
    if ExerciceCloture.objects.visible_to(request.user).filter(annee=annee).exists():
        rapport = calculer_en_cache(annee)
        comptes, courants = rapport.qualite, rapport.qualite_courante
    else:
        (comptes, erreur), courants = qualite_en_cache(annee), {}
    log_access(request, JournalAcces.Action.CONSULTATION)
    return render(
        request,
        "rapports/qualite.html",
        {"annee": annee, "qualite": qualite.panneau(comptes or {}, courants), "erreur": erreur},
    )


@require_GET
@require("rapports")
def qualite_detail(request, annee, population, controle):
    """Records whose value is unknown for one data-quality check, to fix them."""
    _verifier_annee(annee)
    if population not in qualite.POPULATIONS_CONTROLEES or controle not in qualite.PAR_CODE:
        raise Http404
    if population not in qualite.PAR_CODE[controle].populations:
        raise Http404
    queryset = qualite.enregistrements(Contexte(annee), population, controle)
    fr, en, _label, _fn = populations.POPULATIONS[population]
    retour = reverse("rapports:qualite_annee", args=[annee])
    return _liste(request, queryset, qualite.PAR_CODE[controle].libelle, registre.choisir(fr, en), annee, retour)


@require_http_methods(["GET", "POST"])
@require("rapports.saisies", "change")
def saisies(request, annee):
    """The yearly manual inputs (communication, volunteers, finances), edited by Direction."""
    _verifier_annee(annee)
    existantes = {s.cle: s for s in SaisieAnnuelle.objects.visible_to(request.user).filter(annee=annee)}
    form = SaisiesForm(
        data=request.POST or None, saisies=existantes, initial={"empreinte": services.empreinte_saisies(annee)}
    )
    return edit(
        request, form,
        save=lambda data: services.saisies_enregistrer(
            annee=annee, valeurs=form.valeurs(), empreinte=data["empreinte"] or None, by=request.user
        ),
        success=lambda n: _("Yearly inputs saved (%(count)s changed).") % {"count": n},
        redirect_to=reverse("rapports:annee", args=[annee]) + "#moyens",
        template="rapports/saisies.html", context={"annee": annee},
    )  # fmt: skip


@require_GET
@require("rapports")
def exporter(request, annee, format):
    _verifier_annee(annee)
    if format not in exports.FORMATS:
        raise Http404
    contenu = exports.exporter(calculer(annee, serie=False), format)
    response = HttpResponse(contenu, content_type=exports.FORMATS[format][0])
    response["Content-Disposition"] = f'attachment; filename="{exports.nom_fichier(annee, format)}"'
    log_access(request, JournalAcces.Action.EXPORT)
    return response


@require_POST
@require("rapports")
def pdf_demander(request, annee):
    _verifier_annee(annee)
    form = GenerationForm(data=request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the PDF options: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("rapports:annee", annee=annee)
    generation = services.generation_demander(annee=annee, by=request.user, **form.cleaned_data)
    return redirect(generation)


@require_GET
@require("rapports")
def pdf_statut(request, pk):
    generation = get_object_for_user(GenerationPDF.objects.with_detail_data(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, generation)
    return render(request, "rapports/pdf_statut.html", {"generation": generation})


@require_GET
@require("rapports")
def pdf_etat(request, pk):
    """Small JSON read by rapports/pdf.js while the worker renders the PDF."""
    generation = get_object_for_user(GenerationPDF.objects.with_detail_data(), request.user, pk=pk)
    return JsonResponse(
        {
            "statut": generation.statut,
            "statut_libelle": generation.get_statut_display(),
            "progression": generation.progression,
            "erreur": generation.erreur,
            "termine": generation.terminee,
            "fichier": reverse("rapports:pdf_telecharger", args=[generation.pk]) if generation.fichier else None,
        }
    )


@require_GET
@require("rapports")
def pdf_telecharger(request, pk):
    generation = get_object_for_user(GenerationPDF.objects.with_detail_data(), request.user, pk=pk)
    if generation.statut != GenerationPDF.Statut.TERMINEE or not generation.fichier:
        messages.info(request, _("This PDF is not ready: see its status below."))
        return redirect(generation)
    log_access(request, JournalAcces.Action.IMPRESSION, generation)
    return FileResponse(generation.fichier.open("rb"), as_attachment=True, filename=generation.nom_fichier())


@require_POST
@require("rapports")
def pdf_relancer(request, pk):
    generation = get_object_for_user(GenerationPDF.objects.with_detail_data(), request.user, pk=pk)
    if not generation.relancable:
        messages.info(request, _("Only a failed generation can be retried."))
        return redirect(generation)
    services.generation_relancer(generation=generation, by=request.user)
    messages.success(request, _("The PDF is being generated again."))
    return redirect(generation)


@require_GET
@require("rapports")
def catalogue(request):
    """The definition of every figure: the text of docs/indicateurs.md, labels in the reader's
    language (the rules are the functions' docstrings, in English)."""
    from . import catalogue as cat

    return render(
        request, "rapports/catalogue.html", {"groupes": cat.indicateurs(), "repartitions": cat.repartitions()}
    )


VICTIMES = "rapports.enquete.victimes"  # the rule of the survey's per-victim file


@require_GET
@require("rapports")
def enquete_page(request, annee):
    """The national survey's core part as tables, with the downloads of both parts."""
    _verifier_annee(annee)
    log_access(request, JournalAcces.Action.CONSULTATION)
    return render(
        request,
        "rapports/enquete.html",
        {
            "annee": annee,
            "tables": enquete.socle(annee),
            "ages": enquete.AGES,
            "sexes": enquete.SEXES,
            "parties": [p for p in enquete.PARTIES if p != "victimes" or can(request.user, VICTIMES)],
            "formats": enquete.FORMATS,
        },
    )


@require_GET
@require("rapports")
def enquete_export(request, annee, partie, format):
    """A part of the national survey as a file, access-logged as an export (of persons' data for the
    per-victim part)."""
    _verifier_annee(annee)
    if partie not in enquete.PARTIES or format not in enquete.FORMATS:
        raise Http404
    if partie == "victimes" and not can(request.user, VICTIMES):
        raise PermissionDenied
    contenu = enquete.fichier(annee, partie, format)
    log_access(request, JournalAcces.Action.EXPORT, model=apps.get_model("accompagnement.Personne"))
    return tableur.reponse(contenu, enquete.nom_fichier(annee, partie, format))
