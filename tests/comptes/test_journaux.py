"""The logs are append-only in the database itself (triggers), on SQLite and PostgreSQL; the retention
purge is the only deletion and leaves a record. CI runs this file on PostgreSQL (DATABASE_URL)."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from comptes.journaux import purge_autorisee
from comptes.models import AppendOnlyModel, ChangementRole, JournalAcces, PurgeJournal, TentativeConnexion
from comptes.permissions import Role

pytestmark = pytest.mark.django_db

APPEND_ONLY = [m for m in AppendOnlyModel.__subclasses__()]


def _row(model, user, horodatage=None):
    """One row of `model`, written `horodatage` ago-or-now (auto_now_add follows the clock)."""
    fields = {
        JournalAcces: {"utilisateur": user, "action": JournalAcces.Action.CONSULTATION, "vue": "test"},
        TentativeConnexion: {"identifiant": user.username, "reussie": False},
        ChangementRole: {"compte": user, "role": Role.ACCUEIL, "ajout": True},
        PurgeJournal: {"table": "t", "nombre": 0, "limite": timezone.now(), "retention_mois": 12},
    }[model]
    if horodatage is None:
        return model.objects.create(**fields)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(timezone, "now", lambda: horodatage)
        return model.objects.create(**fields)


def _refused(fn):
    with pytest.raises(DatabaseError), transaction.atomic():
        fn()


def test_every_log_model_is_covered():
    assert set(APPEND_ONLY) == {JournalAcces, TentativeConnexion, ChangementRole, PurgeJournal}


@pytest.mark.parametrize("model", APPEND_ONLY, ids=lambda m: m.__name__)
def test_update_and_delete_are_refused_whatever_the_path(model, make_user):
    row = _row(model, make_user(Role.DIRECTION))
    table = model._meta.db_table
    # The ORM's ordinary paths stop in Python…
    with pytest.raises(PermissionError):
        model.objects.filter(pk=row.pk).update(horodatage=timezone.now())
    with pytest.raises(PermissionError):
        model.objects.filter(pk=row.pk).delete()
    # …and every other path stops in the database.
    _refused(lambda: model._base_manager.filter(pk=row.pk).update(horodatage=timezone.now()))
    _refused(lambda: model._base_manager.filter(pk=row.pk).delete())
    _refused(lambda: model._base_manager.filter(pk=row.pk)._raw_delete(connection.alias))
    with connection.cursor() as cursor:
        _refused(lambda: cursor.execute(f"UPDATE {table} SET horodatage = horodatage WHERE id = %s", [row.pk]))
        _refused(lambda: cursor.execute(f"DELETE FROM {table} WHERE id = %s", [row.pk]))
    assert model._base_manager.filter(pk=row.pk).exists()


def test_the_purge_permission_never_allows_an_update(make_user):
    row = _row(JournalAcces, make_user(Role.DIRECTION))
    with pytest.raises(DatabaseError), purge_autorisee():
        JournalAcces._base_manager.filter(pk=row.pk).update(vue="rewritten")
    assert JournalAcces._base_manager.get(pk=row.pk).vue == "test"


def test_the_purge_permission_ends_with_its_transaction(make_user):
    row = _row(JournalAcces, make_user(Role.DIRECTION))
    with purge_autorisee():
        pass
    _refused(lambda: JournalAcces._base_manager.filter(pk=row.pk).delete())


def test_retention_command_deletes_only_rows_older_than_the_setting_and_records_it(make_user, settings):
    settings.JOURNAL_ACCES_RETENTION_MOIS = 6
    user = make_user(Role.DIRECTION)
    now = timezone.now()
    vieux = [_row(JournalAcces, user, now - timedelta(days=200)), _row(JournalAcces, user, now - timedelta(days=190))]
    recent = _row(JournalAcces, user, now - timedelta(days=170))
    tentative_vieille = _row(TentativeConnexion, user, now - timedelta(days=400))
    tentative_recente = _row(TentativeConnexion, user)
    role = _row(ChangementRole, user, now - timedelta(days=4000))

    out = io.StringIO()
    call_command("purger_journal_acces", stdout=out)

    assert not JournalAcces.objects.filter(pk__in=[r.pk for r in vieux]).exists()
    assert JournalAcces.objects.filter(pk=recent.pk).exists()
    assert not TentativeConnexion.objects.filter(pk=tentative_vieille.pk).exists()
    assert TentativeConnexion.objects.filter(pk=tentative_recente.pk).exists()
    assert ChangementRole.objects.filter(pk=role.pk).exists()  # role history is never purged
    trace = PurgeJournal.objects.get(table=JournalAcces._meta.db_table)
    assert trace.nombre == 2 and trace.retention_mois == 6
    assert trace.plus_ancienne == vieux[0].horodatage and trace.plus_recente == vieux[1].horodatage
    assert PurgeJournal.objects.get(table=TentativeConnexion._meta.db_table).nombre == 1
    assert "comptes_journalacces: 2 rows" in out.getvalue()
    # After the purge the triggers refuse deletion again.
    _refused(lambda: JournalAcces._base_manager.filter(pk=recent.pk).delete())


def test_retention_command_refuses_a_retention_below_one_month():
    with pytest.raises(CommandError):
        call_command("purger_journal_acces", mois=0, stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles exist on PostgreSQL only")
def test_postgresql_a_role_that_does_not_own_the_logs_cannot_purge_even_with_the_setting(make_user):
    """The application's role in docker-compose owns nothing: even granted DELETE and with the purge
    setting, the trigger refuses; the command refuses to run."""
    row = _row(JournalAcces, make_user(Role.DIRECTION))
    table = JournalAcces._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE ccem_test_app NOLOGIN")
        cursor.execute(f"GRANT SELECT, DELETE ON {table} TO ccem_test_app")
        cursor.execute("GRANT SELECT ON pg_tables TO ccem_test_app")
        with pytest.raises(DatabaseError), transaction.atomic():
            cursor.execute("SET LOCAL ROLE ccem_test_app")
            cursor.execute("SELECT set_config('ccem.purge_journaux', 'on', true)")
            cursor.execute(f"DELETE FROM {table} WHERE id = %s", [row.pk])
        with transaction.atomic():
            cursor.execute("SET LOCAL ROLE ccem_test_app")
            with pytest.raises(CommandError, match="migration role"):
                call_command("purger_journal_acces", stdout=io.StringIO())
            transaction.set_rollback(True)
    assert JournalAcces.objects.filter(pk=row.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_database(make_user):
    """Transactional tests flush the database between tests: database administration, not a purge."""
    _row(JournalAcces, make_user(Role.DIRECTION))
    call_command("flush", interactive=False, verbosity=0)
    assert not JournalAcces.objects.exists()
    _row(JournalAcces, make_user(Role.DIRECTION))
    _refused(lambda: JournalAcces._base_manager.all().delete())
