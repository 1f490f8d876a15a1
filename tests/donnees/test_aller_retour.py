"""The import format is complete: what the application holds survives export → fresh database → import.

Walks every entity of `donnees.specs`: the example files show every column, and a generated demo
database (every unit, every kind of record) comes back byte for byte through the CSV files."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from comptes.permissions import Role
from donnees import bench, exportation, specs
from donnees.importation import reader
from donnees.importation.engine import run_import

EXEMPLES = Path(settings.BASE_DIR) / "docs" / "exemples-import"


def _fichiers_zip(contenu: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(contenu))
    return {nom: archive.read(nom) for nom in archive.namelist()}


def test_example_files_show_every_column_of_every_entity():
    entetes = {}
    for chemin in EXEMPLES.glob("*.csv"):
        table = reader.read(chemin.name, chemin.read_bytes())[0]
        entetes[table.nom] = set(table.entetes)
    manquants = {
        entite.nom: [c.nom for c in entite.colonnes if c.nom not in entetes.get(entite.nom, set())]
        for entite in specs.ENTITES
    }
    assert {nom: colonnes for nom, colonnes in manquants.items() if colonnes} == {}


@pytest.mark.django_db
def test_a_generated_database_round_trips_byte_for_byte(make_user):
    for role in Role:
        make_user(role)
    call_command("generer_donnees_demo", annees="2024-2024", echelle=1, graine=11, stdout=io.StringIO())
    premier = _fichiers_zip(exportation.exporter_zip())
    vides = [nom for nom, contenu in premier.items() if contenu.count(b"\r\n") < 2]
    assert len(vides) <= 3, vides  # the generator fills (almost) every kind of record
    bench.vider_donnees()
    assert not any(e.model._default_manager.exists() for e in specs.ENTITES if e.nom != "appartements")
    bilan = run_import(sorted(premier.items()), essai=False, limites=reader.Limits.default())
    assert bilan.applique, [str(e) for e in bilan.erreurs[:20]]
    second = _fichiers_zip(exportation.exporter_zip())
    assert second.keys() == premier.keys()
    differents = [nom for nom in premier if second[nom] != premier[nom]]
    assert differents == []
