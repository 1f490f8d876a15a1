"""Every named URL × every role × anonymous → the expected outcome (see permission_matrix.py)."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from comptes.concurrency import ExpectedVersionMixin
from comptes.models import JournalAcces
from tests.permission_matrix import ALL_ROLES, load_matrix, record_kwargs

MATRIX = load_matrix()
# Framework-owned URLs (admin, allauth, language switch) are covered by their own tests.
FRAMEWORK_NAMESPACES = {"admin"}
FRAMEWORK_MODULE_PREFIXES = ("allauth.", "django.")


def _named_urls(resolver=None, namespace=None):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in FRAMEWORK_NAMESPACES:
                continue
            module = getattr(entry.urlconf_module, "__name__", "")
            if module.startswith(FRAMEWORK_MODULE_PREFIXES):
                continue
            full = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from _named_urls(entry, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def test_every_named_url_has_an_entry_in_the_matrix():
    names = set(_named_urls())
    missing = sorted(names - MATRIX.keys())
    assert not missing, f"URLs without an expected outcome per role: {missing}"
    stale = sorted(MATRIX.keys() - names)
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


CASES = [(name, role) for name in sorted(MATRIX) for role in [None, *ALL_ROLES]]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "role"), CASES, ids=[f"{n}-{r or 'anonyme'}" for n, r in CASES])
def test_permission_matrix(client, make_user, url_name, role):
    expect = MATRIX[url_name]
    kwargs = expect.args()
    url = reverse(url_name, kwargs=kwargs)
    if role is not None:
        client.force_login(make_user(role))
    last_row = JournalAcces.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = getattr(client, expect.method)(url)
    if expect.method == "get" and response.status_code == 200:
        _check_access_log(url_name, kwargs, JournalAcces.objects.filter(pk__gt=last_row))
    if role is None and not expect.public:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role is None or role in expect.allowed:
        assert response.status_code < 400, response.status_code
    else:
        assert response.status_code == expect.denied
    if response.get("Content-Type", "").startswith("text/html") and response.status_code == 200:
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "INVALID_TEMPLATE_VARIABLE" not in response.content.decode(), "unknown variable in a template"
        form = response.context.get("form") if response.context else None
        if isinstance(form, ExpectedVersionMixin) and form.expects_version():
            # Without it every save of the page would be refused (comptes.concurrency).
            assert 'name="version_attendue"' in response.content.decode(), "the form does not send its version"


def _check_access_log(url_name, kwargs, rows):
    """A page that shows a record writes exactly one access-log row naming it; any page writes at most one."""
    rows = list(rows)
    records = record_kwargs(kwargs)
    if records and not MATRIX[url_name].unlogged:
        assert len(rows) == 1, f"{url_name} names a record and wrote {len(rows)} access-log rows instead of one"
        assert rows[0].object_id == str(records[0]), f"{url_name} logged another record than the one it names"
    else:
        assert len(rows) <= 1, f"{url_name} wrote {len(rows)} access-log rows for one request"


SECOND_FACTOR_CASES = sorted(name for name, e in MATRIX.items() if e.needs_2fa and not e.public)


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", SECOND_FACTOR_CASES)
def test_no_page_without_a_second_factor(client, make_user, url_name):
    expect = MATRIX[url_name]
    user = make_user(next(iter(expect.allowed)) if expect.allowed else None, second_factor=False)
    client.force_login(user)
    response = getattr(client, expect.method)(reverse(url_name, kwargs=expect.args()))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
