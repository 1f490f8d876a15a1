"""`flush` empties the whole database (the test suite runs it between transactional tests).

That is database administration, like dropping the database, not a path around the logs' retention:
let the append-only triggers accept it on SQLite. On PostgreSQL flush uses TRUNCATE, which the
triggers do not watch; the application's role has no TRUNCATE right on the logs (migration 0004).
"""

from django.core.management.commands.flush import Command as FlushCommand

from comptes.journaux import purge_autorisee


class Command(FlushCommand):
    def handle(self, **options):
        with purge_autorisee(options["database"]):
            return super().handle(**options)
