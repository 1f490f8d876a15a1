"""Home-page panel: the reports waiting at each step."""

from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from comptes.permissions import can

from . import enums
from .models import Signalement


def panels(request) -> list[dict]:
    user = request.user
    if not can(user, "signalements"):
        return []
    ouverts = Signalement.objects.visible_to(user).ouverts()
    compte = dict(ouverts.values_list("etape").annotate(n=Count("pk")).order_by())
    liste = reverse("signalements:liste")
    items = [
        {
            "label": label,
            "url": f"{liste}?{urlencode({'statut': 'ouverts', 'etape': code})}",
            "meta": str(compte.get(code, 0)),
        }
        for code, label in enums.Etape.choices
        if compte.get(code)
    ]
    mes = ouverts.filter(charge_par=user).count()
    if mes:
        items.append(
            {
                "label": _("Handled by me"),
                "url": f"{liste}?{urlencode({'statut': 'ouverts', 'charge_par': user.pk})}",
                "meta": str(mes),
            }
        )
    action = (
        {"label": _("Record a report"), "url": reverse("signalements:creer")}
        if can(user, "signalements", "change")
        else None
    )
    return [
        {
            "title": _("Reports waiting"),
            "count": sum(compte.values()),
            "items": items,
            "empty": _("No open report: record the next one as it comes in."),
            "action": action,
        }
    ]
