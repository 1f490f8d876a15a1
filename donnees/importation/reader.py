"""Reading uploaded tables safely: CSV as French Excel writes them, and XLSX.

Hostile files are refused before any parsing work: size limit, row limit, and for XLSX a
check of the zip members' uncompressed size and ratio (zip bombs). openpyxl parses XML with
defusedxml when it is installed (it is: entity-expansion bombs raise instead of exploding).
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath

from django.utils.translation import gettext as _

MAX_SIZE = 20 * 1024 * 1024  # bytes per file
MAX_ROWS = 100_000  # data rows per table
MAX_UNCOMPRESSED = 250 * 1024 * 1024  # total uncompressed bytes inside an XLSX
MAX_RATIO = 200  # uncompressed / compressed, per zip member


@dataclass(frozen=True)
class Limits:
    """Per-file limits. The browser uses the defaults; the command line may raise them (trusted operator)."""

    taille: int
    lignes: int
    decompresse: int

    @classmethod
    def default(cls) -> "Limits":
        return cls(taille=MAX_SIZE, lignes=MAX_ROWS, decompresse=MAX_UNCOMPRESSED)


class RejectedFile(Exception):
    """The file cannot be read at all (too big, not a table, hostile)."""


@dataclass
class Table:
    """One table read from a file: its name (entity), headers, and (line number, cells) rows."""

    fichier: str
    nom: str
    entetes: list[str]
    lignes: list[tuple[int, list]] = field(default_factory=list)

    @cached_property
    def index(self) -> dict[str, int]:
        """{column name: position}, once the file is read."""
        return {nom: i for i, nom in enumerate(self.entetes) if nom}


def read(nom_fichier: str, contenu: bytes, limites: Limits | None = None) -> list[Table]:
    """Tables of a file: one for a CSV (named after the file), one per sheet for an XLSX."""
    limites = limites or Limits.default()
    if len(contenu) > limites.taille:
        raise RejectedFile(
            _("The file is too large (%(taille)s MB; at most %(max)s MB per file): split it.")
            % {"taille": round(len(contenu) / 1024 / 1024, 1), "max": limites.taille // 1024 // 1024}
        )
    suffixe = PurePath(nom_fichier).suffix.lower()
    if suffixe == ".xlsx":
        return read_xlsx(nom_fichier, contenu, limites)
    if suffixe in (".csv", ".txt"):
        return [read_csv(nom_fichier, contenu, limites)]
    raise RejectedFile(_("Unsupported file type: give a .csv or .xlsx file."))


def entity_name(nom_fichier: str) -> str:
    """'03-personnes.csv' or 'Personnes.CSV' → 'personnes'."""
    stem = PurePath(nom_fichier).stem.lower().strip()
    prefix, sep, rest = stem.partition("-")
    return rest if sep and prefix.isdigit() else stem


def decode(contenu: bytes) -> str:
    """UTF-8 (with or without BOM) or, failing that, Windows-1252 (Excel's 'CSV' on Windows)."""
    if contenu.startswith(b"\xef\xbb\xbf"):
        return contenu[3:].decode("utf-8")
    try:
        return contenu.decode("utf-8")
    except UnicodeDecodeError:
        return contenu.decode("cp1252", errors="replace")


def delimiter(premiere_ligne: str) -> str:
    """French Excel writes ';', others ','; tabs are accepted too. The header decides."""
    comptes = {sep: premiere_ligne.count(sep) for sep in (";", ",", "\t")}
    return max(comptes, key=lambda sep: (comptes[sep], sep == ";"))


def read_csv(nom_fichier: str, contenu: bytes, limites: Limits) -> Table:
    texte = decode(contenu)
    if "\x00" in texte:
        raise RejectedFile(_("This is not a text (CSV) file."))
    premiere = texte.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(texte, newline=""), delimiter=delimiter(premiere))
    table = Table(fichier=nom_fichier, nom=entity_name(nom_fichier), entetes=[])
    try:
        for numero, cellules in enumerate(reader, start=1):
            if numero == 1:
                table.entetes = [c.strip() for c in cellules]
                continue
            if not any(c.strip() for c in cellules):
                continue
            if len(table.lignes) >= limites.lignes:
                raise RejectedFile(_("Too many rows (at most %(max)s per file): split it.") % {"max": limites.lignes})
            table.lignes.append((reader.line_num, cellules))
    except csv.Error as exc:  # e.g. a cell longer than 128 KB, an unterminated quote at the end
        raise RejectedFile(
            _("Line %(ligne)s cannot be read: %(erreur)s") % {"ligne": reader.line_num, "erreur": exc}
        ) from exc
    return table


def check_zip(contenu: bytes, limites: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(contenu))
    except zipfile.BadZipFile as exc:
        raise RejectedFile(_("This is not a valid Excel (.xlsx) file.")) from exc
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise RejectedFile(_("The file is abnormally compressed and was refused (possible zip bomb)."))
    if total > limites.decompresse:
        raise RejectedFile(_("The file is too large once uncompressed: split it."))


def read_xlsx(nom_fichier: str, contenu: bytes, limites: Limits) -> list[Table]:
    import openpyxl

    check_zip(contenu, limites)
    try:
        classeur = openpyxl.load_workbook(io.BytesIO(contenu), read_only=True, data_only=True)
    except Exception as exc:  # defusedxml and zip errors: the file is refused, whatever the cause
        raise RejectedFile(
            _("This Excel file cannot be read safely: %(erreur)s") % {"erreur": type(exc).__name__}
        ) from exc
    tables = []
    try:
        for feuille in classeur.worksheets:
            table = Table(fichier=nom_fichier, nom=entity_name(feuille.title), entetes=[])
            for numero, valeurs in enumerate(feuille.iter_rows(values_only=True), start=1):
                if numero == 1:
                    table.entetes = [str(v).strip() if v is not None else "" for v in valeurs]
                    while table.entetes and not table.entetes[-1]:
                        table.entetes.pop()
                    continue
                if all(v is None or (isinstance(v, str) and not v.strip()) for v in valeurs):
                    continue
                if len(table.lignes) >= limites.lignes:
                    raise RejectedFile(
                        _("Too many rows (at most %(max)s per sheet): split it.") % {"max": limites.lignes}
                    )
                table.lignes.append((numero, list(valeurs)))
            if table.entetes:
                tables.append(table)
    except RejectedFile:
        raise
    except Exception as exc:  # XML bombs (defusedxml) surface while the rows are read
        raise RejectedFile(
            _("This Excel file cannot be read safely: %(erreur)s") % {"erreur": type(exc).__name__}
        ) from exc
    finally:
        classeur.close()
    return tables
