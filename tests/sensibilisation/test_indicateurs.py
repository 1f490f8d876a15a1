"""Section 5 and B30–B31 on a small constructed dataset, with exact values."""

import datetime

import pytest

from comptes.contexte import Contexte
from sensibilisation import enums, indicateurs

from .factories import EvenementFactory, InterventionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def annee_2024():
    base = {"nb_grand_public": 0}
    # Held in 2024, on both year boundaries.
    InterventionFactory(date=D(2024, 1, 1), nb_inspection_travail=20, nb_gendarmerie=5, nb_police=3, **base)
    InterventionFactory(
        date=D(2024, 12, 31),
        departement="92",
        nb_professionnels_droit=40,
        nb_travailleurs_sociaux=10,
        nb_professionnels_sante=5,
        nb_autres_professionnels=7,
        **base,
    )
    InterventionFactory(date=D(2024, 6, 10), etranger=True, nb_grand_public=30, nb_public_non_precise=10)
    InterventionFactory(date=D(2024, 3, 1), nb_eleves=50, nb_classes=2, **base)
    # Not counted: planned, cancelled, other years, the CCEM's own event.
    InterventionFactory(date=D(2024, 7, 1), statut=enums.Statut.PREVUE, nb_grand_public=100)
    InterventionFactory(date=D(2024, 8, 1), statut=enums.Statut.ANNULEE, departement="93", nb_grand_public=100)
    InterventionFactory(date=D(2023, 12, 31), nb_grand_public=60, nb_gendarmerie=40)
    InterventionFactory(date=D(2025, 1, 1), nb_grand_public=500)
    EvenementFactory(date=D(2024, 1, 20), nb_participants=200)


def test_section_5_exact_values(annee_2024):
    ctx = Contexte(2024)
    assert indicateurs.interventions(ctx) == 4
    assert indicateurs.participants(ctx) == 180
    assert indicateurs.participants_evol(ctx) == 80.0  # 180 against 100 in 2023
    assert indicateurs.participants_professionnels(ctx) == 90
    # 90 professionals over the 170 participants whose audience is known.
    assert indicateurs.part_professionnels(ctx) == 52.9
    assert indicateurs.agents_services_enquete(ctx) == 28
    assert indicateurs.agents_inspection_travail(ctx) == 20
    assert indicateurs.agents_gendarmerie(ctx) == 5
    assert indicateurs.professionnels_droit(ctx) == 40
    assert indicateurs.autres_professionnels(ctx) == 22  # social workers + health + others
    assert indicateurs.eleves(ctx) == 50
    assert indicateurs.grand_public_autres(ctx) == 30
    assert indicateurs.departements_interventions(ctx) == 2  # 75 and 92; abroad not counted
    assert indicateurs.interventions_etranger(ctx) == 1
    assert indicateurs.part_interventions_paris(ctx) == 50.0


def test_breakdowns_b30_b31(annee_2024):
    ctx = Contexte(2024)
    assert indicateurs.repartition_b30(ctx) == {
        "inspection_travail": 20,
        "gendarmerie": 5,
        "police": 3,
        "professionnels_droit": 40,
        "travailleurs_sociaux": 10,
        "professionnels_sante": 5,
        "autres_professionnels": 7,
        "eleves": 50,
        "grand_public": 30,
        "inconnu": 10,
    }
    assert sum(indicateurs.repartition_b30(ctx).values()) == indicateurs.participants(ctx)
    assert indicateurs.repartition_b31(ctx) == {"75": 2, "92": 1, "etranger": 1, "inconnu": 0}
    assert indicateurs.pays_etranger(ctx) == {"MA": 1}


def test_a_place_never_given_counts_as_unknown():
    # Legacy rows can lack a place: they stay in the breakdown, under "inconnu".
    InterventionFactory(departement="", commune="")
    assert indicateurs.repartition_b31(Contexte(2024)) == {"etranger": 0, "inconnu": 1}


def test_an_empty_year_gives_zero_counts_and_no_shares():
    ctx = Contexte(2010)
    assert indicateurs.interventions(ctx) == 0
    assert indicateurs.participants(ctx) == 0
    assert indicateurs.part_professionnels(ctx) is None
    assert indicateurs.part_interventions_paris(ctx) is None
    assert indicateurs.participants_evol(ctx) is None
    assert indicateurs.repartition_b31(ctx) == {"etranger": 0, "inconnu": 0}


def test_published_2024_shape_is_reproduced():
    """The published split (B30) gives the published key figures: 2 874 participants, 69 %, 361 officers."""
    InterventionFactory(nb_grand_public=395, nb_inspection_travail=325, nb_gendarmerie=36)
    InterventionFactory(nb_grand_public=0, nb_professionnels_droit=790, nb_autres_professionnels=823)
    InterventionFactory(nb_grand_public=0, nb_eleves=505, nb_classes=20)
    ctx = Contexte(2024)
    assert indicateurs.participants(ctx) == 2874
    assert indicateurs.participants_professionnels(ctx) == 1974
    assert indicateurs.part_professionnels(ctx) == 68.7  # printed 69 % (half-up)
    assert indicateurs.agents_services_enquete(ctx) == 361


def test_a_whole_year_costs_a_fixed_number_of_queries(annee_2024, django_assert_num_queries):
    ctx = Contexte(2024)
    fonctions = [
        getattr(indicateurs, nom)
        for nom in (
            "interventions participants participants_evol participants_professionnels part_professionnels "
            "agents_services_enquete agents_inspection_travail agents_gendarmerie professionnels_droit "
            "autres_professionnels eleves grand_public_autres departements_interventions interventions_etranger "
            "part_interventions_paris repartition_b30 repartition_b31"
        ).split()
    ]
    # N's aggregate, N's places, N−1's aggregate.
    with django_assert_num_queries(3):
        for fonction in fonctions:
            fonction(ctx)
