from itertools import groupby

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_countries import countries

from ccem.referentiels import DEPARTEMENTS
from comptes import tableur
from comptes.audit import log_access, logs_access
from comptes.contexte import Contexte
from comptes.edition import edit, without_version
from comptes.forms import lire_parametres
from comptes.models import JournalAcces
from comptes.permissions import can, get_object_for_user, require

from . import enums, indicateurs, services
from .exports import interventions_xlsx
from .filters import EvenementFilter, InterventionFilter
from .forms import AnneeBilanForm, EvenementForm, InterventionForm, materiel_formset
from .models import CATEGORIES, PARIS, Evenement, Intervention

PAR_PAGE = 25


@require_GET
@require("sensibilisation")
@logs_access(model=Intervention)
def liste(request):
    interventions = Intervention.objects.visible_to(request.user).pour_liste().order_by("-date", "pk")
    filtre = InterventionFilter(request.GET, queryset=interventions)
    page = Paginator(filtre.qs, PAR_PAGE).get_page(request.GET.get("page"))
    return render(request, "sensibilisation/liste.html", {"filtre": filtre, "page": page})


@require_GET
@require("sensibilisation")
@logs_access(JournalAcces.Action.EXPORT, model=Intervention)
def export(request):
    """The filtered list as a spreadsheet (same filters and scope as the list)."""
    filtre = InterventionFilter(request.GET, queryset=Intervention.objects.visible_to(request.user).pour_liste())
    nom = f"interventions-{timezone.localdate():%Y-%m-%d}.xlsx"
    return tableur.reponse(interventions_xlsx(filtre.qs.order_by("-date", "pk")), nom)


@require_GET
@require("sensibilisation")
def detail(request, pk):
    intervention = get_object_for_user(Intervention.objects.with_detail_data(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, intervention)
    context = {
        "intervention": intervention,
        "voit_temoins": can(request.user, "accompagnement"),
        "peut_modifier": can(request.user, "sensibilisation", "change"),
    }
    return render(request, "sensibilisation/detail.html", context)


def _formulaire(request, intervention=None):
    data = request.POST if request.method == "POST" else None
    form = InterventionForm(data=data, instance=intervention, user=request.user)
    materiels = materiel_formset(intervention, data=data)
    return form, materiels


@require_http_methods(["GET", "POST"])
@require("sensibilisation", "change")
def creer(request):
    form, materiels = _formulaire(request)
    return edit(
        request, form, formsets=[materiels],
        save=lambda data: services.intervention_creer(
            donnees=without_version(data), materiels=materiels.lignes(), by=request.user
        ),
        success=_("Intervention recorded."), redirect_to=lambda intervention: intervention,
        template="sensibilisation/formulaire.html", context={"materiels": materiels},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("sensibilisation", "change")
def modifier(request, pk):
    intervention = get_object_for_user(Intervention.objects.all(), request.user, pk=pk)
    form, materiels = _formulaire(request, intervention)
    return edit(
        request, form, formsets=[materiels], obj=intervention,
        save=lambda data: services.intervention_modifier(
            intervention=intervention, donnees=without_version(data), version_attendue=data["version_attendue"],
            materiels=materiels.lignes(), by=request.user,
        ),
        success=_("Intervention saved."), redirect_to=intervention,
        template="sensibilisation/formulaire.html", context={"materiels": materiels, "intervention": intervention},
    )  # fmt: skip


@require_GET
@require("sensibilisation")
@logs_access(model=Intervention)
def planning(request):
    """Planned sessions from today on, by month; planned sessions already past are flagged to update."""
    aujourd_hui = timezone.localdate()
    visibles = Intervention.objects.visible_to(request.user)
    a_venir = list(visibles.a_venir(aujourd_hui).pour_liste().order_by("date", "pk")[:200])
    en_retard = list(
        visibles.filter(statut=enums.Statut.PREVUE, date__lt=aujourd_hui).pour_liste().order_by("date", "pk")[:50]
    )
    mois = [(debut, list(rows)) for debut, rows in groupby(a_venir, key=lambda i: i.date.replace(day=1))]
    return render(request, "sensibilisation/planning.html", {"mois": mois, "en_retard": en_retard})


def _annee_demandee(request) -> int:
    return lire_parametres(request, AnneeBilanForm)["annee"]


@require_GET
@require("sensibilisation")
@logs_access(model=Intervention)
def bilan(request):
    """Yearly summary: the report's section 5 figures, computed by the indicator functions."""
    annee = _annee_demandee(request)
    ctx = Contexte(annee)
    participants = indicateurs.participants(ctx)
    repartition = indicateurs.repartition_b30(ctx)
    categories = [
        {
            "label": c.label,
            "nombre": repartition[c.code],
            "part": round(repartition[c.code] * 100 / participants) if participants else None,
            "professionnel": c.professionnel,
        }
        for c in CATEGORIES
    ]
    lieux = indicateurs.repartition_b31(ctx)
    departements = sorted(
        ((code, DEPARTEMENTS.get(code, code), n) for code, n in lieux.items() if code not in ("etranger", "inconnu")),
        key=lambda row: (-row[2], row[0]),
    )
    evenements = Evenement.objects.visible_to(request.user).filter(date__year=annee).order_by("date", "pk")
    context = {
        "annee": annee,
        "annees": range(timezone.localdate().year + 1, 2014, -1),
        "chiffres": {
            "interventions": indicateurs.interventions(ctx),
            "participants": participants,
            "participants_evol": indicateurs.participants_evol(ctx),
            "participants_professionnels": indicateurs.participants_professionnels(ctx),
            "part_professionnels": indicateurs.part_professionnels(ctx),
            "agents_services_enquete": indicateurs.agents_services_enquete(ctx),
            "departements_interventions": indicateurs.departements_interventions(ctx),
            "interventions_etranger": indicateurs.interventions_etranger(ctx),
            "part_interventions_paris": indicateurs.part_interventions_paris(ctx),
        },
        "categories": categories,
        "departements": departements,
        "pays": sorted((countries.name(code), n) for code, n in indicateurs.pays_etranger(ctx).items()),
        "sans_lieu": lieux["inconnu"],
        "evenements": evenements,
        "paris": PARIS,
    }
    return render(request, "sensibilisation/bilan.html", context)


# --- The CCEM's own events ---------------------------------------------------------------------


@require_GET
@require("sensibilisation")
@logs_access(model=Evenement)
def evenements(request):
    filtre = EvenementFilter(request.GET, queryset=Evenement.objects.visible_to(request.user))
    page = Paginator(filtre.qs.order_by("-date", "pk"), PAR_PAGE).get_page(request.GET.get("page"))
    return render(request, "sensibilisation/evenements.html", {"filtre": filtre, "page": page})


@require_http_methods(["GET", "POST"])
@require("sensibilisation", "change")
def evenement_creer(request):
    form = EvenementForm(data=request.POST or None)
    return edit(
        request, form,
        save=lambda data: services.evenement_creer(donnees=without_version(data), by=request.user),
        success=_("Event recorded."), redirect_to="sensibilisation:evenements",
        template="sensibilisation/evenement_formulaire.html",
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
@require("sensibilisation", "change")
def evenement_modifier(request, pk):
    evenement = get_object_for_user(Evenement.objects.all(), request.user, pk=pk)
    form = EvenementForm(data=request.POST or None, instance=evenement)
    return edit(
        request, form, obj=evenement,
        save=lambda data: services.evenement_modifier(
            evenement=evenement, donnees=without_version(data), version_attendue=data["version_attendue"],
            by=request.user,
        ),
        success=_("Event saved."), redirect_to="sensibilisation:evenements",
        template="sensibilisation/evenement_formulaire.html", context={"evenement": evenement},
    )  # fmt: skip
