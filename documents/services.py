"""Writes of the documents: upload, edit, re-encryption, and the removal of their bytes.

The bytes live in the `documents` storage (settings.STORAGES), encrypted (chiffrement.py), under a
random name. A soft-deleted document (comptes.suppression) keeps its bytes, encrypted, as long as
its deletion can be restored; then `fichiers_orphelins_purger` deletes them (daily, and after
every erasure). Erasure and retention delete a person's documents, rows, history and bytes.
"""

import datetime
import hashlib
import json
import tempfile
import uuid
from collections.abc import Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from comptes.concurrency import save_versioned
from comptes.models import Correction
from comptes.permissions import CHANGE, can
from juridique.models import Procedure

from . import chiffrement, controle
from .enums import UNITES_PAR_CIBLE, Cible, Unite
from .models import Document

LABEL = "documents.document"
AGE_MIN_ORPHELIN = datetime.timedelta(hours=1)  # an upload being written has no row yet


def stockage():
    return storages["documents"]


def unites_permises(user, cible: Cible) -> list[str]:
    """The units the user may file a document under, on this kind of record."""
    return [u for u in UNITES_PAR_CIBLE[cible] if can(user, u, CHANGE)]


def cible_de(obj) -> Cible:
    return {
        "accompagnement.personne": Cible.PERSONNE,
        "signalements.signalement": Cible.SIGNALEMENT,
        "juridique.procedure": Cible.PROCEDURE,
        "juridique.titresejour": Cible.TITRE_SEJOUR,
    }[obj._meta.label_lower]


def _ecrire(fichier) -> tuple[str, str]:
    """Encrypt the upload into the storage under a random name; returns (stored name, sha256)."""
    empreinte = hashlib.sha256()

    def lus():
        fichier.seek(0)
        while bloc := fichier.read(chiffrement.TAILLE_BLOC):
            empreinte.update(bloc)
            yield bloc

    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as chiffre:  # ciphertext only
        for morceau in chiffrement.chiffrer(lus()):
            chiffre.write(morceau)
        chiffre.seek(0)
        nom = stockage().save(f"{uuid.uuid4().hex}.bin", File(chiffre))
    return nom, empreinte.hexdigest()


@transaction.atomic
def document_ajouter(
    *, enregistrement, fichier, nom: str, type: str, date: datetime.date, description: str, unite: str, by
) -> Document:
    """Check the upload (type read from the content, size, name), encrypt and store it, record the row.

    `enregistrement` is the person, report, proceeding or permit, already fetched through the
    user's scope; the unit must be one the user may change on that kind of record."""
    cible = cible_de(enregistrement)
    if unite not in unites_permises(by, cible):
        raise ValidationError({"unite": _("You may not add a document for this unit.")})
    try:
        format_ = controle.verifier(fichier, nom=nom, taille_max=settings.DOCUMENTS_TAILLE_MAX)
    except ValidationError as exc:
        raise ValidationError({"fichier": exc.messages}) from None
    document = Document(
        **{cible.value: enregistrement},
        type=type,
        date=date,
        description=description,
        unite=unite,
        nom_original=controle.nom_propre(nom),
        taille=fichier.size,
        type_mime=format_.type_mime,
        cle=chiffrement.cle_courante(),
        ajoute_par=by,
    )
    document.nom_stockage, document.sha256 = _ecrire(fichier)
    try:
        document.full_clean()
        document._history_user = by
        document.save()
    except Exception:
        stockage().delete(document.nom_stockage)
        raise
    return document


def document_modifier(*, document: Document, version_attendue: int | None, by) -> Document:
    """Correct the description, kind, date or unit (the file itself is never replaced: add another)."""
    if document.unite not in unites_permises(by, document.cible):
        raise ValidationError({"unite": _("You may not file a document under this unit.")})
    document._history_user = by
    return save_versioned(document, version_attendue)


def document_lire(document: Document) -> Iterator[bytes]:
    """The plaintext, chunk by chunk (authenticated chunk by chunk: a tampered file stops the stream)."""
    with stockage().open(document.nom_stockage, "rb") as flux:
        yield from chiffrement.dechiffrer(flux)


def document_rechiffrer(document: Document) -> bool:
    """Rewrite the file with the current key (key rotation); False when it already uses it."""
    courante = chiffrement.cle_courante()
    if document.cle == courante:
        return False
    ancien = document.nom_stockage
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as chiffre:
        for morceau in chiffrement.chiffrer(document_lire(document)):
            chiffre.write(morceau)
        chiffre.seek(0)
        nouveau = stockage().save(f"{uuid.uuid4().hex}.bin", File(chiffre))
    Document.objects.filter(pk=document.pk).update(nom_stockage=nouveau, cle=courante)
    stockage().delete(ancien)
    document.nom_stockage, document.cle = nouveau, courante
    return True


# --- Removing the bytes ---------------------------------------------------------------------------


def _noms_dans_corrections(corrections) -> set[str]:
    """Stored names of the documents kept (serialised) by deletions that can still be restored."""
    noms = set()
    for donnees in corrections.exclude(donnees="").filter(donnees__contains=LABEL).values_list("donnees", flat=True):
        for ligne in json.loads(donnees):
            if ligne.get("model") == LABEL:
                noms.add(ligne["fields"]["nom_stockage"])
    return noms


def documents_effacer_personne(personne_id: int) -> int:
    """Erasure: the person's documents go entirely — rows, history rows, bytes, and the bytes of their
    deleted documents still kept for restoration (to be called before those deletions are emptied).
    Their permits' documents and those of proceedings about them alone go too; a proceeding's
    documents shared with other persons stay (their texts are masked like any other)."""
    seul = Procedure.objects.annotate(n=Count("personnes")).filter(n=1, personnes=personne_id)
    documents = Document.objects.filter(
        Q(personne_id=personne_id) | Q(titre_sejour__personne_id=personne_id) | Q(procedure__in=seul.values("pk"))
    )
    noms = set(documents.values_list("nom_stockage", flat=True))
    noms |= _noms_dans_corrections(Correction.objects.filter(personne_id=personne_id))
    pks = list(documents.values_list("pk", flat=True))
    pks_historiques = list(Document.history.filter(personne_id=personne_id).values_list("id", flat=True))
    documents.delete()  # then the history, deletion rows included
    Document.history.filter(id__in=set(pks) | set(pks_historiques)).delete()
    for nom in noms:
        stockage().delete(nom)
    return len(noms)


def fichiers_orphelins_purger(*, age: datetime.timedelta = AGE_MIN_ORPHELIN) -> int:
    """Delete the stored files no document row and no restorable deletion refers to any more (the
    30 days of a deletion are over, or an upload failed). Files younger than `age` are left: an
    upload writes its file just before its row."""
    gardes = set(Document.objects.values_list("nom_stockage", flat=True))
    gardes |= _noms_dans_corrections(Correction.objects.filter(action=Correction.Action.SUPPRESSION))
    limite = timezone.now() - age
    n = 0
    try:
        _dossiers, fichiers = stockage().listdir("")
    except FileNotFoundError:  # no document stored yet
        return 0
    for nom in fichiers:
        if nom not in gardes and stockage().get_modified_time(nom) < limite:
            stockage().delete(nom)
            n += 1
    return n


# --- Right of access --------------------------------------------------------------------------------


def documents_acces(personne, *, scelles: bool) -> dict[str, bytes]:
    """The person's documents for a right-of-access ZIP, decrypted, with a CSV describing them:
    the psychologist's (sealed) ones only when `scelles` (her own export), the others otherwise.
    Names are built like downloads (kind, date, number): the ZIP goes to the person."""
    from comptes import tableur

    documents = Document.objects.de_personne(personne).select_related("ajoute_par").order_by("date", "pk")
    documents = documents.filter(unite=Unite.PSY) if scelles else documents.exclude(unite=Unite.PSY)
    if not documents:
        return {}
    lignes = [["fichier", "type", "date", "unite", "description", "nom_original", "taille", "sha256", "ajoute_le"]]
    fichiers = {}
    for d in documents:
        nom = f"documents/{d.nom_telechargement}"
        fichiers[nom] = b"".join(document_lire(d))
        lignes.append(
            [nom, d.get_type_display(), d.date.isoformat(), d.get_unite_display(), d.description, d.nom_original,
             d.taille, d.sha256, timezone.localtime(d.ajoute_le).strftime("%d/%m/%Y %H:%M")]
        )  # fmt: skip
    fichiers["documents.csv"] = tableur.csv_bytes(lignes)
    return fichiers


def lisezmoi_documents() -> str:
    return _("The documents/ folder holds the file's documents, decrypted; documents.csv describes them.\n")
