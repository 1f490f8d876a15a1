"""The global search's reports (registered in `SignalementsConfig.ready()`)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Signalement


def resultats(user, terme: str, limite: int) -> list[dict]:
    signalements = Signalement.objects.visible_to(user).recherche(terme, limite=100)
    if signalements.query.is_empty():
        return []
    return [
        {
            "titre": _("Reports"),
            # Open and decided alike: the search is for a report whatever its state.
            "objets": list(signalements.order_by("-date_reception", "-pk")[: limite + 1]),
            "tout": reverse("signalements:liste") + "?" + urlencode({"q": terme, "statut": ""}),
        }
    ]
