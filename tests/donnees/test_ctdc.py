"""The CTDC file (donnees.ctdc, docs/ctdc.md): CTDC's variables, k-anonymity, command and page."""

import csv
import datetime
import io
import random
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse, reverse_lazy
from django_countries import countries

from accompagnement import enums
from ccem.referentiels import REGIONS_MONDE
from comptes.models import JournalAcces
from comptes.permissions import Role
from donnees import ctdc
from tests.accompagnement.factories import (
    AccompagnementFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    PersonneFactory,
)

# --- Builders ----------------------------------------------------------------------------------

# Sixteen nationalities, the Philippines first as among the CCEM's persons.
NATIONALITES = ["PH", "ID", "PH", "VN", "MA", "PH", "CI", "LK", "PH", "SN", "IN", "DZ", "PH", "RO", "BR", "CN"]


def _ligne(**valeurs) -> dict:
    """A CTDC line: the quasi-identifiers given, every other column empty."""
    defaut = {"yearOfRegistration": 2024, "gender": "Female", "ageBroad": "30--38", "citizenship": "PHL"}
    return dict.fromkeys(ctdc.COLONNES, "") | {"CountryOfExploitation": "FRA"} | defaut | valeurs


def _personne(rang: int, *, annee=2024, **kwargs):
    """Person number `rang`, registered in `annee`, with one exploitation in France."""
    personne = PersonneFactory(
        numero_dossier=f"CTDC-{rang:03d}",
        nom=f"Nomunique{rang}",
        prenom=f"Prenomunique{rang}",
        sexe=enums.Sexe.HOMME if rang % 7 == 0 else enums.Sexe.FEMME,
        date_naissance=datetime.date(1988 + rang % 4, 1 + rang % 12, 1 + rang % 28),
        nationalite=NATIONALITES[rang % len(NATIONALITES)],
        **kwargs,
    )
    AccompagnementFactory(personne=personne, date_debut=datetime.date(annee, 1 + rang % 12, 3))
    exploitation = ExploitationFactory(
        personne=personne,
        principale=True,
        emprise=[enums.Emprise.DETTE, enums.Emprise.MENACE_AUTORITES] if rang % 3 else [],
        formes=[enums.FormeExploitation.DOMESTIQUE],
        relations_exploiteur=[enums.RelationExploiteur.FAMILLE] if rang % 4 else [],
    )
    LieuExploitationFactory(exploitation=exploitation, pays="FR")
    return personne


@pytest.fixture
def quarante(db):
    """Forty persons: thirty registered in 2024, ten in 2023, mostly women in their thirties."""
    return [_personne(rang, annee=2024 if rang < 30 else 2023) for rang in range(40)]


def _combinaisons(lignes) -> Counter:
    return Counter(ctdc.cle(ligne) for ligne in lignes)


# --- k-anonymity (pure: no database) -----------------------------------------------------------


@pytest.mark.parametrize("k", [3, 11])
def test_every_combination_of_the_output_appears_at_least_k_times(k):
    lignes = [
        _ligne(
            citizenship=countries.alpha3(NATIONALITES[i % len(NATIONALITES)]),
            ageBroad=ctdc.BANDES_AGE[i % len(ctdc.BANDES_AGE)][1],
            gender=["Female", "Male"][i % 2],
            yearOfRegistration=2020 + i % 3,
        )
        for i in range(300)
    ]
    resultat = ctdc.anonymiser(lignes, k)
    assert resultat.lignes
    assert min(_combinaisons(resultat.lignes).values()) >= k
    assert len(resultat.lignes) + resultat.supprimees == len(lignes)


@pytest.mark.parametrize("graine", range(20))
def test_k_holds_on_random_files(graine):
    hasard = random.Random(graine)
    lignes = [
        _ligne(
            citizenship=hasard.choice(["PHL", "IDN", "MAR", "CIV", "ROU", "BRA", "FJI", ""]),
            ageBroad=hasard.choice([b for _borne, b in ctdc.BANDES_AGE] + [""]),
            gender=hasard.choice(["Female", "Male", ""]),
            CountryOfExploitation=hasard.choice(["FRA", "FRA", "FRA", "BEL", "GBR"]),
            yearOfRegistration=hasard.choice([2023, 2024]),
        )
        for _ in range(hasard.randrange(0, 400))
    ]
    k = hasard.choice([5, 11, 20])
    resultat = ctdc.anonymiser(lignes, k)
    assert all(n >= k for n in _combinaisons(resultat.lignes).values())
    assert len(resultat.lignes) + resultat.supprimees == len(lignes)
    assert resultat.generalisees <= len(resultat.lignes)


def test_a_smaller_k_keeps_more_detail():
    lignes = [_ligne(citizenship=c) for c in ["PHL"] * 4 + ["IDN"] * 4 + ["VNM"] * 4 + ["MAR"] * 2]
    petit, grand = ctdc.anonymiser(lignes, 4), ctdc.anonymiser(lignes, 11)
    assert Counter(ligne["citizenship"] for ligne in petit.lignes) == {"PHL": 4, "IDN": 4, "VNM": 4}
    assert (petit.generalisees, petit.supprimees) == (0, 2)
    assert Counter(ligne["citizenship"] for ligne in grand.lignes) == {"Asia": 12}
    assert (grand.generalisees, grand.supprimees) == (12, 2)


def test_generalising_to_the_region_saves_lines_before_any_is_suppressed():
    # Six Filipinas and five Indonesians: each nationality is under k, their region is not.
    lignes = [_ligne(citizenship="PHL")] * 6 + [_ligne(citizenship="IDN")] * 5 + [_ligne(citizenship="BRA")]
    resultat = ctdc.anonymiser(lignes, 11)
    assert resultat.supprimees == 1  # the one Brazilian: alone in the Americas
    assert resultat.generalisees == 11
    assert {ligne["citizenship"] for ligne in resultat.lignes} == {"Asia"}
    assert {ligne["ageBroad"] for ligne in resultat.lignes} == {"30--38"}  # age untouched: region was enough


def test_the_age_band_widens_when_the_region_is_not_enough():
    lignes = [_ligne(citizenship="MAR", ageBroad="9--17")] * 6 + [_ligne(citizenship="CIV", ageBroad="0--8")] * 5
    resultat = ctdc.anonymiser(lignes, 11)
    assert resultat.supprimees == 0
    assert {(ligne["citizenship"], ligne["ageBroad"]) for ligne in resultat.lignes} == {("Africa", "0--17")}


def test_lines_already_shared_by_k_are_kept_as_they_are():
    # Blurring eleven Filipinas into "Asia" would save two Indonesians: not worth it.
    lignes = [_ligne(citizenship="PHL")] * 11 + [_ligne(citizenship="IDN")] * 2
    resultat = ctdc.anonymiser(lignes, 11)
    assert Counter(ligne["citizenship"] for ligne in resultat.lignes) == {"PHL": 11}
    assert (resultat.generalisees, resultat.supprimees) == (0, 2)


def test_every_country_has_a_region_of_the_world():
    rangees = [code for _libelle, pays in REGIONS_MONDE.values() for code in pays]
    assert len(rangees) == len(set(rangees))
    assert {c.code for c in countries} - set(rangees) == {"AQ"}  # Antarctica: no one's nationality


# --- The mapping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("champ", "choix"),
    [
        ("emprise", enums.Emprise),
        ("violences", enums.Violence),
        ("formes", enums.FormeExploitation),
        ("secteur", enums.Secteur),
        ("relations_exploiteur", enums.RelationExploiteur),
    ],
)
def test_every_code_of_the_project_reaches_a_ctdc_variable(champ, choix):
    mappes = set().union(*(sources.get(champ, set()) for sources in ctdc.CORRESPONDANCE.values()))
    assert set(choix.values) <= mappes
    assert set(ctdc.GENRE) == set(enums.Sexe.values)


def test_the_columns_are_ctdcs_once_each():
    assert len(ctdc.COLONNES) == len(set(ctdc.COLONNES))
    assert set(ctdc.CORRESPONDANCE) | set(ctdc.NON_RENSEIGNES) | set(ctdc.QUASI_IDENTIFIANTS) <= set(ctdc.COLONNES)


def test_a_line_says_what_the_records_say_and_leaves_unknown_empty(db):
    personne = PersonneFactory(sexe=enums.Sexe.HOMME, date_naissance=datetime.date(2008, 6, 1), nationalite="MA")
    AccompagnementFactory(personne=personne, date_debut=datetime.date(2024, 3, 1))
    exploitation = ExploitationFactory(
        personne=personne,
        date_debut=datetime.date(2021, 1, 1),
        date_fin=datetime.date(2022, 6, 30),
        secteur=enums.Secteur.MENDICITE,
        emprise=[enums.Emprise.PROMESSE_REMUNERATION, enums.Emprise.MENACE_PROCHES],
        formes=[enums.FormeExploitation.MENDICITE, enums.FormeExploitation.SEXUELLE],
    )
    LieuExploitationFactory(exploitation=exploitation, pays="BE")
    (ligne,) = ctdc.lignes(type(personne).objects.all(), 2024, 2024)
    assert ligne["yearOfRegistration"] == 2024
    assert (ligne["gender"], ligne["ageBroad"], ligne["majorityStatus"]) == ("Male", "9--17", "Minor")
    assert (ligne["citizenship"], ligne["CountryOfExploitation"]) == ("MAR", "BEL")
    assert ligne["traffickMonths"] == "13--24 (1-2 yrs)"
    assert ligne["meansOfControlFalsePromises"] == ligne["meansOfControlThreats"] == 1
    assert ligne["meansOfControlDebtBondage"] == 0  # control methods recorded, debt not among them
    assert ligne["meansOfControlPhysicalAbuse"] == ""  # violence not recorded: unknown, not "no"
    assert (ligne["isForcedLabour"], ligne["isSexualExploit"], ligne["isSexAndLabour"]) == (1, 1, 1)
    assert ligne["typeOfLabourBegging"] == 1
    assert ligne["recruiterRelationFamily"] == ""  # relation not recorded
    assert all(ligne[c] == "" for c in ctdc.NON_RENSEIGNES)


def test_one_line_per_person_and_year_of_registration(db):
    personne = PersonneFactory()
    for debut in [datetime.date(2019, 2, 1), datetime.date(2024, 1, 5), datetime.date(2024, 9, 1)]:
        AccompagnementFactory(personne=personne, date_debut=debut)
    lignes = ctdc.lignes(type(personne).objects.all(), 2015, 2024)
    assert [ligne["yearOfRegistration"] for ligne in lignes] == [2019, 2024]
    assert ctdc.lignes(type(personne).objects.all(), 2020, 2023) == []


def test_the_lines_are_read_in_a_fixed_number_of_queries(quarante, django_assert_num_queries):
    # registrations, persons, their exploitations, places, events
    with django_assert_num_queries(5):
        assert len(ctdc.lignes(type(quarante[0]).objects.all(), 2023, 2024)) == 40


# --- On records --------------------------------------------------------------------------------


@pytest.mark.parametrize("k", [5, 11])
def test_the_file_of_forty_persons_is_k_anonymous_and_holds_no_identifier(quarante, k):
    resultat = ctdc.anonymiser(ctdc.lignes(type(quarante[0]).objects.all(), 2023, 2024), k)
    assert resultat.lignes
    assert min(_combinaisons(resultat.lignes).values()) >= k
    assert len(resultat.lignes) + resultat.supprimees == 40
    contenu = ctdc.fichier(resultat)
    assert not {"nom", "prenom", "numero_dossier", "date_naissance", "id", "pk"} & {c.lower() for c in contenu[0]}
    texte = "\n".join(",".join(str(v) for v in ligne) for ligne in contenu)
    for personne in quarante:
        for valeur in (personne.nom, personne.prenom, personne.numero_dossier, personne.date_naissance.isoformat()):
            assert valeur not in texte


# --- Command -----------------------------------------------------------------------------------


def test_the_command_writes_ctdcs_csv_and_prints_what_it_generalised_and_suppressed(quarante, tmp_path):
    sortie, erreurs = tmp_path / "ctdc.csv", io.StringIO()
    call_command("export_ctdc", annees="2023-2024", sortie=str(sortie), stderr=erreurs)
    octets = sortie.read_bytes()
    assert not octets.startswith(b"\xef\xbb\xbf")  # machine dialect: no BOM
    lignes = list(csv.reader(io.StringIO(octets.decode("utf-8"))))
    assert lignes[0] == ctdc.COLONNES
    attendu = ctdc.anonymiser(ctdc.lignes(type(quarante[0]).objects.all(), 2023, 2024), 11)
    assert len(lignes) - 1 == len(attendu.lignes)
    assert (
        f"{len(attendu.lignes)} line(s) written, {attendu.generalisees} generalised, "
        f"{attendu.supprimees} suppressed (k = 11)." in erreurs.getvalue()
    )
    assert attendu.generalisees + attendu.supprimees > 0  # forty persons of sixteen nationalities


@pytest.mark.parametrize(("options", "message"), [({"annees": "24"}, "--annees"), ({"annees": "2024", "k": 2}, "--k")])
def test_the_command_refuses_a_bad_period_or_a_tiny_k(db, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_ctdc", **options)


# --- Page --------------------------------------------------------------------------------------

PARAMETRES = {"annee_debut": 2023, "annee_fin": 2024, "k": 11}
TELECHARGEMENT = reverse_lazy("donnees:ctdc_export", kwargs={"debut": 2023, "fin": 2024, "k": 11})


def test_the_administrator_previews_then_downloads_and_the_download_is_logged(quarante, client_for):
    client = client_for(Role.ADMINISTRATEUR)
    apercu = client.get(reverse("donnees:ctdc"), PARAMETRES)
    attendu = ctdc.anonymiser(ctdc.lignes(type(quarante[0]).objects.all(), 2023, 2024), 11)
    page = apercu.content.decode()
    assert apercu.status_code == 200
    assert f'<dd class="col-sm-8">{attendu.supprimees}</dd>' in page
    assert str(TELECHARGEMENT) in page
    assert not JournalAcces.objects.filter(action=JournalAcces.Action.EXPORT).exists()

    response = client.get(TELECHARGEMENT)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ctdc-2023-2024-k11.csv"'
    lignes = response.content.decode().splitlines()
    assert lignes[0] == ",".join(ctdc.COLONNES)
    assert len(lignes) - 1 == len(attendu.lignes)
    journal = JournalAcces.objects.filter(action=JournalAcces.Action.EXPORT)
    assert list(journal.values_list("utilisateur", "vue")) == [(client.user.pk, "donnees:ctdc_export")]


@pytest.mark.parametrize("role", [Role.DIRECTION, Role.PSYCHOSOCIAL])
def test_other_roles_may_not_produce_the_file(quarante, client_for, role):
    client = client_for(role)
    assert client.get(TELECHARGEMENT).status_code == 403
    assert client.get(reverse("donnees:ctdc"), PARAMETRES).status_code == 403
    assert not JournalAcces.objects.filter(action=JournalAcces.Action.EXPORT).exists()


def test_years_in_the_wrong_order_or_a_tiny_k_give_no_file(db, client_for):
    client = client_for(Role.ADMINISTRATEUR)
    response = client.get(reverse("donnees:ctdc"), {"annee_debut": 2024, "annee_fin": 2020, "k": 11})
    assert response.status_code == 200
    assert "La dernière année vient après la première." in response.content.decode()  # the user's language
    for kwargs in [{"debut": 2024, "fin": 2020, "k": 11}, {"debut": 2020, "fin": 2024, "k": 2}]:
        assert client.get(reverse("donnees:ctdc_export", kwargs=kwargs)).status_code == 404
    assert not JournalAcces.objects.filter(action=JournalAcces.Action.EXPORT).exists()


def test_the_documentation_names_every_column():
    doc = (settings.BASE_DIR / "docs" / "ctdc.md").read_text()
    assert [c for c in ctdc.COLONNES if f"`{c}`" not in doc] == []
