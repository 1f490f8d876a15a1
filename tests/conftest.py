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


def _base_du_test(request) -> str | None:
    """The database fixture a test uses ("db", or "transactional_db" for a browser test, a worker
    test or `django_db(transaction=True)`), None for a test without the database."""
    marqueur = request.node.get_closest_marker("django_db")
    if {"transactional_db", "live_server"} & set(request.fixturenames) or (
        marqueur is not None and marqueur.kwargs.get("transaction")
    ):
        return "transactional_db"
    return "db" if "db" in request.fixturenames or marqueur is not None else None


@pytest.fixture(autouse=True)
def _content_types_cached(request):
    """Each test starts with every content type in Django's cache, as a running server soon has them,
    so a pinned query count does not depend on which tests ran before (a cached type saves a query);
    and with the rows data migrations seed, whatever flush an earlier transactional test made."""
    if _base_du_test(request) is None:
        return
    from importlib import import_module

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    request.getfixturevalue("django_db_setup")  # the test database, never the configured one
    ContentType.objects.clear_cache()
    with request.getfixturevalue("django_db_blocker").unblock():
        ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)
        # Rows seeded by data migrations, which a browser or worker test's flush removes.
        if not apps.get_model("echeances", "DelaiRecours").objects.exists():
            import_module("echeances.migrations.0002_delais_recours").seed(apps, None)


@pytest.fixture(autouse=True)
def _syntheses_exactes(request):
    """After every test that used the database, each person's summary (`accompagnement.synthese`)
    equals what their records give: a write path that bypasses its upkeep fails the first test
    that takes it, whatever the test was about."""
    base = _base_du_test(request)
    if base is None:
        yield
        return
    request.getfixturevalue(base)  # torn down after this check
    yield
    from django.db import connection

    from accompagnement import synthese

    if getattr(connection, "closed_in_transaction", False) or (
        connection.connection is not None and not connection.is_usable()
    ):
        return  # the test closed its connection (a streamed response's end): its rows went with it

    ecarts = synthese.ecarts()
    assert not ecarts, f"persons whose summary differs from their records: {ecarts[:10]}"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
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
        # Each test's documents in its own folder (the bytes are encrypted with the DEBUG key).
        "documents": {**settings.STORAGES["documents"], "OPTIONS": {"location": tmp_path / "documents"}},
    }


@pytest.fixture
def travel_to(time_machine):
    """Move the clock to 10:00 (local time) on a given day, the clock still ticking: tests that count
    days from "today" use a fixed day, so a run across midnight cannot break them."""
    import datetime
    from zoneinfo import ZoneInfo

    from django.conf import settings

    def _travel(day: datetime.date) -> datetime.date:
        instant = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo(settings.TIME_ZONE))
        time_machine.move_to(instant, tick=True)
        return day

    return _travel


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
def login_page(guarded_page, live_server, make_user, time_machine):
    """Log in through the real forms (password, then TOTP code). Returns (page, user)."""
    from allauth.mfa import app_settings as mfa_settings
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
        # A code is valid for its own period only (no tolerance): take the clock (shared with the live
        # server's thread) back to the start of the current period, so the code stays valid for the
        # whole period whatever second the test reached this line at.
        period = mfa_settings.TOTP_PERIOD
        time_machine.move_to(time.time() // period * period + 0.5, tick=True)
        counter = list(yield_hotp_counters_from_time())[0]
        page.fill("input[name=code]", format_hotp_value(hotp_value(TEST_TOTP_SECRET, counter)))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(f"{live_server.url}/")
        return page, user

    return _login


@pytest.fixture
def real_broker(request, settings):
    """Tasks sent through the configured Redis broker to a worker started by the test (the `worker`
    marker, added from this fixture, skips the test where no broker is configured)."""
    from ccem.celery import app

    assert settings.CELERY_BROKER_URL, "pytest_collection_modifyitems skips worker tests without a broker"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


# --- Tests that need a service the machine may lack ------------------------------------------
# A fresh machine may have neither Chromium nor Redis: their tests are skipped there, with one
# line saying what to install; CI (CCEM_REQUIRE_SERVICES=1) fails them instead.
REQUIRE_SERVICES = os.environ.get("CCEM_REQUIRE_SERVICES") == "1"


def _services():
    """{marker: (a fixture that implies the marker, what is missing and how to get it, or None)}."""
    from django.conf import settings

    chromium = None
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        chromium = (
            f"Chromium not found at {CHROMIUM}: install it (Debian/Ubuntu: `apt-get install chromium`) "
            "or set CHROMIUM_PATH"
        )
    broker = None
    if not settings.CELERY_BROKER_URL:
        broker = (
            "no Celery broker: install and start Redis (`apt-get install redis-server`) and set "
            "CELERY_BROKER_URL=redis://127.0.0.1:6379/0 (.ci/run does both)"
        )
    return {"browser": ("page", chromium), "worker": ("real_broker", broker)}


_skipped_for: dict[str, tuple[str, set[str]]] = {}
_missing_key = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config, items):
    for marker, (fixture, missing) in _services().items():
        for item in items:
            if fixture in item.fixturenames and not item.get_closest_marker(marker):
                item.add_marker(marker)
            if missing and item.get_closest_marker(marker):
                if REQUIRE_SERVICES:
                    item.stash[_missing_key] = missing
                else:
                    item.add_marker(pytest.mark.skip(reason=missing))
                    _skipped_for.setdefault(marker, (missing, set()))[1].add(item.nodeid)


@pytest.hookimpl(tryfirst=True)  # before the fixtures would fail less clearly
def pytest_runtest_setup(item):
    if missing := item.stash.get(_missing_key, None):
        pytest.fail(f"CCEM_REQUIRE_SERVICES=1 and {missing}.", pytrace=False)


def pytest_terminal_summary(terminalreporter):
    skipped = {report.nodeid for report in terminalreporter.stats.get("skipped", [])}
    for marker, (missing, nodeids) in _skipped_for.items():
        if count := len(nodeids & skipped):
            terminalreporter.write_line(f"SKIPPED {count} {marker} tests: {missing}.", yellow=True, bold=True)
