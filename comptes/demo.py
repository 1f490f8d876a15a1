"""Demo accounts for local use only (DEBUG on): one per role, known password and TOTP secret; and
the `Generateur` every app's demo data generator receives."""

import random
from dataclasses import dataclass, field
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from faker import Faker

from .permissions import Role

DEMO_PASSWORD = "demo-ccem-2026"
# Base32 secret shared by all demo accounts, so one authenticator entry serves them all.
DEMO_TOTP_SECRET = "CCEMDEMOCCEMDEMOCCEMDEMOCCEMDEMO"

DEMO_USERS = {
    "accueil": (Role.ACCUEIL, "Amina", "Diallo"),
    "psychosocial": (Role.PSYCHOSOCIAL, "Lucie", "Martin"),
    "psychologue": (Role.PSYCHOLOGUE, "Claire", "Bernard"),
    "juridique": (Role.JURIDIQUE, "Hugo", "Lefèvre"),
    "sensibilisation": (Role.SENSIBILISATION, "Inès", "Moreau"),
    "direction": (Role.DIRECTION, "Sophie", "Laurent"),
    "admin": (Role.ADMINISTRATEUR, "Marc", "Petit"),
}


def ensure_demo_allowed():
    if not settings.DEBUG or not settings.DEMO_ACCOUNTS_ALLOWED:
        raise ImproperlyConfigured("Demo accounts are refused when DEBUG is off.")


@transaction.atomic
def create_demo_users() -> list[User]:
    ensure_demo_allowed()
    users = []
    for username, (role, first, last) in DEMO_USERS.items():
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@ccem.invalid"
        user.is_staff = role == Role.ADMINISTRATEUR
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
        users.append(user)
    return users


def current_demo_code() -> str:
    ensure_demo_allowed()
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


@dataclass
class Generateur:
    """What every app's `demo.generer(gen)` receives (donnees' `generer_donnees_demo` runs them):
    the years, the scale, a seeded `rng` and `faker`, the users by role, and `store`, shared
    between the apps."""

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
