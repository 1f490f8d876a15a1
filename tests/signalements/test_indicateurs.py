import datetime

import pytest

from comptes.contexte import Contexte
from signalements import indicateurs, services
from tests.factories import UserFactory
from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def entretien(signalement, date, type):
    user = UserFactory(role="Accueil")
    if not signalement.personnes_signalees.exists():  # a report has a potential victim (Signalement.clean)
        PersonneSignaleeFactory(signalement=signalement)
    services.entretien_ajouter(signalement=signalement, date=date, type=type, mene_par=user, by=user)


@pytest.fixture
def annee_2024():
    SignalementFactory(date_reception=D(2024, 1, 10), source_type="association_service_social", sans_suite=True)
    SignalementFactory(
        date_reception=D(2024, 3, 1),
        source_type="avocat",
        questionnaire=True,
        decision="reorientation",
        type_reorientation="droit_des_etrangers",
        date_decision=D(2024, 4, 1),
    )
    s3 = SignalementFactory(date_reception=D(2024, 5, 1), source_type="avocat", consenti=True)
    entretien(s3, D(2024, 5, 10), "identification")
    services.signalement_decider(
        signalement=s3,
        decision="accompagnement",
        date_decision=D(2024, 5, 20),
        choix=[services.ChoixPersonne(PersonneSignaleeFactory(signalement=s3), services.NOUVELLE)],
        by=UserFactory(role="Accueil"),
    )
    # Received on the last day of 2024, interviewed in 2025: the report is 2024's, the interview 2025's.
    s4 = SignalementFactory(date_reception=D(2024, 12, 31), source_type="auto_signalement", consenti=True)
    entretien(s4, D(2025, 1, 5), "approfondissement")
    # Received in 2023, interviewed in 2024.
    s5 = SignalementFactory(date_reception=D(2023, 12, 31), source_type="inspection_du_travail", consenti=True)
    entretien(s5, D(2024, 1, 2), "identification")
    SignalementFactory(date_reception=D(2025, 1, 1))


def test_funnel_of_the_year(annee_2024):
    ctx = Contexte(2024)
    assert indicateurs.signalements_recus(ctx) == 4
    assert indicateurs.signalements_questionnaire_taux(ctx) == 75.0  # interview counts as beyond questionnaire
    assert indicateurs.signalements_entretien_taux(ctx) == 50.0
    assert indicateurs.entretiens_identification(ctx) == 2  # dated in 2024, whatever the report's year
    assert indicateurs.taux_accompagnement_signalements(ctx) == 25.0
    assert indicateurs.signalants_reorientes(ctx) == 1
    assert indicateurs.entretiens_identification(Contexte(2025)) == 1


def test_sources_and_re_referrals_breakdowns(annee_2024):
    ctx = Contexte(2024)
    b1 = indicateurs.repartition_b1(ctx)
    assert {k: v for k, v in b1.items() if v} == {"association_service_social": 1, "avocat": 2, "auto_signalement": 1}
    assert b1["inconnu"] == 0 and sum(b1.values()) == 4
    b2 = indicateurs.repartition_b2(ctx)
    assert {k: v for k, v in b2.items() if v} == {"droit_des_etrangers": 1}


def test_empty_year_gives_zero_counts_and_no_percentages():
    ctx = Contexte(2010)
    assert indicateurs.signalements_recus(ctx) == 0
    assert indicateurs.signalements_questionnaire_taux(ctx) is None
    assert indicateurs.repartition_b1(ctx)["inconnu"] == 0


def test_whole_section_costs_a_fixed_number_of_queries(annee_2024, django_assert_num_queries):
    ctx = Contexte(2024)
    fonctions = [
        indicateurs.signalements_recus,
        indicateurs.signalements_questionnaire_taux,
        indicateurs.signalements_entretien_taux,
        indicateurs.entretiens_identification,
        indicateurs.taux_accompagnement_signalements,
        indicateurs.signalants_reorientes,
        indicateurs.repartition_b1,
        indicateurs.repartition_b2,
    ]
    # the reports of N grouped once (funnel, B1, B2) + the interviews of N
    with django_assert_num_queries(2):
        for f in fonctions:
            f(ctx)
