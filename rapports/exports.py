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


def _lignes(rapport: Rapport):
    yield ["cle", "libelle_fr", "libelle_en", "unite", str(rapport.annee), str(rapport.annee - 1)]
    for ind in INDICATEURS:
        ligne = rapport.lignes[ind.cle]
        yield [ind.cle, ind.libelle_fr, ind.libelle_en, ind.unite.value, ligne.valeur, ligne.precedent]


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


def ecrire_tableau(entetes: list[str], lignes: list[list], format: str) -> bytes:
    """A plain table (a drill-down list) as CSV or XLSX: the one place that writes them, to be
    switched to the shared spreadsheet writer."""
    if format == "csv":
        sortie = io.StringIO()
        writer = csv.writer(sortie)
        writer.writerow(entetes)
        writer.writerows(lignes)
        return sortie.getvalue().encode("utf-8-sig")
    classeur = Workbook()
    feuille = classeur.active
    feuille.append(entetes)
    for ligne in lignes:
        feuille.append(ligne)
    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
    feuille.freeze_panes = "A2"
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def nom_fichier_detail(annee: int, cle: str, format: str) -> str:
    return f"ccem-detail-{annee}-{cle}.{FORMATS[format][1]}"
