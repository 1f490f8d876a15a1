"""Query discipline: computing a whole year costs the same number of queries at any data size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptes.contexte import Contexte
from rapports import qualite
from rapports.calcul import calculer
from tests.accompagnement.factories import (
    AccompagnementFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    PersonneFactory,
    SuiviFactory,
)
from tests.sensibilisation.factories import InterventionFactory
from tests.signalements.factories import EntretienFactory, SignalementFactory

pytestmark = pytest.mark.django_db


def jeu_de_donnees(k: int):
    """k × a small two-year dataset across the units whose records exist."""
    for i in range(k):
        for annee in (2023, 2024):
            personne = PersonneFactory(sexe="F" if i % 2 else "H", nationalite=["PH", "MA", "CI"][i % 3])
            AccompagnementFactory(personne=personne, date_debut=datetime.date(annee, 1 + i % 12, 1))
            exploitation = ExploitationFactory(personne=personne)
            LieuExploitationFactory(exploitation=exploitation, departement=["75", "13", "93"][i % 3])
            SuiviFactory(personne=personne, pole="juridique", date_debut=datetime.date(annee, 2, 1))
            SuiviFactory(personne=personne, pole="psychosocial", date_debut=datetime.date(annee, 2, 1))
            signalement = SignalementFactory(date_reception=datetime.date(annee, 3, 1 + i % 28))
            EntretienFactory(signalement=signalement, date=datetime.date(annee, 4, 1))
            InterventionFactory(date=datetime.date(annee, 5, 1 + i % 28), nb_eleves=i)


def nombre_de_requetes() -> int:
    with CaptureQueriesContext(connection) as requetes:
        calculer(2024)
        qualite.panneau(qualite.comptes(Contexte(2024)))
    return len(requetes)


def test_a_year_costs_the_same_number_of_queries_on_a_3x_larger_dataset():
    jeu_de_donnees(2)
    petit = nombre_de_requetes()
    jeu_de_donnees(4)  # now 3× the first dataset
    assert nombre_de_requetes() == petit
