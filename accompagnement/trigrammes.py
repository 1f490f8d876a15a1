"""PostgreSQL trigram indexes for the searches, as migration operations (nothing on SQLite).

The searches (`PersonneQuerySet.recherche`…) filter with `LIKE '%…%'` on the very expressions
indexed here; a GIN `gin_trgm_ops` index answers such a filter without reading the table.
They are not declared in the models' `Meta.indexes`: SQLite has no GIN index and no such extension.
"""

from django.db import migrations


def index_trigrammes(nom: str, table: str, expression: str) -> migrations.RunPython:
    """A GIN trigram index `nom` on `expression` of `table`, created and dropped on PostgreSQL only."""

    def creer(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {nom} ON {table} USING gin (({expression}) gin_trgm_ops)"
            )

    def supprimer(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP INDEX IF EXISTS {nom}")

    return migrations.RunPython(creer, supprimer, elidable=False)


# Immutable wrapper of unaccent() (which is only "stable", so cannot be indexed): the dictionary is named.
CREER_UNACCENT = """
CREATE OR REPLACE FUNCTION ccem_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""


def fonction_unaccent() -> migrations.RunPython:
    def creer(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(CREER_UNACCENT)

    def supprimer(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP FUNCTION IF EXISTS ccem_unaccent(text)")

    return migrations.RunPython(creer, supprimer, elidable=False)


def sqlite_unaccent(sender, connection, **kwargs):
    """`ccem_unaccent()` on SQLite (signal `connection_created`): the search key's own folding."""
    if connection.vendor == "sqlite":
        from .models import cle_recherche

        connection.connection.create_function(
            "ccem_unaccent", 1, lambda texte: None if texte is None else cle_recherche(texte), deterministic=True
        )
