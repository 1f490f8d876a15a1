"""The demo generators of reception and file active give figures of the published order."""

import random
import time

import pytest
from faker import Faker

from accompagnement import demo as demo_accompagnement
from accompagnement import indicateurs as ind
from accompagnement.models import ConsentementTransfert, EntreeJournal, EvenementTraite, Exploitation, Personne
from comptes.contexte import Contexte
from comptes.demo import Generateur
from comptes.permissions import Role
from signalements import demo as demo_signalements
from signalements import indicateurs as ind_signalements
from signalements.models import PersonneSignalee, Signalement

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
    # The facts of the national survey, CTDC and HTCDS are filled, consistent with the sector.
    formes = dict(Exploitation.objects.values_list("pk", "formes"))
    assert sum(1 for f in formes.values() if f) > 0.7 * len(formes)
    domestiques = Exploitation.objects.filter(secteur="travail_domestique").values_list("formes", flat=True)
    assert all("servitude_domestique" in f for f in domestiques if f)
    assert Exploitation.objects.exclude(recrutement_mode="").exists()
    assert {e.type for e in EvenementTraite.objects.all()} >= {"recrutement", "exploitation"}
    assert ConsentementTransfert.objects.filter(retire_le=None).exists()
    assert Personne.objects.filter(identification_statut="identifiee").exclude(identifie_par="").exists()
    assert Personne.objects.filter(mna=True).exists() and Personne.objects.filter(addiction=True).exists()
    assert Personne.objects.exclude(statut_admin_accueil="").count() > 0.7 * Personne.objects.count()
    assert Signalement.objects.filter(formes_presumees__icontains='"').exists()
