"""Exact values on a small constructed file active (see the comments for each person)."""

import datetime

import pytest

from accompagnement import indicateurs as ind
from comptes.contexte import Contexte
from psychosocial import indicateurs as ind_psychosocial
from signalements import indicateurs as ind_signalements
from tests.accompagnement.factories import (
    AccompagnementFactory,
    AffaireFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    PersonneFactory,
)
from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def exploitation(personne, affaire, debut, fin, lieux=(), **champs):
    e = ExploitationFactory(personne=personne, affaire=affaire, date_debut=debut, date_fin=fin, **champs)
    for lieu in lieux:
        pays, departement = ("FR", lieu) if lieu.isdigit() else (lieu, "")
        LieuExploitationFactory(exploitation=e, pays=pays, departement=departement)
    return e


@pytest.fixture
def file_active_2024():
    collective, ancienne, autre = AffaireFactory(), AffaireFactory(), AffaireFactory()
    # A: new in 2024 (report from a lawyer), woman, 29 at the start, 33 at intake, domestic work in Paris area.
    a = PersonneFactory(
        sexe="F", date_naissance=D(1990, 6, 15), nationalite="PH", type_visa_entree="touriste", membre_cva=True
    )
    signalement = SignalementFactory(source_type="avocat", decide_accompagne=True, date_reception=D(2024, 2, 1))
    AccompagnementFactory(personne=a, date_debut=D(2024, 3, 1), signalement=signalement)
    exploitation(
        a, collective, D(2020, 1, 1), D(2023, 12, 31), ["75", "92"],
        secteur="travail_domestique", heures_par_jour=15, jours_par_semaine=7, remuneration_mensuelle_eur=0,
        hebergement="domicile_exploiteur", emprise=["promesse_hebergement", "promesse_remuneration"],
        violences_renseignees=True, violences=["psychologiques_verbales"], dette_recrutement_eur=None,
    )  # fmt: skip
    # B: new in 2024, man, only the year of birth (2000), two exploitations: the most recent is the main one,
    # the older one is the longest; places in the Marne and in Spain (outside Île-de-France).
    b = PersonneFactory(
        sexe="H", date_naissance=None, annee_naissance=2000, nationalite="MA", type_visa_entree="saisonnier"
    )
    AccompagnementFactory(personne=b, date_debut=D(2024, 6, 1))
    PersonneSignaleeFactory(personne=b, signalement__source_type="inspection_du_travail")
    exploitation(
        b, ancienne, D(2021, 6, 1), D(2022, 6, 1), ["51"],
        secteur="agriculture", heures_par_jour=10, jours_par_semaine=6, remuneration_mensuelle_eur=300,
        hebergement="controle_exploiteur", emprise=["promesse_regularisation"],
    )  # fmt: skip
    exploitation(
        b, collective, D(2023, 1, 1), D(2023, 3, 1), ["ES"],
        secteur="agriculture", heures_par_jour=17, jours_par_semaine=7, remuneration_mensuelle_eur=150,
        hebergement="sur_lieu", emprise=["promesse_remuneration", "dette"], dette_recrutement_eur=12000,
        violences_renseignees=False,
    )  # fmt: skip
    # C: re-opened in 2024 (first period 2019-2020): in the file active, not new. Nothing else known.
    c = PersonneFactory(sexe="F", date_naissance=None, nationalite="")
    AccompagnementFactory(personne=c, date_debut=D(2019, 1, 1), date_cloture=D(2020, 6, 30), motif_cloture="autonomie")
    AccompagnementFactory(personne=c, date_debut=D(2024, 9, 1))
    # D: closed on 1 January 2024 (still overlaps 2024), minor at the start, died in 2024, Haiti.
    d = PersonneFactory(sexe="H", date_naissance=D(2005, 12, 31), nationalite="HT", date_deces=D(2024, 2, 10))
    AccompagnementFactory(
        personne=d, date_debut=D(2022, 5, 1), date_cloture=D(2024, 1, 1), motif_cloture="perte_contact"
    )
    exploitation(
        d, autre, D(2019, 1, 1), D(2022, 4, 1), ["93"],
        secteur="mendicite", heures_par_jour=None, jours_par_semaine=None, remuneration_mensuelle_eur=None,
        hebergement="rue", emprise=[], violences_renseignees=True, violences=[],
    )  # fmt: skip
    # E: supported only in December 2023; F: from 2025.
    e = PersonneFactory(sexe="F", nationalite="PH")
    AccompagnementFactory(personne=e, date_debut=D(2023, 12, 1), date_cloture=D(2023, 12, 31), motif_cloture="deces")
    AccompagnementFactory(personne=PersonneFactory(), date_debut=D(2025, 1, 1))
    return {"a": a, "b": b, "c": c, "d": d}


def test_populations_and_evolution(file_active_2024):
    ctx = Contexte(2024)
    assert ind.personnes_accompagnees(ctx) == 4  # A, B, C (re-opened), D (closed on 1 January)
    assert ind.nouvelles_personnes_accompagnees(ctx) == 2  # A, B; C is re-opened, not new
    assert ind.personnes_accompagnees(Contexte(2023)) == 2  # D and E
    assert ind.personnes_accompagnees_evol_1an(ctx) == 100.0
    assert ind.personnes_accompagnees_evol_5ans(ctx) == 300.0  # 2019: C only
    assert ind.personnes_accompagnees_evol_10ans(ctx) is None  # nobody in 2014
    assert ind.personnes_accompagnees_cumul(ctx) == 5
    assert ind.nouvelles_affaires(ctx) == 2  # the collective case counts once, plus B's older case
    assert ind.deces_en_cours_accompagnement(ctx) == 1
    assert ind.dossiers_clotures(ctx) == 1
    assert ind.dossiers_clotures_par_motif(ctx)["perte_contact"] == 1


def test_new_beneficiaries_profile(file_active_2024):
    ctx = Contexte(2024)
    assert ind.nouvelles_part_femmes(ctx) == 50.0
    assert ind.nouvelles_nb_pays_origine(ctx) == 2
    assert ind.nouvelles_moins_26_debut_taux(ctx) == 50.0  # A 29, B 21 (2021 − 2000)
    assert ind.nouvelles_moins_26_prise_en_charge_taux(ctx) == 50.0  # A 33, B 24
    assert ind.nouvelles_heures_jour_moy(ctx) == 16.0  # main exploitations: 15 and 17
    assert ind.nouvelles_plus_16h_taux(ctx) == 50.0
    assert ind.nouvelles_plus_13h_taux(ctx) == 100.0
    assert ind.nouvelles_sans_remuneration_taux(ctx) == 50.0
    assert ind.nouvelles_travail_domestique_taux(ctx) == 50.0
    assert ind.nouvelles_dependance_hebergement_taux(ctx) == 100.0
    assert ind.nouvelles_logees_sur_lieu_taux(ctx) == 100.0
    assert ind.nouvelles_emprise_hebergement_taux(ctx) == 50.0
    assert ind.nouvelles_emprise_remuneration_taux(ctx) == 100.0
    assert ind.nouvelles_emprise_regularisation_taux(ctx) == 0.0  # only in B's older exploitation
    assert ind.nouvelles_emprise_mariage(ctx) == 0
    assert ind.nouvelles_adoption_exploitation(ctx) == 0
    assert ind.nouvelles_visa_saisonnier_taux(ctx) == 50.0
    assert ind.nouvelles_dette_recrutement(ctx) == 100.0  # A's debt unknown, B's 12 000 €


def test_file_active_profile(file_active_2024):
    ctx = Contexte(2024)
    assert ind.file_active_part_femmes(ctx) == 50.0
    assert ind.file_active_nb_pays_origine(ctx) == 3
    assert ind.file_active_part_caraibes_amlat(ctx) == 33.3  # Haiti, over the 3 known nationalities
    assert ind.file_active_part_femmes_philippines(ctx) == 100.0
    assert ind.file_active_heures_jour_moy(ctx) == 16.0
    assert ind.file_active_7j_sur_7_taux(ctx) == 100.0
    assert ind.file_active_dependance_hebergement_taux(ctx) == 66.7  # D on the street
    assert ind.file_active_sans_remuneration_taux(ctx) == 50.0
    assert ind.file_active_sans_remuneration_part_femmes(ctx) == 100.0
    assert ind.file_active_violences_psychologiques_taux(ctx) == 50.0  # over A and D (filled in)
    assert ind.file_active_violences_sexuelles_taux(ctx) == 0.0
    assert ind.file_active_violences_physiques_taux(ctx) == 0.0
    assert ind.file_active_privation_nourriture_taux(ctx) == 0.0
    # Longest exploitation per person: 1460, 365 (B's older one), 1186 days → 1003.7 / 30.44
    assert ind.file_active_duree_exploitation_moy(ctx) == 33.0
    assert ind.file_active_hors_idf_taux(ctx) == 33.3  # B only, over A, B, D
    assert ind.file_active_nb_departements(ctx) == 4  # 75, 92, 51, 93 (Spain is not a département)
    assert ind.cva_membres(ctx) == 0  # A is a CVA member but took part in no CVA activity in 2024


def test_main_exploitation_is_the_latest_dated_then_the_last_recorded():
    """Undated exploitations come after dated ones; among equal dates the last recorded wins."""
    personne = PersonneFactory(sexe="F")
    AccompagnementFactory(personne=personne, date_debut=D(2024, 1, 10))
    exploitation(personne, None, None, None, heures_par_jour=9)  # undated: never the main one
    exploitation(personne, None, D(2018, 1, 1), D(2019, 1, 1), heures_par_jour=11)
    exploitation(personne, None, D(2018, 1, 1), D(2018, 6, 1), heures_par_jour=12)  # same start, recorded last
    # A person with no exploitation recorded is unknown for every exploitation attribute.
    AccompagnementFactory(personne=PersonneFactory(sexe="H"), date_debut=D(2024, 2, 1))
    p = ind.profil(Contexte(2024))
    assert p["n"] == 2
    assert p["heures_moy"] == 12
    assert p["duree_connue"] == 1 and p["duree_moy"] == datetime.timedelta(days=365)  # the longest one
    assert p["m_heures:inconnu"] == 1 and p["m_heures:9_13"] == 1
    assert ind.repartition_b9(Contexte(2024))["inconnu"] == 1


def test_breakdowns(file_active_2024):
    ctx = Contexte(2024)
    assert {k: v for k, v in ind_signalements.repartition_b3(ctx).items() if v} == {
        "avocat": 1,
        "inspection_du_travail": 1,
    }
    assert ind.repartition_b4(ctx) == {"F": 2, "H": 2, "X": 0, "inconnu": 0}
    assert ind.repartition_b4(ctx, population="nouvelles") == {"F": 1, "H": 1, "X": 0, "inconnu": 0}
    assert ind.repartition_b5(ctx) == {"PH": 1, "MA": 1, "HT": 1, "inconnu": 1}
    assert ind.repartition_b6(ctx) == {
        "moins_18": 1, "18_21": 1, "22_25": 0, "26_35": 1, "36_45": 0, "46_plus": 0, "inconnu": 1
    }  # fmt: skip
    assert ind.repartition_b7(ctx) == {
        "moins_18": 1, "18_21": 0, "22_25": 1, "26_35": 1, "36_45": 0, "46_plus": 0, "inconnu": 1
    }  # fmt: skip
    assert ind.repartition_b8(ctx) == {
        "0": 1, "1_100": 0, "101_300": 1, "301_500": 0, "501_1000": 0, "plus_1000": 0, "inconnu": 2
    }  # fmt: skip
    b9 = ind.repartition_b9(ctx)
    assert {k: v for k, v in b9.items() if v} == {
        "travail_domestique": 1,
        "agriculture": 1,
        "mendicite": 1,
        "inconnu": 1,
    }
    assert ind.repartition_b10(ctx) == {"51": 1, "75": 1, "92": 1, "93": 1, "etranger": 1, "inconnu": 1}
    assert ind.repartition_b11(ctx) == {"ile_de_france": 2, "hors_ile_de_france": 1, "inconnu": 1}
    b12 = ind.repartition_b12(ctx)
    assert {k: v for k, v in b12.items() if v} == {"promesse_hebergement": 1, "promesse_remuneration": 2, "dette": 1}
    b13 = ind.repartition_b13(ctx)
    assert {k: v for k, v in b13.items() if v} == {"psychologiques_verbales": 1, "aucune": 1, "inconnu": 2}
    assert ind.repartition_b14(ctx) == {
        "moins_12_mois": 1, "12_35_mois": 0, "36_59_mois": 2, "60_119_mois": 0, "120_mois_plus": 0, "inconnu": 1
    }  # fmt: skip
    # Women: A only (48 months); men: B 12 and D 39; minors at the start: D.
    assert ind.precisions_file_active_duree_exploitation_moy(ctx) == [
        ("femmes", "women", 48.0, 1), ("hommes", "men", 25.5, 2), ("mineurs au début", "minors at the start", 39.0, 1)
    ]  # fmt: skip
    assert ind.repartition_b15(ctx) == {"8_ou_moins": 0, "9_13": 0, "14_16": 1, "plus_16": 1, "inconnu": 2}
    b16 = ind.repartition_b16(ctx)
    assert {k: v for k, v in b16.items() if v} == {"domicile_exploiteur": 1, "sur_lieu": 1, "rue": 1, "inconnu": 1}
    b17 = ind.repartition_b17(ctx)
    assert {k: v for k, v in b17.items() if v} == {"touriste": 1, "saisonnier": 1}


def test_every_indicator_of_the_year_in_a_fixed_number_of_queries(file_active_2024, django_assert_num_queries):
    ctx = Contexte(2024)
    fonctions = [
        getattr(ind, nom)
        for nom in dir(ind)
        if nom.startswith(
            ("nouvelles_", "file_active_", "personnes_", "repartition_", "cva_", "deces_", "dossiers_", "duree_")
        )
    ]
    fonctions = [
        f for f in fonctions if callable(f) and f not in (ind.file_active, ind.nouvelles, ind.file_active_par_annee)
    ]
    # B3, CVA meetings elsewhere; cva_membres: one query over the CVA activities; P_NEW within P_FA's profile;
    # the persons and their main exploitation in one query; the places in one query; the nationalities (B5)
    # within the profile; the changes' three bases in one query; the cumulative count from the summaries
    with django_assert_num_queries(8):
        for f in fonctions:
            f(ctx)


def test_empty_year_answers_zero_or_none():
    ctx = Contexte(2010)
    assert ind.personnes_accompagnees(ctx) == 0
    assert ind.file_active_part_femmes(ctx) is None
    assert ind.file_active_duree_exploitation_moy(ctx) is None
    assert ind.repartition_b11(ctx) == {"ile_de_france": 0, "hors_ile_de_france": 0, "inconnu": 0}


def test_a_file_active_without_new_persons_has_an_empty_new_profile_and_its_own_means():
    """The profile is grouped by P_NEW: with no new person P_NEW's group is absent, and P_FA's means
    come from the sums and counts of the one group there is."""
    for heures, debut in ((10, D(2018, 1, 1)), (15, D(2019, 1, 1))):
        personne = PersonneFactory()
        AccompagnementFactory(personne=personne, date_debut=debut)
        ExploitationFactory(personne=personne, heures_par_jour=heures, emprise=["dette"], emprise_renseignee=True)
    ctx = Contexte(2024)
    assert ind.nouvelles_personnes_accompagnees(ctx) == 0
    assert ind.nouvelles_heures_jour_moy(ctx) is None
    assert ind.nouvelles_emprise_hebergement_taux(ctx) is None
    assert ind.personnes_accompagnees(ctx) == 2
    assert ind.file_active_heures_jour_moy(ctx) == 12.5
    assert ind.profil(ctx)["emprise:dette"] == 2


def test_cva_meetings_come_from_the_psychosocial_activities(file_active_2024):
    from psychosocial.models import Activite, Participation
    from tests.factories import UserFactory

    auteur = UserFactory()
    reunion = Activite.objects.create(
        date=D(2024, 3, 5), type="reunion_cva", theme="vie_associative", intitule="Réunion", auteur=auteur
    )
    Activite.objects.create(
        date=D(2023, 3, 5), type="reunion_cva", theme="vie_associative", intitule="R", auteur=auteur
    )
    atelier = Activite.objects.create(date=D(2024, 3, 5), type="atelier", theme="emploi", intitule="A", auteur=auteur)
    for personne in (file_active_2024["a"], file_active_2024["b"]):
        Participation.objects.create(activite=reunion, personne=personne)
    Participation.objects.create(activite=atelier, personne=file_active_2024["c"])
    ctx = Contexte(2024)
    assert ind_psychosocial.cva_reunions(ctx) == 1
    assert ind_psychosocial.cva_reunions_participants(ctx) == 2


def test_cva_members_are_the_members_active_in_the_cva_during_the_year():
    """Catalogue §1.3: members who took part in at least one CVA activity in N (a meeting, or a
    testimony at an awareness session), not every person flagged as a member."""
    from psychosocial.models import Activite, Participation
    from tests.factories import UserFactory
    from tests.sensibilisation.factories import InterventionFactory

    auteur = UserFactory()
    cva = {"type": "reunion_cva", "theme": "vie_associative", "intitule": "R", "auteur": auteur}
    reunion, ancienne = (
        Activite.objects.create(date=D(2024, 3, 5), **cva),
        Activite.objects.create(date=D(2023, 3, 5), **cva),
    )
    atelier = Activite.objects.create(date=D(2024, 3, 5), type="atelier", theme="emploi", intitule="A", auteur=auteur)
    a_la_reunion, temoin, en_2023, a_l_atelier, inactif = (PersonneFactory(membre_cva=True) for _ in range(5))
    non_membre = PersonneFactory(membre_cva=False)
    for personne in (a_la_reunion, non_membre):
        Participation.objects.create(activite=reunion, personne=personne)
    Participation.objects.create(activite=ancienne, personne=en_2023)
    Participation.objects.create(activite=atelier, personne=a_l_atelier)
    InterventionFactory(date=D(2024, 5, 14)).temoins.add(temoin, a_la_reunion)
    for personne in (inactif, a_la_reunion):
        AccompagnementFactory(personne=personne, date_debut=D(2024, 1, 1))  # the file active does not matter
    assert ind.cva_membres(Contexte(2024)) == 2  # a_la_reunion (also a witness: once), temoin
    assert set(ind.detail_cva_membres(Contexte(2024))) == {a_la_reunion, temoin}  # the drill-down lists them
    assert ind.cva_membres(Contexte(2023)) == 1  # en_2023


def test_control_methods_recorded_as_none_count_in_the_denominator():
    """An exploitation whose control methods were recorded as "none" is known (denominator of the
    nouvelles_emprise_*_taux); one never recorded is unknown. An empty list alone cannot tell them apart."""
    for emprise, renseignee in ((["promesse_hebergement"], True), ([], True), ([], False)):
        personne = PersonneFactory()
        AccompagnementFactory(personne=personne, date_debut=D(2024, 3, 1))
        ExploitationFactory(personne=personne, emprise=emprise, emprise_renseignee=renseignee)
    ctx = Contexte(2024)
    assert ind.nouvelles_emprise_hebergement_taux(ctx) == 50.0  # 1 of the 2 recorded
    b12 = ind.repartition_b12(ctx)
    assert (b12["promesse_hebergement"], b12["aucun"], b12["inconnu"]) == (1, 1, 1)


def test_a_control_method_entered_marks_the_methods_recorded():
    exploitation = ExploitationFactory.build(
        personne=PersonneFactory(), affaire=None, emprise=["dette"], emprise_renseignee=False
    )
    exploitation.full_clean()
    assert exploitation.emprise_renseignee is True
