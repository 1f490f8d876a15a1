# ruff: noqa: E501 (tables of labels read better on one line each)
"""Populations the figures are computed over, for the drill-down from a figure to its records.

A population is a function of the `Contexte` returning an unscoped queryset; the view narrows
it with the model's `visible_to(user)`. An app may give the exact records behind one figure by
defining `detail_<key>(ctx) -> QuerySet` in its indicateurs.py: that function wins.
The persons of a unit come from that unit's own rule (its indicateurs.py, through the registry),
so a list shows exactly the persons its figure counts.
"""

import datetime

from django.db.models import CharField, ExpressionWrapper, IntegerField, Value

from accompagnement.models import Accompagnement, Personne
from comptes.contexte import Contexte, moyenne, pourcentage, un_par_ligne
from sensibilisation.models import Intervention
from signalements.models import Entretien, Signalement

from . import registre


def _unit_population(app: str, nom: str):
    """The population a unit's figures count, computed by that unit's rule (its indicateurs.py),
    resolved through the registry like every figure; `rapports.checks` makes sure it exists."""

    def population(ctx: Contexte):
        return registre.resolve(app, nom)(ctx)

    population.source = (app, nom)
    return population


def personnes_cloturees(ctx: Contexte):
    clotures = Accompagnement.objects.filter(date_cloture__gte=ctx.debut, date_cloture__lte=ctx.fin)
    return Personne.objects.filter(pk__in=clotures.values("personne_id"))


def _dates(queryset, champ: str):
    """Records dated in N (sessions: held ones only, as sensibilisation counts them)."""

    def population(ctx: Contexte):
        return queryset.all().filter(**{f"{champ}__gte": ctx.debut, f"{champ}__lte": ctx.fin})

    return population


# code → (French label, English label, model label, function)
POPULATIONS = {
    "P_FA": ("Personnes de la file active", "Persons of the active caseload", "accompagnement.Personne", _unit_population("accompagnement", "file_active")),
    "P_NEW": ("Nouvelles personnes accompagnées", "New beneficiaries", "accompagnement.Personne", _unit_population("accompagnement", "nouvelles")),
    "P_PSY": ("Personnes suivies par le Pôle psycho-social", "Persons followed by the psycho-social unit", "accompagnement.Personne", _unit_population("psychosocial", "personnes_psychosocial")),
    "P_JUR": ("Personnes suivies par le Pôle juridique", "Persons followed by the legal unit", "accompagnement.Personne", _unit_population("juridique", "personnes_juridique")),
    "clotures": ("Personnes dont le dossier a été classé", "Persons whose file was closed", "accompagnement.Personne", personnes_cloturees),
    "signalements": ("Signalements reçus", "Reports received", "signalements.Signalement", _dates(Signalement.objects, "date_reception")),
    "entretiens": ("Entretiens", "Interviews", "signalements.Entretien", _dates(Entretien.objects, "date")),
    "interventions": ("Interventions", "Sessions", "sensibilisation.Intervention", _dates(Intervention.objects.realisees(), "date")),
}  # fmt: skip


def population_de(ind: registre.Indicateur, ctx: Contexte):
    """(title, queryset) of the records behind an indicator, or (None, None) when unknown."""
    fn = registre.detail(ind)
    if fn is not None:
        return ind.libelle, fn(ctx)
    entry = POPULATIONS.get(ind.population_code)
    if entry is None:
        return None, None
    return registre.choisir(entry[0], entry[1]), entry[3](ctx)


# --- Exact drill-down: the rows a figure counts, each with what it contributes (`valeur`) -----


def valeur_de(v) -> int | float:
    """A row's contribution as a number: a duration (nights of a stay) in days, None as 0."""
    if isinstance(v, datetime.timedelta):
        return v.days
    return v or 0


def deux_listes(ind: registre.Indicateur) -> str | None:
    """The kind of a two-list drill-down ("evolution" or "rapport", `comptes.contexte.deux_listes`), or None."""
    return getattr(registre.detail(ind), "deux_listes", None)


def _visibles(queryset, user):
    if user is None:
        return queryset
    return queryset.filter(pk__in=queryset.model.objects.visible_to(user).values("pk"))


def lignes_exactes(ind: registre.Indicateur, ctx: Contexte, user=None):
    """The queryset of the records the figure counts, annotated with `valeur`, narrowed to what
    `user` may see (None: unscoped, for the command line), in a stable order; None when the
    indicator has no `detail_<key>`. Two lists come as one UNION ALL, each row naming its list
    (`liste`), the second's `valeur` negated."""
    fn = registre.detail(ind)
    if fn is None:
        return None
    if deux_listes(ind):
        return _deux_listes(fn(ctx), user)
    queryset = fn(ctx)
    if "valeur" not in queryset.query.annotations:  # a list of records each counted once
        queryset = un_par_ligne(queryset)
    model = queryset.model
    queryset = _visibles(queryset, user)
    if any(f.name == "personne" and f.many_to_one for f in model._meta.fields):
        # Several records' labels (`str`: mail visits, domiciliations, participations) print the
        # person's file number: one join, not one query per row (2 min for 76 000 mail visits).
        queryset = queryset.select_related("personne")
    return queryset.order_by(*(model._meta.ordering or []), "pk")


def _deux_listes(listes, user):
    """One query over both lists, so that a record in both shows twice (a person of both years);
    each list is scoped before the union, which takes no filter."""
    premiere, seconde = (
        _visibles(liste.queryset, user)
        .order_by()
        .annotate(
            liste=Value(str(liste.libelle), output_field=CharField()),
            valeur=ExpressionWrapper(Value(signe) * liste.valeur, output_field=IntegerField()),
        )
        for liste, signe in zip(listes, (1, -1), strict=True)
    )
    model = premiere.model
    return premiere.union(seconde, all=True).order_by(*(model._meta.ordering or ["pk"]), "liste")


def totaux_listes(valeurs: list) -> tuple:
    """(first list's total, second list's total) of a two-list drill-down's `valeur` column."""
    return sum(v for v in valeurs if v > 0), -sum(v for v in valeurs if v < 0)


def recalcul(ind: registre.Indicateur, valeurs: list) -> int | float | None:
    """The figure as its drill-down rows give it: a count adds the `valeur` column; a rate is the
    rows counted at the numerator (`valeur` 1) over all rows (the denominator); a mean averages it.
    Two lists (negative `valeur`: the second): a ratio is first ÷ second; a change is
    (first − second) ÷ second."""
    total = sum(valeurs)
    if ind.unite in (registre.Unite.NOMBRE, registre.Unite.NUITEES):
        return total
    if mode := deux_listes(ind):
        premiere, seconde = totaux_listes(valeurs)
        return pourcentage(premiere - seconde if mode == "evolution" else premiere, seconde)
    if ind.unite == registre.Unite.POURCENT:
        return pourcentage(total, len(valeurs))
    return moyenne(total / len(valeurs)) if valeurs else None


def tableau(ind: registre.Indicateur, ctx: Contexte, user=None) -> tuple[list[str], list[list]]:
    """(header, rows) of the exact drill-down, for CSV/XLSX and `rapport_annuel --detail`: one row
    per counted unit, the last column `valeur` being what it contributes to the figure."""
    queryset = lignes_exactes(ind, ctx, user)
    if queryset is None:
        return [], []
    model = queryset.model._meta.label_lower
    if deux_listes(ind):
        lignes = [[model, obj.pk, str(obj), obj.liste, valeur_de(obj.valeur)] for obj in queryset.iterator()]
        return ["modele", "id", "enregistrement", "liste", "valeur"], lignes
    lignes = [[model, obj.pk, str(obj), valeur_de(obj.valeur)] for obj in queryset.iterator()]
    return ["modele", "id", "enregistrement", "valeur"], lignes
