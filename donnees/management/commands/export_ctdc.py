"""The CTDC file (docs/ctdc.md): one k-anonymised line per person and year of registration."""

from django.core.management.base import BaseCommand, CommandError

from accompagnement.models import Personne
from comptes import tableur
from donnees import ctdc


class Command(BaseCommand):
    help = "Per-victim file in the variables of CTDC's Global Dataset, k-anonymised (CSV, comma, UTF-8)."

    def add_arguments(self, parser):
        parser.add_argument("--annees", required=True, help="years of registration, e.g. 2015-2024 or 2024")
        parser.add_argument("--k", type=int, default=ctdc.K_DEFAUT, help=f"default {ctdc.K_DEFAUT}, as CTDC")
        parser.add_argument("--sortie", help="output file (default: standard output)")

    def handle(self, *args, annees, k, sortie, **options):
        try:
            debut, fin = ctdc.periode(annees)
        except ValueError:
            raise CommandError("--annees: a year or a span such as 2015-2024.") from None
        if k < ctdc.K_MINIMUM:
            raise CommandError(f"--k must be at least {ctdc.K_MINIMUM}.")
        resultat = ctdc.anonymiser(ctdc.lignes(Personne.objects.all(), debut, fin), k)
        contenu = tableur.csv_bytes(ctdc.fichier(resultat), dialecte="machine")
        tableur.ecrire_sortie(self, contenu, sortie, f"ctdc-{debut}-{fin}-k{k}.csv")
        self.stderr.write(
            f"{len(resultat.lignes)} line(s) written, {resultat.generalisees} generalised, "
            f"{resultat.supprimees} suppressed (k = {k})."
        )
