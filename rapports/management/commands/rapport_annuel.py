"""Export the annual report's figures: `manage.py rapport_annuel --annee 2024 --format json`."""

import sys

from django.core.management.base import BaseCommand, CommandError

from comptes import tableur
from rapports import exports
from rapports.calcul import calculer


class Command(BaseCommand):
    help = "Compute every indicator of a year and export them (JSON per the contract of indicateurs.md, CSV, XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--annee", type=int, required=True, help="year of the report, e.g. 2024")
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="json")
        parser.add_argument("--output", help="file to write (default: standard output; required for xlsx)")
        parser.add_argument(
            "--dialecte",
            choices=tableur.DIALECTES,
            default="machine",
            help="CSV for scripts (',' and decimal point, the default) or for French spreadsheets (';', BOM)",
        )

    def handle(self, *args, annee, format, output, dialecte, **options):
        if not 1994 <= annee <= 2100:
            raise CommandError("--annee must be a year between 1994 and 2100.")
        if format == "xlsx" and not output:
            raise CommandError("--output is required for the xlsx format.")
        contenu = exports.exporter(calculer(annee, serie=False), format, dialecte=dialecte)
        if output:
            with open(output, "wb") as f:
                f.write(contenu)
            self.stderr.write(f"{exports.nom_fichier(annee, format)} → {output}")
        else:
            self.stdout.flush()
            sys.stdout.buffer.write(contenu)
            sys.stdout.buffer.write(b"\n")
