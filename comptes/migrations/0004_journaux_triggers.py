"""Database triggers that make the logs append-only whatever the path (ORM, base manager, raw SQL).

UPDATE is refused to everyone. DELETE is refused unless the retention purge asked for it
(comptes/journaux.py: `purge_autorisee`):
- PostgreSQL: the session set `ccem.purge_journaux = 'on'` for the transaction AND the current role is
  the table's owner (the migration role). The application's role in docker-compose owns nothing, has
  neither DELETE nor TRUNCATE on these tables (revoked below) and cannot drop or disable a trigger.
- SQLite (embedded mode, no roles): the function `ccem_purge_autorisee()`, which the application registers
  on its own connections and answers true only inside `purge_autorisee`. Another client (the sqlite3
  shell) has no such function, so its DELETE fails too. Whoever can write the file can drop a trigger.

Names here are literal on purpose (a migration is frozen history); comptes/journaux.py uses the same ones.
"""

from django.db import migrations

TABLES = ["comptes_journalacces", "comptes_tentativeconnexion", "comptes_changementrole", "comptes_purgejournal"]

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION comptes_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('ccem.purge_journaux', true) = 'on'
       AND pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
"""

# Revoke from every role but the owner whatever was granted (e.g. by default privileges at creation).
PG_REVOKE = """
DO $$
DECLARE grantee_name text;
BEGIN
    FOR grantee_name IN
        SELECT DISTINCT grantee FROM information_schema.role_table_grants
        WHERE table_name = '{table}' AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
          AND grantee <> (SELECT tableowner FROM pg_tables WHERE tablename = '{table}')
    LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM %I', grantee_name);
    END LOOP;
END
$$;
"""


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION comptes_journal_append_only()"
            )
            schema_editor.execute(PG_REVOKE.format(table=table), params=None)
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} WHEN NOT ccem_purge_autorisee() "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE refused'); END"
            )
    else:
        raise NotImplementedError(f"No append-only triggers for {vendor}: add them before using this database.")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS comptes_journal_append_only()")
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


class Migration(migrations.Migration):
    dependencies = [("comptes", "0003_journaux_roles_purges")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
