"""A coordinator opens the year's report, launches the PDF, waits for it and downloads it."""

import pytest
from playwright.sync_api import expect

from comptes.permissions import Role
from rapports.models import GenerationPDF, SaisieAnnuelle

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_direction_opens_the_report_generates_and_downloads_the_pdf(login_page, live_server, tmp_path):
    SaisieAnnuelle.objects.create(annee=2024, cle="benevoles", valeur=71)
    page, user = login_page(Role.DIRECTION)
    page.get_by_role("link", name="Rapports", exact=True).first.click()
    page.get_by_role("link", name="Rapport 2024").click()
    page.wait_for_url(f"{live_server.url}/rapports/2024/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rapport d'activité 2024"
    assert page.locator("#benevoles td").first.inner_text() == "71"

    page.select_option("#id_langue", "en")
    page.set_default_timeout(90_000)  # embedded mode: the PDF is rendered within the request
    page.get_by_role("button", name="Générer le PDF").click()
    page.wait_for_url(f"{live_server.url}/rapports/pdf/*/")
    page.locator("#telecharger").wait_for(timeout=60_000)
    with page.expect_download() as attente:
        page.locator("#telecharger").click()
    fichier = tmp_path / "rapport.pdf"
    attente.value.save_as(fichier)
    assert fichier.read_bytes().startswith(b"%PDF")
    assert attente.value.suggested_filename == "ccem-activity-report-2024.en.pdf"
    assert GenerationPDF.objects.get().demande_par == user


def test_status_page_follows_the_worker_until_the_pdf_is_ready(login_page, live_server):
    """The static script polls the JSON state and shows the result once the worker is done."""
    page, user = login_page(Role.DIRECTION)
    generation = GenerationPDF.objects.create(annee=2024, demande_par=user, statut=GenerationPDF.Statut.EN_COURS)
    page.goto(f"{live_server.url}/rapports/pdf/{generation.pk}/")
    assert page.locator("#progression").is_visible()
    GenerationPDF.objects.filter(pk=generation.pk).update(progression=60)
    expect(page.locator("#progression")).to_have_attribute("value", "60")
    GenerationPDF.objects.filter(pk=generation.pk).update(statut=GenerationPDF.Statut.ECHEC, erreur="OSError: no space")
    page.locator("#erreur").wait_for()
    assert "OSError: no space" in page.locator("#erreur").inner_text()
    assert page.get_by_role("button", name="Relancer").is_visible()
