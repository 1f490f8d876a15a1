"""Deadlines in the personal calendar feed of the legal unit (juridique:agenda_ics), registered
through `comptes.registres.register_calendar_events`: the feed cannot import this app.

The feed already carries hearings and the deadlines recorded as stages; this adds the others, as
all-day events with a kind and a reference, never a name nor a file number (the feed's rule).
"""

from django.utils import timezone

from . import calcul
from .enums import TYPES_DEJA_DANS_L_AGENDA


def evenements(user) -> list[dict]:
    """[{"uid", "resume", "date", "url"}] for the open deadlines `user` is referent of."""
    sel = calcul.Selection(user=user, today=timezone.localdate())
    return [
        {
            "uid": f"echeance-{e.type}-{e.objet_id}-{e.date:%Y%m%d}",
            "resume": " – ".join(x for x in (e.libelle, e.reference_sans_dossier) if x),
            "date": e.date,
            "url": e.url,
        }
        for e in calcul.echeances(sel)
        if e.type not in TYPES_DEJA_DANS_L_AGENDA
    ]
