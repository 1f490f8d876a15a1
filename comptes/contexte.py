"""Computation context for a year's indicators.

Indicator functions take a `Contexte` and return a number (or None when the data needed is
absent). Several indicators often share one aggregate query: `ctx.memo(name, fn)` runs `fn`
once per context, so computing every indicator of a year costs a fixed number of queries,
whatever the volume of data. A context lives for one computation only (no stale cache).
"""

import datetime
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple


class Contexte:
    def __init__(self, annee: int):
        self.annee = annee
        self.debut = datetime.date(annee, 1, 1)
        self.fin = datetime.date(annee, 12, 31)
        self._memo: dict[str, Any] = {}

    def memo(self, name: str, fn: Callable[[], Any]) -> Any:
        if name not in self._memo:
            self._memo[name] = fn()
        return self._memo[name]

    def precedent(self, k: int = 1) -> "Contexte":
        """Context of year N−k (memoised, so N−1 figures are computed once)."""
        return self.memo(f"__annee_{self.annee - k}", lambda: Contexte(self.annee - k))


def pourcentage(numerateur: int | None, denominateur: int | None) -> float | None:
    """Percent with one decimal (half-up), None when the denominator is 0 or unknown."""
    if not denominateur or numerateur is None:
        return None
    return float((Decimal(numerateur) * 100 / Decimal(denominateur)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def moyenne(valeur) -> float | None:
    """A mean (Avg aggregate) rounded half-up to one decimal."""
    if valeur is None:
        return None
    return float(Decimal(str(valeur)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def union_personnes(*querysets):
    """One UNION of the `personne_id` of several record sets, for `Personne.objects.filter(pk__in=…)`.

    A population made of several kinds of records (P_PSY, P_JUR) is read this way: each set once,
    through its date index, instead of testing every person against every set."""
    premier, *autres = [queryset.order_by().values("personne_id") for queryset in querysets]
    return premier.union(*autres)


def un_par_ligne(queryset):
    """A figure's drill-down rows when each row counts once (a person, a report, a proceeding):
    the queryset annotated with `valeur` = 1, what the row contributes to the figure."""
    from django.db.models import IntegerField, Value

    return queryset.annotate(valeur=Value(1, output_field=IntegerField()))


def une_ligne_par_personne(queryset):
    """The distinct persons of a set of records, one row each (`valeur` = 1): the drill-down of a
    figure counting "distinct persons with a …"."""
    personne = queryset.model._meta.get_field("personne").related_model
    return un_par_ligne(personne.objects.filter(pk__in=queryset.order_by().values("personne_id")))


def au_numerateur(queryset, condition):
    """A rate's drill-down rows: the denominator's records, `valeur` 1 for those the numerator
    counts (`condition`, a Q), 0 for the others."""
    from django.db.models import Case, IntegerField, When

    return queryset.annotate(valeur=Case(When(condition, then=1), default=0, output_field=IntegerField()))


class Liste(NamedTuple):
    """One of the two lists of a figure read from two sets of records: the records, what a row
    adds to the list's total (an expression), and the list's name (a year, "numerator"…)."""

    queryset: Any
    valeur: Any
    libelle: str


def deux_listes(evolution: bool = False):
    """Marks a drill-down returning two `Liste`s, neither inside the other, so that a record may
    be in both (a person of both years). `evolution`: a change from the second list (base year)
    to the first (year N); otherwise a ratio, first list ÷ second. The page, the spreadsheets and
    `rapports.populations.recalcul` read the rows of both, the second's `valeur` negated."""

    def marquer(fn):
        fn.deux_listes = "evolution" if evolution else "rapport"
        return fn

    return marquer


def entre_annees(ctx: Contexte, k: int, enregistrements: Callable[[Contexte], Any], valeur=None) -> tuple:
    """The two lists of a change between N−k and N: the records `enregistrements(ctx)` counts in
    each year, each worth `valeur` (1 by default)."""
    from django.db.models import IntegerField, Value

    valeur = Value(1, output_field=IntegerField()) if valeur is None else valeur
    base = ctx.precedent(k)
    return (
        Liste(enregistrements(ctx), valeur, str(ctx.annee)),
        Liste(enregistrements(base), valeur, str(base.annee)),
    )


def rapport_de(numerateur: tuple, denominateur: tuple) -> tuple:
    """The two lists of a ratio of counts or sums: (records, what a row adds) for each."""
    from django.utils.translation import gettext_lazy as _

    return Liste(*numerateur, _("numerator")), Liste(*denominateur, _("denominator"))
