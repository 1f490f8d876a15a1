# ruff: noqa: E501 (tables of labels read better on one line each)
"""Populations the figures are computed over, for the drill-down from a figure to its records.

A population is a function of the `Contexte` returning an unscoped queryset; the view narrows
it with the model's `visible_to(user)`. An app may give the exact records behind one figure by
defining `detail_<key>(ctx) -> QuerySet` in its indicateurs.py: that function wins.
The persons of a unit come from that unit's own rule (its indicateurs.py), so a list shows
exactly the persons its figure counts; other records are looked up by model label.
"""

from django.apps import apps

from . import registre
from .contexte import Contexte


def _modele(label: str):
    """The model, or None when its app is not installed."""
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def personnes_file_active(ctx: Contexte):
    """P_FA(N), as the file active's figures count it."""
    from accompagnement.indicateurs import file_active

    return file_active(ctx)


def personnes_nouvelles(ctx: Contexte):
    """P_NEW(N): persons whose first support period starts in N (a re-opened file is not new)."""
    from accompagnement.indicateurs import nouvelles

    return nouvelles(ctx)


def personnes_psychosocial(ctx: Contexte):
    """P_PSY(N), as the psycho-social unit's figures count it."""
    from psychosocial.indicateurs import personnes_psychosocial

    return personnes_psychosocial(ctx)


def personnes_juridique(ctx: Contexte):
    """P_JUR(N), as the legal unit's figures count it."""
    from juridique.indicateurs import personnes_juridique

    return personnes_juridique(ctx)


def personnes_cloturees(ctx: Contexte):
    Personne, Accompagnement = _modele("accompagnement.Personne"), _modele("accompagnement.Accompagnement")
    clotures = Accompagnement.objects.filter(date_cloture__gte=ctx.debut, date_cloture__lte=ctx.fin)
    return Personne.objects.filter(pk__in=clotures.values("personne_id"))


def _dates(label: str, champ: str):
    def population(ctx: Contexte):
        queryset = _modele(label).objects.all()
        # Sessions count only once held (sensibilisation's rule).
        if hasattr(queryset, "realisees"):
            queryset = queryset.realisees()
        return queryset.filter(**{f"{champ}__gte": ctx.debut, f"{champ}__lte": ctx.fin})

    population.modele = label
    return population


# code → (French label, English label, model label, function)
POPULATIONS = {
    "P_FA": ("Personnes de la file active", "Persons of the active caseload", "accompagnement.Personne", personnes_file_active),
    "P_NEW": ("Nouvelles personnes accompagnées", "New beneficiaries", "accompagnement.Personne", personnes_nouvelles),
    "P_PSY": ("Personnes suivies par le Pôle psycho-social", "Persons followed by the psycho-social unit", "accompagnement.Personne", personnes_psychosocial),
    "P_JUR": ("Personnes suivies par le Pôle juridique", "Persons followed by the legal unit", "accompagnement.Personne", personnes_juridique),
    "clotures": ("Personnes dont le dossier a été classé", "Persons whose file was closed", "accompagnement.Personne", personnes_cloturees),
    "signalements": ("Signalements reçus", "Reports received", "signalements.Signalement", _dates("signalements.Signalement", "date_reception")),
    "entretiens": ("Entretiens", "Interviews", "signalements.Entretien", _dates("signalements.Entretien", "date")),
    "interventions": ("Interventions", "Sessions", "sensibilisation.Intervention", _dates("sensibilisation.Intervention", "date")),
}  # fmt: skip


def population_de(ind: registre.Indicateur, ctx: Contexte):
    """(title, queryset) of the records behind an indicator, or (None, None) when unknown."""
    path, fn = registre.trouver(f"detail_{ind.cle}", ind.fonction.split(".")[0] if ind.fonction else "")
    if fn is not None:
        return ind.libelle, fn(ctx)
    entry = POPULATIONS.get(ind.population_code)
    if entry is None or _modele(entry[2]) is None:
        return None, None
    return registre.choisir(entry[0], entry[1]), entry[3](ctx)
