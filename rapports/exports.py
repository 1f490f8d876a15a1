"""Exports of a computed report: the JSON contract of indicateurs.md, CSV and XLSX tables."""

import csv
import io
import json

from openpyxl import Workbook
from openpyxl.styles import Font

from .calcul import Rapport
from .registre import INDICATEURS

FORMATS = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def en_json(rapport: Rapport) -> bytes:
    return json.dumps(rapport.contrat(), ensure_ascii=False, indent=2).encode("utf-8")


def source(publication) -> str:
    """Which figures a column prints: "publies v2" (a closed year's version) or "courants"."""
    return f"publies v{publication.version}" if publication else "courants"


def _lignes(rapport: Rapport):
    annee, precedente = str(rapport.annee), str(rapport.annee - 1)
    yield ["cle", "libelle_fr", "libelle_en", "unite", annee, precedente, f"chiffres_{annee}", f"chiffres_{precedente}"]
    sources = [source(rapport.publication), source(rapport.publication_precedente)]
    for ind in INDICATEURS:
        ligne = rapport.lignes[ind.cle]
        yield [ind.cle, ind.libelle_fr, ind.libelle_en, ind.unite.value, ligne.valeur, ligne.precedent, *sources]


def en_csv(rapport: Rapport) -> bytes:
    sortie = io.StringIO()
    writer = csv.writer(sortie)
    for ligne in _lignes(rapport):
        writer.writerow(["" if v is None else v for v in ligne])
    # BOM so that spreadsheet software opens the accents correctly.
    return sortie.getvalue().encode("utf-8-sig")


def en_xlsx(rapport: Rapport) -> bytes:
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Indicateurs"
    for ligne in _lignes(rapport):
        feuille.append(ligne)
    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
    feuille.column_dimensions["A"].width = 42
    feuille.column_dimensions["B"].width = 70
    feuille.column_dimensions["C"].width = 60
    feuille.freeze_panes = "A2"
    repartitions = classeur.create_sheet("Repartitions")
    repartitions.append(["repartition", "categorie", str(rapport.annee)])
    for cle, comptes in rapport.repartitions.items():
        for code, n in comptes.items():
            repartitions.append([cle, code, n])
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def exporter(rapport: Rapport, format: str) -> bytes:
    return {"json": en_json, "csv": en_csv, "xlsx": en_xlsx}[format](rapport)


def nom_fichier(annee: int, format: str) -> str:
    return f"ccem-rapport-{annee}.{FORMATS[format][1]}"
