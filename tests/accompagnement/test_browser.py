"""The searchable pickers in a real browser: the filter box of a bounded list of persons."""

import re

import pytest

from comptes.permissions import Role
from tests.accompagnement.factories import AffaireFactory, ExploitationFactory, PersonneFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_persons_of_a_case_are_filtered_by_typing_without_accents(login_page, live_server):
    affaire = AffaireFactory(reference="A-2026-0958")
    for nom, prenom in [("Ouédraogo", "Awa"), ("Diallo", "Fatou"), ("Ouattara", "Mariam")]:
        ExploitationFactory(affaire=affaire, personne=PersonneFactory(nom=nom, prenom=prenom))
    page, user = login_page(Role.JURIDIQUE)
    page.goto(f"{live_server.url}/juridique/procedures/nouvelle/?affaire={affaire.pk}")
    filtre = page.locator("#filtre-personnes")
    filtre.focus()  # reachable and usable with the keyboard alone
    page.keyboard.type("ouedraogo")
    visibles = page.locator("input[name=personnes]:visible")
    visibles.first.wait_for()
    page.wait_for_function("document.querySelectorAll('input[name=personnes]').length === 3")
    assert visibles.count() == 1
    assert re.search("OUÉDRAOGO|Ouédraogo", page.locator("input[name=personnes]:visible >> xpath=..").inner_text())
    page.keyboard.press("Tab")  # to the one checkbox left
    page.keyboard.press("Space")
    assert visibles.first.is_checked()
    filtre.fill("")
    assert page.locator("input[name=personnes]:visible").count() == 3
