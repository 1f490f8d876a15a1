"""The retention purge: the only deletion the logs' triggers let through (migration 0004).

CNIL guidance keeps access logs 6 to 12 months; `JOURNAL_ACCES_RETENTION_MOIS` (default 12) sets it.
The access log and the login attempts older than that are deleted, and each purge leaves a
`PurgeJournal` row (itself append-only) saying how many rows of which dates went.
"""

import contextlib
import logging
from datetime import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Max, Min
from django.utils import timezone

from .models import JournalAcces, PurgeJournal, TentativeConnexion

security_log = logging.getLogger("ccem.security")

# The logs the retention applies to. Role changes and purge records are kept.
TABLES_PURGEABLES = [JournalAcces, TentativeConnexion]
# Same names as in migration 0004.
PG_SETTING = "ccem.purge_journaux"
SQLITE_FUNCTION = "ccem_purge_autorisee"


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created receiver: the SQLite triggers ask this function whether a purge is under way."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 0, lambda: bool(getattr(connection, "ccem_purge_autorisee", False))
        )


@contextlib.contextmanager
def purge_autorisee(using: str = DEFAULT_DB_ALIAS):
    """Inside one transaction, let the log triggers accept DELETE (never UPDATE).

    PostgreSQL also requires the current role to own the tables (the migration role), so the
    application's own role cannot purge even if it sets the same setting.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'on', true)", [PG_SETTING])
            yield
            # set_config(…, true) lasts until the outermost transaction ends: end it here. (On an error
            # the rollback of this block, a savepoint when nested, undoes it.)
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', true)", [PG_SETTING])
            return
        connection.ensure_connection()
        connection.ccem_purge_autorisee = True
        try:
            yield
        finally:
            connection.ccem_purge_autorisee = False


def role_possede_les_journaux(using: str = DEFAULT_DB_ALIAS) -> bool:
    """PostgreSQL: does the current role own the log tables (may it purge)? Always true on SQLite."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bool_and(pg_has_role(current_user, tableowner, 'MEMBER')) FROM pg_tables WHERE tablename = ANY(%s)",
            [[model._meta.db_table for model in TABLES_PURGEABLES]],
        )
        return bool(cursor.fetchone()[0])


def limite_retention(mois: int, maintenant: datetime | None = None) -> datetime:
    return (maintenant or timezone.now()) - relativedelta(months=mois)


def purger_journaux(*, mois: int | None = None, using: str = DEFAULT_DB_ALIAS) -> list[PurgeJournal]:
    """Delete the log rows older than `mois` months (default: the setting) and record each deletion."""
    mois = mois if mois is not None else settings.JOURNAL_ACCES_RETENTION_MOIS
    if mois < 1:
        raise ValueError("The retention must be at least one month.")
    limite = limite_retention(mois)
    traces = []
    with purge_autorisee(using):
        for model in TABLES_PURGEABLES:
            anciennes = model._base_manager.using(using).filter(horodatage__lt=limite)
            bornes = anciennes.aggregate(plus_ancienne=Min("horodatage"), plus_recente=Max("horodatage"))
            nombre = anciennes.delete()[0]
            traces.append(
                PurgeJournal.objects.using(using).create(
                    table=model._meta.db_table, nombre=nombre, limite=limite, retention_mois=mois, **bornes
                )
            )
            security_log.info(
                "log purge table=%s rows=%s from=%s to=%s older_than=%s",
                model._meta.db_table,
                nombre,
                bornes["plus_ancienne"],
                bornes["plus_recente"],
                limite,
            )
    return traces
