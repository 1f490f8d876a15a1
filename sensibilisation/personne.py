"""Person-page section: the interventions where the person testified (for staff who may see both)."""

from django.utils.translation import gettext as _

from comptes.permissions import can

from .models import Intervention


def sections(request, personne) -> list[dict]:
    if not (can(request.user, "sensibilisation") and can(request.user, "accompagnement")):
        return []
    temoignages = list(Intervention.objects.visible_to(request.user).filter(temoins=personne).order_by("-date", "pk"))
    if not temoignages:
        return []
    return [
        {
            "titre": _("Testimonies in interventions"),
            "template": "sensibilisation/includes/temoignages.html",
            "contexte": {"temoignages": temoignages},
        }
    ]
