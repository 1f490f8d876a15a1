"""Home-page panel: the user's upcoming interventions, and past ones still to be completed."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from comptes.permissions import can

from . import enums
from .models import Intervention

LIMITE = 6


def panels(request) -> list[dict]:
    user = request.user
    if not can(user, "sensibilisation"):
        return []
    aujourd_hui = timezone.localdate()
    mes_interventions = Intervention.objects.visible_to(user).filter(animateurs=user)
    a_venir = list(mes_interventions.a_venir(aujourd_hui).order_by("date", "pk")[:LIMITE])
    a_completer = list(
        mes_interventions.filter(statut=enums.Statut.PREVUE, date__lt=aujourd_hui).order_by("date", "pk")[:LIMITE]
    )
    items = [
        {"label": i.titre, "url": reverse("sensibilisation:modifier", args=[i.pk]), "meta": _("held? to update")}
        for i in a_completer
    ] + [
        {"label": i.titre, "url": i.get_absolute_url(), "meta": date_format(i.date, "SHORT_DATE_FORMAT")}
        for i in a_venir
    ]
    peut_modifier = can(user, "sensibilisation", "change")
    if not items and not peut_modifier:
        return []  # read-only staff (reception) see the panel only when they facilitate a session
    return [
        {
            "title": _("My upcoming interventions"),
            "items": items,
            "empty": _("No intervention planned with you as facilitator. The planning lists every upcoming session."),
            "action": {"label": _("Record an intervention"), "url": reverse("sensibilisation:creer")}
            if peut_modifier
            else {"label": _("Planning"), "url": reverse("sensibilisation:planning")},
        }
    ]
