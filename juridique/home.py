"""Home-page panels of the legal unit: this week's hearings and deadlines, permits waiting too long."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from comptes.permissions import can

from .forms import SEUIL_ATTENTE_DEFAUT
from .models import Etape, TitreSejour


def panels(request) -> list[dict]:
    user = request.user
    if not can(user, "juridique"):
        return []
    today = timezone.localdate()
    semaine = (
        Etape.objects.visible_to(user)
        .agenda()
        .filter(date__gte=today, date__lte=today + datetime.timedelta(days=7))
        .with_calendar_data()
    )
    audiences = list(semaine[:8])
    attentes_qs = TitreSejour.objects.visible_to(user).attente_depuis_plus_de(SEUIL_ATTENTE_DEFAUT, today)
    attentes = list(attentes_qs.with_list_data().order_by("date_demande", "pk")[:6])
    return [
        {
            "title": _("Hearings and deadlines this week"),
            "count": len(audiences),
            "items": [
                {
                    "label": f"{e.get_type_display()} · {e.procedure.affaire.reference}/P{e.procedure_id}",
                    "url": reverse("juridique:procedure", args=[e.procedure_id]),
                    "meta": date_format(e.date, "D j M") + (f" {e.heure:%H:%M}" if e.heure else ""),
                }
                for e in audiences
            ],
            "empty": _("No hearing or deadline in the next seven days."),
            "action": {"label": _("Month view"), "url": reverse("juridique:agenda_mois")},
        },
        {
            "title": _("Residence permits waiting more than %(days)s days") % {"days": SEUIL_ATTENTE_DEFAUT},
            "count": attentes_qs.count(),
            "items": [
                {
                    "label": f"{t.personne.numero_dossier} · {t.get_type_display()}",
                    "url": reverse("juridique:titre_modifier", args=[t.pk]),
                    "meta": _("%(days)s days") % {"days": t.attente_jours(today)},
                }
                for t in attentes
            ],
            "empty": _("No application waits beyond this threshold."),
            "action": {
                "label": _("All residence permits"),
                "url": reverse("juridique:titres") + f"?attente_plus_de={SEUIL_ATTENTE_DEFAUT}",
            },
        },
    ]
