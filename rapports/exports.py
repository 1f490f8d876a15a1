"""Exports of a computed report: the JSON contract of docs/indicateurs.md, CSV and XLSX tables."""

import json

from comptes import tableur

from .calcul import Rapport
from .registre import INDICATEURS

FORMATS = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def en_json(rapport: Rapport, dialecte: str = "machine") -> bytes:
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


def en_csv(rapport: Rapport, dialecte: str = "fr") -> bytes:
    return tableur.csv_bytes(_lignes(rapport), dialecte=dialecte)


def _repartitions(rapport: Rapport):
    yield ["repartition", "categorie", str(rapport.annee)]
    for cle, comptes in rapport.repartitions.items():
        for code, n in comptes.items():
            yield [cle, code, n]


def en_xlsx(rapport: Rapport, dialecte: str = "fr") -> bytes:
    return tableur.xlsx_bytes([
        tableur.Feuille("Indicateurs", _lignes(rapport), largeurs={"A": 42, "B": 70, "C": 60}),
        tableur.Feuille("Repartitions", _repartitions(rapport)),
    ])  # fmt: skip


def exporter(rapport: Rapport, format: str, *, dialecte: str = "fr") -> bytes:
    """`dialecte` of the CSV: "fr" for the page's download, "machine" for scripts (the command)."""
    return {"json": en_json, "csv": en_csv, "xlsx": en_xlsx}[format](rapport, dialecte)


def nom_fichier(annee: int, format: str) -> str:
    return f"ccem-rapport-{annee}.{FORMATS[format][1]}"


def ecrire_tableau(entetes: list[str], lignes: list[list], format: str, *, dialecte: str = "fr") -> bytes:
    """A plain table (a drill-down list) as CSV or XLSX, through the one spreadsheet writer: French
    spreadsheets' CSV for the page, `dialecte="machine"` for scripts (rapport_annuel --detail)."""
    if format == "csv":
        return tableur.csv_bytes([entetes, *lignes], dialecte=dialecte)
    return tableur.xlsx_bytes([tableur.Feuille("detail", [entetes, *lignes])])


def nom_fichier_detail(annee: int, cle: str, format: str) -> str:
    return f"ccem-detail-{annee}-{cle}.{FORMATS[format][1]}"
