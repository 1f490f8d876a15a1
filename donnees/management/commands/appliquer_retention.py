"""Retention rule: anonymise the files closed more than N years ago (see donnees.services)."""

from django.core.management.base import BaseCommand, CommandError

from donnees import services


class Command(BaseCommand):
    help = "Anonymise persons whose files were all closed more than N years ago."

    def add_arguments(self, parser):
        parser.add_argument("--annees-apres-cloture", type=int, required=True, dest="annees")
        parser.add_argument("--dry-run", action="store_true", help="list the files concerned, change nothing")

    def handle(self, *args, annees, dry_run, **options):
        if annees < 1:
            raise CommandError("--annees-apres-cloture must be at least 1.")
        personnes = services.appliquer_retention(annees=annees, essai=dry_run)
        for personne in personnes:
            self.stdout.write(f"{personne.numero_dossier}\tclos le {personne.derniere_cloture:%d/%m/%Y}")
        verbe = "would be anonymised (dry run)" if dry_run else "anonymised"
        self.stdout.write(self.style.SUCCESS(f"{len(personnes)} file(s) {verbe}."))
