import logging

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from .audit import client_ip
from .connexion import avertir_titulaire, message_trop_de_tentatives, retard_compte

security_log = logging.getLogger("ccem.security")


def _identifiant(credentials) -> str:
    return str(credentials.get("username") or credentials.get("login") or "")[:150]


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by an administrator in the Django admin, never by self sign-up."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        # One definition of the client's address for the access log and allauth's rate limits.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address.")
        return ip

    def validation_error(self, code, *args):
        if code == "too_many_login_attempts":
            return forms.ValidationError(message_trop_de_tentatives(), code=code)
        return super().validation_error(code, *args)

    def pre_authenticate(self, request, **credentials):
        # allauth first: the per-address limit counts this attempt even if the account delay refuses it.
        super().pre_authenticate(request, **credentials)
        retard = retard_compte(_identifiant(credentials))
        if retard is not None:
            security_log.warning(
                "login refused (account delayed) username=%r ip=%s", _identifiant(credentials), client_ip(request)
            )
            raise forms.ValidationError(retard.message(), code="compte_retarde")

    def authentication_failed(self, request, **credentials):
        # The failure is already recorded (comptes.signals); tell the owner when it starts a delay.
        retard = retard_compte(_identifiant(credentials))
        if retard is not None and retard.exces == 1:
            user = get_user_model().objects.filter(username=_identifiant(credentials), is_active=True).first()
            if user is not None:
                avertir_titulaire(user, retard)
            security_log.warning("account delayed username=%r until=%s", _identifiant(credentials), retard.jusqu_a)
