"""Home-page panel: the user's own open deadlines, the most urgent first (from "Mes échéances")."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from comptes.permissions import can

from . import calcul

PANEL_ITEMS = 8


def panels(request) -> list[dict]:
    user = request.user
    if not can(user, "accompagnement"):
        return []
    today = timezone.localdate()
    liste = calcul.echeances(calcul.Selection(user=user, today=today))
    return [
        {
            "title": _("My deadlines"),
            "count": len(liste),
            "items": [
                {
                    "label": f"{e.libelle} · {e.reference}",
                    "url": e.url,
                    "meta": _("%(date)s · overdue") % {"date": date_format(e.date, "D j M")}
                    if e.date < today
                    else date_format(e.date, "D j M"),
                }
                for e in liste[:PANEL_ITEMS]
            ],
            "empty": _("No open deadline for the persons you are referent of."),
            "action": {"label": _("All my deadlines"), "url": reverse("echeances:mes_echeances")},
        }
    ]
