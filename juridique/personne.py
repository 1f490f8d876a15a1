"""Section of the person page: the person's proceedings and residence permits (legal unit's view)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from comptes.permissions import CHANGE, can

from .models import Procedure, TitreSejour


def sections(request, personne) -> list[dict]:
    """Two queries for the proceedings (with prefetches) and one for the permits, whatever the count."""
    user = request.user
    if not can(user, "juridique"):
        return []
    today = timezone.localdate()
    procedures = list(
        Procedure.objects.visible_to(user)
        .filter(personnes=personne)
        .with_list_data(today)
        .order_by("date_cloture", "-date_ouverture", "pk")
    )
    titres = list(TitreSejour.objects.visible_to(user).filter(personne=personne).order_by("-date_demande", "-pk"))
    for titre in titres:
        titre.attente = titre.attente_jours(today)
    contexte = {
        "personne": personne,
        "procedures": procedures,
        "titres": titres,
        "peut_modifier": can(user, "juridique", CHANGE),
    }
    return [{"titre": _("Legal unit"), "template": "juridique/includes/personne.html", "contexte": contexte}]
