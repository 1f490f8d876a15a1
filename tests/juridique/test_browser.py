"""In a real browser: open criminal proceedings for two persons of a collective case, add a hearing,
find it in the month calendar and in the iCalendar feed."""

import datetime
import re

import pytest
from django.utils import timezone

from comptes.permissions import Role
from juridique.models import Procedure
from tests.accompagnement.factories import AffaireFactory
from tests.juridique.factories import personnes_dans_affaire

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_criminal_proceedings_hearing_calendar_and_feed(login_page, live_server, browser):
    affaire = AffaireFactory(reference="A-2026-042", intitule="Exploitation agricole, Vaucluse")
    a, b, c = personnes_dans_affaire(affaire, 3)
    for personne, nom in zip((a, b, c), ("Zerbinatti", "Quelennec", "Ostrowska"), strict=True):
        personne.nom = nom
        personne.save()
    page, _user = login_page(Role.JURIDIQUE)

    # Open the proceedings: choose the case, then two of its three persons.
    page.goto(f"{live_server.url}/juridique/")
    page.locator("main a[href='/juridique/procedures/nouvelle/']").first.click()
    page.fill("input[name=q]", "2026-042")
    page.locator("main form button[type=submit]").click()
    page.locator(f"#affaires a[href='?affaire={affaire.pk}']").click()
    page.check(f"input[name=personnes][value='{a.pk}']")
    page.check(f"input[name=personnes][value='{b.pk}']")
    page.select_option("select[name=type]", "penal")
    page.fill("input[name=juridiction]", "Tribunal judiciaire d'Avignon")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/juridique/procedures/\d+/$"))
    procedure = Procedure.objects.get()
    assert set(procedure.personnes.all()) == {a, b}
    assert c.numero_dossier not in page.locator("#personnes").inner_text()

    # Add a hearing with its time and court room.
    jour = timezone.localdate() + datetime.timedelta(days=20)
    page.locator(f"main a[href='/juridique/procedures/{procedure.pk}/etapes/nouvelle/']").click()
    page.select_option("select[name=type]", "audience_1re_instance")
    page.fill("input[name=date]", jour.isoformat())
    page.fill("input[name=heure]", "14:00")
    page.fill("input[name=salle]", "Salle 3")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/juridique/procedures/{procedure.pk}/")
    assert "14:00" in page.locator("#chronologie").inner_text()

    # It is in the month view, on its day.
    page.goto(f"{live_server.url}/juridique/agenda/mois/?mois={jour:%Y-%m}")
    cellule = page.locator(f"td[data-date='{jour.isoformat()}']")
    assert "14:00" in cellule.inner_text() and "A-2026-042" in cellule.inner_text()
    cellule.locator("a.evenement").click()
    page.wait_for_url(f"{live_server.url}/juridique/procedures/{procedure.pk}/")

    # And in the personal feed, fetched without a session.
    page.goto(f"{live_server.url}/juridique/agenda/abonnements/")
    page.fill("input[name=libelle]", "Téléphone")
    page.locator("main form button[type=submit]").first.click()
    url = page.locator("#url-flux").input_value()
    anonyme = browser.new_context()
    response = anonyme.request.get(url)
    body = response.text()
    anonyme.close()
    assert response.status == 200
    assert body.startswith("BEGIN:VCALENDAR")
    unfolded = body.replace("\r\n ", "")
    assert f"A-2026-042/P{procedure.pk}" in unfolded and "LOCATION:Tribunal judiciaire d'Avignon\\, Salle 3" in unfolded
    for personne in (a, b):
        assert personne.nom not in unfolded and personne.numero_dossier not in unfolded
