"""Recording an intervention through a real browser, then finding it in the list and the yearly summary."""

import pytest

from comptes.permissions import Role
from sensibilisation.models import Intervention

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_an_intervention_and_find_it_in_the_list_and_the_summary(login_page, live_server):
    page, user = login_page(Role.SENSIBILISATION)
    page.goto(f"{live_server.url}/sensibilisation/")
    page.get_by_role("link", name="Enregistrer une intervention").first.click()
    page.fill("#id_date", "2024-06-18")
    page.select_option("#id_type", "formation_continue")
    page.select_option("#id_statut", "realisee")
    page.fill("#id_titre", "Formation flash Jeux de Paris")
    page.fill("#id_organisme", "Miprof")
    page.fill("#id_commune", "Paris")
    page.select_option("#id_departement", "75")
    page.fill("#id_duree_heures", "2")
    page.get_by_role("checkbox", name=user.get_full_name()).check()
    page.fill("#id_nb_professionnels_droit", "300")
    page.fill("#id_nb_gendarmerie", "36")
    page.fill("#id_nb_grand_public", "14")
    # The totals follow the input.
    assert page.locator("#total-participants").inner_text().replace("\u202f", "").replace(" ", "") == "350"
    assert page.locator("#total-professionnels").inner_text().replace("\u202f", "").replace(" ", "") == "336"
    page.select_option("#id_materiel-0-support", "brochure")
    page.select_option("#id_materiel-0-langue", "fr")
    page.fill("#id_materiel-0-quantite", "50")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(f"{live_server.url}/sensibilisation/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Formation flash Jeux de Paris"
    assert "350" in page.locator("#participants").inner_text()
    intervention = Intervention.objects.get()
    assert intervention.cree_par == user

    page.goto(f"{live_server.url}/sensibilisation/?annee=2024&q=jeux")
    assert page.locator("#interventions tbody tr").count() == 1
    assert "Formation flash Jeux de Paris" in page.locator("#interventions").inner_text()

    page.get_by_role("link", name="Bilan annuel").click()
    page.select_option("#annee", "2024")
    page.wait_for_url("**annee=2024")
    assert page.locator("#nb-interventions").inner_text() == "1"
    assert page.locator("#nb-participants").inner_text().replace("\u202f", "").replace(" ", "") == "350"
    assert page.locator("#part-professionnels").inner_text().startswith("96")
    assert "75 – Paris" in page.locator("#lieux").inner_text()
