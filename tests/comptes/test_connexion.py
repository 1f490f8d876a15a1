"""The client address cannot be forged, and failed logins slow the attacker down, not the staff member
whose username they know (docs/securite.md §3 and §4)."""

from datetime import timedelta

import pytest
from allauth.account.adapter import get_adapter
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from comptes.audit import client_ip, log_access
from comptes.connexion import retard_compte
from comptes.models import JournalAcces, TentativeConnexion
from comptes.permissions import Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"
ATTAQUANT, COMPLICE, BUREAU = "203.0.113.66", "198.51.100.23", "192.0.2.10"


@pytest.fixture(autouse=True)
def _empty_cache():
    # allauth keeps its rate limits in the cache: start and leave every test clean.
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password, adresse, **headers):
    return client.post(
        reverse("account_login"), {"login": username, "password": password}, REMOTE_ADDR=adresse, **headers
    )


def _errors(response) -> str:
    return " ".join(response.context["form"].non_field_errors()) if response.context else ""


def _logged_in_to_second_factor(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")


# --- §3 The client address ------------------------------------------------------------------


def test_forged_x_forwarded_for_is_ignored_without_a_trusted_proxy(rf, settings, make_user, client):
    settings.TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", REMOTE_ADDR=BUREAU, HTTP_X_FORWARDED_FOR=ATTAQUANT)
    request.user = make_user(Role.DIRECTION)
    assert client_ip(request) == BUREAU
    assert get_adapter(request).get_client_ip(request) == BUREAU
    assert log_access(request, JournalAcces.Action.LISTE).adresse_ip == BUREAU
    _login(client, "quelquun", "wrong-password-123", BUREAU, HTTP_X_FORWARDED_FOR=ATTAQUANT)
    assert TentativeConnexion.objects.get().adresse_ip == BUREAU


def test_behind_one_trusted_proxy_the_address_it_saw_is_the_client(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # The client wrote the left part; the proxy appended the address it received the request from.
    request = rf.get("/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"{ATTAQUANT}, {BUREAU}")
    assert client_ip(request) == BUREAU
    assert get_adapter(request).get_client_ip(request) == BUREAU
    # Not through the proxy (no header) or a header that is not an address: the connection's address.
    assert client_ip(rf.get("/", REMOTE_ADDR=proxy)) == proxy
    assert client_ip(rf.get("/", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="<script>")) == proxy


def test_two_trusted_proxies_take_the_second_address_from_the_right(rf, settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"{ATTAQUANT}, {BUREAU}, 10.0.0.1")
    assert client_ip(request) == BUREAU


def test_behind_the_proxy_the_address_limit_is_per_client_not_for_everyone(client, settings, make_user):
    """Everyone shares the proxy's REMOTE_ADDR: the limit must count the real address."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    victime = make_user(Role.ACCUEIL)
    for _ in range(settings.CONNEXION_ECHECS_PAR_ADRESSE + 1):
        response = _login(client, "inconnu", "wrong-password-123", proxy, HTTP_X_FORWARDED_FOR=ATTAQUANT)
    assert "Trop de tentatives" in _errors(response)
    response = _login(client, victime.username, PASSWORD, proxy, HTTP_X_FORWARDED_FOR=BUREAU)
    assert _logged_in_to_second_factor(response)


# --- §4 Lockout -----------------------------------------------------------------------------


def test_one_address_is_throttled_before_it_can_delay_an_account(client, settings, make_user):
    victime = make_user(Role.ACCUEIL)
    limite = settings.CONNEXION_ECHECS_PAR_ADRESSE
    for _ in range(limite):
        response = _login(client, victime.username, "wrong-password-123", ATTAQUANT)
        assert response.status_code == 200 and "Trop" not in _errors(response)
    assert TentativeConnexion.objects.filter(identifiant=victime.username, reussie=False).count() == limite
    # The next attempt from that address is refused before any password check, with the wait stated.
    response = _login(client, victime.username, PASSWORD, ATTAQUANT)
    assert "Trop de tentatives échouées\u00a0: réessayez dans 15 minutes au plus." in _errors(response)
    assert TentativeConnexion.objects.filter(identifiant=victime.username).count() == limite
    # The account itself is not delayed: its owner logs in from their own address at once.
    assert retard_compte(victime.username) is None
    assert _logged_in_to_second_factor(_login(client, victime.username, PASSWORD, BUREAU))


def test_a_third_party_cannot_keep_an_account_delayed_beyond_the_stated_time(
    client, settings, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    """Failures from two addresses delay the account for the time the message states; attempts during
    the delay do not extend it (they only use up the attacker's address), then the owner logs in."""
    victime = make_user(Role.ACCUEIL)
    limite = settings.CONNEXION_ECHECS_PAR_ADRESSE
    for _ in range(limite):
        _login(client, victime.username, "wrong-password-123", ATTAQUANT)
    with django_capture_on_commit_callbacks(execute=True):
        _login(client, victime.username, "wrong-password-123", COMPLICE)
    # The owner is told by e-mail when the delay starts.
    assert [m.to for m in mail.outbox] == [[victime.email]]
    assert victime.username in mail.outbox[0].body
    retard = retard_compte(victime.username)
    assert retard is not None and retard.minutes == 1

    # Even the right password waits, and the message says for how long.
    response = _login(client, victime.username, PASSWORD, BUREAU)
    assert "Trop d'échecs de connexion sur ce compte\u00a0: réessayez dans 1 minute." in _errors(response)
    assert "_auth_user_id" not in client.session

    # The accomplice hammers during the delay: refused, not counted, and soon throttled itself.
    for _ in range(limite):
        response = _login(client, victime.username, "wrong-password-123", COMPLICE)
    assert "Trop de tentatives échouées" in _errors(response)
    assert TentativeConnexion.objects.filter(identifiant=victime.username, reussie=False).count() == limite + 1
    assert len(mail.outbox) == 1

    # Once the stated minute has passed, the owner logs in.
    later = retard.jusqu_a + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert _logged_in_to_second_factor(_login(client, victime.username, PASSWORD, BUREAU))


def test_the_delay_doubles_and_never_exceeds_the_window(settings, make_user, monkeypatch):
    victime = make_user(Role.ACCUEIL)
    limite = settings.CONNEXION_ECHECS_PAR_ADRESSE
    start = timezone.now()
    minutes = []
    for n in range(limite + 6):
        monkeypatch.setattr(timezone, "now", lambda n=n: start + timedelta(seconds=n))
        TentativeConnexion.objects.create(identifiant=victime.username, reussie=False, adresse_ip=f"192.0.2.{n}")
        retard = retard_compte(victime.username)
        minutes.append(retard.minutes if retard else 0)
    assert minutes[limite - 1] == 0
    assert minutes[limite:] == [1, 2, 4, 8, settings.CONNEXION_FENETRE_MINUTES, settings.CONNEXION_FENETRE_MINUTES]


def test_the_delay_message_speaks_english_too(client, settings, make_user):
    victime = make_user(Role.ACCUEIL)
    for n in range(settings.CONNEXION_ECHECS_PAR_ADRESSE + 1):
        _login(client, victime.username, "wrong-password-123", f"192.0.2.{n % 2}")
    client.post(reverse("set_language"), {"language": "en"})
    response = _login(client, victime.username, PASSWORD, BUREAU)
    assert "Too many failed logins on this account: try again in 1 minute." in _errors(response)


def test_an_administrateur_lifts_the_delay_and_the_access_log_says_so(client, settings, make_user):
    victime = make_user(Role.ACCUEIL)
    for n in range(settings.CONNEXION_ECHECS_PAR_ADRESSE + 1):
        _login(client, victime.username, "wrong-password-123", f"192.0.2.{n % 2}")
    assert retard_compte(victime.username) is not None
    administrateur = make_user(Role.ADMINISTRATEUR)
    client.force_login(administrateur)
    response = client.post(
        reverse("admin:auth_user_changelist"), {"action": "lever_retard_connexion", "_selected_action": [victime.pk]}
    )
    assert response.status_code == 302
    assert JournalAcces.objects.filter(
        utilisateur=administrateur, action=JournalAcces.Action.MODIFICATION, object_id=str(victime.pk)
    ).exists()
    assert retard_compte(victime.username) is None
    client.logout()
    assert _logged_in_to_second_factor(_login(client, victime.username, PASSWORD, BUREAU))


def test_only_the_administrateur_may_lift_a_delay(client_for, make_user):
    victime = make_user(Role.ACCUEIL)
    client = client_for(Role.DIRECTION, is_staff=True)
    response = client.post(
        reverse("admin:auth_user_changelist"), {"action": "lever_retard_connexion", "_selected_action": [victime.pk]}
    )
    assert response.status_code == 403
    assert not JournalAcces.objects.filter(action=JournalAcces.Action.MODIFICATION).exists()
