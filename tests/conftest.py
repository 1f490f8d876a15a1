"""Shared fixtures. Test settings are strict: warnings are errors (pyproject), fast hasher,
no network (Celery inline unless a worker test asks for the real broker)."""

import os

import pytest

# Playwright runs an event loop in the test thread; Django's ORM must be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from comptes.permissions import Role  # noqa: E402
from tests.factories import UserFactory  # noqa: E402


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def make_user(db):
    def _make(role: str | None = None, **kwargs):
        return UserFactory(role=role, **kwargs)

    return _make


@pytest.fixture
def client_for(client, make_user):
    """A test client logged in (with a second factor enrolled) as a fresh user of `role`."""

    def _client(role: str | None, **kwargs):
        user = make_user(role, **kwargs)
        client.force_login(user)
        client.user = user
        return client

    return _client


@pytest.fixture
def accueil_client(client_for):
    return client_for(Role.ACCUEIL)


@pytest.fixture
def direction_client(client_for):
    return client_for(Role.DIRECTION)
