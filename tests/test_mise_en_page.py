"""Layout: no page lets an element overflow its box, on a laptop (1 280 px) and a tablet (768 px).

The pages are every HTML page of the permission matrix (so a new URL is covered the day it gets its
matrix entry), each opened by a role allowed to read it, plus a person page full of records, shown
on screen and as printed on A4: there every table column must be visible, with no scrolling either.
"""

import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from comptes.permissions import Role
from tests.permission_matrix import load_matrix

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MATRIX = load_matrix()
LARGEURS = [1280, 768]
A4_IMPRIMABLE = 700  # px: 210 mm less 12 mm margins on each side, at 96 px per inch
# Who opens a page: the first of these roles it allows (management sees the most).
ORDRE_DES_ROLES = [
    Role.DIRECTION,
    Role.PSYCHOSOCIAL,
    Role.JURIDIQUE,
    Role.ACCUEIL,
    Role.PSYCHOLOGUE,
    Role.SENSIBILISATION,
    Role.ADMINISTRATEUR,
]


def lecteur(expect) -> str | None:
    return next((role for role in ORDRE_DES_ROLES if role in expect.allowed), None)


PAGES = {
    name: lecteur(expect)
    for name, expect in sorted(MATRIX.items())
    if expect.method == "get" and not expect.public and lecteur(expect) and not name.startswith("admin:")
}
ROLES = sorted({role for role in PAGES.values()})

# In the page: every visible element of <main> whose content is cut by a box that hides its overflow, whose
# text spills out, that sticks out of its parent, a select or read-only field too narrow for its value, a file
# number broken across lines. `strict`: a box that scrolls sideways counts too (the person page must show
# every column without scrolling).
DEBORDEMENTS = (Path(__file__).parent / "debordements.js").read_text()


def debordements(page, *, strict: bool = False) -> list[str]:
    page.wait_for_load_state("load")
    return page.evaluate(DEBORDEMENTS, strict)


def visiter(page, url: str, *, strict: bool = False) -> list[str]:
    """The overflows of `url` at each width ([] for what is not an HTML page: files, feeds)."""
    reponse = page.request.get(url, max_redirects=0)
    if reponse.status != 200 or not reponse.headers.get("content-type", "").startswith("text/html"):
        return []
    trouves = []
    for largeur in LARGEURS:
        page.set_viewport_size({"width": largeur, "height": 900})
        page.goto(url)
        trouves += [f"{url} at {largeur} px: {d}" for d in debordements(page, strict=strict)]
    return trouves


@pytest.mark.parametrize("role", ROLES)
def test_no_page_overflows_at_laptop_and_tablet_width(login_page, live_server, role):
    page, _user = login_page(role)
    trouves = []
    for name, lecteur_de_la_page in PAGES.items():
        if lecteur_de_la_page != role:
            continue
        url = live_server.url + reverse(name, kwargs=MATRIX[name].args())
        trouves += visiter(page, url)
    assert not trouves, "\n".join(trouves)


def personne_bien_remplie():
    """A person with several records in every unit, long labels included."""
    from tests.accompagnement.factories import AccompagnementFactory, ExploitationFactory, SuiviFactory
    from tests.juridique.factories import EtapeFactory, ProcedureFactory, TitreSejourFactory
    from tests.psychosocial.factories import AideFactory, DemarcheFactory, HebergementFactory

    personne = AccompagnementFactory(
        personne__nom="Ouedraogo-Kabore", personne__prenom="Awa Mariam", personne__numero_dossier="D-2011-0016"
    ).personne
    SuiviFactory(personne=personne, pole="juridique")
    ExploitationFactory(personne=personne)
    for i in range(3):
        HebergementFactory(personne=personne, date_entree=datetime.date(2024, 3, 1 + i), nb_enfants=i)
        DemarcheFactory(personne=personne, date_depot=datetime.date(2024, 4, 1 + i))
        AideFactory(personne=personne, date=datetime.date(2024, 5, 1 + i))
        procedure = ProcedureFactory(personnes=[personne], juridiction="Conseil de prud'hommes de Bobigny")
        EtapeFactory(procedure=procedure)
    TitreSejourFactory(personne=personne, accorde=True, date_demande=datetime.date(2025, 1, 6))
    return personne


def test_person_page_shows_every_column_on_screen_and_on_paper(login_page, live_server):
    page, _user = login_page(Role.DIRECTION)
    url = live_server.url + reverse("accompagnement:personne", args=[personne_bien_remplie().pk])
    trouves = visiter(page, url, strict=True)
    page.set_viewport_size({"width": A4_IMPRIMABLE, "height": 1000})
    page.emulate_media(media="print")
    page.goto(url)
    assert page.locator("main table").count() >= 4  # the units' tables are there, visible when printed
    trouves += [f"{url} printed: {d}" for d in debordements(page, strict=True)]
    assert not trouves, "\n".join(trouves)


def test_second_factor_enrolment_shows_the_whole_secret(guarded_page, live_server, make_user):
    """The one page seen before the second factor: the TOTP secret must not be cut in its box."""
    user = make_user(Role.ACCUEIL, second_factor=False)
    page = guarded_page
    page.goto(f"{live_server.url}/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", "correct-horse-battery-staple")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/reauthenticate/**")  # enrolling a factor asks for the password again
    page.fill("input[name=password]", "correct-horse-battery-staple")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}{reverse('mfa_activate_totp')}")
    trouves = []
    for largeur in LARGEURS:
        page.set_viewport_size({"width": largeur, "height": 900})
        page.reload()
        trouves += [f"at {largeur} px: {d}" for d in debordements(page)]
    assert not trouves, "\n".join(trouves)
