import io
import zipfile

import openpyxl
import pytest

from donnees import exportation, specs
from donnees.importation.engine import run_import


def _vider():
    for entite in reversed(specs.ENTITES):
        if entite.nom != "appartements":
            entite.model._default_manager.all().delete()


def _fichiers_zip(contenu: bytes):
    archive = zipfile.ZipFile(io.BytesIO(contenu))
    return [(nom, archive.read(nom)) for nom in archive.namelist()]


def test_every_model_has_a_format_or_a_reason():
    from django.apps import apps

    apps_metier = {"signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation", "rapports"}
    couverts = {e.modele for e in specs.ENTITES} | set(specs.HORS_FORMAT)
    modeles = {
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in apps_metier and not m.__name__.startswith("Historical")
    }
    assert modeles - couverts == set()
    for entite in specs.ENTITES:
        assert entite.colonnes  # every foreign key is declared as a link (else this raises)
        for lien in entite.liens:
            assert lien.entite in specs.par_nom()


@pytest.mark.django_db
def test_zip_round_trip_into_an_empty_database(jeu):
    premier = exportation.exporter_zip()
    _vider()
    bilan = run_import(_fichiers_zip(premier), essai=False)
    assert bilan.applique, bilan.erreurs
    assert _fichiers_zip(exportation.exporter_zip()) == _fichiers_zip(premier)


@pytest.mark.django_db
def test_xlsx_round_trip_into_an_empty_database(jeu):
    premier = exportation.exporter_xlsx()
    zip_avant = _fichiers_zip(exportation.exporter_zip())
    _vider()
    bilan = run_import([("export.xlsx", premier)], essai=False)
    assert bilan.applique, bilan.erreurs
    assert _fichiers_zip(exportation.exporter_zip()) == zip_avant


@pytest.mark.django_db
def test_export_then_reimport_changes_nothing(jeu):
    bilan = run_import(_fichiers_zip(exportation.exporter_zip()), essai=False)
    assert bilan.applique
    assert sum(b.crees + b.modifies for b in bilan.entites.values()) == 0


@pytest.mark.django_db
def test_formula_cells_are_neutralised_on_export(jeu):
    classeur = openpyxl.load_workbook(io.BytesIO(exportation.exporter_xlsx()), read_only=True)
    valeurs = [v for row in classeur["affaires"].iter_rows(values_only=True) for v in row]
    assert "'=HYPERLINK()" in valeurs
    personnes = [v for row in classeur["personnes"].iter_rows(values_only=True) for v in row]
    assert "'+33 6 12 34 56 78" in personnes
    csv_affaires = dict(_fichiers_zip(exportation.exporter_zip()))["02-affaires.csv"].decode("utf-8-sig")
    assert ";'=HYPERLINK()" in csv_affaires


@pytest.mark.django_db
def test_round_trip_of_every_unit(jeu_complet):
    """Reports, psycho-social records, proceedings with their persons and lawyers, interventions…"""
    premier = exportation.exporter_zip()
    fichiers = dict(_fichiers_zip(premier))
    remplis = {nom for nom, contenu in fichiers.items() if contenu.count(b"\r\n") > 1}
    assert {"03-signalements.csv", "12-hebergements.csv", "22-procedures.csv", "26-interventions.csv"} <= remplis
    _vider()
    bilan = run_import(_fichiers_zip(premier), essai=False)
    assert bilan.applique, [str(e) for e in bilan.erreurs]
    assert _fichiers_zip(exportation.exporter_zip()) == _fichiers_zip(premier)
