"""The global search's proceedings (registered in `JuridiqueConfig.ready()`)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Procedure


def resultats(user, terme: str, limite: int) -> list[dict]:
    procedures = Procedure.objects.visible_to(user).recherche(terme)
    if procedures.query.is_empty():
        return []
    objets = procedures.select_related("affaire").order_by("-date_ouverture", "-pk")[: limite + 1]
    tout = reverse("juridique:procedures") + "?" + urlencode({"q": terme})
    return [{"titre": _("Proceedings"), "objets": list(objets), "tout": tout}]
