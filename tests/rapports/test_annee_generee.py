"""A year of generated demo data computes with no figure in error.

The report page isolates a failing figure (it shows as in error beside the others); this test is
what keeps such a failure from reaching the page: every figure, breakdown and precision of a
generated year is computed with errors raised, on data shaped like the CCEM's.
"""

import io

import pytest
from django.core.management import call_command

from comptes.permissions import Role
from rapports.calcul import calculer

pytestmark = pytest.mark.django_db


def test_a_generated_year_computes_every_figure_without_error(make_user):
    for role in Role:
        make_user(role)
    call_command("generer_donnees_demo", annees="2023-2024", echelle=1, graine=7, stdout=io.StringIO())
    rapport = calculer(2024)  # raises on the first figure that fails
    assert rapport.en_erreur == [] and rapport.erreurs_repartitions == {}
    assert rapport.manquants == [] and rapport.repartitions_manquantes == []
    calcules = [ligne for ligne in rapport.lignes.values() if ligne.indicateur.requis]
    assert sum(ligne.valeur is not None for ligne in calcules) > 0.9 * len(calcules)
    assert all(
        rapport.repartitions[cle]
        for cle in ("sexe_file_active", "secteurs_exploitation_file_active", "participants_par_public")
    )
