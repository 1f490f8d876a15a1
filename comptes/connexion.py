"""Failed logins slow down the attacker, not the victim (docs/securite.md §4).

- Per address (the real client address, `comptes.audit.client_ip`): allauth's `login_failed` rate,
  CONNEXION_ECHECS_PAR_ADRESSE failures per window, then that address waits, whatever the account.
- Per account: the failures on a username in the window, after its last successful login and after an
  unlock, beyond CONNEXION_ECHECS_PAR_ADRESSE (so more than one address can make) delay it: one minute,
  then doubling, never more than the window after the last failure. Attempts refused during the delay are
  not counted (they do count against the address), so nobody can extend it without being throttled.
- The account's owner gets an e-mail when the delay starts; an Administrateur can lift it.
"""

import logging
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .audit import log_access
from .models import JournalAcces, TentativeConnexion
from .notifications import envoyer

security_log = logging.getLogger("ccem.security")


def fenetre() -> timedelta:
    return timedelta(minutes=settings.CONNEXION_FENETRE_MINUTES)


def _cle_deblocage(identifiant: str) -> str:
    return f"ccem:connexion:debloque:{identifiant.lower()}"


@dataclass(frozen=True)
class Retard:
    jusqu_a: datetime
    exces: int  # failures beyond what one address may make; 1 when the delay has just started

    @property
    def minutes(self) -> int:
        return max(1, math.ceil((self.jusqu_a - timezone.now()).total_seconds() / 60))

    def message(self) -> str:
        return ngettext(
            "Too many failed logins on this account: try again in %(minutes)d minute. "
            "An administrator can lift this delay.",
            "Too many failed logins on this account: try again in %(minutes)d minutes. "
            "An administrator can lift this delay.",
            self.minutes,
        ) % {"minutes": self.minutes}


def retard_compte(identifiant: str) -> Retard | None:
    """The delay on a username now, or None (the rule is in the module docstring)."""
    maintenant = timezone.now()
    depuis = maintenant - fenetre()
    debloque = cache.get(_cle_deblocage(identifiant))
    if debloque:
        depuis = max(depuis, datetime.fromtimestamp(debloque, UTC))
    tentatives = TentativeConnexion.objects.filter(identifiant__iexact=identifiant, horodatage__gte=depuis)
    derniere_reussite = tentatives.aggregate(d=Max("horodatage", filter=Q(reussie=True)))["d"]
    if derniere_reussite:
        tentatives = tentatives.filter(horodatage__gt=derniere_reussite)
    echecs = tentatives.aggregate(n=Count("pk", filter=Q(reussie=False)), d=Max("horodatage", filter=Q(reussie=False)))
    exces = echecs["n"] - settings.CONNEXION_ECHECS_PAR_ADRESSE
    if exces <= 0:
        return None
    jusqu_a = echecs["d"] + min(timedelta(minutes=2 ** min(exces - 1, 16)), fenetre())
    return Retard(jusqu_a, exces) if jusqu_a > maintenant else None


def message_trop_de_tentatives() -> str:
    """allauth's own limits (per address; per account for second-factor codes) last at most the window."""
    minutes = settings.CONNEXION_FENETRE_MINUTES
    return ngettext(
        "Too many failed attempts: try again in %(minutes)d minute at most.",
        "Too many failed attempts: try again in %(minutes)d minutes at most.",
        minutes,
    ) % {"minutes": minutes}


def avertir_titulaire(user, retard: Retard) -> None:
    """E-mail the account's owner that logins to it are delayed (once per start of a delay)."""

    def construire():
        heure = time_format(timezone.localtime(retard.jusqu_a), "H:i")
        sujet = _("CCEM: failed logins on your account")
        corps = _(
            "Hello,\n\n"
            "Several failed login attempts were made on your account %(username)s in the last %(fenetre)d minutes. "
            "Logins to it are delayed until %(heure)s.\n\n"
            "If it was you, wait and try again, or reset your password. If it was not you, tell an "
            "administrator: they can lift the delay, and the login attempts page shows where the attempts "
            "came from.\n"
        ) % {"username": user.get_username(), "fenetre": settings.CONNEXION_FENETRE_MINUTES, "heure": heure}
        return sujet, corps

    envoyer([user.email], construire)


def _regles_par_compte() -> dict[str, str]:
    """allauth's login_failed rates that are kept per account (its `key`), without the per-address ones."""
    rates = [r.strip() for r in settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")]
    return {"login_failed": ",".join(r for r in rates if r.endswith("/key"))}


def compte_debloquer(*, compte, par, request) -> None:
    """Lift the delay on an account (and allauth's per-account limits) now; access-logged as a change."""
    cache.set(_cle_deblocage(compte.get_username()), timezone.now().timestamp(), fenetre().total_seconds())
    cles = [
        get_adapter(request)._get_login_attempts_cache_key(request, username=compte.get_username()),
        f"mfa-auth-user-{compte.pk}",  # allauth.mfa's key for second-factor codes
    ]
    for cle in cles:
        ratelimit.clear(request, app="allauth.account", action="login_failed", config=_regles_par_compte(), key=cle)
    log_access(request, JournalAcces.Action.MODIFICATION, compte)
    security_log.info("login delay lifted user=%s by=%s", compte.pk, par.pk)
