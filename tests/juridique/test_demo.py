import random

import pytest
from faker import Faker

from comptes.demo import Generateur
from juridique import demo
from juridique.models import Avocat, Etape, Procedure, TitreSejour
from tests.accompagnement.factories import AffaireFactory, ExploitationFactory, PersonneFactory

pytestmark = pytest.mark.django_db


def _gen(store):
    return Generateur(
        annees=range(2018, 2025), echelle=1, rng=random.Random(7), faker=Faker("fr_FR"), utilisateurs={},
        store=store, log=lambda msg: None,
    )  # fmt: skip


def _cases(n_affaires=40):
    affaires, personnes = [], []
    for i in range(n_affaires):
        affaire = AffaireFactory()
        affaires.append(affaire)
        for _ in range(1 + (i % 4 == 0) * 4):  # every fourth case is collective (5 persons)
            personnes.append(ExploitationFactory(affaire=affaire, personne=PersonneFactory()).personne)
    return affaires, personnes


def test_demo_builds_consistent_proceedings_from_objects():
    affaires, personnes = _cases()
    demo.generer(_gen({"affaires": affaires, "personnes": personnes}))
    assert Avocat.objects.count() == 30
    assert Procedure.objects.filter(type="penal").exists() and Procedure.objects.filter(type="cph").exists()
    assert Etape.objects.exists() and TitreSejour.objects.exists()
    # Every person of a proceeding belongs to its case.
    for procedure in Procedure.objects.prefetch_related("personnes"):
        membres = {e.personne_id for e in procedure.affaire.exploitations.all()}
        assert {p.pk for p in procedure.personnes.all()} <= membres
    for titre in TitreSejour.objects.all():
        titre.full_clean()


def test_demo_accepts_ids():
    affaires, personnes = _cases(10)
    demo.generer(_gen({"affaires": [a.pk for a in affaires], "personnes": [p.pk for p in personnes]}))
    assert Avocat.objects.count() == 30


def test_demo_does_nothing_without_persons():
    demo.generer(_gen({}))
    assert not Avocat.objects.exists() and not Procedure.objects.exists()
