"""Writes of the awareness & training unit: each in one transaction, validated, with its author."""

from django.db import transaction

from comptes.concurrency import save_versioned
from comptes.suppression import lignes_enregistrer

from .models import Evenement, Intervention

_M2M = ("animateurs", "temoins")


def _appliquer(instance, donnees: dict) -> dict:
    """Set plain fields on `instance`; return the many-to-many values to set after saving."""
    m2m = {}
    for champ, valeur in donnees.items():
        if champ in _M2M:
            m2m[champ] = valeur
        elif champ != "version_attendue":
            setattr(instance, champ, valeur)
    return m2m


def _enregistrer_materiels(intervention: Intervention, materiels: list[dict] | None, by) -> None:
    """The material lines as the form left them: kept ones updated in place, removed ones deleted softly."""
    if materiels is None:
        return
    lignes_enregistrer(parent=intervention, relation="materiels", lignes=materiels, by=by)


@transaction.atomic
def intervention_creer(*, donnees: dict, materiels: list[dict] | None = None, by) -> Intervention:
    """Record an intervention with its facilitators, testifying persons and material handed out."""
    intervention = Intervention(cree_par=by)
    m2m = _appliquer(intervention, donnees)
    intervention.full_clean()
    intervention.save()
    for champ, valeur in m2m.items():
        getattr(intervention, champ).set(valeur)
    _enregistrer_materiels(intervention, materiels, by)
    return intervention


@transaction.atomic
def intervention_modifier(
    *, intervention: Intervention, donnees: dict, version_attendue: int | None, materiels: list[dict] | None = None, by
) -> Intervention:
    """Update an intervention; raises EditConflict when someone saved it since the form was opened.

    Many-to-many fields absent from `donnees` are left as they are (e.g. the testifying persons,
    which only staff allowed to see persons can edit)."""
    m2m = _appliquer(intervention, donnees)
    intervention._history_user = by  # outside a request (shell, tasks) the middleware cannot tell
    save_versioned(intervention, version_attendue)
    for champ, valeur in m2m.items():
        getattr(intervention, champ).set(valeur)
    _enregistrer_materiels(intervention, materiels, by)
    return intervention


@transaction.atomic
def evenement_creer(*, donnees: dict, by) -> Evenement:
    """Record an event organised by the CCEM itself (not counted among the interventions)."""
    evenement = Evenement(cree_par=by)
    _appliquer(evenement, donnees)
    evenement.full_clean()
    evenement.save()
    return evenement


@transaction.atomic
def evenement_modifier(*, evenement: Evenement, donnees: dict, version_attendue: int | None, by) -> Evenement:
    _appliquer(evenement, donnees)
    evenement._history_user = by
    save_versioned(evenement, version_attendue)
    return evenement
