"""The SQL of the heaviest pages and of a year's report, as snapshots: a change of query shape (a query
more, a join less, a new filter) shows in review as a diff of tests/__snapshots__/test_requetes_sql/*.sql.

After a deliberate change, regenerate them (on SQLite, `make test`'s database) and review the diff:
    .venv/bin/python -m pytest --snapshot-update tests/test_requetes_sql.py
"""

import datetime
import re

import pytest
import sqlparse
from django.db import connection
from django.urls import reverse
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from comptes.contexte import Contexte
from comptes.permissions import Role
from rapports.calcul import calculer_annees
from tests.accompagnement.factories import (
    AccompagnementFactory,
    AffaireFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    SuiviFactory,
)
from tests.documents.factories import DocumentFactory
from tests.factories import UserFactory
from tests.juridique.factories import EtapeFactory, ProcedureFactory, TitreSejourFactory
from tests.psychosocial.factories import AideFactory, HebergementFactory
from tests.sensibilisation.factories import InterventionFactory
from tests.signalements.factories import EntretienFactory, SignalementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


class SQLSnapshot(SingleFileSnapshotExtension):
    """One readable .sql file per test."""

    _write_mode = WriteMode.TEXT
    file_extension = "sql"


@pytest.fixture
def snapshot_sql(snapshot):
    if connection.vendor != "sqlite":
        pytest.skip("SQL snapshots are taken on SQLite (make test's database); .ci/run runs them there.")
    return snapshot.use_extension(SQLSnapshot)


def normalise(sql: str) -> str:
    """The shape of a statement: parameters stay placeholders, IN lists of any length look alike,
    savepoint names are numbered per run, so they are dropped."""
    sql = re.sub(r"\(\s*%s(\s*,\s*%s)+\s*\)", "(%s, ...)", sql)
    sql = re.sub(r'"s\d+_x\d+"', '"savepoint"', sql)
    return sqlparse.format(sql, reindent=True, keyword_case="upper").strip() + ";"


class Capture:
    """The statements sent on the default connection, before parameters are filled in."""

    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(normalise(sql))
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)

    def text(self) -> str:
        return f"-- {len(self.statements)} queries\n\n" + "\n\n".join(self.statements) + "\n"


def personne_suivie(i: int):
    """A person with a support period, an exploitation, a proceeding, a permit, a stay and aid."""
    periode = AccompagnementFactory(date_debut=D(2020 + i, 1, 1), referent_accueil=UserFactory())
    personne = periode.personne
    affaire = AffaireFactory()
    exploitation = ExploitationFactory(personne=personne, affaire=affaire)
    LieuExploitationFactory(exploitation=exploitation, departement=["75", "93", "13"][i % 3])
    SuiviFactory(personne=personne, pole="juridique", date_debut=D(2024, 2, 1))
    SuiviFactory(personne=personne, pole="psychosocial", date_debut=D(2024, 2, 1))
    procedure = ProcedureFactory(affaire=affaire, personnes=[personne])
    EtapeFactory(procedure=procedure, type="plainte", date=D(2024, 3, 1))
    EtapeFactory(procedure=procedure, type="audience", date=D(2024, 6, 1 + i))
    TitreSejourFactory(personne=personne, date_demande=D(2024, 4, 1))
    HebergementFactory(personne=personne, date_entree=D(2024, 3, 1 + i))
    AideFactory(personne=personne)
    DocumentFactory(personne=personne)
    return personne


@pytest.fixture
def donnees():
    """Three of each row, so that a query per row would show as three statements."""
    personnes = [personne_suivie(i) for i in range(3)]
    for i in range(3):
        signalement = SignalementFactory(date_reception=D(2024, 3, 1 + i))
        EntretienFactory(signalement=signalement, date=D(2024, 4, 1))
        InterventionFactory(date=D(2024, 5, 1 + i), nb_eleves=10 + i)
    return personnes


PAGES = {
    # name: (role, url)
    "personne": (Role.DIRECTION, lambda personnes: reverse("accompagnement:personne", args=[personnes[0].pk])),
    "liste_personnes": (Role.DIRECTION, lambda personnes: reverse("accompagnement:liste")),
    "liste_procedures": (Role.JURIDIQUE, lambda personnes: reverse("juridique:procedures")),
    "liste_hebergements": (Role.PSYCHOSOCIAL, lambda personnes: reverse("psychosocial:hebergement_liste")),
}


@pytest.mark.parametrize("nom", PAGES)
def test_sql_of_the_heaviest_pages(nom, donnees, client_for, snapshot_sql):
    role, url = PAGES[nom]
    client = client_for(role)
    assert client.get(url(donnees)).status_code == 200  # warm-up: session written, content types cached
    with Capture() as capture:
        assert client.get(url(donnees)).status_code == 200
    assert capture.text() == snapshot_sql


def test_sql_of_a_years_report(donnees, snapshot_sql):
    with Capture() as capture:
        calculer_annees((Contexte(2024), True))
    assert capture.text() == snapshot_sql
