"""Exports: management command and page downloads (JSON per the contract, CSV, XLSX), access-logged."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from comptes.models import JournalAcces
from rapports.models import SaisieAnnuelle
from rapports.registre import INDICATEURS, REPARTITIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def saisies():
    SaisieAnnuelle.objects.create(annee=2024, cle="benevoles", valeur=71)
    SaisieAnnuelle.objects.create(annee=2023, cle="benevoles", valeur=65)
    SaisieAnnuelle.objects.create(annee=2024, cle="budget_global", valeur="955863.00")


def test_command_json_follows_the_contract(saisies, tmp_path):
    sortie = tmp_path / "r.json"
    call_command("rapport_annuel", "--annee", "2024", "--format", "json", "--output", str(sortie))
    contrat = json.loads(sortie.read_text(encoding="utf-8"))
    assert list(contrat) == ["annee", "indicateurs", "repartitions", "publication"]
    assert contrat["annee"] == 2024
    assert set(contrat["indicateurs"]) == {i.cle for i in INDICATEURS}
    assert contrat["indicateurs"]["benevoles"] == 71
    assert contrat["indicateurs"]["budget_global"] == 955863
    assert contrat["indicateurs"]["retombees_medias"] is None
    assert all(
        r.cle in contrat["repartitions"] or f"{r.cle}_file_active" in contrat["repartitions"] for r in REPARTITIONS
    )


def test_command_csv_has_key_labels_unit_n_and_n_minus_1(saisies, tmp_path):
    sortie = tmp_path / "r.csv"
    call_command("rapport_annuel", "--annee", "2024", "--format", "csv", "--output", str(sortie))
    lignes = list(csv.reader(io.StringIO(sortie.read_text(encoding="utf-8-sig"))))
    assert lignes[0] == ["cle", "libelle_fr", "libelle_en", "unite", "2024", "2023", "chiffres_2024", "chiffres_2023"]
    assert ["benevoles", "Bénévoles", "Volunteers", "count", "71", "65", "courants", "courants"] in lignes
    assert len(lignes) == len(INDICATEURS) + 1


def test_command_xlsx_needs_an_output_file(saisies, tmp_path):
    with pytest.raises(CommandError):
        call_command("rapport_annuel", "--annee", "2024", "--format", "xlsx")
    sortie = tmp_path / "r.xlsx"
    call_command("rapport_annuel", "--annee", "2024", "--format", "xlsx", "--output", str(sortie))
    feuille = load_workbook(sortie).active
    lignes = list(feuille.iter_rows(values_only=True))
    assert lignes[0] == ("cle", "libelle_fr", "libelle_en", "unite", "2024", "2023", "chiffres_2024", "chiffres_2023")
    assert ("benevoles", "Bénévoles", "Volunteers", "count", 71, 65, "courants", "courants") in lignes


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    ("format", "content_type"), [("json", "application/json"), ("csv", "text/csv; charset=utf-8"), ("xlsx", XLSX)]
)
def test_page_export_is_downloaded_and_logged(client_for, saisies, format, content_type):
    client = client_for("Accueil")
    response = client.get(f"/rapports/2024/export/{format}/")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert f'filename="ccem-rapport-2024.{format}"' in response["Content-Disposition"]
    assert JournalAcces.objects.filter(utilisateur=client.user, action=JournalAcces.Action.EXPORT).count() == 1


def test_page_json_export_equals_the_command_output(client_for, saisies, tmp_path):
    sortie = tmp_path / "r.json"
    call_command("rapport_annuel", "--annee", "2024", "--format", "json", "--output", str(sortie))
    page = client_for("Direction").get("/rapports/2024/export/json/").json()
    assert page == json.loads(sortie.read_text(encoding="utf-8"))


def test_unknown_export_format_is_not_found(client_for):
    assert client_for("Direction").get("/rapports/2024/export/pdf/").status_code == 404
