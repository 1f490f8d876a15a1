"""Export every record of every entity, in the format the import reads."""

from pathlib import Path

from django.core.management.base import BaseCommand

from donnees.exportation import exporter_xlsx, exporter_zip


class Command(BaseCommand):
    help = "Full export to an XLSX workbook (one sheet per entity) or a ZIP of CSV files."

    def add_arguments(self, parser):
        parser.add_argument("sortie", help="output file, .xlsx or .zip")

    def handle(self, *args, sortie, **options):
        path = Path(sortie)
        contenu = exporter_xlsx() if path.suffix.lower() == ".xlsx" else exporter_zip()
        path.write_bytes(contenu)
        self.stdout.write(self.style.SUCCESS(f"Written {path} ({len(contenu)} bytes)."))
