"""Writing new rows and their history rows in bulk.

On PostgreSQL the rows go through `COPY … FROM STDIN` (psycopg 3): ids are drawn from the
table's sequence first (one query per chunk), then the records and their "created" history
rows (django-simple-history's table, the same values `bulk_create_with_history` would write) are
streamed in. Django's `bulk_create` spends most of an import's time preparing each value of each
row; COPY hands the values to psycopg's C adapters. Elsewhere (SQLite in tests and the embedded
mode) `bulk_create_with_history` does the same job.
"""

import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

CHUNK = 5000  # rows per COPY (and per id allocation)
NATIFS = frozenset((str, int, bool, float, Decimal, datetime.date, datetime.datetime, datetime.time, type(None)))
HISTORIQUE = {"history_date", "history_change_reason", "history_type", "history_user_id"}


def creer(model, instances: list, *, par, raison: str, batch_size: int) -> None:
    """Insert `instances` (new, valid) and one "+" history row each; sets their pk."""
    if not instances:
        return
    historique = getattr(model, "history", None)
    if connection.vendor != "postgresql" or not _copiable(model, historique):
        bulk_create_with_history(
            instances, model, batch_size=batch_size, default_user=par, default_change_reason=raison
        )
        return
    maintenant = timezone.now()
    _tampon_gin()
    for debut in range(0, len(instances), CHUNK):
        lot = instances[debut : debut + CHUNK]
        _attribuer_ids(model, lot)
        colonnes = _copier(model, model._meta.concrete_fields, lot, maintenant)
        if historique is not None:
            extra = {
                "history_date": maintenant,
                "history_change_reason": raison,
                "history_type": "+",
                "history_user_id": par.pk if par is not None else None,
            }
            _copier_historique(historique.model, colonnes, len(lot), extra)
        for instance in lot:
            instance._state.adding = False
            instance._state.db = connection.alias


def _copiable(model, historique) -> bool:
    """COPY writes what it knows: plain history tables (no custom history fields or relations)."""
    if historique is None:
        return True
    suivis = {f.attname for f in historique.model.tracked_fields}
    autres = {f.attname for f in historique.model._meta.concrete_fields if not f.primary_key} - suivis
    return autres == HISTORIQUE


def _attribuer_ids(model, lot) -> None:
    pk = model._meta.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(lot)],
        )
        for instance, (valeur,) in zip(lot, cursor.fetchall(), strict=True):
            setattr(instance, pk.attname, valeur)


def _colonne(field, lot) -> list:
    """The values to write of one field for every instance: the stored value (a country's code rather
    than the Country object its descriptor builds), prepared for the database unless plain."""
    attname = field.attname
    valeurs = [i.__dict__[attname] if attname in i.__dict__ else getattr(i, attname) for i in lot]
    if set(map(type, valeurs)) <= NATIFS:  # the usual case, checked at C speed
        return valeurs
    return [v if v is None or type(v) in NATIFS else field.get_db_prep_save(v, connection) for v in valeurs]


def _copier(model, fields, lot, maintenant) -> dict:
    """COPY the records; returns their columns {attname: values}, which the history rows reuse."""
    fields = list(fields)
    horodates = [f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
    for instance in lot:
        for f in horodates:
            setattr(instance, f.attname, maintenant)
    colonnes = {f.attname: _colonne(f, lot) for f in fields}
    _copy(model._meta.db_table, fields, zip(*colonnes.values(), strict=True))
    return colonnes


def _copier_historique(modele_historique, colonnes: dict, nombre: int, extra: dict) -> None:
    suivis = {f.attname for f in modele_historique.tracked_fields}
    fields = [f for f in modele_historique._meta.concrete_fields if not f.primary_key]
    valeurs = [colonnes[f.attname] if f.attname in suivis else [extra[f.attname]] * nombre for f in fields]
    _copy(modele_historique._meta.db_table, fields, zip(*valeurs, strict=True))


def _tampon_gin() -> None:
    """A larger pending list for the GIN (trigram) indexes, for this transaction only: rows are
    merged into the index in big batches instead of every few thousand rows."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")


def _copy(table: str, fields, lignes) -> None:
    colonnes = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = f"COPY {connection.ops.quote_name(table)} ({colonnes}) FROM STDIN"
    # COPY goes through psycopg's own cursor: wrap it so that a refused row raises Django's
    # IntegrityError, which the engine turns into the lines and constraint it refused.
    with connection.wrap_database_errors, connection.cursor() as cursor, cursor.copy(sql) as copie:
        for ligne in lignes:
            copie.write_row(ligne)
