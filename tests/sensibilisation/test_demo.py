"""The demo generator reproduces the published shape of 2023 and 2024."""

import random

import pytest
from faker import Faker

from comptes.contexte import Contexte
from comptes.demo import Generateur
from comptes.permissions import Role
from sensibilisation import demo, indicateurs
from sensibilisation.models import Evenement, Intervention
from tests.accompagnement.factories import PersonneFactory

pytestmark = pytest.mark.django_db


def _gen(make_user, annees, echelle=1):
    utilisateurs = {Role.SENSIBILISATION: [make_user(Role.SENSIBILISATION), make_user(Role.SENSIBILISATION)]}
    return Generateur(
        annees=annees, echelle=echelle, rng=random.Random(7), faker=Faker("fr_FR"), utilisateurs=utilisateurs,
        log=lambda msg: None,
    )  # fmt: skip


def test_demo_matches_the_published_2023_and_2024_figures(make_user):
    PersonneFactory.create_batch(3, membre_cva=True)
    demo.generer(_gen(make_user, range(2023, 2025)))
    ctx24, ctx23 = Contexte(2024), Contexte(2023)
    assert indicateurs.interventions(ctx24) == 46
    assert indicateurs.participants(ctx24) == 2874
    assert indicateurs.participants_professionnels(ctx24) == 1974
    assert indicateurs.agents_services_enquete(ctx24) == 361
    assert indicateurs.eleves(ctx24) == 505
    assert indicateurs.part_interventions_paris(ctx24) == 52.2
    assert indicateurs.departements_interventions(ctx24) == 11
    assert indicateurs.interventions_etranger(ctx24) == 2
    assert indicateurs.interventions(ctx23) == 29
    assert indicateurs.participants(ctx23) == 1123
    assert indicateurs.part_professionnels(ctx23) == 46.0
    assert indicateurs.agents_services_enquete(ctx23) == 297
    assert indicateurs.departements_interventions(ctx23) == 10
    assert indicateurs.interventions_etranger(ctx23) == 1
    # Every session has a facilitator, a valid place and a history row; events stay apart.
    assert not Intervention.objects.filter(animateurs=None).exists()
    for intervention in Intervention.objects.all():
        intervention.full_clean()
    assert Intervention.history.count() == Intervention.objects.count()
    assert Evenement.objects.filter(date__year=2024).count() == 3


def test_demo_scales_with_echelle(make_user):
    demo.generer(_gen(make_user, range(2024, 2025), echelle=3))
    ctx = Contexte(2024)
    assert indicateurs.interventions(ctx) == 46 * 3
    assert indicateurs.participants(ctx) == 2874 * 3
    assert indicateurs.interventions_etranger(ctx) == 6


def test_other_years_are_drawn_around_the_published_ones(make_user):
    demo.generer(_gen(make_user, range(2015, 2023)))
    for annee in range(2015, 2023):
        ctx = Contexte(annee)
        assert 24 <= indicateurs.interventions(ctx) <= 34
        assert 900 <= indicateurs.participants(ctx) <= 1300
