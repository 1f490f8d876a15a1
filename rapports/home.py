"""Home-page panel: last year's report, the yearly inputs still to enter, the user's recent PDFs."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from comptes.permissions import can

from .models import GenerationPDF, SaisieAnnuelle
from .registre import INDICATEURS

LIMITE = 3


def panels(request) -> list[dict]:
    user = request.user
    if not can(user, "rapports"):
        return []
    annee = timezone.localdate().year - 1
    items = []
    if can(user, "rapports.saisies", "change"):
        attendues = sum(1 for i in INDICATEURS if i.manuel)
        saisies = SaisieAnnuelle.objects.filter(annee=annee, valeur__isnull=False).count()
        if saisies < attendues:
            items.append(
                {
                    "label": _("Yearly inputs %(annee)s") % {"annee": annee},
                    "url": reverse("rapports:saisies", args=[annee]),
                    "meta": _("%(n)s of %(total)s entered") % {"n": saisies, "total": attendues},
                }
            )
    for generation in GenerationPDF.objects.visible_to(user).filter(demande_par=user)[:LIMITE]:
        items.append(
            {
                "label": _("PDF report %(annee)s (%(langue)s)")
                % {"annee": generation.annee, "langue": generation.get_langue_display()},
                "url": generation.get_absolute_url(),
                "meta": generation.get_statut_display(),
            }
        )
    return [
        {
            "title": _("Annual activity report"),
            "items": items,
            "empty": _("Nothing waits for you here. The report of each year is computed from the records."),
            "action": {
                "label": _("Report %(annee)s") % {"annee": annee},
                "url": reverse("rapports:annee", args=[annee]),
            },
        }
    ]
