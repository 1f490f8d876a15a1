"""WCAG 2.1 A/AA on every main page, for each role, in French and in English (issue 17, item 8).

axe-core (tests/vendor/axe.min.js, MPL-2.0, from the npm package `axe-core`; licence alongside) is
evaluated in each page by the test driver, which the page's CSP does not restrict: the application
itself never serves it. The main pages are the pages of the permission matrix that take no URL
argument (lists, dashboards, forms to create), as each role reaches them from the menu.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import NoReverseMatch, reverse

from comptes.permissions import Role
from tests.permission_matrix import PREFERENCE, load_matrix

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
REGLES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AUDIT = """async (regles) => {
    const r = await axe.run(document, {runOnly: {type: "tag", values: regles}, resultTypes: ["violations"]});
    const cibles = v => v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ");
    return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${cibles(v)}`);
}"""


def pages_sans_argument() -> set[str]:
    noms = set()
    for nom in load_matrix():
        try:
            reverse(nom)
        except NoReverseMatch:
            continue
        noms.add(nom)
    return noms


def pages_principales(role) -> list[str]:
    """Names of the pages without URL argument a role may open."""
    matrice = load_matrix()
    return sorted(n for n in pages_sans_argument() if matrice[n].method == "get" and role in matrice[n].allowed)


def _contexte(browser, live_server, user, langue):
    """A browser context logged in as `user` (a session made by Django's test client) in `langue`."""
    client = Client()
    client.force_login(user)
    cookies = [
        {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value},
        {"name": settings.LANGUAGE_COOKIE_NAME, "value": langue},
    ]
    contexte = browser.new_context()
    contexte.add_cookies([{**c, "url": live_server.url} for c in cookies])
    return contexte, client


def test_the_vendored_axe_is_the_licensed_npm_build():
    assert AXE.startswith("/*! axe v4.") and "Mozilla Public" in AXE[:500]
    assert "Mozilla Public License, version 2.0" in (Path(__file__).parent / "vendor" / "axe-core-LICENSE").read_text()


def test_the_audit_reports_a_violation(page):
    """The audit is live: an unlabelled field and a low-contrast text are reported."""
    page.set_content(
        '<html lang="fr"><body><main><input type="text"><p style="color:#bbb">gris</p></main></body></html>'
    )
    page.evaluate(AXE)
    violations = page.evaluate(AUDIT, REGLES)
    assert any(v.startswith("label ") for v in violations) and any(v.startswith("color-contrast ") for v in violations)


def _auditer(browser, live_server, user, urls) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on each HTML page of `urls`, in French then in English."""
    violations = []
    for langue in ("fr", "en"):
        contexte, client = _contexte(browser, live_server, user, langue)
        page = contexte.new_page()
        page.set_default_timeout(15_000)
        for url in urls:
            # Files (CSV, calendar, PDF) are not pages: ask the test client first.
            reponse = client.get(url)
            if reponse.status_code != 200 or not reponse["Content-Type"].startswith("text/html"):
                continue
            page.goto(live_server.url + url)
            assert page.locator("html").get_attribute("lang") == langue
            page.evaluate(AXE)
            violations += [f"{langue} {url}: {v}" for v in page.evaluate(AUDIT, REGLES)]
        contexte.close()
    return violations


@pytest.mark.parametrize("role", list(Role))
def test_every_main_page_meets_wcag_21_aa(browser, live_server, make_user, role):
    violations = _auditer(browser, live_server, make_user(role), [reverse(n) for n in pages_principales(role)])
    assert not violations, "\n".join(violations)


def test_every_record_page_meets_wcag_21_aa(browser, live_server, make_user):
    """The pages that show a record (person, report, proceeding…), each for the first role allowed of
    Direction, legal, psycho-social…, with the example record of the permission matrix."""
    matrice = load_matrix()
    par_role: dict[str, list[str]] = {}
    for nom, attendu in sorted(matrice.items()):
        if attendu.method != "get" or nom in pages_sans_argument() or not attendu.allowed:
            continue
        role = next(r for r in PREFERENCE if r in attendu.allowed)
        par_role.setdefault(role, []).append(reverse(nom, kwargs=attendu.args()))
    assert sum(len(urls) for urls in par_role.values()) > 30
    violations = []
    for role, urls in par_role.items():
        violations += _auditer(browser, live_server, make_user(role), urls)
    assert not violations, "\n".join(violations)
