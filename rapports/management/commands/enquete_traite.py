"""The national survey's files: `manage.py enquete_traite --annee 2025 --partie socle --format csv`."""

from django.core.management.base import BaseCommand, CommandError

from comptes import tableur
from rapports import enquete


class Command(BaseCommand):
    help = (
        "France's annual survey of the victims of trafficking supported by associations (Miprof): the core "
        "part (counts by form of exploitation, sex, minors) or the per-victim part (no direct identifier)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--annee", type=int, required=True, help="year surveyed, e.g. 2025")
        parser.add_argument("--partie", choices=enquete.PARTIES, required=True)
        parser.add_argument("--format", choices=enquete.FORMATS, default="csv")
        parser.add_argument("--sortie", help="file to write (default: standard output; required for xlsx)")

    def handle(self, *args, annee, partie, format, sortie, **options):
        if not 1994 <= annee <= 2100:
            raise CommandError("--annee must be a year between 1994 and 2100.")
        if format == "xlsx" and not sortie:
            raise CommandError("--sortie is required for the xlsx format.")
        contenu = enquete.fichier(annee, partie, format)
        tableur.ecrire_sortie(self, contenu, sortie, enquete.nom_fichier(annee, partie, format))
