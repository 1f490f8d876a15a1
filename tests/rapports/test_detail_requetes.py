"""A drill-down's download costs the same queries whatever its row count (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptes.contexte import Contexte
from rapports import populations, registre
from tests.psychosocial.factories import PassageCourrierFactory

pytestmark = pytest.mark.django_db


def requetes_du_tableau(cle: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as requetes:
        _entetes, lignes = populations.tableau(registre.PAR_CLE[cle], Contexte(2024))
    return len(requetes), len(lignes)


def test_mail_visits_download_reads_the_persons_in_the_same_query():
    # A mail visit's label prints its person's file number: at scale 100 one query per row took 2 minutes.
    PassageCourrierFactory()
    une = requetes_du_tableau("domiciliation_visites_courrier")
    PassageCourrierFactory.create_batch(3)
    quatre = requetes_du_tableau("domiciliation_visites_courrier")
    assert (une[1], quatre[1]) == (1, 4)
    assert quatre[0] == une[0]
