"""What changed in the records of a closed year since it was published: the corrections (deletions
and moves, `comptes.Correction`) and the edits (django-simple-history rows), with who, when and why.

The snapshot keeps figures, not the rows behind them, so the difference is shown as these changes
beside today's records; both lists are scoped to what the viewer may see.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from comptes import suppression
from comptes.models import Correction
from comptes.permissions import RULES, VIEW, can


def corrections(user, annee: int, depuis) -> list[Correction]:
    """Deletions and moves since `depuis` touching `annee` (`Correction.annees`), of the sections
    the user may see, newest first. The years are filtered in Python: JSON containment is not
    portable to SQLite, and corrections since a closing are few."""
    sections = [s for s in RULES if can(user, s, VIEW)]
    qs = Correction.objects.filter(le__gt=depuis, section__in=sections).select_related("par", "restaure_par")
    return [c for c in qs.order_by("-le", "-pk") if annee in c.annees]


@dataclass
class Changement:
    """One history row of a record of the year: created (+), changed (~) or removed (-)."""

    objet: models.Model
    type: str
    le: object
    par: object
    motif: str | None

    @property
    def modele(self) -> str:
        return self.objet._meta.verbose_name

    @property
    def url(self) -> str:
        return self.objet.get_absolute_url() if hasattr(self.objet, "get_absolute_url") else ""

    @property
    def type_libelle(self) -> str:
        return {"+": _("created"), "~": _("changed"), "-": _("removed")}.get(self.type, self.type)


def _dans_annee(model, annee: int) -> Q | None:
    """Any of the record's own dates in the year (as `Correction.annees` counts them), on its
    history rows (which may leave a field out)."""
    q = None
    historises = {f.attname for f in model.history.model._meta.concrete_fields}
    for field in suppression.champs_dates(model):
        if field.attname in historises:
            q = Q(**{f"{field.attname}__year": annee}) if q is None else q | Q(**{f"{field.attname}__year": annee})
    return q


def changements(user, annee: int, depuis) -> list[Changement]:
    """History rows since `depuis` of the records the user may see today, any version of which had
    a date in `annee` (so a record moved out of the year shows too). One or two queries per model.
    Deleted records are no longer in their table: their deletion is listed by `corrections`."""
    resultat = []
    for model in suppression.modeles_unites():
        histoire = getattr(model, "history", None)
        dans_annee = _dans_annee(model, annee) if histoire is not None else None
        scope = suppression.visibles(user, model)
        if dans_annee is None or scope is None:
            continue
        lignes = histoire.model.objects
        cle = model._meta.pk.attname
        de_l_annee = lignes.filter(dans_annee).values(cle)
        changes = lignes.filter(history_date__gt=depuis).values(cle)
        visibles = scope.filter(pk__in=de_l_annee).filter(pk__in=changes)
        objets = {obj.pk: obj for obj in visibles}
        if not objets:
            continue
        rows = lignes.filter(history_date__gt=depuis, **{f"{cle}__in": list(objets)}).select_related("history_user")
        resultat += [
            Changement(objets[getattr(r, cle)], r.history_type, r.history_date, r.history_user, r.history_change_reason)
            for r in rows
        ]
    return sorted(resultat, key=lambda c: c.le, reverse=True)
