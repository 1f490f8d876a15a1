"""What an upload must be: an allowed type recognised from its first bytes, an extension that
agrees with it, a size under the limit, a name without tricks.

A short check of our own rather than a library: six formats, each recognised by a documented
signature (a generic sniffer such as `filetype` guesses DOCX from any ZIP mentioning "word/").
- PDF: starts with `%PDF-` (ISO 32000-1 §7.5.2);
- JPEG: FF D8 FF; PNG: the 8-byte PNG signature;
- HEIC: an ISO-BMFF `ftyp` box whose major brand is heic, heix, mif1 (HEIF image);
- ODT: a ZIP whose `mimetype` member is exactly `application/vnd.oasis.opendocument.text` (ODF 1.2 §3.3);
- DOCX: a ZIP with `[Content_Types].xml` declaring the WordprocessingML main document (ECMA-376 part 2).
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Format:
    code: str
    type_mime: str
    extensions: tuple[str, ...]


FORMATS = {
    f.code: f
    for f in (
        Format("pdf", "application/pdf", ("pdf",)),
        Format("jpeg", "image/jpeg", ("jpg", "jpeg")),
        Format("png", "image/png", ("png",)),
        Format("heic", "image/heic", ("heic", "heif")),
        Format("odt", "application/vnd.oasis.opendocument.text", ("odt",)),
        Format("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)),
    )
}
EXTENSIONS = sorted(ext for f in FORMATS.values() for ext in f.extensions)
MARQUES_HEIC = {b"heic", b"heix", b"mif1"}
ODT_MIME = b"application/vnd.oasis.opendocument.text"
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TAILLE_MEMBRE_MAX = 1024 * 1024  # a ZIP member we read to recognise the format (no zip bomb)
LONGUEUR_NOM = 120


def _membre(archive: zipfile.ZipFile, nom: str) -> bytes | None:
    try:
        info = archive.getinfo(nom)
    except KeyError:
        return None
    if info.file_size > TAILLE_MEMBRE_MAX:
        return None
    return archive.read(info)


def _format_zip(fichier) -> str | None:
    fichier.seek(0)
    try:
        with zipfile.ZipFile(fichier) as archive:
            mimetype = _membre(archive, "mimetype")
            if mimetype is not None and mimetype.strip() == ODT_MIME:
                return "odt"
            types = _membre(archive, "[Content_Types].xml")
            if types is not None and DOCX_MAIN in types and "word/document.xml" in archive.namelist():
                return "docx"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        return None
    return None


def reconnaitre(fichier) -> str | None:
    """The format code read from the content (not from the name nor the browser's type), or None."""
    fichier.seek(0)
    debut = fichier.read(16)
    if debut.startswith(b"%PDF-"):
        return "pdf"
    if debut.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if debut.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if debut[4:8] == b"ftyp" and debut[8:12] in MARQUES_HEIC:
        return "heic"
    if debut.startswith(b"PK\x03\x04"):
        return _format_zip(fichier)
    return None


# Control characters (NUL…), format characters (right-to-left override, zero-width…): a name
# that hides its real extension or breaks a header is refused, not silently repaired.
def _caractere_piege(c: str) -> bool:
    return unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def nom_propre(nom: str) -> str:
    """The original name as kept and offered again on download: NFC, path dropped, only letters,
    digits and `._-()` and spaces, at most LONGUEUR_NOM characters (the extension kept)."""
    nom = unicodedata.normalize("NFC", nom).replace("\\", "/").rsplit("/", 1)[-1]
    nom = re.sub(r"[^\w.()\- ]+", "_", nom, flags=re.UNICODE)
    nom = re.sub(r"\s+", " ", nom).strip(" ._")
    base, point, ext = nom.rpartition(".")
    if not point:
        base, ext = nom, ""
    base = base[: LONGUEUR_NOM - len(ext) - 1].rstrip(" ._") or "document"
    return f"{base}.{ext}" if ext else base


def verifier(fichier, *, nom: str, taille_max: int) -> Format:
    """Raise a ValidationError (shown next to the field) unless the upload is acceptable."""
    if any(_caractere_piege(c) for c in nom):
        raise ValidationError(
            _("The file name contains invisible or control characters. Rename the file and try again."),
            code="nom",
        )
    if len(nom) > 255:
        raise ValidationError(_("The file name is too long (255 characters at most)."), code="nom")
    if fichier.size > taille_max:
        raise ValidationError(
            _("The file is too large: %(taille)s MB at most.") % {"taille": f"{taille_max / 1024 / 1024:.0f}"},
            code="taille",
        )
    if fichier.size == 0:
        raise ValidationError(_("The file is empty."), code="vide")
    extension = nom.rpartition(".")[2].lower() if "." in nom else ""
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("Files of this kind are not accepted. Accepted: %(liste)s.") % {"liste": ", ".join(EXTENSIONS)},
            code="extension",
        )
    code = reconnaitre(fichier)
    fichier.seek(0)
    attendu = next(f for f in FORMATS.values() if extension in f.extensions)
    if code != attendu.code:
        raise ValidationError(
            _(
                "This file is not a real %(format)s: its content does not match its name. "
                "Export it again as %(format)s (or scan it) and try again."
            )
            % {"format": attendu.code.upper()},
            code="contenu",
        )
    return attendu
