from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from .filters import JournalAccesFilter, TentativeConnexionFilter
from .home import account_panel, app_panels, recent_records
from .models import JournalAcces, TentativeConnexion
from .permissions import require, user_roles


@require_GET
def accueil(request):
    context = {
        "panels": app_panels(request),
        "recent": recent_records(request.user),
        "account": account_panel(request.user),
        "roles": sorted(user_roles(request.user)),
    }
    return render(request, "comptes/accueil.html", context)


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
