"""Shared fixtures. Test settings are strict: warnings are errors (pyproject), fast hasher,
no network (Celery inline unless a worker test asks for the real broker)."""

import os
import time

import pytest

# Playwright runs an event loop in the test thread; Django's ORM must be allowed there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from comptes.permissions import Role  # noqa: E402

INVALID_MARKER = "INVALID_TEMPLATE_VARIABLE(%s)"
from tests.factories import UserFactory  # noqa: E402


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CRISPY_FAIL_SILENTLY = False
    # Unknown variables in our templates show up as a marker that the permission-matrix test looks for.
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"], "string_if_invalid": INVALID_MARKER}}
    ]
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


# --- Browser tests (Playwright driving Debian's Chromium) ------------------------------------

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def guarded_page(page, live_server):
    """A page that fails the test on any CSP violation, console error or request to another host."""
    from urllib.parse import urlparse

    problems: list[str] = []
    local_host = urlparse(live_server.url).hostname

    def on_console(message):
        if message.type == "error" or "Content Security Policy" in message.text:
            problems.append(f"console {message.type}: {message.text}")

    def on_request(request):
        url = urlparse(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != local_host:
            problems.append(f"request to another host: {request.url}")

    page.on("console", on_console)
    page.on("request", on_request)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.set_default_timeout(10_000)
    page.problems = problems
    yield page
    assert not problems, problems


@pytest.fixture
def login_page(guarded_page, live_server, make_user):
    """Log in through the real forms (password, then TOTP code). Returns (page, user)."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from tests.factories import TEST_TOTP_SECRET

    def _login(role: str | None, **kwargs):
        user = make_user(role, **kwargs)
        page = guarded_page
        page.goto(f"{live_server.url}/")
        page.fill("input[name=login]", user.username)
        page.fill("input[name=password]", "correct-horse-battery-staple")
        page.locator("main form button[type=submit]").first.click()
        page.locator("input[name=code]").wait_for()
        # The code is valid for its 30-second period only (no tolerance): never type one that is
        # about to expire before the server checks it.
        if time.time() % 30 > 25:
            time.sleep(30 - time.time() % 30 + 0.2)
        counter = list(yield_hotp_counters_from_time())[0]
        page.fill("input[name=code]", format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter)))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/")
        return page, user

    return _login


@pytest.fixture
def real_broker(settings):
    """Tasks sent through the configured Redis broker to a worker started by the test; skipped
    without a broker (embedded mode), a failure in CI (CCEM_REQUIRE_SERVICES=1)."""
    from ccem.celery import app

    if not settings.CELERY_BROKER_URL:
        if os.environ.get("CCEM_REQUIRE_SERVICES") == "1":
            pytest.fail("CELERY_BROKER_URL is required in CI: the worker test must not be skipped.")
        pytest.skip("No broker configured (embedded mode): run under .ci/run or set CELERY_BROKER_URL.")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True
