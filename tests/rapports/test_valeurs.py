"""Exact values of the assembled report on a constructed two-year dataset.

The units test their own functions in depth; here the figures go through the registry, for N
and N−1, with year boundaries, unknown values, a re-opened file and a collective case.
"""

import datetime

import pytest

from rapports.calcul import calculer
from tests.accompagnement.factories import (
    AccompagnementFactory,
    AffaireFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    PersonneFactory,
)
from tests.signalements.factories import SignalementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def deux_annees():
    # Reports: 3 in 2023 (one on 31 December), 4 in 2024 (one on 1 January), one in 2025.
    SignalementFactory(date_reception=D(2023, 2, 1), decide_accompagne=True)
    SignalementFactory(date_reception=D(2023, 5, 1), reoriente=True)
    SignalementFactory(date_reception=D(2023, 12, 31))
    SignalementFactory(date_reception=D(2024, 1, 1), decide_accompagne=True)
    SignalementFactory(date_reception=D(2024, 3, 1), decide_accompagne=True)
    SignalementFactory(date_reception=D(2024, 4, 1), sans_suite=True)
    SignalementFactory(date_reception=D(2024, 12, 31))
    SignalementFactory(date_reception=D(2025, 1, 1))

    # A: new in 2023, still supported in 2024.
    a = AccompagnementFactory(personne__sexe="F", personne__nationalite="PH", date_debut=D(2023, 3, 1)).personne
    LieuExploitationFactory(exploitation=ExploitationFactory(personne=a), departement="75")
    # B and C: one collective case, new in 2024; B exploited outside Île-de-France.
    affaire = AffaireFactory()
    b = AccompagnementFactory(personne__sexe="F", personne__nationalite="MA", date_debut=D(2024, 1, 1)).personne
    c = AccompagnementFactory(personne__sexe="H", personne__nationalite="MA", date_debut=D(2024, 6, 1)).personne
    LieuExploitationFactory(exploitation=ExploitationFactory(personne=b, affaire=affaire), departement="13")
    LieuExploitationFactory(exploitation=ExploitationFactory(personne=c, affaire=affaire), departement="75")
    # D: new on 31 December 2024, nationality unknown, no exploitation recorded yet.
    AccompagnementFactory(personne__sexe="H", personne__nationalite="", date_debut=D(2024, 12, 31))
    # E: supported 2019-2020, file re-opened in 2024: in the caseload, not new.
    e = PersonneFactory(sexe="F", nationalite="PH")
    AccompagnementFactory(personne=e, date_debut=D(2019, 1, 1), date_cloture=D(2020, 6, 30), motif_cloture="autonomie")
    AccompagnementFactory(personne=e, date_debut=D(2024, 9, 1))
    # F: starts in 2025, counted nowhere in 2024.
    AccompagnementFactory(date_debut=D(2025, 1, 1))


ATTENDU = {
    # key: (2024, 2023)
    "signalements_recus": (4, 3),
    "taux_accompagnement_signalements": (50.0, 33.3),
    "personnes_accompagnees": (5, 1),
    "nouvelles_personnes_accompagnees": (3, 1),
    "nouvelles_affaires": (1, 1),
    "nouvelles_part_femmes": (33.3, 100.0),
    "nouvelles_nb_pays_origine": (1, 1),
    "file_active_part_femmes": (60.0, 100.0),
    "file_active_nb_pays_origine": (2, 1),
    "file_active_hors_idf_taux": (33.3, 0.0),
    "file_active_nb_departements": (2, 1),
}


@pytest.mark.parametrize("cle", sorted(ATTENDU))
def test_exact_values_for_n_and_n_minus_1(deux_annees, cle):
    ligne = calculer(2024, serie=False).lignes[cle]
    assert not ligne.erreur
    assert (ligne.valeur, ligne.precedent) == ATTENDU[cle]


def test_caseload_series_and_json_on_the_same_dataset(deux_annees):
    rapport = calculer(2024)
    assert rapport.serie_file_active[2019] == 1 and rapport.serie_file_active[2021] == 0
    assert rapport.contrat()["indicateurs"]["personnes_accompagnees"] == 5
