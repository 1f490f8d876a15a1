"""The global search's persons and cases (registered in `AccompagnementConfig.ready()`)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Affaire, Personne

CANDIDATS = 100  # rows found per kind before ordering: a short word can match tens of thousands


def premiers(trouves, ordre: list[str], limite: int, *, charger=None) -> list:
    """The first `limite` + 1 of at most CANDIDATS rows of `trouves`, in `ordre`. The rows are found
    without an order (so through the trigram indexes, stopping early), then loaded by key from `charger`."""
    ids = list(trouves.order_by().values_list("pk", flat=True)[:CANDIDATS])
    charger = charger if charger is not None else trouves.model._default_manager.all()
    return list(charger.filter(pk__in=ids).order_by(*ordre)[: limite + 1])


def resultats(user, terme: str, limite: int) -> list[dict]:
    # Scoped: a role that may not see the file active gets no section at all (and no log row).
    personnes = Personne.objects.visible_to(user).recherche(terme)
    affaires = Affaire.objects.visible_to(user).recherche(terme)
    if not personnes.query.is_empty() or not affaires.query.is_empty():
        requete = "?" + urlencode({"q": terme})
        return [
            {
                "titre": _("Persons"),
                "objets": premiers(personnes, ["nom", "prenom", "pk"], limite),
                "tout": reverse("accompagnement:liste") + requete,
            },
            {
                "titre": _("Cases"),
                "objets": premiers(affaires, ["-reference", "pk"], limite),
                "tout": reverse("accompagnement:affaires") + requete,
            },
        ]
    return []
