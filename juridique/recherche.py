"""The global search's proceedings (registered in `JuridiqueConfig.ready()`)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from accompagnement.recherche import premiers

from .models import Procedure


def resultats(user, terme: str, limite: int) -> list[dict]:
    procedures = Procedure.objects.visible_to(user).recherche(terme)
    if procedures.query.is_empty():
        return []
    objets = premiers(
        procedures, ["-date_ouverture", "-pk"], limite, charger=Procedure.objects.select_related("affaire")
    )
    tout = reverse("juridique:procedures") + "?" + urlencode({"q": terme})
    return [{"titre": _("Proceedings"), "objets": objets, "tout": tout}]
