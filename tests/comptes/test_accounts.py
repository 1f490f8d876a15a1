"""Account self-service: password reset by e-mail, password change, 2FA enrolment."""

import pytest
from django.core import mail
from django.urls import reverse

from comptes.permissions import Role

pytestmark = pytest.mark.django_db


def test_password_reset_sends_an_email_with_a_link(client, make_user):
    user = make_user(Role.ACCUEIL, email="amina@ccem.invalid")
    response = client.post(reverse("account_reset_password"), {"email": "amina@ccem.invalid"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "/comptes/password/reset/key/" in mail.outbox[0].body


def test_password_change_enforces_the_policy(client_for):
    client = client_for(Role.ACCUEIL)
    url = reverse("account_change_password")
    short = {"oldpassword": "correct-horse-battery-staple", "password1": "short-1", "password2": "short-1"}
    response = client.post(url, short)
    assert response.status_code == 200
    assert "12" in response.content.decode()  # the minimum length is stated next to the field
    good = {
        "oldpassword": "correct-horse-battery-staple",
        "password1": "marmotte-violette-42",
        "password2": "marmotte-violette-42",
    }
    assert client.post(url, good).status_code == 302
    client.user.refresh_from_db()
    assert client.user.check_password("marmotte-violette-42")


def test_user_without_second_factor_is_led_to_enrolment_and_can_enrol(client, make_user):
    user = make_user(Role.ACCUEIL, second_factor=False)
    credentials = {"login": user.username, "password": "correct-horse-battery-staple"}
    response = client.post(reverse("account_login"), credentials, follow=True)
    # Enrolling a factor asks for the password once more (allauth's re-authentication), then shows the QR code.
    assert response.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    response = client.post(response.redirect_chain[-1][0], {"password": credentials["password"]}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "data:image/svg+xml" in response.content.decode()  # QR code served inline, allowed by img-src data:
