"""Writes of the reports app: yearly manual inputs and PDF generations."""

import hashlib
import logging
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from comptes.concurrency import EditConflict

from . import pdf
from .calcul import oublier
from .models import GenerationPDF, SaisieAnnuelle
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


def generation_demander(*, annee: int, langue: str, edition_publique: bool, seuil: int, by: User) -> GenerationPDF:
    """Record a PDF request and enqueue its task once the row is committed."""
    with transaction.atomic():
        generation = GenerationPDF(
            annee=annee, langue=langue, edition_publique=edition_publique, seuil=seuil, demande_par=by
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
