"""Encryption at rest of the documents: AES-256-GCM, streamed in chunks.

File layout:  MAGIC | key-id length (1 byte) | key id (ASCII) | nonce prefix (8 random bytes) | chunks
Each chunk is the ciphertext of up to TAILLE_BLOC plaintext bytes followed by its 16-byte tag. Its
nonce is the file's random prefix + the chunk counter (4 bytes), so no nonce repeats under one
key (2^32 chunks of 64 KiB per file, far above the size limit). The associated data is the header
plus one flag byte: 1 on the last chunk only. So a reordered chunk (wrong counter), a truncated
file (no chunk flagged last), an appended chunk (after the last), a changed header (other key id
or prefix) all fail authentication: `Corrompu` is raised, never wrong plaintext.

Keys come from settings.DOCUMENTS_KEYS ("id:base64", the first one writes); the key id is in the
header, so older files stay readable until `documents_rechiffrer` rewrites them with the first key.
"""

import base64
import os
import struct
from collections.abc import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

MAGIC = b"CCEMDOC1"
TAILLE_BLOC = 64 * 1024
TAG = 16
PREFIXE = 8


class Corrompu(Exception):
    """The stored bytes do not authenticate (altered, truncated, or another key)."""


def cles() -> list[tuple[str, bytes]]:
    """The configured keys, first one for writing; a malformed setting stops the application."""
    trouvees = []
    for entree in settings.DOCUMENTS_KEYS:
        ident, sep, b64 = str(entree).strip().partition(":")
        try:
            cle = base64.b64decode(b64, validate=True)
        except ValueError:
            cle = b""
        if not sep or not ident or not ident.isascii() or len(ident) > 32 or len(cle) != 32:
            raise ImproperlyConfigured(
                "DOCUMENTS_KEYS: each key is 'id:base64' with a short ASCII id and 32 bytes "
                "(python -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())')."
            )
        trouvees.append((ident, cle))
    if not trouvees:
        raise ImproperlyConfigured("DOCUMENTS_KEYS is empty: documents cannot be encrypted.")
    return trouvees


def cle_courante() -> str:
    return cles()[0][0]


def _nonce(prefixe: bytes, compteur: int) -> bytes:
    return prefixe + struct.pack(">I", compteur)


def _blocs(flux) -> Iterator[bytes]:
    while bloc := flux.read(TAILLE_BLOC):
        yield bloc


def chiffrer(blocs: Iterable[bytes]) -> Iterator[bytes]:
    """Encrypt a stream of plaintext pieces with the current key; yields header then chunks."""
    ident, cle = cles()[0]
    aes = AESGCM(cle)
    prefixe = os.urandom(PREFIXE)
    entete = MAGIC + bytes([len(ident)]) + ident.encode("ascii") + prefixe
    yield entete
    tampon, compteur = b"", 0
    for morceau in blocs:
        tampon += morceau
        while len(tampon) > TAILLE_BLOC:  # keep at least one byte back: the last chunk is flagged
            yield aes.encrypt(_nonce(prefixe, compteur), tampon[:TAILLE_BLOC], entete + b"\x00")
            tampon, compteur = tampon[TAILLE_BLOC:], compteur + 1
    yield aes.encrypt(_nonce(prefixe, compteur), tampon, entete + b"\x01")


def lire_entete(flux) -> tuple[bytes, str]:
    debut = flux.read(len(MAGIC) + 1)
    if len(debut) != len(MAGIC) + 1 or debut[: len(MAGIC)] != MAGIC:
        raise Corrompu("not an encrypted document")
    ident = flux.read(debut[-1])
    prefixe = flux.read(PREFIXE)
    if len(prefixe) != PREFIXE:
        raise Corrompu("truncated header")
    return debut + ident + prefixe, ident.decode("ascii", errors="replace")


def dechiffrer(flux) -> Iterator[bytes]:
    """Decrypt a stored file (a readable binary file object), chunk by chunk.

    A chunk is only yielded once it authenticates; a stream that ends without its flagged last
    chunk raises `Corrompu` (a truncated file never passes for a shorter document)."""
    entete, ident = lire_entete(flux)
    cle = dict(cles()).get(ident)
    if cle is None:
        raise Corrompu(f"unknown key id {ident!r} (is it still in DOCUMENTS_KEYS?)")
    aes, prefixe = AESGCM(cle), entete[-PREFIXE:]
    courant = flux.read(TAILLE_BLOC + TAG)
    compteur = 0
    while True:
        suivant = flux.read(TAILLE_BLOC + TAG) if len(courant) == TAILLE_BLOC + TAG else b""
        dernier = not suivant
        try:
            yield aes.decrypt(_nonce(prefixe, compteur), courant, entete + (b"\x01" if dernier else b"\x00"))
        except InvalidTag:
            raise Corrompu("the document does not authenticate") from None
        if dernier:
            return
        courant, compteur = suivant, compteur + 1


def chiffrer_fichier(flux) -> Iterator[bytes]:
    return chiffrer(_blocs(flux))
