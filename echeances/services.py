"""Writes of the deadlines app: marking a deadline handled, the digest preference, the table of
legal periods, and the daily digest."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from comptes.concurrency import save_versioned

from . import calcul
from .models import DelaiRecours, EcheanceTraitee, PreferenceEcheances

User = get_user_model()
log = logging.getLogger("ccem.security")


def echeance_trouver(*, user, type: str, objet_id: int, date: datetime.date, today: datetime.date):
    """The deadline so named among those `user` may see (any unit, referent or not), or None."""
    sel = calcul.Selection(user=user, today=today, referent=False)
    for echeance in calcul.echeances(sel, traitees=True):
        if echeance.cle == (type, objet_id, date):
            return echeance
    return None


@transaction.atomic
def echeance_traiter(*, echeance: calcul.Echeance, etat: str, by: User) -> EcheanceTraitee:
    """Mark a deadline handled (done or not applicable): who and when are kept; it leaves every list."""
    traitee, _created = EcheanceTraitee.objects.get_or_create(
        type=echeance.type, objet_id=echeance.objet_id, date_echeance=echeance.date,
        defaults={"etat": etat, "par": by},
    )  # fmt: skip
    return traitee


@transaction.atomic
def preference_modifier(*, utilisateur: User, recapitulatif_quotidien: bool) -> PreferenceEcheances:
    preference, _created = PreferenceEcheances.objects.get_or_create(utilisateur=utilisateur)
    preference.recapitulatif_quotidien = recapitulatif_quotidien
    preference.save(update_fields=["recapitulatif_quotidien"])
    return preference


@transaction.atomic
def delai_creer(*, by: User, **fields) -> DelaiRecours:
    delai = DelaiRecours(**fields)
    delai.full_clean()
    delai.save()
    return delai


@transaction.atomic
def delai_modifier(*, delai: DelaiRecours, version_attendue: int | None, by: User, **fields) -> DelaiRecours:
    for name, value in fields.items():
        setattr(delai, name, value)
    return save_versioned(delai, version_attendue)


def recapitulatif(user, today: datetime.date) -> tuple[str, str] | None:
    """(subject, body) of `user`'s digest, or None when nothing is open.

    References, kinds, dates and links only: never a name nor a fact (an e-mail leaves our systems).
    """
    liste = calcul.echeances(calcul.Selection(user=user, today=today))
    if not liste:
        return None
    base = settings.SITE_URL.rstrip("/")
    lignes = [
        _("Your open deadlines on %(date)s:") % {"date": date_format(today, "DATE_FORMAT")},
        "",
    ]
    for e in liste:
        retard = _(" (overdue)") if e.date < today else ""
        lignes.append(f"- {e.date:%d/%m/%Y}{retard} · {e.libelle} · {e.reference}")
        lignes.append(f"  {base}{e.url}")
    lignes += ["", _("All your deadlines: %(url)s") % {"url": base + reverse("echeances:mes_echeances")}]
    lignes.append(_("You receive this e-mail because you asked for it; untick the option on that page to stop."))
    sujet = _("CCEM – %(n)s open deadlines") % {"n": len(liste)}
    return sujet, "\n".join(lignes)


def recapitulatifs_envoyer(*, today: datetime.date) -> int:
    """Send the digest to every active user who opted in and has open deadlines; returns how many were sent.

    Written in the association's language. One failed address does not stop the others.
    """
    destinataires = User.objects.filter(is_active=True, preference_echeances__recapitulatif_quotidien=True).exclude(
        email=""
    )
    envoyes = 0
    for user in destinataires.order_by("pk"):
        with translation.override(settings.LANGUAGE_CODE):
            message = recapitulatif(user, today)
        if message is None:
            continue
        try:
            send_mail(message[0], message[1], None, [user.email])
        except Exception:  # a mail server failure must not stop the other digests
            log.exception("deadline digest not sent to user=%s", user.pk)
            continue
        envoyes += 1
    return envoyes
