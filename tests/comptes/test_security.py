"""Security baseline: lockout, session limits, admin access, CSP, access log, demo-account guard."""

import io
import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from comptes.audit import log_access
from comptes.models import JournalAcces, TentativeConnexion
from comptes.permissions import Role

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


def _login(client, username, password):
    return client.post(reverse("account_login"), {"login": username, "password": password})


def test_failed_logins_are_recorded_and_lock_the_address_out(client, make_user, settings):
    # The lockout rules in detail (per address, per account, unlock): tests/comptes/test_connexion.py.
    from django.core.cache import cache

    cache.clear()
    user = make_user(Role.ACCUEIL)
    for _ in range(settings.CONNEXION_ECHECS_PAR_ADRESSE):
        response = _login(client, user.username, "wrong-password-123")
        assert response.status_code == 200
    # Even the right password is refused from that address while it is locked out.
    response = _login(client, user.username, PASSWORD)
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.content.decode()
    assert (
        TentativeConnexion.objects.filter(identifiant=user.username, reussie=False).count()
        == settings.CONNEXION_ECHECS_PAR_ADRESSE
    )
    cache.clear()


def test_right_password_then_second_factor_is_asked(client, make_user):
    user = make_user(Role.ACCUEIL)
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # Not logged in until the code is given.
    assert "_auth_user_id" not in client.session


def test_session_idle_timeout_is_thirty_minutes(client_for, settings):
    client = client_for(Role.ACCUEIL)
    client.get(reverse("accueil"))
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert client.session.get_expiry_age() == 30 * 60


def test_session_absolute_cap_logs_out(client_for, settings):
    client = client_for(Role.ACCUEIL)
    session = client.session
    session["login_at"] = time.time() - settings.SESSION_ABSOLUTE_TIMEOUT - 1
    session.save()
    response = client.get(reverse("accueil"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("accueil")).status_code == 302


def test_password_policy_needs_twelve_characters_and_rejects_common_ones():
    with pytest.raises(ValidationError):
        validate_password("Abc-12345")
    with pytest.raises(ValidationError):
        validate_password("password1234")
    validate_password("violet-canal-marmotte-42")


def test_admin_is_for_the_administrateur_role_only(client_for, make_user, client):
    admin_client = client_for(Role.ADMINISTRATEUR)
    assert admin_client.get(reverse("admin:auth_user_changelist")).status_code == 200
    client.logout()
    # Staff status without the role gives nothing.
    staff = make_user(Role.DIRECTION, is_staff=True)
    client.force_login(staff)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_admin_needs_a_second_factor(client, make_user):
    user = make_user(Role.ADMINISTRATEUR, second_factor=False)
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_forbidden_page_speaks_the_users_language(client_for):
    client = client_for(Role.ACCUEIL)
    response = client.get(reverse("journal_acces"))
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    client.post(reverse("set_language"), {"language": "en"})
    response = client.get(reverse("journal_acces"))
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


def test_pages_carry_a_strict_csp(client):
    response = client.get(reverse("account_login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_access_log_is_append_only(rf, make_user):
    user = make_user(Role.DIRECTION)
    request = rf.get("/")
    request.user = user
    entry = log_access(request, JournalAcces.Action.CONSULTATION, user)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        JournalAcces.objects.all().delete()
    with pytest.raises(PermissionError):
        JournalAcces.objects.update(action="export")


def test_access_log_page_filters_by_user_and_record(client_for, make_user, rf):
    someone, other = make_user(Role.ACCUEIL), make_user(Role.JURIDIQUE)
    for who in (someone, someone, other):
        request = rf.get("/", REMOTE_ADDR="10.1.2.3")
        request.user = who
        log_access(request, JournalAcces.Action.CONSULTATION, who)
    client = client_for(Role.DIRECTION)
    page = client.get(reverse("journal_acces"), {"utilisateur": someone.pk}).context["page"]
    assert {row.utilisateur_id for row in page} == {someone.pk}
    assert len(page) == 2
    page = client.get(reverse("journal_acces"), {"object_id": str(other.pk)}).context["page"]
    assert [row.utilisateur_id for row in page] == [other.pk]
    assert page[0].adresse_ip == "10.1.2.3"


def test_access_log_page_query_count_does_not_grow_with_rows(client_for, make_user, rf, django_assert_num_queries):
    client = client_for(Role.DIRECTION)

    def add_rows(n):
        for _ in range(n):
            request = rf.get("/")
            request.user = make_user(Role.ACCUEIL)
            log_access(request, JournalAcces.Action.CONSULTATION, request.user)

    add_rows(3)
    # session ×2 (read, refresh), user, 2FA, roles, count, rows, filter choices (users, record types)…
    with django_assert_num_queries(11):
        client.get(reverse("journal_acces"))
    add_rows(6)
    with django_assert_num_queries(11):
        client.get(reverse("journal_acces"))


def test_demo_accounts_are_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("creer_comptes_demo")
    with pytest.raises(CommandError):
        call_command("code_demo")


def test_demo_accounts_have_each_role_and_a_second_factor(settings):
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import User

    settings.DEBUG = True
    settings.DEMO_ACCOUNTS_ALLOWED = True
    call_command("creer_comptes_demo", stdout=io.StringIO())
    roles = set(User.objects.filter(username__in=["accueil", "admin"]).values_list("groups__name", flat=True))
    assert roles == {"Accueil", "Administrateur"}
    assert Authenticator.objects.filter(type=Authenticator.Type.TOTP).count() == 7


@pytest.mark.django_db
def test_a_nul_byte_in_any_parameter_answers_400_not_a_server_error(client_for):
    """PostgreSQL refuses NUL in text columns: the middleware stops it before any view or query."""
    client = client_for(Role.JURIDIQUE)
    assert client.get("/juridique/procedures/nouvelle/", {"q": "a\x00b"}).status_code == 400
    assert client.post("/file-active/", {"nom\x00": "x"}).status_code == 400
    assert client.get("/juridique/procedures/nouvelle/", {"q": "ab"}).status_code == 200
