from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import can

# (label, URL name of the unit's entry page, permission section). A unit appears in the
# navigation once its app defines the URL and the user's role may view it.
UNITS = [
    (_("Reception"), "signalements:liste", "signalements"),
    (_("Active caseload"), "accompagnement:liste", "accompagnement"),
    (_("Psycho-social"), "psychosocial:index", "psychosocial"),
    (_("Legal"), "juridique:index", "juridique"),
    (_("Awareness"), "sensibilisation:liste", "sensibilisation"),
    (_("Reports"), "rapports:index", "rapports"),
    (_("Data"), "donnees:accueil", "donnees"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = []
    current = request.path
    for label, url_name, section in UNITS:
        if not can(user, section):
            continue
        url = reverse(url_name)
        prefix = url.rsplit("/", 2)[0] + "/" if url.count("/") > 2 else url
        items.append({"label": label, "url": url, "active": current.startswith(prefix)})
    return {
        "nav_units": items,
        "nav_can_audit": can(user, "audit"),
        "nav_can_admin": user.is_staff,
    }
