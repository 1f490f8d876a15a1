"""The one edit path (comptes.edition), the required version of versioned forms, and the code rules
that keep every view on the one path and the one fetch."""

import re
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from comptes.concurrency import MISSING_VERSION, EditConflict
from comptes.edition import Incomplete, edit
from comptes.models import JournalAcces
from comptes.permissions import Role
from juridique.forms import AvocatForm
from tests.juridique.factories import AvocatFactory

TEMPLATE = "accompagnement/simple_form.html"


class NoteForm(forms.Form):
    note = forms.CharField()


def _request(user, method="get", data=None):
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _rows(user):
    return list(JournalAcces.objects.filter(utilisateur=user).order_by("pk").values_list("action", "object_id"))


@pytest.mark.django_db
def test_get_logs_the_record_shown_and_post_logs_the_change(make_user):
    user, avocat = make_user(Role.JURIDIQUE), AvocatFactory()
    edit(_request(user), NoteForm(), obj=avocat, save=None, template=TEMPLATE, success="", redirect_to="/")
    assert _rows(user) == [(JournalAcces.Action.CONSULTATION, str(avocat.pk))]
    request = _request(user, "post", {"note": "ok"})
    form = NoteForm(request.POST)
    response = edit(
        request, form, obj=avocat, save=lambda data: avocat, template=TEMPLATE, success="Done", redirect_to="/y/"
    )
    assert response.status_code == 302 and response["Location"] == "/y/"
    assert _rows(user)[-1] == (JournalAcces.Action.MODIFICATION, str(avocat.pk))
    assert [str(m) for m in get_messages(request)] == ["Done"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("exc", "message"),
    [
        (EditConflict(), str(EditConflict.message)),
        (ValidationError("Dates in the wrong order."), "Dates in the wrong order."),
        (ValidationError({"note": "Too short."}), "Too short."),
    ],
)
def test_a_refused_save_comes_back_as_form_errors_with_the_input_kept(make_user, exc, message):
    user, avocat = make_user(Role.JURIDIQUE), AvocatFactory()
    request = _request(user, "post", {"note": "my input"})
    form = NoteForm(request.POST)

    def save(data):
        raise exc

    response = edit(request, form, obj=avocat, save=save, template=TEMPLATE, success="", redirect_to="/")
    assert response.status_code == 200
    assert message in [str(e) for errors in form.errors.values() for e in errors]
    assert "my input" in response.content.decode()
    assert _rows(user) == []  # nothing saved, nothing logged as a change


@pytest.mark.django_db
def test_incomplete_input_is_shown_again_with_a_warning(make_user):
    user = make_user(Role.ACCUEIL)
    request = _request(user, "post", {"note": "x"})

    def save(data):
        raise Incomplete("Say who this person is.")

    response = edit(request, NoteForm(request.POST), save=save, template=TEMPLATE, success="", redirect_to="/")
    assert response.status_code == 200
    assert [str(m) for m in get_messages(request)] == ["Say who this person is."]
    assert _rows(user) == []


@pytest.mark.django_db
def test_a_create_logs_the_record_it_made(make_user):
    user, avocat = make_user(Role.JURIDIQUE), AvocatFactory()
    request = _request(user, "post", {"note": "x"})
    edit(request, NoteForm(request.POST), save=lambda data: avocat, template=TEMPLATE, success="", redirect_to="/")
    assert _rows(user) == [(JournalAcces.Action.MODIFICATION, str(avocat.pk))]


# --- version_attendue ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_versioned_edit_without_its_version_is_refused_with_a_message():
    avocat = AvocatFactory()
    form = AvocatForm(data={"nom": "Autre", "prenom": "A", "barreau": "Paris", "actif": "on"}, instance=avocat)
    assert not form.is_valid()
    assert form.non_field_errors() == [str(MISSING_VERSION)]
    garbage = AvocatForm(data={"nom": "Autre", "version_attendue": "x"}, instance=avocat)
    assert str(MISSING_VERSION) in garbage.non_field_errors()


@pytest.mark.django_db
def test_a_create_needs_no_version():
    form = AvocatForm(data={"nom": "Nouveau", "prenom": "A", "barreau": "Paris", "actif": "on"})
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_legal_unit_save_without_version_does_not_overwrite(client_for):
    client = client_for(Role.JURIDIQUE)
    avocat = AvocatFactory(nom="Avant")
    url = reverse("juridique:avocat_modifier", args=[avocat.pk])
    data = {"nom": "Après", "prenom": avocat.prenom, "barreau": "Paris", "actif": "on"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert [str(e) for e in response.context["form"].non_field_errors()] == [str(MISSING_VERSION)]
    avocat.refresh_from_db()
    assert avocat.nom == "Avant"
    response = client.post(url, {**data, "version_attendue": avocat.version})
    assert response.status_code == 302
    avocat.refresh_from_db()
    assert avocat.nom == "Après"
    assert JournalAcces.objects.filter(
        utilisateur=client.user, action=JournalAcces.Action.MODIFICATION, object_id=str(avocat.pk)
    ).exists()


# --- Code rules ---------------------------------------------------------------------------------


def _views_modules():
    """Every views.py of the project's own apps (found from the app registry, not from a list)."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        # Our apps only: in CI the virtualenv (Django's own apps) lives inside the clone.
        if base in path.parents and "site-packages" not in path.parts and (path / "views.py").exists():
            found.append(path / "views.py")
    assert len(found) >= 8, found  # comptes, the five units, rapports, donnees
    return found


def test_no_view_reads_a_record_around_its_scope():
    """Views fetch through `get_object_for_user` (404 when missing or forbidden), never `.objects.get(`."""
    offenders = [
        f"{path.parent.name}/views.py:{number}"
        for path in _views_modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if ".objects.get(" in line
    ]
    assert not offenders, offenders


def test_no_view_handles_edit_conflicts_itself():
    """Saving goes through comptes.edition.edit: no copy of its try/except block in a view."""
    pattern = re.compile(r"except\s*\(?[^:]*\b(EditConflict|ValidationError)\b")
    offenders = [
        f"{path.parent.name}/views.py:{number}"
        for path in _views_modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.search(line) and "EditConflict" in line
    ]
    assert not offenders, offenders
