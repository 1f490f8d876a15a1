"""Person-page hook: the person's open deadlines (summary header and printed sheet), through the
same sources and scopes as "My deadlines", narrowed to the person."""

from django.utils import timezone

from comptes.permissions import can

from . import calcul


def dates(request, personne) -> list[dict]:
    """[{"libelle", "detail", "date", "url", "urgence"}], the most urgent first."""
    if not can(request.user, "accompagnement"):
        return []
    today = timezone.localdate()
    sel = calcul.Selection(user=request.user, today=today, referent=False, personne=personne.pk)
    return [
        {"libelle": e.libelle, "detail": e.detail, "date": e.date, "url": e.url, "urgence": e.urgence(today)}
        for e in calcul.echeances(sel)
    ]
