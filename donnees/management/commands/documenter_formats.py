"""Print docs/import.md from the entity specs."""

from django.core.management.base import BaseCommand

from donnees.documentation import markdown


class Command(BaseCommand):
    help = "Print the documentation of the import formats (Markdown)."

    def handle(self, *args, **options):
        self.stdout.write(markdown(), ending="")
