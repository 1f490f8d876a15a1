"""Writes of the legal unit. Each function checks the rules, runs in one transaction and records who acted."""

import secrets
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accompagnement.models import Affaire, Personne
from comptes.concurrency import save_versioned

from .models import Avocat, Decision, Etape, JetonAgenda, Procedure, TitreSejour, hash_cle, reference_procedure


def personnes_de_affaire(affaire: Affaire):
    """Persons of a case: those with an exploitation recorded in it."""
    return Personne.objects.filter(exploitations__affaire=affaire).distinct().order_by("numero_dossier", "pk")


def _verifier_personnes(affaire: Affaire, personnes: Iterable[Personne]) -> list[Personne]:
    personnes = list(personnes)
    if not personnes:
        raise ValidationError({"personnes": _("Choose at least one person of the case.")})
    membres = set(personnes_de_affaire(affaire).values_list("pk", flat=True))
    if any(p.pk not in membres for p in personnes):
        raise ValidationError({"personnes": _("Every person must belong to the case.")})
    return personnes


def prochaine_reference_procedure(affaire: Affaire) -> str:
    """Next free reference of the case's proceedings (P1, P2… after the highest number used).

    Called inside the creating transaction; the unique constraint guards against a race."""
    prefixe = reference_procedure(affaire.reference, "")
    suffixes = Procedure.objects.filter(reference__startswith=prefixe).values_list("reference", flat=True)
    numeros = [int(r[len(prefixe) :]) for r in suffixes if r[len(prefixe) :].isdigit()]
    return reference_procedure(affaire.reference, max(numeros, default=0) + 1)


@transaction.atomic
def procedure_creer(
    *, affaire: Affaire, personnes: Iterable[Personne], avocats: Iterable[Avocat] = (), by: User, **fields
) -> Procedure:
    """Open proceedings for one or several persons of `affaire`."""
    personnes = _verifier_personnes(affaire, personnes)
    procedure = Procedure(affaire=affaire, cree_par=by, **fields)
    procedure.reference = procedure.reference or prochaine_reference_procedure(affaire)
    procedure.full_clean()
    procedure.save()
    procedure.personnes.set(personnes)
    procedure.avocats.set(list(avocats))
    return procedure


@transaction.atomic
def procedure_modifier(
    *, procedure: Procedure, version_attendue: int | None, personnes=None, avocats=None, by: User, **fields
) -> Procedure:
    """Save an edit unless someone saved in between (raises EditConflict)."""
    for name, value in fields.items():
        setattr(procedure, name, value)
    if personnes is not None:
        personnes = _verifier_personnes(procedure.affaire, personnes)
    save_versioned(procedure, version_attendue)
    if personnes is not None:
        procedure.personnes.set(personnes)
    if avocats is not None:
        procedure.avocats.set(list(avocats))
    return procedure


@transaction.atomic
def procedure_ajouter_etape(*, procedure: Procedure, by: User, **fields) -> Etape:
    """Record a stage, a hearing or a deadline. A stage of another kind of proceedings is refused (Etape.clean)."""
    etape = Etape(procedure=procedure, cree_par=by, **fields)
    etape.full_clean()
    etape.save()
    return etape


@transaction.atomic
def etape_modifier(*, etape: Etape, version_attendue: int | None, by: User, **fields) -> Etape:
    for name, value in fields.items():
        setattr(etape, name, value)
    return save_versioned(etape, version_attendue)


@transaction.atomic
def decision_modifier(*, decision: Decision, version_attendue: int | None, by: User, **fields) -> Decision:
    """Correct a decision recorded with a mistake."""
    for name, value in fields.items():
        setattr(decision, name, value)
    decision.full_clean()
    return save_versioned(decision, version_attendue)


@transaction.atomic
def procedure_ajouter_decision(*, procedure: Procedure, by: User, cloturer: bool = False, **fields) -> Decision:
    """Record a decision; `cloturer` also closes the proceedings on the decision date."""
    decision = Decision(procedure=procedure, **fields)
    decision.full_clean()
    decision.save()
    if cloturer and procedure.ouverte:
        procedure.date_cloture = decision.date
        save_versioned(procedure, procedure.version)
    return decision


@transaction.atomic
def titre_creer(*, personne: Personne, by: User, **fields) -> TitreSejour:
    titre = TitreSejour(personne=personne, **fields)
    titre.full_clean()
    titre.save()
    return titre


@transaction.atomic
def titre_modifier(*, titre: TitreSejour, version_attendue: int | None, by: User, **fields) -> TitreSejour:
    for name, value in fields.items():
        setattr(titre, name, value)
    return save_versioned(titre, version_attendue)


@transaction.atomic
def avocat_creer(*, by: User, **fields) -> Avocat:
    avocat = Avocat(**fields)
    avocat.full_clean()
    avocat.save()
    return avocat


@transaction.atomic
def avocat_modifier(*, avocat: Avocat, version_attendue: int | None, by: User, **fields) -> Avocat:
    for name, value in fields.items():
        setattr(avocat, name, value)
    return save_versioned(avocat, version_attendue)


@transaction.atomic
def jeton_creer(*, utilisateur: User, libelle: str) -> tuple[JetonAgenda, str]:
    """Create a feed key. The clear key is returned once and never stored."""
    cle = secrets.token_urlsafe(32)
    jeton = JetonAgenda(utilisateur=utilisateur, libelle=libelle, cle_hash=hash_cle(cle), debut_cle=cle[:6])
    jeton.full_clean(exclude=["cle_hash", "debut_cle"])
    jeton.save()
    return jeton, cle


@transaction.atomic
def jeton_revoquer(*, jeton: JetonAgenda, by: User) -> JetonAgenda:
    if jeton.revoque_le is None:
        jeton.revoque_le = timezone.now()
        jeton.save(update_fields=["revoque_le"])
    return jeton
