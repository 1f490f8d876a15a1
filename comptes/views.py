from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import suppression
from .audit import log_access_many, logs_access
from .edition import edit
from .filters import JournalAccesFilter, TentativeConnexionFilter
from .forms import DeplacementForm, RestaurationForm, SuppressionForm
from .home import account_panel, app_panels, recent_records
from .models import Correction, JournalAcces, TentativeConnexion
from .permissions import Role, require, user_roles
from .registres import SEARCH_SECTIONS

RECHERCHE_LIMITE = 10  # results shown per kind; the kind's list, filtered by the same words, shows them all


@require_GET
def accueil(request):
    context = {
        "panels": app_panels(request),
        "recent": recent_records(request.user),
        "account": account_panel(request.user),
        "roles": [Role(r).label for r in sorted(user_roles(request.user)) if r in Role.values],
    }
    return render(request, "comptes/accueil.html", context)


@require_GET
def recherche(request):
    """One box for persons, reports, cases and proceedings. Each app answers for its records, scoped to
    what the user may see; every record shown is written to the access log (and nothing else)."""
    terme = request.GET.get("q", "").strip()[:100]
    sections = []
    if len(terme) >= 2:
        for resultats in SEARCH_SECTIONS:
            sections += resultats(request.user, terme, RECHERCHE_LIMITE)
        for section in sections:
            section["plus"] = len(section["objets"]) > RECHERCHE_LIMITE
            section["objets"] = section["objets"][:RECHERCHE_LIMITE]
        log_access_many(request, JournalAcces.Action.LISTE, [obj for s in sections for obj in s["objets"]])
    return render(request, "comptes/recherche.html", {"terme": terme, "sections": sections})


@require_GET
@require("audit")
def journal_acces(request):
    queryset = JournalAcces.objects.select_related("utilisateur", "content_type").order_by("-horodatage", "-pk")
    filtre = JournalAccesFilter(request.GET, queryset=queryset)
    page = Paginator(filtre.qs, 50).get_page(request.GET.get("page"))
    return render(request, "comptes/journal_acces.html", {"filtre": filtre, "page": page})


@require_GET
@require("audit")
def tentatives_connexion(request):
    filtre = TentativeConnexionFilter(request.GET, queryset=TentativeConnexion.objects.order_by("-horodatage", "-pk"))
    page = Paginator(filtre.qs, 50).get_page(request.GET.get("page"))
    context = {
        "filtre": filtre,
        "page": page,
        "echecs_par_adresse": settings.CONNEXION_ECHECS_PAR_ADRESSE,
        "fenetre_minutes": settings.CONNEXION_FENETRE_MINUTES,
    }
    return render(request, "comptes/tentatives_connexion.html", context)


@require_GET
def sante(request):
    """Health check for docker-compose and the load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def favicon(request):
    # Resolved per request: with the manifest storage the hashed name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


# --- Deleting, moving, restoring a record (comptes.suppression) ---------------------------------


def _element(request, label: str, pk: int):
    """The record named by the URL: 403 unless the user changes such records, 404 out of scope."""
    model = suppression.modele(label)
    if not suppression.modifie_quelque_chose(request.user, model):
        raise PermissionDenied
    obj = suppression.element_pour(request.user, model, pk)
    if not suppression.peut_modifier(request.user, obj):
        raise PermissionDenied
    return obj


@require_http_methods(["GET", "POST"])
def element_supprimer(request, label, pk):
    obj = _element(request, label, pk)
    retour = suppression.destination(obj)
    form = SuppressionForm(data=request.POST or None)
    return edit(
        request, form, obj=obj,
        save=lambda data: suppression.element_supprimer(obj=obj, motif=data["motif"], by=request.user) and None,
        success=_("Deleted. Management can restore it for 30 days."), redirect_to=retour,
        template="comptes/element_confirmer.html",
        context={"element": obj, "titre": _("Delete this record"), "retour": retour, "suppression": True},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def element_deplacer(request, label, pk):
    obj = _element(request, label, pk)
    champ = suppression.champ_personne(type(obj))
    if champ is None:
        raise Http404
    retour = suppression.destination(obj)
    form = DeplacementForm(data=request.POST or None)

    def save(data):
        personnes = champ.related_model.objects.visible_to(request.user)
        personne = personnes.filter(numero_dossier=data["numero_dossier"].strip()).first()
        if personne is None:
            raise ValidationError({"numero_dossier": _("No person you may see has this file number.")})
        return suppression.element_deplacer(obj=obj, personne=personne, motif=data["motif"], by=request.user)

    return edit(
        request, form, obj=obj, save=save,
        success=_("Moved to the right person."), redirect_to=suppression.destination,
        template="comptes/element_confirmer.html",
        context={"element": obj, "titre": _("Move this record to another person"), "retour": retour},
    )  # fmt: skip


@require_GET
@logs_access(model=Correction)
def elements_supprimes(request):
    """Deleted records the user may see (of one person with ?personne=), to restore within 30 days."""
    personne = request.GET.get("personne")
    personne = int(personne) if personne and personne.isdigit() and len(personne) < 12 else None
    page = Paginator(suppression.suppressions_visibles(request.user, personne), 50).get_page(request.GET.get("page"))
    for correction in page:
        correction.restaurable = suppression.restaurable(correction) and suppression.peut_restaurer(
            request.user, correction
        )
    return render(request, "comptes/elements_supprimes.html", {"page": page, "personne": personne})


@require_http_methods(["GET", "POST"])
def element_restaurer(request, pk):
    if not suppression.restaure_quelque_chose(request.user):
        raise PermissionDenied
    correction = get_object_or_404(suppression.suppressions_visibles(request.user), pk=pk)
    if not suppression.peut_restaurer(request.user, correction):
        raise PermissionDenied
    restaurable = suppression.restaurable(correction)
    form = RestaurationForm(data=request.POST if request.method == "POST" and restaurable else None)
    return edit(
        request, form, obj=correction,
        save=lambda data: suppression.element_restaurer(correction=correction, by=request.user),
        success=_("Restored."), redirect_to=suppression.destination,
        template="comptes/element_restaurer.html",
        context={"correction": correction, "restaurable": restaurable},
    )  # fmt: skip
