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
import math
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse

NEUTRALISES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DIALECTES = ("fr", "machine")
COMPRESSION = 3  # zlib level of the XLSX members: 6 (the default) costs 60 % more time for 10 % less size


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


# --- XLSX ---------------------------------------------------------------------------------------
# The workbook's XML is written here directly, row by row, into a ZIP member: one object per cell
# (openpyxl's write-only cells and their XML serialisation) cost 90 % of a full export's time. What is
# written is the small part of SpreadsheetML the application needs: inline strings, numbers,
# booleans, dates as serial numbers with a date style, a bold header row, column widths, frozen panes.

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_DEBUT_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
# Cell styles (indexes of cellXfs in _STYLES): header, dates, date-times, times.
_GRAS, _DATE, _DATE_HEURE, _HEURE = 1, 2, 3, 4
_STYLES = (
    _DEBUT_XML + f"<styleSheet {_NS}>"
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="DD/MM/YYYY"/>'
    '<numFmt numFmtId="165" formatCode="DD/MM/YYYY HH:MM"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    "</fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="21" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_EPOQUE = datetime.date(1899, 12, 30).toordinal()  # day 0 of Excel's serial dates (1900 system)
# What XML text must escape, and the control characters XML 1.0 cannot carry at all (dropped).
_A_ECHAPPER = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ECHAPPEMENTS = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
LIGNES_PAR_ECRITURE = 500  # rows joined before each write to the ZIP member
TEXTE_COURT, TEXTES_EN_CACHE = 64, 50_000  # texts whose cell XML is kept for the next rows, per sheet


def _echapper(texte: str) -> str:
    return _A_ECHAPPER.sub(lambda m: _ECHAPPEMENTS.get(m.group(), ""), texte)


def _attribut(texte: str) -> str:
    return _echapper(texte).replace('"', "&quot;")


def _lettre(colonne: int) -> str:
    """Column letters of a 1-based column number (1 → A, 27 → AA)."""
    lettres = ""
    while colonne:
        colonne, reste = divmod(colonne - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


def _numero_colonne(lettres: str) -> int:
    numero = 0
    for lettre in lettres.upper():
        numero = numero * 26 + ord(lettre) - 64
    return numero


_LETTRES = [_lettre(i) for i in range(1, 703)]  # A … ZZ; longer rows extend it


def _fin_texte(texte: str) -> str:
    """A text cell after its `<c r=".." s=".."`: neutralised, escaped; "" when nothing is left."""
    if texte.startswith(NEUTRALISES):
        texte = "'" + texte
    if _A_ECHAPPER.search(texte):
        texte = _echapper(texte)
        if not texte:
            return ""
    if texte[0].isspace() or texte[-1].isspace():
        return f' t="inlineStr"><is><t xml:space="preserve">{texte}</t></is></c>'
    return f' t="inlineStr"><is><t>{texte}</t></is></c>'


def _cellule_autre(ref: str, valeur, style: str) -> str:
    """Every cell but the common cases of _ligne_xml (str, int, date, None)."""
    if isinstance(valeur, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(valeur)}</v></c>'
    if isinstance(valeur, Decimal):
        valeur = float(valeur)
    if isinstance(valeur, int | float):
        if isinstance(valeur, float) and not math.isfinite(valeur):
            return f'<c r="{ref}"{style}{_fin_texte(str(valeur))}'
        return f'<c r="{ref}"{style}><v>{valeur!r}</v></c>'
    if isinstance(valeur, datetime.datetime):
        if valeur.tzinfo is not None:
            from django.utils import timezone

            valeur = timezone.localtime(valeur)
        secondes = valeur.hour * 3600 + valeur.minute * 60 + valeur.second + valeur.microsecond / 1e6
        return f'<c r="{ref}" s="{_DATE_HEURE}"><v>{valeur.toordinal() - _EPOQUE + secondes / 86400!r}</v></c>'
    if isinstance(valeur, datetime.date):
        return f'<c r="{ref}" s="{_DATE}"><v>{valeur.toordinal() - _EPOQUE}</v></c>'
    if isinstance(valeur, datetime.time):
        secondes = valeur.hour * 3600 + valeur.minute * 60 + valeur.second + valeur.microsecond / 1e6
        return f'<c r="{ref}" s="{_HEURE}"><v>{secondes / 86400!r}</v></c>'
    fin = _fin_texte(str(valeur)) if valeur != "" else ""  # lazy translations, str subclasses, the rest
    return f'<c r="{ref}"{style}{fin}' if fin else ""


def _ligne_xml(numero: int, valeurs, style: str = "", textes: dict | None = None) -> str:
    """One <row> of typed cells; empty cells (None, "") are left out, as spreadsheets do. `textes`
    caches the XML of short texts, which repeat (codes, towns, countries)."""
    if textes is None:
        textes = {}
    if not isinstance(valeurs, list | tuple):
        valeurs = list(valeurs)
    if len(valeurs) > len(_LETTRES):
        _LETTRES.extend(_lettre(j) for j in range(len(_LETTRES) + 1, len(valeurs) + 1))
    n = str(numero)
    cellules = [f'<row r="{n}">']
    ajouter = cellules.append
    for lettre, valeur in zip(_LETTRES, valeurs, strict=False):
        genre = type(valeur)
        if genre is str:
            fin = textes.get(valeur)
            if fin is None:
                fin = _fin_texte(valeur) if valeur else ""
                if len(valeur) <= TEXTE_COURT and len(textes) < TEXTES_EN_CACHE:
                    textes[valeur] = fin
            if fin:
                ajouter(f'<c r="{lettre}{n}"{style}{fin}')
        elif valeur is None:
            continue
        elif genre is int:
            ajouter(f'<c r="{lettre}{n}"{style}><v>{valeur}</v></c>')
        elif genre is datetime.date:
            ajouter(f'<c r="{lettre}{n}" s="{_DATE}"><v>{valeur.toordinal() - _EPOQUE}</v></c>')
        else:
            ajouter(_cellule_autre(lettre + n, valeur, style))
    ajouter("</row>")
    return "".join(cellules)


def _debut_feuille(spec: Feuille) -> str:
    vue = '<sheetView workbookViewId="0"/>'
    if spec.figer:
        trouve = re.fullmatch(r"([A-Za-z]+)(\d+)", spec.figer)
        if not trouve:
            raise ValueError(f"figer: {spec.figer!r} is not a cell reference")
        x, y = _numero_colonne(trouve.group(1)) - 1, int(trouve.group(2)) - 1
        if x or y:
            panneau = {(True, True): "bottomRight", (False, True): "bottomLeft", (True, False): "topRight"}[
                (x > 0, y > 0)
            ]
            decoupe = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
            vue = (
                f'<sheetView workbookViewId="0"><pane{decoupe} topLeftCell="{spec.figer.upper()}" '
                f'activePane="{panneau}" state="frozen"/><selection pane="{panneau}"/></sheetView>'
            )
    colonnes = "".join(
        f'<col min="{n}" max="{n}" width="{largeur}" customWidth="1"/>'
        for n, largeur in sorted((_numero_colonne(lettre), largeur) for lettre, largeur in spec.largeurs.items())
    )
    return (
        f"{_DEBUT_XML}<worksheet {_NS} {_NS_R}><sheetViews>{vue}</sheetViews>"
        f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{colonnes}</cols>" if colonnes else ""}<sheetData>'
    )


def _titre(spec: Feuille, pris: set[str]) -> str:
    titre = spec.titre[:31]
    if not titre or re.search(r"[\\/*?:\[\]]", titre) or titre.lower() in pris:
        raise ValueError(f"invalid or repeated sheet title: {spec.titre!r}")
    pris.add(titre.lower())
    return titre


def _ecrire_feuille(archive: zipfile.ZipFile, nom: str, spec: Feuille) -> None:
    with archive.open(nom, "w") as membre:
        morceaux = [_debut_feuille(spec)]
        textes: dict[str, str] = {}
        for numero, ligne in enumerate(spec.lignes, start=1):
            if numero == 1:
                morceaux.append(_ligne_xml(numero, ligne, f' s="{_GRAS}"'))
                continue
            morceaux.append(_ligne_xml(numero, ligne, "", textes))
            if len(morceaux) >= LIGNES_PAR_ECRITURE:
                membre.write("".join(morceaux).encode("utf-8"))
                morceaux = []
        morceaux.append("</sheetData></worksheet>")
        membre.write("".join(morceaux).encode("utf-8"))


def ecrire_xlsx(feuilles: Iterable[Feuille], fichier) -> None:
    """Write a workbook to a binary file object, one sheet at a time, each streamed row by row:
    header in bold, typed cells, text neutralised. `feuilles` may be a generator (a sheet may depend
    on the rows written before it)."""
    titres: list[str] = []
    pris: set[str] = set()
    with zipfile.ZipFile(fichier, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION) as archive:
        for spec in feuilles:
            titres.append(_titre(spec, pris))
            _ecrire_feuille(archive, f"xl/worksheets/sheet{len(titres)}.xml", spec)
        if not titres:
            raise ValueError("a workbook needs at least one sheet")
        n = range(1, len(titres) + 1)
        feuilles_xml = "".join(
            f'<sheet name="{_attribut(titre)}" sheetId="{i}" r:id="rId{i}"/>' for i, titre in enumerate(titres, start=1)
        )
        archive.writestr(
            "xl/workbook.xml",
            f"{_DEBUT_XML}<workbook {_NS} {_NS_R}><bookViews><workbookView/></bookViews>"
            f"<sheets>{feuilles_xml}</sheets></workbook>",
        )
        liens = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in n
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_DEBUT_XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{liens}<Relationship Id="rId{len(titres) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        archive.writestr("xl/styles.xml", _STYLES)
        archive.writestr(
            "_rels/.rels",
            f'{_DEBUT_XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        parties = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet+xml"/>' for i in n
        )
        archive.writestr(
            "[Content_Types].xml",
            f'{_DEBUT_XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>{parties}</Types>',
        )


def xlsx_bytes(feuilles: Iterable[Feuille]) -> bytes:
    """A workbook in memory (see `ecrire_xlsx`)."""
    tampon = io.BytesIO()
    ecrire_xlsx(feuilles, tampon)
    return tampon.getvalue()


def reponse(contenu: bytes, nom_fichier: str) -> HttpResponse:
    """A download of a file this module wrote (content type from the extension)."""
    types = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX, "zip": "application/zip", "json": "application/json"}
    response = HttpResponse(contenu, content_type=types[nom_fichier.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{nom_fichier}"'
    return response


def ecrire_sortie(commande, contenu: bytes, sortie: str | None, nom: str, *, fin: bytes = b"") -> None:
    """A management command's file: written to `sortie` (its name said on stderr), or as bytes to
    standard output, which scripts pipe (`fin`: what follows the bytes there, e.g. a last newline)."""
    if sortie:
        with open(sortie, "wb") as f:
            f.write(contenu)
        commande.stderr.write(f"{nom} → {sortie}")
    else:
        commande.stdout.flush()
        sys.stdout.buffer.write(contenu + fin)
