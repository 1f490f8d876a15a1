"""Writes on reports: creation, moving through the steps, interviews, decision."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accompagnement import services as accompagnement_services
from accompagnement.enums import TypeExploiteur
from accompagnement.models import Accompagnement, Personne
from comptes.concurrency import EditConflict, save_versioned
from comptes.suppression import element_supprimer

from . import enums
from .models import Entretien, PersonneSignalee, Signalement


def reference_signalement(annee: int) -> str:
    return accompagnement_services.prochaine_reference(Signalement, "reference", f"S-{annee}-")


@transaction.atomic
def signalement_creer(*, signalement: Signalement, personnes: list[PersonneSignalee], by) -> Signalement:
    """Record a new report with its potential victims; the reference is S-<year of reception>-NNNN."""
    signalement.verifier_victimes(personnes)
    signalement.reference = reference_signalement(signalement.date_reception.year)
    signalement.cree_par = by
    if signalement.charge_par_id is None:
        signalement.charge_par = by
    signalement.full_clean()
    signalement.save()
    for personne in personnes:
        personne_signalee_ajouter(signalement=signalement, personne_signalee=personne, by=by)
    return signalement


def signalement_modifier(*, signalement: Signalement, version_attendue, by) -> Signalement:
    return save_versioned(signalement, version_attendue)


@transaction.atomic
def personne_signalee_ajouter(*, signalement: Signalement, personne_signalee: PersonneSignalee, by):
    """Add a potential victim; `personne_signalee.personne` may point to an existing person chosen
    by the user among the possible duplicates."""
    personne_signalee.signalement = signalement
    personne_signalee.full_clean()
    personne_signalee.save()
    return personne_signalee


@transaction.atomic
def entretien_modifier(*, entretien: Entretien, by) -> Entretien:
    """Correct an interview recorded with a mistake (the history keeps the earlier version)."""
    entretien.full_clean()
    entretien._history_user = by
    entretien.save()
    return entretien


def personne_signalee_modifier(*, personne_signalee: PersonneSignalee, version_attendue, by) -> PersonneSignalee:
    return save_versioned(personne_signalee, version_attendue)


@transaction.atomic
def personne_signalee_retirer(*, personne_signalee: PersonneSignalee, by) -> None:
    """Remove a potential victim entered by mistake (only while the report is open): a soft deletion,
    restorable by Direction for 30 days like any other (comptes.suppression)."""
    _exiger_ouvert(personne_signalee.signalement)
    signalement = personne_signalee.signalement
    signalement.verifier_victimes(signalement.personnes_signalees.exclude(pk=personne_signalee.pk))
    element_supprimer(obj=personne_signalee, motif=_("Removed from the report while it was open."), by=by)


def _exiger_ouvert(signalement: Signalement):
    if not signalement.est_ouvert:
        raise ValidationError(_("This report has already been decided."))


@transaction.atomic
def signalement_avancer(
    *,
    signalement: Signalement,
    etape: str,
    date: datetime.date,
    by,
    consentement_date: datetime.date | None = None,
    consentement_par=None,
    version_attendue: int | None = None,
) -> Signalement:
    """Move a report forward one or more steps.

    Rule: no step beyond first information without the potential victim's consent (date and who
    recorded it). Moving to "questionnaire" records its date and who sent it; moving to
    "interview" is done by recording an interview (entretien_ajouter).
    """
    _exiger_ouvert(signalement)
    if enums.ORDRE_ETAPES.index(etape) <= signalement.rang_etape:
        raise ValidationError(_("A report can only move forward."))
    if consentement_date and not signalement.consentement_date:
        signalement.consentement_date = consentement_date
        signalement.consentement_recueilli_par = consentement_par or by
    if not signalement.consentement_date:
        raise ValidationError(
            {
                "consentement_date": _(
                    "Record the consent of the potential victim before going beyond first information."
                )
            }
        )
    if etape == enums.Etape.QUESTIONNAIRE:
        signalement.date_questionnaire = date
        signalement.questionnaire_par = by
    signalement.etape = etape
    return save_versioned(signalement, version_attendue)


@transaction.atomic
def entretien_ajouter(
    *,
    signalement: Signalement,
    date: datetime.date,
    type: str,
    mene_par,
    by,
    compte_rendu: str = "",
    consentement_date: datetime.date | None = None,
) -> Entretien:
    """Record an interview; the report reaches the interview step (consent required)."""
    _exiger_ouvert(signalement)
    if consentement_date and not signalement.consentement_date:
        signalement.consentement_date = consentement_date
        signalement.consentement_recueilli_par = by
    if not signalement.consentement_date:
        raise ValidationError(_("Record the consent of the potential victim before an interview."))
    if date < signalement.date_reception:
        raise ValidationError({"date": _("The interview cannot be dated before the report was received.")})
    entretien = Entretien(signalement=signalement, date=date, type=type, mene_par=mene_par, compte_rendu=compte_rendu)
    entretien.full_clean()
    entretien.save()
    if signalement.etape != enums.Etape.ENTRETIEN:
        signalement.etape = enums.Etape.ENTRETIEN
        save_versioned(signalement, None)
    return entretien


NOUVELLE = "nouvelle"
IGNORER = "ignorer"


@dataclass
class ChoixPersonne:
    """For one potential victim of a supported report: create a new person, link an existing one,
    or leave them out (e.g. they did not agree)."""

    personne_signalee: PersonneSignalee
    action: str  # NOUVELLE, IGNORER, or "lier"
    personne: Personne | None = None


@transaction.atomic
def signalement_decider(
    *,
    signalement: Signalement,
    decision: str,
    date_decision: datetime.date,
    by,
    type_reorientation: str = "",
    structure_reorientation: str = "",
    motif_sans_suite: str = "",
    decision_commentaire: str = "",
    choix: list[ChoixPersonne] | None = None,
    affaire=None,
    intitule_affaire: str = "",
    type_exploiteur: str = TypeExploiteur.AUTRE,
    version_attendue: int | None = None,
) -> list[Personne]:
    """Record the decision. "Supported" creates the persons (or links the existing ones chosen by
    the user), opens their support period from the decision date, attaches them to one case and
    starts their exploitation profile from what the report says, all in one transaction.

    Returns the persons supported (empty for other decisions).
    """
    _exiger_ouvert(signalement)
    # Two colleagues deciding at once: the row lock makes the second one see the first decision.
    if not Signalement.objects.select_for_update().filter(pk=signalement.pk, decision=enums.Decision.EN_COURS).exists():
        raise ValidationError(_("This report has already been decided."))
    signalement.decision = decision
    signalement.date_decision = date_decision
    signalement.decision_par = by
    signalement.type_reorientation = type_reorientation if decision == enums.Decision.REORIENTATION else ""
    signalement.structure_reorientation = structure_reorientation if decision == enums.Decision.REORIENTATION else ""
    signalement.motif_sans_suite = motif_sans_suite if decision == enums.Decision.SANS_SUITE else ""
    signalement.decision_commentaire = decision_commentaire
    retenus = [c for c in (choix or []) if c.action != IGNORER]
    try:
        if decision == enums.Decision.ACCOMPAGNEMENT and not signalement.consentement_date:
            raise ValidationError(_("Support needs the consent of the person: record it first."))
        if decision == enums.Decision.ACCOMPAGNEMENT and not retenus:
            raise ValidationError(_("Choose at least one person to support."))
        save_versioned(signalement, version_attendue)
    except (ValidationError, EditConflict):
        signalement.refresh_from_db()  # the caller's object must not look decided
        raise
    if decision != enums.Decision.ACCOMPAGNEMENT:
        return []

    if affaire is None:
        affaire = accompagnement_services.affaire_creer(
            intitule=intitule_affaire or _("Case from report %(ref)s") % {"ref": signalement.reference},
            type_exploiteur=type_exploiteur,
            by=by,
            annee=date_decision.year,
        )
    personnes = []
    for c in retenus:
        ps = c.personne_signalee
        if c.action == NOUVELLE:
            personne = accompagnement_services.personne_creer(
                by=by,
                numero_dossier=accompagnement_services.numero_dossier(date_decision.year),
                nom=ps.nom or _("Unknown"),
                prenom=ps.prenom,
                sexe=ps.sexe,
                annee_naissance=ps.annee_naissance or (date_decision.year - ps.age if ps.age is not None else None),
                nationalite=ps.nationalite,
                telephone=ps.telephone,
            )
        else:
            personne = c.personne
        ps.personne = personne
        ps.save(update_fields=["personne", "cle_recherche"])
        if not Accompagnement.objects.filter(personne=personne, date_cloture__isnull=True).exists():
            accompagnement_services.accompagnement_ouvrir(
                personne=personne, date_debut=date_decision, by=by, signalement=signalement
            )
        accompagnement_services.exploitation_commencer(
            personne=personne,
            affaire=affaire,
            secteur=signalement.secteur_presume,
            formes=signalement.formes_presumees,
            departement=signalement.departement_faits,
            pays=signalement.pays_faits,
            by=by,
        )
        personnes.append(personne)
    return personnes
