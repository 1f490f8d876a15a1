"""The Django admin manages accounts only (docs/securite.md §6): no case model is registered, nobody but
the Administrateur role opens it, role changes are recorded and mailed to Direction, nobody gives a role
to their own account, and `creer_administrateur` replaces `createsuperuser`."""

import io

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.urls import reverse

from comptes.models import ChangementRole
from comptes.permissions import Role

pytestmark = pytest.mark.django_db

# The only models the admin may hold: accounts, roles, second factors, calendar keys, the logs.
ACCOUNT_MODELS = {
    "auth.User",
    "auth.Group",
    "account.EmailAddress",
    "mfa.Authenticator",
    "juridique.JetonAgenda",
    "comptes.JournalAcces",
    "comptes.TentativeConnexion",
    "comptes.ChangementRole",
    "comptes.PurgeJournal",
}
CASE_APPS = {"signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation", "rapports", "donnees"}


def _admin_urls():
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        yield model._meta.label, reverse("admin:{}_{}_changelist".format(*info))


def test_no_case_model_is_registered_in_the_admin():
    registered = {model._meta.label for model in admin.site._registry}
    assert registered <= ACCOUNT_MODELS, registered - ACCOUNT_MODELS
    case_models = {m._meta.label for m in apps.get_models() if m._meta.app_label in CASE_APPS}
    assert not (registered & case_models) - {"juridique.JetonAgenda"}


@pytest.mark.parametrize("label_url", list(_admin_urls()), ids=lambda lu: lu[0])
def test_a_superuser_without_the_role_opens_nothing_in_the_admin(client, make_user, label_url):
    """What `createsuperuser` would make: every permission flag, no role. It reads nothing."""
    _label, url = label_url
    client.force_login(make_user(None, is_staff=True, is_superuser=True))
    assert client.get(url).status_code == 403
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200 and not index.context["app_list"]


@pytest.mark.parametrize("label_url", list(_admin_urls()), ids=lambda lu: lu[0])
def test_the_administrateur_opens_every_admin_page(client_for, label_url):
    assert client_for(Role.ADMINISTRATEUR).get(label_url[1]).status_code == 200


def test_the_admin_never_shows_a_second_factor_secret(client_for, make_user):
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.filter(user=make_user(Role.ACCUEIL)).get()
    client = client_for(Role.ADMINISTRATEUR)
    response = client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert response.status_code == 200
    assert authenticator.data["secret"] not in response.content.decode()


def _change_roles(client, user, roles):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "groups": [Group.objects.get(name=role).pk for role in roles],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": user.date_joined.strftime("%d/%m/%Y"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    return client.post(reverse("admin:auth_user_change", args=[user.pk]), data)


def test_role_changes_are_recorded_and_mailed_to_direction(client_for, make_user, django_capture_on_commit_callbacks):
    direction = make_user(Role.DIRECTION)
    collegue = make_user(Role.ACCUEIL)
    client = client_for(Role.ADMINISTRATEUR)
    administrateur = client.user
    with django_capture_on_commit_callbacks(execute=True):
        response = _change_roles(client, collegue, [Role.JURIDIQUE])
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(collegue.groups.values_list("name", flat=True)) == {Role.JURIDIQUE}
    changes = ChangementRole.objects.filter(compte=collegue, par=administrateur)
    assert {(c.role, c.ajout) for c in changes} == {(Role.JURIDIQUE, True), (Role.ACCUEIL, False)}
    assert all(c.adresse_ip == "127.0.0.1" for c in changes)
    assert [m.to for m in mail.outbox] == [[direction.email]]
    body = mail.outbox[0].body
    assert administrateur.username in body and collegue.username in body and "Juridique donné" in body


@pytest.mark.parametrize("role", [Role.PSYCHOLOGUE, Role.DIRECTION])
def test_an_administrateur_cannot_give_itself_a_role(client_for, role):
    client = client_for(Role.ADMINISTRATEUR)
    response = _change_roles(client, client.user, [Role.ADMINISTRATEUR, role])
    assert response.status_code == 200
    assert "propre compte" in str(response.context["adminform"].form.errors["groups"])
    assert set(client.user.groups.values_list("name", flat=True)) == {Role.ADMINISTRATEUR}
    assert not ChangementRole.objects.filter(compte=client.user, par=client.user).exists()


def test_no_path_lets_a_signed_in_user_add_itself_to_psychologue(client_for, rf):
    """Below the admin form: the role change itself refuses while a request by that user is served."""
    from django.core.exceptions import PermissionDenied
    from simple_history.models import HistoricalRecords

    user = client_for(Role.ADMINISTRATEUR).user
    request = rf.post("/")
    request.user = user
    HistoricalRecords.context.request = request
    psy = Group.objects.get(name=Role.PSYCHOLOGUE)
    try:
        with pytest.raises(PermissionDenied), transaction.atomic():
            user.groups.add(psy)
        with pytest.raises(PermissionDenied), transaction.atomic():
            psy.user_set.add(user)
    finally:
        del HistoricalRecords.context.request
    assert not user.groups.filter(name=Role.PSYCHOLOGUE).exists()


def test_role_changes_from_any_side_and_path_are_recorded(make_user):
    user = make_user(None)
    psy = Group.objects.get(name=Role.PSYCHOLOGUE)
    psy.user_set.add(user)
    user.groups.clear()
    rows = list(ChangementRole.objects.filter(compte=user).order_by("pk").values_list("role", "ajout", "par"))
    assert rows == [(Role.PSYCHOLOGUE, True, None), (Role.PSYCHOLOGUE, False, None)]


def test_roles_cannot_be_renamed_or_deleted_in_the_admin(client_for):
    client = client_for(Role.ADMINISTRATEUR)
    groupe = Group.objects.get(name=Role.PSYCHOLOGUE)
    assert client.post(reverse("admin:auth_group_change", args=[groupe.pk]), {"name": "x"}).status_code == 403
    assert client.post(reverse("admin:auth_group_delete", args=[groupe.pk]), {"post": "yes"}).status_code == 403
    assert Group.objects.filter(name=Role.PSYCHOLOGUE).exists()


def test_creer_administrateur_creates_an_administrateur_not_a_superuser(
    monkeypatch, make_user, django_capture_on_commit_callbacks
):
    direction = make_user(Role.DIRECTION)
    monkeypatch.setenv("CCEM_ADMIN_PASSWORD", "violet-canal-marmotte-42")
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("creer_administrateur", "responsable", "--email", "r@ccem.invalid", "--noinput", stdout=out)
    user = User.objects.get(username="responsable")
    assert user.check_password("violet-canal-marmotte-42")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [Role.ADMINISTRATEUR]
    assert ChangementRole.objects.filter(compte=user, role=Role.ADMINISTRATEUR, ajout=True, par=None).exists()
    assert [m.to for m in mail.outbox] == [[direction.email]]
    assert "une commande lancée sur le serveur" in mail.outbox[0].body


def test_creer_administrateur_refuses_a_weak_password_or_an_existing_account(monkeypatch, make_user):
    monkeypatch.setenv("CCEM_ADMIN_PASSWORD", "password1234")
    with pytest.raises(CommandError):
        call_command("creer_administrateur", "responsable", "--noinput", stdout=io.StringIO())
    assert not User.objects.filter(username="responsable").exists()
    existing = make_user(Role.ACCUEIL)
    monkeypatch.setenv("CCEM_ADMIN_PASSWORD", "violet-canal-marmotte-42")
    with pytest.raises(CommandError):
        call_command("creer_administrateur", existing.username, "--noinput", stdout=io.StringIO())
