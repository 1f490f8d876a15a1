"""Gatekeeping for every request: login required, second factor required, absolute session cap."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Pages reachable without being logged in (by URL name).
PUBLIC_URL_NAMES = {
    "account_login",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "mfa_authenticate",
    "account_logout",
    "set_language",
    "sante",
    "javascript-catalog",
    "favicon",
    # iCalendar feed of the legal unit: authenticated by its own revocable key, not by a session.
    "juridique:agenda_ics",
}
# Pages a logged-in user without a second factor may still reach: to enrol one, or leave.
ENROLMENT_URL_NAMES = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_generate_recovery_codes",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "account_logout",
    "account_change_password",
    "set_language",
    "sante",
}


def _url_name(request) -> str | None:
    """The namespaced name (`app:name`), so a public name in one app opens nothing elsewhere."""
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else None


class RequireLoginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated or _url_name(request) in PUBLIC_URL_NAMES:
            return None
        if request.path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/static/"):
            return None
        return redirect_to_login(request.get_full_path())


def has_second_factor(user) -> bool:
    from allauth.mfa.models import Authenticator

    cached = getattr(user, "_ccem_has_2fa", None)
    if cached is None:
        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._ccem_has_2fa = cached
    return cached


class RequireSecondFactorMiddleware:
    """No account reaches a case page or the admin before it has enrolled a TOTP authenticator."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or _url_name(request) in (ENROLMENT_URL_NAMES | PUBLIC_URL_NAMES):
            return None
        if has_second_factor(request.user):
            return None
        messages.info(request, _("Set up two-factor authentication to continue: it protects the persons we support."))
        return redirect("mfa_activate_totp")


class SessionAbsoluteTimeoutMiddleware:
    """Idle timeout is SESSION_COOKIE_AGE; this caps a session's total life whatever the activity."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            login_at = request.session.get("login_at")
            if login_at is None:
                request.session["login_at"] = time.time()
            elif time.time() - login_at > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class DefaultLanguageMiddleware:
    """French is the default whatever the browser says; the user's choice (cookie) still wins.

    Placed before LocaleMiddleware: it hides Accept-Language so the order is cookie → LANGUAGE_CODE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RejectNulBytesMiddleware:
    """A NUL byte is never typed by a person, and PostgreSQL refuses it in any text column: a
    parameter holding one answers 400 (Bad Request) here, for every page, before any view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for params in (request.GET, request.POST):
            if any("\x00" in key or any("\x00" in v for v in values) for key, values in params.lists()):
                raise SuspiciousOperation("NUL byte in a request parameter")
        return self.get_response(request)
