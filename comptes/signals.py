import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from .audit import client_ip
from .models import TentativeConnexion

security_log = logging.getLogger("ccem.security")


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    if request is not None:
        request.session["login_at"] = timezone.now().timestamp()
    TentativeConnexion.objects.create(
        identifiant=user.get_username(), reussie=True, adresse_ip=client_ip(request) if request else None
    )
    security_log.info("login ok user=%s", user.pk)


@receiver(user_login_failed)
def record_login_failure(sender, credentials, request=None, **kwargs):
    identifiant = str(credentials.get("username") or credentials.get("login") or "")[:150]
    TentativeConnexion.objects.create(
        identifiant=identifiant, reussie=False, adresse_ip=client_ip(request) if request else None
    )
    security_log.warning("login failed username=%r", identifiant)
