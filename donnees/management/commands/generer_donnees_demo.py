"""Generate coherent demo data for every unit.

The steps run in order and share `gen.store` (e.g. the persons created by one app, used by the
next; see comptes.demo.Generateur). It lives in `donnees`, the top layer, because it calls every
app. Scale 1 is shaped on the CCEM's published 2024 figures (about 400 reports, 330 persons a year).
"""

import random
import time

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from accompagnement import demo as accompagnement
from accompagnement.models import Personne
from comptes.demo import Generateur
from comptes.permissions import Role
from juridique import demo as juridique
from psychosocial import demo as psychosocial
from rapports import demo as rapports
from sensibilisation import demo as sensibilisation
from signalements import demo as signalements

# (name, step): reports first, then the persons they lead to, then what each unit records for them.
ETAPES = [
    ("signalements", signalements.generer),
    ("accompagnement", accompagnement.generer),
    ("signalements (persons)", signalements.lier_personnes),
    ("psychosocial", psychosocial.generer),
    ("juridique", juridique.generer),
    ("sensibilisation", sensibilisation.generer),
    ("rapports", rapports.generer),
]


def parse_annees(text: str) -> range:
    """ "2015-2025", "2019", or "2015-": up to the current year, so that the demo started today has
    the current year's open queue (reports received lately, at every step)."""
    try:
        debut, tiret, fin = text.partition("-")
        debut = int(debut)
        fin = int(fin) if fin else timezone.localdate().year if tiret else debut
    except ValueError as exc:
        raise CommandError("--annees takes a year or a range such as 2015-2025 (or 2015-: up to this year).") from exc
    if not 1994 <= debut <= fin <= 2100:
        raise CommandError("--annees must be a range of years between 1994 and 2100.")
    return range(debut, fin + 1)


class Command(BaseCommand):
    help = "Generate realistic demo data for every unit (French names from Faker)."

    def add_arguments(self, parser):
        parser.add_argument("--annees", default="2015-", help="years, e.g. 2015-2025; 2015- = up to this year")
        parser.add_argument("--echelle", type=int, default=1, help="scale factor (1 ≈ the CCEM's real volume)")
        parser.add_argument("--graine", type=int, default=1994, help="random seed (same seed, same data)")
        parser.add_argument("--si-vide", action="store_true", help="do nothing if persons already exist")

    def handle(self, *args, annees, echelle, graine, si_vide, **options):
        if echelle < 1:
            raise CommandError("--echelle must be at least 1.")
        if si_vide and Personne.objects.exists():
            self.stdout.write("Demo data already present: nothing to do.")
            return
        faker = Faker("fr_FR")
        faker.seed_instance(graine)
        utilisateurs = {role.value: list(User.objects.filter(groups__name=role.value)) for role in Role}
        gen = Generateur(
            annees=parse_annees(annees),
            echelle=echelle,
            rng=random.Random(graine),
            faker=faker,
            utilisateurs=utilisateurs,
            log=lambda msg: self.stdout.write(f"  {msg}"),
        )
        with transaction.atomic():
            for nom, etape in ETAPES:
                started = time.perf_counter()
                etape(gen)
                self.stdout.write(f"{nom}: {time.perf_counter() - started:.1f} s")
            if connection.vendor == "postgresql":
                # Fresh statistics, as autovacuum gives a production database some time after a bulk
                # load: without them the planner guesses a handful of rows and picks nested loops
                # (a drill-down's scoped query ran for minutes in CI, or not, depending on autovacuum).
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS("Demo data generated."))
