"""Writes of the reports app: yearly manual inputs, closing a year, PDF generations."""

import hashlib
import logging
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accompagnement import synthese
from comptes.concurrency import EditConflict
from comptes.permissions import can

from . import calcul, pdf
from .calcul import oublier
from .models import ExerciceCloture, GenerationPDF, SaisieAnnuelle
from .tasks import generer_pdf

logger = logging.getLogger(__name__)


def empreinte_saisies(annee: int) -> str:
    """Fingerprint of a year's manual inputs (keys and versions): the yearly form's version."""
    rows = SaisieAnnuelle.objects.filter(annee=annee).order_by("cle").values_list("cle", "version")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


def saisies_enregistrer(
    *, annee: int, valeurs: dict[str, tuple[Decimal | None, str]], empreinte: str | None, by: User
) -> int:
    """Save the manual inputs of a year ({key: (value, note)}); returns how many rows changed.

    The whole year is one form: if someone saved it since it was opened (the fingerprint
    differs), nothing is written and EditConflict is raised.
    """
    changed = 0
    with transaction.atomic():
        existantes = {s.cle: s for s in SaisieAnnuelle.objects.select_for_update().filter(annee=annee)}
        if empreinte is not None and empreinte != empreinte_saisies(annee):
            raise EditConflict
        for cle, (valeur, note) in valeurs.items():
            saisie = existantes.get(cle)
            if saisie is None:
                if valeur is None and not note:
                    continue
                saisie = SaisieAnnuelle(annee=annee, cle=cle)
            elif saisie.valeur == valeur and saisie.note == note:
                continue
            else:
                saisie.version += 1
            saisie.valeur, saisie.note, saisie.modifie_par = valeur, note, by
            saisie.full_clean()
            saisie.save()
            changed += 1
    # The cached reports of N and N+1 (which prints N as its previous year) are stale now.
    transaction.on_commit(lambda: oublier(annee, annee + 1))
    return changed


def exercice_cloturer(
    *, annee: int, by: User, revision: bool = False, motif: str = "", avec_pdf: bool = True
) -> ExerciceCloture:
    """Close a year: publish its figures as computed now (N from the records, N−1 and the series as
    published) as a new immutable version, and request its PDFs of record (French, English).

    Management only. A year already closed is refused unless `revision` is asked (version n+1,
    the earlier versions kept); a revision of a year never closed is refused too, so that a
    typing slip cannot publish the wrong year. A figure that fails to compute stops the closing.
    """
    if not can(by, "rapports.cloture", "change"):
        raise PermissionDenied(f"{by.get_username()} is not a Direction account: only management closes a year.")
    if corrigees := synthese.corriger():  # published figures read the records, whatever happened
        logger.warning("Closing %s: rewrote the summaries of %s persons that differed from their records", annee,
                       len(corrigees))  # fmt: skip
    rapport = calcul.calculer_pour_cloture(annee)  # seconds: outside the transaction
    with transaction.atomic():
        # Lock the year's versions so that two closings cannot both become version n+1.
        versions = list(
            ExerciceCloture.objects.select_for_update().filter(annee=annee).values_list("version", flat=True)
        )
        if versions and not revision:
            raise ValidationError(f"{annee} is already closed (version {max(versions)}): publish a revision instead.")
        if revision and not versions:
            raise ValidationError(f"{annee} is not closed yet: close it first.")
        exercice = ExerciceCloture(
            annee=annee,
            version=max(versions, default=0) + 1,
            resultat=rapport.instantane(),
            motif=motif,
            cloture_par=by,
        )
        exercice.full_clean()
        exercice.save()
        if avec_pdf:
            for langue in GenerationPDF.Langue.values:
                generation_demander(
                    annee=annee, langue=langue, edition_publique=False, seuil=5, by=by, cloture=exercice
                )
        # The cached pages of N, of N+1 (whose N−1 column prints N) and of the years whose series
        # has a point for N now read the snapshot.
        transaction.on_commit(lambda: oublier(*range(annee, annee + max(calcul.ANNEES_EVOLUTION) + 1)))
    return exercice


def generation_demander(
    *, annee: int, langue: str, edition_publique: bool, seuil: int, by: User, cloture: ExerciceCloture | None = None
) -> GenerationPDF:
    """Record a PDF request and enqueue its task once the row is committed. `cloture`: a PDF of
    record of that published version."""
    with transaction.atomic():
        generation = GenerationPDF(
            annee=annee, langue=langue, edition_publique=edition_publique, seuil=seuil, demande_par=by, cloture=cloture
        )
        generation.full_clean()
        generation.save()
        generer_pdf.delay_on_commit(generation.pk)
    return generation


def generation_relancer(*, generation: GenerationPDF, by: User) -> GenerationPDF:
    """Retry a failed (or stuck) generation: same year, language and edition."""
    if not generation.relancable:
        raise ValueError("Only a failed or stuck generation can be retried.")
    with transaction.atomic():
        generation.statut, generation.progression, generation.erreur = GenerationPDF.Statut.EN_ATTENTE, 0, ""
        generation.termine_le = None
        generation.save()
        generer_pdf.delay_on_commit(generation.pk)
    return generation


def _progression(generation_id: int):
    def noter(pourcent: int):
        GenerationPDF.objects.filter(pk=generation_id).update(progression=pourcent, modifie_le=timezone.now())

    return noter


def generation_executer(*, generation_id: int) -> GenerationPDF:
    """Render the PDF of a generation and keep the file; a failure is recorded with its reason."""
    generation = GenerationPDF.objects.get(pk=generation_id)
    if generation.statut == GenerationPDF.Statut.TERMINEE:
        return generation
    generation.statut, generation.progression, generation.erreur = GenerationPDF.Statut.EN_COURS, 5, ""
    generation.save()
    try:
        contenu = pdf.rendre(
            generation.annee,
            generation.langue,
            publique=generation.edition_publique,
            seuil=generation.seuil,
            progression=_progression(generation.pk),
            cloture=generation.cloture,
        )
        generation.refresh_from_db(fields=["progression"])
        generation.fichier.save(generation.nom_fichier(), ContentFile(contenu), save=False)
        generation.statut, generation.progression = GenerationPDF.Statut.TERMINEE, 100
    except Exception as exc:  # noqa: BLE001 — the user must see why it failed and retry
        logger.exception("PDF generation %s failed", generation_id)
        generation.statut, generation.erreur = GenerationPDF.Statut.ECHEC, f"{type(exc).__name__}: {exc}"[:2000]
    generation.termine_le = timezone.now()
    generation.save()
    return generation
