"""The Administrateur imports the example files in a real browser: upload, preview, confirm."""

from pathlib import Path

import pytest
from django.conf import settings

from accompagnement.models import Personne
from comptes.permissions import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EXEMPLES = Path(settings.BASE_DIR) / "docs" / "exemples-import"


def test_administrator_previews_then_confirms_an_import(login_page, live_server):
    page, _user = login_page(Role.ADMINISTRATEUR)
    page.locator("main a[href='/donnees/import/']").first.click()
    page.set_input_files("input[name=fichiers]", sorted(str(p) for p in EXEMPLES.glob("*.csv")))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() in ("Import preview", "Aperçu de l'import")
    assert Personne.objects.count() == 0
    page.locator("main form[action='/donnees/import/confirmer/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() in ("Import done", "Import effectué")
    assert Personne.objects.count() == 3

    page.goto(f"{live_server.url}/donnees/personnes/?q=D-1998")
    page.locator("main a", has_text="D-1998-014").click()
    page.locator("main a[href$='/anonymiser/']").click()
    page.fill("input[name=confirmation]", "D-1998-014")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert Personne.objects.get(numero_dossier="D-1998-014").nom == "ANONYME"
