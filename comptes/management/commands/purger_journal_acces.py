from django.core.management.base import BaseCommand, CommandError

from comptes.journaux import purger_journaux, role_possede_les_journaux


class Command(BaseCommand):
    help = (
        "Retention of the access log and login attempts: delete the rows older than JOURNAL_ACCES_RETENTION_MOIS "
        "months and record what went. On PostgreSQL it must run as the migration role (the tables' owner)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--mois", type=int, help="Retention in months (default: JOURNAL_ACCES_RETENTION_MOIS).")
        parser.add_argument("--database", default="default")

    def handle(self, *args, mois=None, database="default", **options):
        if not role_possede_les_journaux(database):
            raise CommandError(
                "This database role does not own the log tables: run the purge as the migration role "
                "(docker compose run --rm migrate python manage.py purger_journal_acces)."
            )
        try:
            traces = purger_journaux(mois=mois, using=database)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for trace in traces:
            self.stdout.write(
                f"{trace.table}: {trace.nombre} rows older than {trace.limite:%Y-%m-%d %H:%M} removed"
                + (f" ({trace.plus_ancienne:%Y-%m-%d} to {trace.plus_recente:%Y-%m-%d})" if trace.nombre else "")
            )
