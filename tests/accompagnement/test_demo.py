"""The demo generators of reception and file active give figures of the published order."""

import random
import time

import pytest
from faker import Faker

from accompagnement import demo as demo_accompagnement
from accompagnement import indicateurs as ind
from accompagnement.models import EntreeJournal, Personne
from comptes.contexte import Contexte
from comptes.demo import Generateur
from comptes.permissions import Role
from signalements import demo as demo_signalements
from signalements import indicateurs as ind_signalements
from signalements.models import PersonneSignalee

pytestmark = pytest.mark.django_db


def test_demo_file_active_is_shaped_on_the_published_figures(make_user):
    utilisateurs = {role.value: [make_user(role), make_user(role)] for role in Role}
    faker = Faker("fr_FR")
    faker.seed_instance(1994)
    gen = Generateur(
        annees=range(2022, 2025), echelle=1, rng=random.Random(1994), faker=faker, utilisateurs=utilisateurs,
        log=lambda msg: None,
    )  # fmt: skip
    debut = time.perf_counter()
    demo_signalements.generer(gen)
    demo_accompagnement.generer(gen)
    demo_signalements.lier_personnes(gen)
    assert time.perf_counter() - debut < 60
    ctx = Contexte(2024)
    assert 340 <= ind_signalements.signalements_recus(ctx) <= 440
    assert 12 <= ind_signalements.taux_accompagnement_signalements(ctx) <= 22
    assert 45 <= ind.nouvelles_personnes_accompagnees(ctx) <= 110
    assert 250 <= ind.personnes_accompagnees(ctx) <= 420
    assert 50 <= ind.file_active_dependance_hebergement_taux(ctx) <= 100
    assert 25 <= ind.file_active_sans_remuneration_taux(ctx) <= 45
    assert 15 <= ind.file_active_hors_idf_taux(ctx) <= 45
    assert set(gen.store["personnes"]) == set(Personne.objects.values_list("pk", flat=True))
    assert gen.store["affaires"]
    # Every supported report's potential victims are linked to a person of the file active.
    assert not PersonneSignalee.objects.filter(signalement__decision="accompagnement", personne=None).exists()
    assert EntreeJournal.objects.filter(pole="psy").exists()
