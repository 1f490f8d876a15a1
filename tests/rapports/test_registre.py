"""The registry declares every indicator of the catalogue once, with both labels and a unit."""

import re
from dataclasses import replace
from pathlib import Path

import pytest
from django.utils import translation

from rapports import registre
from rapports.checks import check_registry
from rapports.registre import INDICATEURS, REPARTITIONS, Partie, Unite

FIXTURE = Path(__file__).parent / "cles_catalogue.txt"
CATALOGUE = Path(__file__).resolve().parents[3] / "shared" / "indicateurs.md"


def cles_fixture() -> list[tuple[str, str]]:
    lignes = [ligne.split() for ligne in FIXTURE.read_text(encoding="utf-8").splitlines() if ligne[:1].isdigit()]
    return [(section, cle) for section, cle in lignes]


def test_registry_keys_are_exactly_the_catalogue_keys():
    assert [i.cle for i in INDICATEURS] != []
    assert sorted(i.cle for i in INDICATEURS) == sorted(cle for _s, cle in cles_fixture())


def test_each_key_is_declared_once_in_its_catalogue_section():
    assert len(registre.PAR_CLE) == len(INDICATEURS)
    sections = dict((cle, s) for s, cle in cles_fixture())
    for ind in INDICATEURS:
        assert ind.section == sections[ind.cle].split(".")[0] or ind.section == sections[ind.cle], ind.cle


@pytest.mark.skipif(not CATALOGUE.exists(), reason="../shared/indicateurs.md is not beside the repository")
def test_fixture_copy_matches_the_shared_catalogue():
    """When ../shared is there (CI, workstations), the copied key list must still be current."""
    cles, section = [], None
    for ligne in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if ligne.startswith("## 8"):
            break
        if m := re.match(r"^##+ (\d(\.\d)?)\.? ", ligne):
            section = m.group(1)
        elif ligne.startswith("| `") and section:
            cellule = ligne.strip().strip("|").split("|")[0].split("(+")[0]
            for cle in re.findall(r"`([a-z0-9_]+)`", cellule):
                cles.append("appartement_hommes_sorties_vers_structure" if cle == "_sorties_vers_structure" else cle)
    assert sorted(cles) == sorted(cle for _s, cle in cles_fixture())


def test_every_indicator_has_both_labels_a_unit_and_a_part():
    for ind in INDICATEURS:
        assert ind.libelle_fr and ind.libelle_en, ind.cle
        assert isinstance(ind.unite, Unite)
        assert isinstance(ind.partie, Partie)


def test_sections_6_and_7_are_manual_inputs_and_the_others_name_a_function():
    for ind in INDICATEURS:
        if ind.section in {"6", "7"}:
            assert ind.manuel and ind.fonction == ""
        else:
            assert ind.fonction.endswith(f".indicateurs.{ind.cle}")
            assert ind.app in registre.APPS_INDICATEURS and ind.fonction.startswith(f"{ind.app}.")


def test_breakdowns_b1_to_b31_are_declared_with_the_catalogue_keys():
    assert [r.numero for r in REPARTITIONS] == list(range(1, 32))
    assert REPARTITIONS[9].cle == "departements_exploitation" and REPARTITIONS[9].graphique == "carte"
    assert REPARTITIONS[29].cle == "participants_par_public"
    assert all(r.fonction == f"repartition_b{r.numero}" for r in REPARTITIONS)


def test_labels_follow_the_active_language():
    ind = registre.indicateur("personnes_accompagnees")
    with translation.override("fr"):
        assert ind.libelle == "Personnes accompagnées (file active, suivis individuels)"
        assert registre.indicateur("nuitees_hotel").unite_libelle == "nuitées"
    with translation.override("en"):
        assert ind.libelle == "Persons supported (active caseload)"
        assert registre.indicateur("nuitees_hotel").unite_libelle == "nights"


def test_every_declared_function_exists_in_its_app():
    assert registre.missing() == []
    assert check_registry() == []


def test_a_function_is_looked_up_in_its_declared_app_only(monkeypatch):
    """Defined in another unit's module, a figure is not found: the start-up check names it."""
    ind = registre.indicateur("signalements_recus")
    assert registre.fonction(ind) is registre.modules()["signalements"].signalements_recus
    monkeypatch.delattr(registre.modules()["signalements"], "signalements_recus")
    monkeypatch.setattr(registre.modules()["accompagnement"], "signalements_recus", lambda ctx: 3, raising=False)
    assert registre.fonction(ind) is None
    errors = check_registry()
    assert [e.id for e in errors] == ["rapports.E001"]
    assert "signalements.indicateurs.signalements_recus" in errors[0].msg


def test_a_missing_population_function_fails_the_check(monkeypatch):
    monkeypatch.delattr(registre.modules()["juridique"], "personnes_juridique")
    assert any("juridique.indicateurs.personnes_juridique" in e.msg for e in check_registry())


def test_a_missing_category_list_fails_the_check(monkeypatch):
    rep = replace(registre.REPARTITIONS[11], categories="accompagnement.enums.Inexistant")
    monkeypatch.setattr(registre, "REPARTITIONS", [*registre.REPARTITIONS[:11], rep, *registre.REPARTITIONS[12:]])
    assert [e.id for e in check_registry()] == ["rapports.E002"]
