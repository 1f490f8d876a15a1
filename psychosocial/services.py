"""Writes of the psycho-social unit. Each runs in a transaction, validates the whole record
(`full_clean`) plus the rules that span rows, and signs new records with their author."""

import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accompagnement.models import Personne
from comptes.concurrency import save_versioned
from comptes.suppression import lignes_enregistrer

from .models import (
    Activite,
    AideFinanciere,
    Appartement,
    ConsultationPsy,
    Demarche,
    Domiciliation,
    Hebergement,
    OrientationSoins,
    Participation,
    PassageCourrier,
)


def _enregistrer(instance, *, version_attendue: int | None, by: User):
    """Save a new or edited record; a new record is signed by `by` (history keeps later editors)."""
    if instance.pk is None:
        instance.auteur = by
    return save_versioned(instance, version_attendue)


def _periodes_chevauchantes(queryset, debut_field: str, fin_field: str, debut, fin, *, fin_exclue: bool):
    """Rows of `queryset` whose period meets [debut, fin] (an open end runs forever).

    With `fin_exclue` the end date is not part of the period (a stay's exit day is free for
    the next stay); otherwise both ends are included (a domiciliation's last day).
    """
    after = f"{fin_field}__gt" if fin_exclue else f"{fin_field}__gte"
    qs = queryset.filter(Q(**{f"{fin_field}__isnull": True}) | Q(**{after: debut}))
    if fin is not None:
        qs = qs.filter(**{f"{debut_field}__lt" if fin_exclue else f"{debut_field}__lte": fin})
    return qs


@transaction.atomic
def hebergement_enregistrer(*, hebergement: Hebergement, version_attendue: int | None = None, by: User) -> Hebergement:
    """Record a shelter stay. A person cannot be in two stays on the same night (that would
    count the night twice); the exit day of one stay may be the entry day of the next."""
    autres = Hebergement.objects.filter(personne_id=hebergement.personne_id).exclude(pk=hebergement.pk)
    if hebergement.date_entree:
        conflit = _periodes_chevauchantes(
            autres, "date_entree", "date_sortie", hebergement.date_entree, hebergement.date_sortie, fin_exclue=True
        ).first()
        if conflit:
            raise ValidationError(
                {
                    "date_entree": _("This stay overlaps another stay of the same person (%(sejour)s).")
                    % {"sejour": conflit}
                }
            )
    return _enregistrer(hebergement, version_attendue=version_attendue, by=by)


@transaction.atomic
def demarche_enregistrer(*, demarche: Demarche, version_attendue: int | None = None, by: User) -> Demarche:
    """Record a housing, health-right or integration step and its outcome."""
    return _enregistrer(demarche, version_attendue=version_attendue, by=by)


@transaction.atomic
def aide_enregistrer(*, aide: AideFinanciere, version_attendue: int | None = None, by: User) -> AideFinanciere:
    """Record a financial aid (amount ≥ 0) or a handover of service vouchers (a quantity)."""
    return _enregistrer(aide, version_attendue=version_attendue, by=by)


@transaction.atomic
def domiciliation_enregistrer(
    *, domiciliation: Domiciliation, version_attendue: int | None = None, by: User
) -> Domiciliation:
    """Record a postal domiciliation; one person has at most one at a time."""
    autres = Domiciliation.objects.filter(personne_id=domiciliation.personne_id).exclude(pk=domiciliation.pk)
    if domiciliation.date_debut:
        conflit = _periodes_chevauchantes(
            autres, "date_debut", "date_fin", domiciliation.date_debut, domiciliation.date_fin, fin_exclue=False
        ).first()
        if conflit:
            raise ValidationError(
                {"date_debut": _("This person already has a domiciliation over this period (from %(debut)s).")
                 % {"debut": f"{conflit.date_debut:%d/%m/%Y}"}}
            )  # fmt: skip
    return _enregistrer(domiciliation, version_attendue=version_attendue, by=by)


@transaction.atomic
def passage_courrier_enregistrer(
    *, personne: Personne, date: datetime.date, nb_courriers: int, by: User
) -> PassageCourrier:
    """Record a mail-collection visit. The person must be domiciled at the CCEM on that date."""
    _exiger_domiciliation(personne, date, champ="personne")
    passage = PassageCourrier(personne=personne, date=date, nb_courriers=nb_courriers, auteur=by)
    passage.full_clean()
    passage.save()
    return passage


@transaction.atomic
def passage_courrier_corriger(
    *, passage: PassageCourrier, version_attendue: int | None = None, by: User
) -> PassageCourrier:
    """Correct a visit (its date, its letters): the person must still be domiciled on that date."""
    if passage.date:
        _exiger_domiciliation(passage.personne, passage.date, champ="date")
    return _enregistrer(passage, version_attendue=version_attendue, by=by)


def _exiger_domiciliation(personne: Personne, date: datetime.date, *, champ: str) -> None:
    if not Domiciliation.objects.filter(personne=personne).actives(date).exists():
        raise ValidationError(
            {champ: _("%(personne)s has no domiciliation at the CCEM on %(date)s.")
             % {"personne": personne, "date": f"{date:%d/%m/%Y}"}}
        )  # fmt: skip


@transaction.atomic
def consultation_enregistrer(
    *, consultation: ConsultationPsy, version_attendue: int | None = None, by: User
) -> ConsultationPsy:
    """Record a consultation with the psychologist."""
    return _enregistrer(consultation, version_attendue=version_attendue, by=by)


@transaction.atomic
def orientation_enregistrer(
    *, orientation: OrientationSoins, version_attendue: int | None = None, by: User
) -> OrientationSoins:
    """Record a referral to outside care."""
    return _enregistrer(orientation, version_attendue=version_attendue, by=by)


@transaction.atomic
def activite_enregistrer(
    *, activite: Activite, participants, enfants=(), version_attendue: int | None = None, by: User
) -> Activite:
    """Record an activity and its whole group's attendance in one go: persons ticked are added,
    persons unticked are removed (softly: restorable); the others keep their attendance row.
    `enfants` (among the participants) are the attendances flagged as a child's."""
    _enregistrer(activite, version_attendue=version_attendue, by=by)
    actuels = dict(Participation.objects.filter(activite=activite).values_list("personne_id", "pk"))
    enfants = {p.pk for p in enfants}
    lignes = [
        {"pk": actuels.get(p.pk), "personne_id": p.pk, "enfant": p.pk in enfants}
        for p in sorted(participants, key=lambda p: p.pk)
    ]
    lignes_enregistrer(parent=activite, relation="participations", lignes=lignes, by=by)
    return activite


@transaction.atomic
def appartement_modifier_places(*, dispositif: str, places: int | None, by: User) -> Appartement:
    """Set the number of places of a CCEM flat (a parameter of the occupancy view)."""
    appartement = Appartement.objects.select_for_update().filter(dispositif=dispositif).first()
    appartement = appartement or Appartement(dispositif=dispositif)
    appartement.places = places
    appartement._history_user = by
    appartement.full_clean()
    appartement.save()
    return appartement
