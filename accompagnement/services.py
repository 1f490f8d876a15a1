"""Writes on the file active. Each service runs in one transaction and validates with full_clean()."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from comptes.concurrency import save_versioned
from comptes.permissions import can
from comptes.suppression import lignes_enregistrer

from . import enums
from .models import (
    Accompagnement,
    Affaire,
    ConsentementTransfert,
    EntreeJournal,
    Exploitation,
    LieuExploitation,
    Personne,
    Suivi,
)


def prochaine_reference(model, champ: str, prefixe: str) -> str:
    """Next readable number `<prefixe>NNNN` (e.g. D-2024-0007, A-2026-0959): four digits at least,
    unique per prefix. Longest first, then highest: a number past 9999, or an older wider one (the demo's
    cases had five digits until December 2026), is not hidden behind a four-digit one sorting higher.

    Called inside the creating transaction; the unique constraint guards against a race.
    """
    derniers = (
        model._default_manager.filter(**{f"{champ}__startswith": prefixe})
        .order_by(Length(champ).desc(), F(champ).desc())
        .values_list(champ, flat=True)[:50]
    )
    numeros = [int(r[len(prefixe) :]) for r in derniers if r[len(prefixe) :].isdigit()]
    return f"{prefixe}{max(numeros, default=0) + 1:04d}"


def numero_dossier(annee: int) -> str:
    return prochaine_reference(Personne, "numero_dossier", f"D-{annee}-")


@transaction.atomic
def personne_creer(*, by, **champs) -> Personne:
    """Create a person of the file active; the file number is given from the current year."""
    personne = Personne(**champs, cree_par=by)
    if not personne.numero_dossier:
        personne.numero_dossier = numero_dossier(timezone.localdate().year)
    personne.full_clean()
    personne.save()
    return personne


def personne_modifier(*, personne: Personne, version_attendue: int | None, by) -> Personne:
    """Save the edited person unless someone saved it meanwhile (EditConflict)."""
    return save_versioned(personne, version_attendue)


@transaction.atomic
def accompagnement_ouvrir(
    *, personne: Personne, date_debut: datetime.date, by, signalement=None, referent_accueil=None
) -> Accompagnement:
    """Open a support period; refused while another period of the person is still open."""
    if personne.accompagnements.filter(date_cloture__isnull=True).exists():
        raise ValidationError(_("This person already has an open support period."))
    periode = Accompagnement(
        personne=personne, date_debut=date_debut, signalement=signalement, referent_accueil=referent_accueil or by
    )
    periode.full_clean()
    periode.save()
    return periode


@transaction.atomic
def accompagnement_cloturer(
    *, accompagnement: Accompagnement, date_cloture, motif_cloture, precision: str = "", version_attendue, by
) -> Accompagnement:
    """Close a support period with its reason (the person stays in the records and can come back).
    Closing for death records the date of death on the person when it is not known yet."""
    accompagnement.date_cloture = date_cloture
    accompagnement.motif_cloture = motif_cloture
    accompagnement.motif_cloture_precision = precision
    if not date_cloture or not motif_cloture:
        raise ValidationError(_("Give the closing date and reason."))
    save_versioned(accompagnement, version_attendue)
    personne = accompagnement.personne
    if motif_cloture == enums.MotifCloture.DECES and not personne.date_deces:
        personne.date_deces = date_cloture
        save_versioned(personne, None)
    return accompagnement


def accompagnement_modifier(*, accompagnement: Accompagnement, version_attendue, by) -> Accompagnement:
    return save_versioned(accompagnement, version_attendue)


@transaction.atomic
def accompagnement_rouvrir(*, personne: Personne, date_debut, by, referent_accueil=None) -> Accompagnement:
    """Re-open a closed file: a new support period (the person is not counted as new again)."""
    derniere = personne.accompagnements.order_by("-date_debut", "-pk").first()
    if derniere and derniere.date_cloture and date_debut < derniere.date_cloture:
        raise ValidationError({"date_debut": _("The new period cannot start before the last one was closed.")})
    return accompagnement_ouvrir(personne=personne, date_debut=date_debut, by=by, referent_accueil=referent_accueil)


@transaction.atomic
def affaire_creer(*, intitule: str, type_exploiteur: str, by, exploiteur_details: str = "", annee=None) -> Affaire:
    annee = annee or timezone.localdate().year
    affaire = Affaire(
        reference=prochaine_reference(Affaire, "reference", f"A-{annee}-"),
        intitule=intitule,
        type_exploiteur=type_exploiteur,
        exploiteur_details=exploiteur_details,
    )
    affaire.full_clean()
    affaire.save()
    return affaire


def affaire_modifier(*, affaire: Affaire, version_attendue, by) -> Affaire:
    """Exploiter details may only change for the legal unit and Direction."""
    if affaire.pk and not can(by, "accompagnement.exploiteur", "change"):
        avant = Affaire.objects.values_list("exploiteur_details", flat=True).get(pk=affaire.pk)
        if avant != affaire.exploiteur_details:
            raise PermissionDenied
    return save_versioned(affaire, version_attendue)


@transaction.atomic
def exploitation_enregistrer(
    *, exploitation: Exploitation, lieux: list[dict], version_attendue, by, evenements: list[dict] | None = None
) -> Exploitation:
    """Save an exploitation profile, its places (several départements and/or countries) and, when
    given, its trafficking events (recruitment, transit, exploitation), as the form left them: rows
    kept are updated in place, rows removed are deleted softly."""
    save_versioned(exploitation, version_attendue)
    lignes_enregistrer(parent=exploitation, relation="lieux", lignes=lieux, by=by)
    if evenements is not None:
        lignes_enregistrer(parent=exploitation, relation="evenements", lignes=evenements, by=by)
    return exploitation


@transaction.atomic
def exploitation_commencer(
    *, personne: Personne, affaire: Affaire, secteur: str, departement: str, pays: str, by, formes=()
) -> Exploitation | None:
    """Start the exploitation profile of a person in a case from what a report says (sector, presumed
    forms of exploitation, place): once per person and case (None when it exists already). The place is
    recorded when known, France unless another country is given."""
    if Exploitation.objects.filter(personne=personne, affaire=affaire).exists():
        return None
    exploitation = Exploitation(personne=personne, affaire=affaire, secteur=secteur, formes=list(formes))
    exploitation.full_clean()
    exploitation.save()
    if departement or (pays and pays != "FR"):
        lieu = LieuExploitation(exploitation=exploitation, departement=departement, pays=pays or "FR")
        lieu.full_clean()
        lieu.save()
    return exploitation


@transaction.atomic
def journal_verifier_pole(pole: str, by) -> None:
    """Only the psychologist writes in the psychologist's unit, only legal staff and Direction in
    the legal one (the same rule that hides them)."""
    if pole == enums.Pole.PSY and not can(by, "journal.psy", "change"):
        raise PermissionDenied
    if pole == enums.Pole.JURIDIQUE and not can(by, "journal.juridique", "change"):
        raise PermissionDenied


def journal_ajouter(*, personne: Personne, date, pole: str, type: str, texte: str, by) -> EntreeJournal:
    """Write a journal entry; only the psychologist writes in the psychologist's unit, only legal staff
    and Direction in the legal one (the same rule that hides them)."""
    journal_verifier_pole(pole, by)
    entree = EntreeJournal(personne=personne, date=date, pole=pole, type=type, texte=texte, auteur=by)
    entree.full_clean()
    entree.save()
    return entree


def journal_modifier(*, entree: EntreeJournal, version_attendue, by) -> EntreeJournal:
    """Correct a journal entry: its author only, within the units they may write in; refused if
    someone saved it in between (EditConflict). The history keeps the earlier text."""
    if entree.auteur_id != by.pk:
        raise PermissionDenied
    journal_verifier_pole(entree.pole, by)
    entree.modifie_le = timezone.now()
    return save_versioned(entree, version_attendue)


def suivi_enregistrer(*, suivi: Suivi, version_attendue, by) -> Suivi:
    """Start or update a unit's follow-up of a person (counted in P_PSY / P_JUR while it overlaps
    the year); ending it records the end date."""
    return save_versioned(suivi, version_attendue)


@transaction.atomic
def consentement_ajouter(*, consentement: ConsentementTransfert, by) -> ConsentementTransfert:
    """Record the person's consent to send their case record to a partner organisation (what the
    HTCDS export requires), and who recorded it."""
    consentement.recueilli_par = by
    consentement.retire_le = None
    consentement.full_clean()
    consentement.save()
    return consentement


def consentement_retirer(*, consentement: ConsentementTransfert, version_attendue, by) -> ConsentementTransfert:
    """Withdraw a consent from `retire_le` on: it no longer allows a transfer, and stays in the
    record (nothing is deleted). Refused when it was withdrawn already."""
    if not consentement.retire_le:
        raise ValidationError({"retire_le": _("Give the date the consent was withdrawn.")})
    avant = ConsentementTransfert.objects.values_list("retire_le", flat=True).get(pk=consentement.pk)
    if avant is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    return save_versioned(consentement, version_attendue)
