"""The demo generator attaches coherent records to the persons of the file active."""

import datetime
import random

import pytest
from django.db.models import Count
from faker import Faker

from comptes.contexte import Contexte
from comptes.demo import Generateur
from comptes.permissions import Role
from psychosocial import demo
from psychosocial import indicateurs as ind
from psychosocial.models import Activite, AideFinanciere, Demarche, Domiciliation, Hebergement, PassageCourrier
from psychosocial.services import _periodes_chevauchantes
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _gen(store, annees=range(2023, 2025)):
    utilisateurs = {Role.PSYCHOSOCIAL.value: [UserFactory(role=Role.PSYCHOSOCIAL)],
                    Role.PSYCHOLOGUE.value: [UserFactory(role=Role.PSYCHOLOGUE)]}  # fmt: skip
    return Generateur(annees=annees, echelle=1, rng=random.Random(7), faker=Faker("fr_FR"),
                      utilisateurs=utilisateurs, store=store, log=lambda msg: None)  # fmt: skip


def test_without_persons_nothing_is_generated():
    demo.generer(_gen({}))
    assert not Hebergement.objects.exists() and not AideFinanciere.objects.exists()


def test_generated_records_are_valid_and_shaped_on_the_published_figures():
    personnes = [
        AccompagnementFactory(
            personne=PersonneFactory(sexe="F" if i % 3 else "H"), date_debut=datetime.date(2022, 6, 1)
        ).personne
        for i in range(90)
    ]
    # Objects or ids: both are accepted.
    demo.generer(_gen({"personnes": personnes[:45] + [p.pk for p in personnes[45:]]}))
    for model in (Hebergement, Demarche, AideFinanciere, Domiciliation):
        for objet in model.objects.all():
            objet.full_clean()
    for sejour in Hebergement.objects.all():
        autres = Hebergement.objects.filter(personne=sejour.personne).exclude(pk=sejour.pk)
        assert not _periodes_chevauchantes(
            autres, "date_entree", "date_sortie", sejour.date_entree, sejour.date_sortie, fin_exclue=True
        ).exists()
    ctx = Contexte(2024)
    assert 1500 <= ind.nuitees_urgence(ctx) <= 4500
    assert 15 <= ind.nuitees_urgence_personnes(ctx) <= 35
    assert 500 <= ind.aides_financieres(ctx) <= 750
    assert 590 <= ind.tickets_services(ctx) <= 810
    assert 600 <= ind.domiciliation_visites_courrier(ctx) <= 900
    assert 30 <= ind.psy_beneficiaires(ctx) <= 50
    assert ind.ateliers_collectifs(ctx) == 10 and ind.activites_socioculturelles(ctx) == 10
    assert not Activite.objects.annotate(n=Count("participations")).filter(n=0).exists()
    # The history fields are filled: job-seeking periods with their end, unanswered applications,
    # the unit of every activity, the CVA's event and school testimony with its classes.
    periodes = Demarche.objects.filter(type="recherche_emploi")
    assert periodes.exists() and periodes.filter(date_fin__isnull=False).exists()
    assert not periodes.filter(resultat="negatif").exists()
    assert Demarche.objects.filter(type="siao", resultat="sans_reponse").exists()
    assert not Activite.objects.filter(pole="").exists()
    assert Activite.objects.filter(type="evenement_cva").exists()
    assert not Activite.objects.filter(type="scolaire_cva", nb_classes=0).exists()
    for activite in Activite.objects.all():
        activite.full_clean()
    assert PassageCourrier.objects.filter(date__year=2024).exists()
    for passage in PassageCourrier.objects.all()[:200]:
        assert Domiciliation.objects.filter(personne=passage.personne).actives(passage.date).exists()
