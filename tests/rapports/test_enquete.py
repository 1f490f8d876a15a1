"""The national survey (Miprof): core counts, per-victim file without direct identifier, command, page."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from accompagnement.enums import FormeExploitation, StatutAdministratif
from accompagnement.models import EvenementTraite, Personne
from comptes.contexte import Contexte
from comptes.models import JournalAcces
from comptes.permissions import Role
from juridique.enums import IssueTitre, NatureDecision, TypeEtape, TypeProcedure, TypeTitre
from juridique.statut import personnes_avec_plainte, statuts_administratifs
from rapports import enquete
from tests.accompagnement.factories import (
    AccompagnementFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    PersonneFactory,
)
from tests.juridique.factories import DecisionFactory, EtapeFactory, ProcedureFactory, TitreSejourFactory
from tests.rapports.matrix import LECTEURS
from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

pytestmark = pytest.mark.django_db

ANNEE = 2024
FIN = datetime.date(ANNEE, 12, 31)
F = FormeExploitation


# --- Builders ---------------------------------------------------------------------------------


def _suivie(**champs) -> Personne:
    """A person supported in 2024 (a support period from March)."""
    personne = PersonneFactory(**champs)
    AccompagnementFactory(personne=personne, date_debut=datetime.date(ANNEE, 3, 1))
    return personne


def _titre(personne, type=TypeTitre.L425_1, fin=datetime.date(2025, 6, 1)):
    return TitreSejourFactory(
        personne=personne, type=type, date_demande=datetime.date(ANNEE, 1, 15),
        date_decision=datetime.date(ANNEE, 6, 1), issue=IssueTitre.ACCORDE, date_fin_validite=fin,
    )  # fmt: skip


@pytest.fixture
def suivies():
    """Four persons supported in 2024 and one supported earlier only."""
    p1 = _suivie(
        sexe="F", date_naissance=datetime.date(1990, 5, 17), nationalite="PH",
        statut_admin_accueil=StatutAdministratif.IRREGULIER, poursuivie=False, mna=False, addiction=True,
    )  # fmt: skip
    e1 = ExploitationFactory(
        personne=p1, formes=[F.TRAVAIL, F.DOMESTIQUE], relations_exploiteur=["famille"],
        recrutement_mode="offre_emploi", recrutement_pays="", date_debut=datetime.date(2005, 1, 1),
    )  # fmt: skip
    LieuExploitationFactory(exploitation=e1, departement="75", pays="FR")
    EvenementTraite.objects.create(exploitation=e1, type="exploitation", pays="AE")
    EvenementTraite.objects.create(exploitation=e1, type="recrutement", pays="PH", date_debut=datetime.date(2004, 1, 1))
    EtapeFactory(procedure=ProcedureFactory(personnes=[p1]), type=TypeEtape.PLAINTE, date=datetime.date(ANNEE, 5, 1))
    _titre(p1)

    p2 = _suivie(sexe="H", date_naissance=datetime.date(2008, 1, 1), nationalite="NG",
                 statut_admin_accueil=StatutAdministratif.IRREGULIER, mna=True)  # fmt: skip
    ExploitationFactory(personne=p2, formes=[F.SEXUELLE], date_debut=datetime.date(2015, 1, 1))
    ExploitationFactory(personne=p2, formes=[F.MENDICITE], date_debut=datetime.date(2022, 1, 1))  # latest: counts
    ProcedureFactory(personnes=[p2], type=TypeProcedure.ASILE, date_ouverture=datetime.date(ANNEE, 2, 1))

    p3 = _suivie(sexe="", date_naissance=None, nationalite="FR", statut_admin_accueil=StatutAdministratif.FRANCAIS_UE)

    p4 = _suivie(sexe="F", date_naissance=datetime.date(1980, 2, 2), nationalite="MA")
    ExploitationFactory(personne=p4, formes=[F.TRAVAIL], principale=True, date_debut=datetime.date(2010, 1, 1))
    ExploitationFactory(personne=p4, formes=[F.AUTRE], date_debut=datetime.date(2020, 1, 1))  # not the main one
    _titre(p4, type=TypeTitre.RECEPISSE, fin=datetime.date(2025, 1, 31))

    ancienne = PersonneFactory(sexe="F", nationalite="PH")
    AccompagnementFactory(personne=ancienne, date_debut=datetime.date(2019, 1, 1), cloture=True)
    ExploitationFactory(personne=ancienne, formes=[F.TRAVAIL])
    return [p1, p2, p3, p4]


@pytest.fixture
def reperees():
    """Five potential victims of reports received in 2024, one of a report of 2023."""
    s1 = SignalementFactory(date_reception=datetime.date(ANNEE, 2, 1), formes_presumees=[F.TRAVAIL])
    PersonneSignaleeFactory(signalement=s1, sexe="F", age=30)
    PersonneSignaleeFactory(signalement=s1, sexe="H", age=15)
    s2 = SignalementFactory(date_reception=datetime.date(ANNEE, 7, 1), formes_presumees=[])
    PersonneSignaleeFactory(signalement=s2, sexe="", annee_naissance=2010)
    s3 = SignalementFactory(date_reception=datetime.date(ANNEE, 9, 1), formes_presumees=[F.SEXUELLE, F.TRAVAIL])
    PersonneSignaleeFactory(signalement=s3, sexe="F")
    # Sex and age left blank on the report: read from the person it was linked to (a man of 40).
    lie = PersonneFactory(sexe="H", date_naissance=datetime.date(1984, 1, 1))
    PersonneSignaleeFactory(signalement=s3, sexe="", personne=lie)
    avant = SignalementFactory(date_reception=datetime.date(ANNEE - 1, 12, 31), formes_presumees=[F.TRAVAIL])
    PersonneSignaleeFactory(signalement=avant, sexe="F", age=30)


def _table(code: str) -> dict:
    table = next(t for t in enquete.socle(ANNEE) if t["code"] == code)
    return {ligne["code"]: {k: v for k, v in ligne["valeurs"].items() if v} | {"total": ligne["total"]}
            for ligne in table["lignes"]}  # fmt: skip


# --- Core part --------------------------------------------------------------------------------


def test_socle_counts_reperees_by_form_sex_and_minors(reperees):
    lignes = _table("reperees")
    assert lignes[F.TRAVAIL] == {"majeurs_femmes": 1, "mineurs_hommes": 1, "age_inconnu_femmes": 1,
                                 "majeurs_hommes": 1, "total": 4}  # fmt: skip
    assert lignes[F.SEXUELLE] == {"age_inconnu_femmes": 1, "majeurs_hommes": 1, "total": 2}
    assert lignes[enquete.NON_RENSEIGNE] == {"mineurs_sexe_inconnu": 1, "total": 1}
    assert lignes[enquete.TOTAL] == {"majeurs_femmes": 1, "mineurs_hommes": 1, "mineurs_sexe_inconnu": 1,
                                     "age_inconnu_femmes": 1, "majeurs_hommes": 1, "total": 5}  # fmt: skip
    assert lignes[F.MENDICITE] == {"total": 0}


def test_socle_counts_supported_persons_by_main_exploitation(suivies):
    lignes = _table("suivies")
    # p1 (two forms) and p4 (main exploitation marked, not the latest) are adult women.
    assert lignes[F.TRAVAIL] == {"majeurs_femmes": 2, "total": 2}
    assert lignes[F.DOMESTIQUE] == {"majeurs_femmes": 1, "total": 1}
    assert lignes[F.MENDICITE] == {"mineurs_hommes": 1, "total": 1}  # 16 on 31/12, latest exploitation
    assert lignes[F.SEXUELLE] == {"total": 0} and lignes[F.AUTRE] == {"total": 0}
    assert lignes[enquete.NON_RENSEIGNE] == {"age_inconnu_sexe_inconnu": 1, "total": 1}
    assert lignes[enquete.TOTAL] == {"majeurs_femmes": 2, "mineurs_hommes": 1, "age_inconnu_sexe_inconnu": 1,
                                     "total": 4}  # fmt: skip


def test_socle_reads_records_in_a_fixed_number_of_queries(suivies, reperees, django_assert_num_queries):
    with django_assert_num_queries(3):  # potential victims; main exploitations; persons
        enquete.socle(ANNEE)


# --- Per-victim part --------------------------------------------------------------------------


def _par_nationalite(lignes) -> dict[str, dict]:
    return {ligne["nationalite"]: ligne for ligne in lignes}


def test_victimes_one_line_per_supported_person_with_the_survey_variables(suivies):
    lignes = enquete.victimes(ANNEE)
    assert len(lignes) == 4
    assert all(list(ligne) == enquete.COLONNES_VICTIMES for ligne in lignes)
    p1, p2, p3, p4 = (_par_nationalite(lignes)[code] for code in ("PH", "NG", "FR", "MA"))
    assert (p1["sexe"], p1["tranche_age"], p1["mineur_debut_exploitation"]) == ("femme", "25_34", True)
    assert (p1["region_monde"], p1["forme_travail_force"], p1["forme_servitude_domestique"]) == ("asie", True, True)
    assert p1["forme_mendicite_forcee"] is False and p1["relation_famille"] is True
    assert (p1["exploitation_en_france"], p1["exploitation_a_l_etranger"]) == (True, True)
    assert p1["pays_exploitation_etranger"] == "AE"
    assert (p1["recrutement_mode"], p1["recrutement_pays"]) == ("offre_emploi", "PH")  # from the recruitment event
    assert (p1["plainte_deposee"], p1["poursuivie"], p1["addiction"]) == (True, False, True)
    assert (p1["statut_admin_accueil"], p1["statut_admin_31_12"]) == ("irregulier", "titre_sejour")
    assert (p2["sexe"], p2["tranche_age"], p2["mna"], p2["forme_mendicite_forcee"]) == ("homme", "moins_18", True, True)
    assert p2["statut_admin_31_12"] == "demandeur_asile" and p2["plainte_deposee"] is False
    assert p2["region_monde"] == "afrique"
    assert (p3["sexe"], p3["tranche_age"], p3["forme_travail_force"], p3["relation_famille"]) == (
        "inconnu", "inconnu", None, None)  # fmt: skip
    assert (p3["exploitation_en_france"], p3["statut_admin_31_12"], p3["region_monde"]) == (
        None,
        "francais_ue",
        "europe",
    )
    assert (p4["tranche_age"], p4["forme_travail_force"], p4["forme_autre"]) == ("35_44", True, False)
    assert (p4["region_monde"], p4["statut_admin_31_12"]) == ("afrique", "recepisse")


def _identifiants(personnes) -> set[str]:
    """Every direct identifier of the persons, as it could be written in a file."""
    valeurs = set()
    for p in Personne.objects.filter(pk__in=[p.pk for p in personnes]):
        valeurs |= {p.nom, p.prenom, p.nom.upper(), p.numero_dossier}
        if p.date_naissance:
            valeurs |= {p.date_naissance.isoformat(), p.date_naissance.strftime("%d/%m/%Y")}
    return {v for v in valeurs if v}


def test_victimes_file_has_no_direct_identifier(suivies):
    identifiants = _identifiants(suivies)
    pks = {str(p.pk) for p in suivies}
    for format in enquete.FORMATS:
        entetes, *lignes = _lire(enquete.fichier(ANNEE, "victimes", format), format)
        assert len(lignes) == len(suivies)
        for nom in entetes:  # no column named after an identifier
            assert not {"nom", "prenom", "naissance", "dossier", "pk"} & set(nom.split("_")), nom
        for ligne in lignes:
            for valeur in ligne:
                texte = "" if valeur is None else str(valeur)
                assert texte not in pks, (format, texte)
                assert not any(i in texte for i in identifiants), (format, texte)


def test_victimes_line_ids_and_order_change_at_every_run(suivies):
    premiers = [ligne["id_ligne"] for ligne in enquete.victimes(ANNEE)]
    seconds = [ligne["id_ligne"] for ligne in enquete.victimes(ANNEE)]
    assert len(set(premiers)) == len(premiers) and not set(premiers) & set(seconds)
    # Shuffled: over twenty runs, the lines do not always come in the same order.
    ordres = {tuple(ligne["nationalite"] for ligne in enquete.victimes(ANNEE)) for _ in range(20)}
    assert len(ordres) > 1


def test_victimes_read_records_in_a_fixed_number_of_queries(suivies, django_assert_num_queries):
    # persons, main exploitations, places, exploitation events, recruitment events, complaints,
    # and the status at 31/12 (permits, protections, receipts, asylum, intake status).
    with django_assert_num_queries(11):
        enquete.victimes(ANNEE)


# --- Administrative status at 31/12 and complaint (juridique.statut) -----------------------------


def test_statut_at_31_12_follows_the_records_then_the_status_at_intake():
    expire = _suivie(statut_admin_accueil=StatutAdministratif.TITRE_SEJOUR)
    _titre(expire, fin=datetime.date(ANNEE, 11, 30))  # expired before 31/12: the status at intake stays
    refugiee = _suivie(statut_admin_accueil=StatutAdministratif.DEMANDEUR_ASILE)
    asile = ProcedureFactory(personnes=[refugiee], type=TypeProcedure.ASILE, date_ouverture=datetime.date(2023, 1, 1))
    DecisionFactory(procedure=asile, date=datetime.date(ANNEE, 4, 1), nature=NatureDecision.STATUT_REFUGIE)
    close = _suivie(statut_admin_accueil=StatutAdministratif.IRREGULIER)
    ProcedureFactory(personnes=[close], type=TypeProcedure.ASILE, date_ouverture=datetime.date(2023, 1, 1),
                     date_cloture=datetime.date(ANNEE, 3, 1))  # fmt: skip
    inconnue = _suivie()
    futur = _suivie()
    TitreSejourFactory(personne=futur, date_decision=datetime.date(ANNEE + 1, 1, 5), issue=IssueTitre.ACCORDE)
    statuts = statuts_administratifs(Personne.objects.all(), FIN)
    assert statuts == {
        expire.pk: "titre_sejour", refugiee.pk: "titre_sejour", close.pk: "irregulier", inconnue.pk: "", futur.pk: "",
    }  # fmt: skip


def test_complaint_is_a_complaint_step_of_a_criminal_proceeding_by_31_12():
    plainte, pcpc, tardive, cph = (_suivie() for _ in range(4))
    EtapeFactory(
        procedure=ProcedureFactory(personnes=[plainte]), type=TypeEtape.PLAINTE, date=datetime.date(2020, 1, 1)
    )
    EtapeFactory(procedure=ProcedureFactory(personnes=[pcpc]), type=TypeEtape.PCPC, date=datetime.date(ANNEE, 1, 1))
    EtapeFactory(
        procedure=ProcedureFactory(personnes=[tardive]), type=TypeEtape.PLAINTE, date=datetime.date(ANNEE + 1, 1, 1)
    )
    EtapeFactory(procedure=ProcedureFactory(personnes=[cph], type=TypeProcedure.CPH), type=TypeEtape.SAISINE_CPH)
    assert personnes_avec_plainte(Personne.objects.all(), FIN) == {plainte.pk, pcpc.pk}


# --- Command ----------------------------------------------------------------------------------


def _lire(contenu: bytes, format: str) -> list[list]:
    if format == "csv":
        assert contenu.startswith("\ufeff".encode())  # French spreadsheets' CSV
        return list(csv.reader(io.StringIO(contenu.decode("utf-8-sig")), delimiter=";"))
    classeur = load_workbook(io.BytesIO(contenu), read_only=True)
    return [list(ligne) for ligne in classeur.worksheets[0].iter_rows(values_only=True)]


@pytest.mark.parametrize("partie", enquete.PARTIES)
@pytest.mark.parametrize("format", enquete.FORMATS)
def test_command_writes_each_part_in_each_format(suivies, reperees, partie, format, tmp_path, capsysbinary):
    sortie = tmp_path / f"enquete.{format}"
    call_command(
        "enquete_traite", "--annee", str(ANNEE), "--partie", partie, "--format", format, "--sortie", str(sortie)
    )
    entetes, *lignes = _lire(sortie.read_bytes(), format)
    if partie == "socle":
        assert entetes == ["population", "forme", "libelle", *enquete.COLONNES_SOCLE, "total"]
        totaux = {ligne[0]: ligne[-1] for ligne in lignes if ligne[1] == enquete.TOTAL}
        assert {k: int(v) for k, v in totaux.items()} == {"reperees": 5, "suivies": 4}
    else:
        assert entetes == enquete.COLONNES_VICTIMES and len(lignes) == 4
        oui = "oui" if format == "csv" else True
        assert sum(ligne[entetes.index("plainte_deposee")] == oui for ligne in lignes) == 1


def test_command_writes_csv_to_standard_output(suivies, capsysbinary):
    call_command("enquete_traite", "--annee", str(ANNEE), "--partie", "victimes")
    entetes, *lignes = _lire(capsysbinary.readouterr().out, "csv")
    assert entetes == enquete.COLONNES_VICTIMES and len(lignes) == 4


def test_command_requires_a_file_for_xlsx():
    with pytest.raises(CommandError):
        call_command("enquete_traite", "--annee", str(ANNEE), "--partie", "socle", "--format", "xlsx")


# --- Page and downloads -----------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_page_for_the_roles_that_export_the_report(role, client_for, suivies):
    client = client_for(role)
    page = client.get(reverse("rapports:enquete", args=[ANNEE]))
    export = client.get(reverse("rapports:enquete_export", args=[ANNEE, "socle", "csv"]))
    if role in LECTEURS:
        assert page.status_code == 200 and export.status_code == 200
        victimes = reverse("rapports:enquete_export", args=[ANNEE, "victimes", "xlsx"])
        # One line per person: only the management that answers the survey gets the link and the file.
        assert (victimes in page.text) == (role == Role.DIRECTION)
        assert client.get(victimes).status_code == (200 if role == Role.DIRECTION else 403)
    else:
        assert page.status_code == 403 and export.status_code == 403


def test_page_shows_the_core_tables_in_french_and_english(client_for, suivies):
    client = client_for(Role.DIRECTION)
    url = reverse("rapports:enquete", args=[ANNEE])
    assert "Travail forcé" in client.get(url, HTTP_ACCEPT_LANGUAGE="fr").text
    client.cookies.load({"django_language": "en"})
    assert "Forced labour" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").text


def test_report_page_links_to_the_survey(client_for):
    page = client_for(Role.DIRECTION).get(reverse("rapports:annee", args=[ANNEE]))
    assert reverse("rapports:enquete", args=[ANNEE]) in page.text


@pytest.mark.parametrize("partie", enquete.PARTIES)
@pytest.mark.parametrize("format", enquete.FORMATS)
def test_each_download_writes_one_export_row_in_the_access_log(client_for, suivies, partie, format):
    client = client_for(Role.DIRECTION)
    reponse = client.get(reverse("rapports:enquete_export", args=[ANNEE, partie, format]))
    assert reponse.status_code == 200
    assert reponse["Content-Disposition"] == f'attachment; filename="ccem-enquete-traite-{ANNEE}-{partie}.{format}"'
    assert len(_lire(reponse.content, format)) > 1
    ligne = JournalAcces.objects.get(action=JournalAcces.Action.EXPORT)
    assert (ligne.utilisateur, ligne.vue, ligne.content_type.model) == (
        client.user,
        "rapports:enquete_export",
        "personne",
    )


def test_unknown_part_or_format_is_404(client_for):
    client = client_for(Role.DIRECTION)
    assert client.get(reverse("rapports:enquete_export", args=[ANNEE, "autre", "csv"])).status_code == 404
    assert client.get(reverse("rapports:enquete_export", args=[ANNEE, "socle", "json"])).status_code == 404


def test_both_parts_come_out_of_generated_demo_data(make_user):
    for role in Role:
        make_user(role)
    call_command("generer_donnees_demo", annees="2023-2024", echelle=1, graine=7, stdout=io.StringIO())
    personnes = enquete.suivies(Contexte(ANNEE)).count()
    assert personnes > 0
    _entetes, *lignes = _lire(enquete.fichier(ANNEE, "victimes", "xlsx"), "xlsx")
    assert len(lignes) == personnes
    totaux = {t["code"]: t["lignes"][-1]["total"] for t in enquete.socle(ANNEE)}
    assert totaux["suivies"] == personnes and totaux["reperees"] > 0
