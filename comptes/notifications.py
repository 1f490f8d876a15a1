"""Plain-text e-mails to staff about their accounts (lockout, role changes)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

security_log = logging.getLogger("ccem.security")


def envoyer(destinataires: list[str], construire) -> None:
    """Send `construire() -> (subject, body)`, written in the association's language, once the current
    transaction commits. A mail server failure is logged, never shown to the user who triggered it."""
    destinataires = sorted({adresse for adresse in destinataires if adresse})
    if not destinataires:
        return
    with translation.override(settings.LANGUAGE_CODE):
        sujet, corps = construire()

    def _send():
        try:
            send_mail(sujet, corps, None, destinataires)
        except Exception:
            security_log.exception("mail not sent to=%s subject=%r", destinataires, sujet)

    transaction.on_commit(_send)
