"""Print docs/indicateurs.md from the indicator registry."""

from django.core.management.base import BaseCommand

from rapports.catalogue import markdown


class Command(BaseCommand):
    help = "Print the catalogue of the report's figures (Markdown), from the registry and the docstrings."

    def handle(self, *args, **options):
        self.stdout.write(markdown(), ending="")
