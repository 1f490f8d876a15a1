"""Home-page panel for the Administrateur: the data tools and the files due for review."""

from django.urls import reverse
from django.utils.translation import gettext as _

from comptes.permissions import can

from .services import dossiers_a_revoir

ANNEES_REVUE = 10  # default of the review page; the retention command takes its own N


def panels(request) -> list[dict]:
    if not can(request.user, "donnees"):
        return []
    a_revoir = dossiers_a_revoir(ANNEES_REVUE).count()
    return [
        {
            "title": _("Data and privacy"),
            "count": a_revoir,
            "items": [
                {"label": _("Import history files"), "url": reverse("donnees:importer"), "meta": ""},
                {"label": _("Full export"), "url": reverse("donnees:exporter"), "meta": ""},
                {"label": _("Rights of persons (access, erasure)"), "url": reverse("donnees:personnes"), "meta": ""},
                {
                    "label": _("Files due for review"),
                    "url": reverse("donnees:retention"),
                    "meta": _("%(n)s closed more than %(annees)s years ago") % {"n": a_revoir, "annees": ANNEES_REVUE},
                },
            ],
            "empty": "",
            "action": {"label": _("Data"), "url": reverse("donnees:accueil")},
        }
    ]
