"""Check every person's summary against their records: `manage.py verifier_syntheses [--corriger]`."""

from django.core.management.base import BaseCommand, CommandError

from accompagnement import synthese
from accompagnement.models import Personne


class Command(BaseCommand):
    help = (
        "Check that each person's summary (first support start, main exploitation, earliest exploitation, "
        "ages) is what their records give; with --corriger, rewrite those that differ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corriger", action="store_true", help="rewrite the summaries that differ")

    def handle(self, *args, corriger, **options):
        differents = synthese.corriger() if corriger else synthese.ecarts()
        total = Personne._base_manager.count()
        # Ids only: a file number or a name would put an identity in a terminal's scrollback.
        ids = ", ".join(map(str, differents[:50])) + (" …" if len(differents) > 50 else "")
        if not differents:
            self.stdout.write(f"{total} persons checked: every summary matches the records.")
        elif corriger:
            self.stdout.write(f"{total} persons checked: {len(differents)} summaries rewritten (ids {ids}).")
        else:
            raise CommandError(
                f"{total} persons checked: {len(differents)} summaries differ from the records (ids {ids}); "
                "run with --corriger to rewrite them."
            )
