"""The one spreadsheet writer: every CSV and XLSX file the application produces is written here.

Why one writer: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a
formula by spreadsheet software (CSV injection: `=HYPERLINK(...)` in a free-text title). Every text
cell gets a leading quote here, once for all exports; the import removes it again
(`donnees.importation.formats.texte_cellule`). Numbers and dates are written as numbers and dates,
never as text, so they need no quote.

Two CSV dialects:
- "fr": files for people — `;` separator, decimal comma, dd/mm/yyyy dates and a UTF-8 BOM, what
  French Excel opens correctly with a double click (also the import format of `donnees`).
- "machine": files for scripts — `,` separator, decimal point, ISO dates, no BOM.
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from openpyxl.cell import WriteOnlyCell

NEUTRALISES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DIALECTES = ("fr", "machine")


def neutraliser(texte: str) -> str:
    """Text a spreadsheet shows as typed, never runs as a formula: prefix a quote."""
    return "'" + texte if texte.startswith(NEUTRALISES) else texte


def _texte_csv(valeur, dialecte: str) -> str:
    fr = dialecte == "fr"
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return ("oui" if valeur else "non") if fr else ("true" if valeur else "false")
    if isinstance(valeur, int):
        return str(valeur)
    if isinstance(valeur, float | Decimal):
        texte = format(valeur, "f") if isinstance(valeur, Decimal) else repr(valeur)
        return texte.replace(".", ",") if fr else texte
    if isinstance(valeur, datetime.datetime):
        return valeur.strftime("%d/%m/%Y %H:%M:%S") if fr else valeur.isoformat()
    if isinstance(valeur, datetime.date):
        return valeur.strftime("%d/%m/%Y") if fr else valeur.isoformat()
    return neutraliser(str(valeur))


def csv_bytes(lignes: Iterable[Iterable], *, dialecte: str = "fr") -> bytes:
    """A CSV file of `lignes` (header included) in the given dialect."""
    if dialecte not in DIALECTES:
        raise ValueError(dialecte)
    tampon = io.StringIO(newline="")
    writer = csv.writer(tampon, delimiter=";" if dialecte == "fr" else ",", lineterminator="\r\n")
    for ligne in lignes:
        writer.writerow([_texte_csv(v, dialecte) for v in ligne])
    debut = "\ufeff" if dialecte == "fr" else ""
    return (debut + tampon.getvalue()).encode("utf-8")


@dataclass
class Feuille:
    """One sheet: a title (31 characters at most), a header row then data rows."""

    titre: str
    lignes: Iterable[Iterable]
    largeurs: dict[str, float] = field(default_factory=dict)  # {"B": 50}
    figer: str | None = "A2"  # first cell below the frozen panes


def _cellule_xlsx(feuille, valeur, gras):
    if isinstance(valeur, Decimal):
        valeur = float(valeur)
    elif isinstance(valeur, datetime.datetime) and valeur.tzinfo is not None:
        from django.utils import timezone

        valeur = timezone.localtime(valeur).replace(tzinfo=None)
    elif valeur is not None and not isinstance(valeur, int | float | datetime.date | datetime.time):
        valeur = neutraliser(str(valeur))
    cellule = WriteOnlyCell(feuille, value=valeur)
    if isinstance(valeur, datetime.datetime):
        cellule.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(valeur, datetime.date):
        cellule.number_format = "DD/MM/YYYY"
    if gras is not None:
        cellule.font = gras
    return cellule


def xlsx_bytes(feuilles: Iterable[Feuille]) -> bytes:
    """A workbook streamed row by row (openpyxl write-only): header in bold, typed cells."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    classeur = Workbook(write_only=True)
    gras = Font(bold=True)
    for spec in feuilles:
        feuille = classeur.create_sheet(spec.titre[:31])
        for colonne, largeur in spec.largeurs.items():
            feuille.column_dimensions[colonne].width = largeur
        if spec.figer:
            feuille.freeze_panes = spec.figer
        for numero, ligne in enumerate(spec.lignes):
            feuille.append([_cellule_xlsx(feuille, v, gras if numero == 0 else None) for v in ligne])
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def reponse(contenu: bytes, nom_fichier: str) -> HttpResponse:
    """A download of a file this module wrote (content type from the extension)."""
    types = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX, "zip": "application/zip", "json": "application/json"}
    response = HttpResponse(contenu, content_type=types[nom_fichier.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return response
