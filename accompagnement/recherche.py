"""The global search's persons and cases (registered in `AccompagnementConfig.ready()`)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Affaire, Personne


def resultats(user, terme: str, limite: int) -> list[dict]:
    # Scoped: a role that may not see the file active gets no section at all (and no log row).
    personnes = Personne.objects.visible_to(user).recherche(terme)
    affaires = Affaire.objects.visible_to(user).recherche(terme)
    if not personnes.query.is_empty() or not affaires.query.is_empty():
        requete = "?" + urlencode({"q": terme})
        return [
            {
                "titre": _("Persons"),
                "objets": list(personnes.order_by("nom", "prenom", "pk")[: limite + 1]),
                "tout": reverse("accompagnement:liste") + requete,
            },
            {
                "titre": _("Cases"),
                "objets": list(affaires.order_by("-reference", "pk")[: limite + 1]),
                "tout": reverse("accompagnement:affaires") + requete,
            },
        ]
    return []
