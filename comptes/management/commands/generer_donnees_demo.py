"""Generate coherent demo data for every unit.

Each app may provide `<app>/demo.py` with `generer(gen: Generateur) -> None`; apps run in
APPS order and share `gen.store` (e.g. the persons created by one app, used by the next).
Scale 1 is shaped on the CCEM's published 2024 figures (about 400 reports, 330 persons a year).
"""

import random
import time
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from faker import Faker

from comptes.permissions import Role

APPS = ["signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation", "rapports"]


@dataclass
class Generateur:
    annees: range
    echelle: int
    rng: random.Random
    faker: Faker
    utilisateurs: dict[str, list[User]]
    store: dict[str, Any] = field(default_factory=dict)
    log: Any = print

    def utilisateur(self, role: str) -> User | None:
        users = self.utilisateurs.get(role) or []
        return self.rng.choice(users) if users else None


def parse_annees(text: str) -> range:
    try:
        debut, _, fin = text.partition("-")
        debut, fin = int(debut), int(fin or debut)
    except ValueError as exc:
        raise CommandError("--annees takes a year or a range such as 2015-2025.") from exc
    if not 1994 <= debut <= fin <= 2100:
        raise CommandError("--annees must be a range of years between 1994 and 2100.")
    return range(debut, fin + 1)


class Command(BaseCommand):
    help = "Generate realistic demo data for every unit (French names from Faker)."

    def add_arguments(self, parser):
        parser.add_argument("--annees", default="2015-2025", help="years, e.g. 2015-2025")
        parser.add_argument("--echelle", type=int, default=1, help="scale factor (1 ≈ the CCEM's real volume)")
        parser.add_argument("--graine", type=int, default=1994, help="random seed (same seed, same data)")
        parser.add_argument("--si-vide", action="store_true", help="do nothing if persons already exist")

    def handle(self, *args, annees, echelle, graine, si_vide, **options):
        from accompagnement.models import Personne

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
            for app in APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                started = time.perf_counter()
                module.generer(gen)
                self.stdout.write(f"{app}: {time.perf_counter() - started:.1f} s")
        self.stdout.write(self.style.SUCCESS("Demo data generated."))
