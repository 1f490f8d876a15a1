"""Reception's workflow in a real browser: from the report to the new person's page."""

import datetime
import re

import pytest

from accompagnement.models import EntreeJournal, Personne
from comptes.permissions import Role
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def soumettre(page):
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()


def test_accueil_takes_a_report_to_support_and_reaches_the_person(login_page, live_server):
    page, user = login_page(Role.ACCUEIL)
    page.locator("nav a[href='/accueil/']").click()
    page.locator("main a[href='/accueil/nouveau/']").click()
    page.fill("input[name=date_reception]", "2024-05-02")
    page.select_option("select[name=canal]", "telephone")
    page.select_option("select[name=source_type]", "association_service_social")
    page.fill("input[name=source_organisation]", "Secours Catholique")
    page.select_option("select[name=departement_faits]", "92")
    page.fill("input[name='victimes-0-nom']", "Dela Cruz")
    page.fill("input[name='victimes-0-prenom']", "Rosalia")
    page.select_option("select[name='victimes-0-nationalite']", "PH")
    # A collective situation: a fourth line is added in the page for a second person.
    page.locator("button[data-formset-add=victimes]").click()
    page.fill("input[name='victimes-3-nom']", "Reyes")
    page.fill("input[name='victimes-3-prenom']", "Maricel")
    soumettre(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Signalement S-2024-0001")

    page.locator("main a[href$='/questionnaire/']").click()
    page.fill("input[name=consentement_date]", "2024-05-03")
    page.fill("input[name=date]", "2024-05-03")
    soumettre(page)
    page.locator("main a[href$='/entretien/']").click()
    page.fill("input[name=date]", "2024-05-10")
    page.fill("textarea[name=compte_rendu]", "Entretien avec interprète.")
    soumettre(page)
    assert "Entretien d'identification" in page.locator("main").inner_text()

    page.locator("main a[href$='/decision/']").click()
    page.locator("input[name=decision][value=accompagnement]").check()
    page.fill("input[name=date_decision]", "2024-05-15")
    soumettre(page)
    assert Personne.objects.count() == 2
    personne = Personne.objects.get(nom="Dela Cruz")
    # The landing lists both persons and their files; the first leads to her page.
    page.wait_for_url(re.compile(r".*/decision/resultat/$"))
    assert page.locator("#decision-resultat tbody tr").count() == 2
    page.locator(f"#decision-resultat a[href='/file-active/personnes/{personne.pk}/']").click()
    page.wait_for_url(re.compile(rf".*/file-active/personnes/{personne.pk}/$"))
    assert "DELA CRUZ" in page.get_by_role("heading", level=1).inner_text()
    assert "S-2024-0001" in page.locator("main").inner_text()

    # A colleague finds the person in the file active; the psychologist's notes stay hidden.
    EntreeJournal.objects.create(
        personne=personne,
        date=datetime.date(2024, 6, 1),
        pole="psy",
        type="entretien",
        texte="Note de la psychologue",
        auteur=UserFactory(role=Role.PSYCHOLOGUE),
    )
    page.goto(f"{live_server.url}/file-active/?q=dela+cruz")
    page.locator(f"main a[href='/file-active/personnes/{personne.pk}/']").first.click()
    page.wait_for_load_state()
    assert "Rosalia" in page.locator("main").inner_text()
    assert "Note de la psychologue" not in page.content()


def test_decision_picks_a_case_with_the_keyboard_and_lists_both_files(login_page, live_server):
    """Two persons, one duplicate check (at entry), the case searched in the picker with the keyboard
    only, and a landing that lists both files; the global search then finds the person either way."""
    from accompagnement.models import Affaire
    from tests.accompagnement.factories import AffaireFactory, PersonneFactory
    from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

    existante = PersonneFactory(nom="Ouédraogo", prenom="Awa")
    AffaireFactory(reference="A-2026-0957", intitule="Restaurant, Lyon")
    affaire = AffaireFactory(reference="A-2026-0958", intitule="Atelier de couture, Aubervilliers")
    signalement = SignalementFactory(consenti=True, reference="S-2026-0100")
    PersonneSignaleeFactory(signalement=signalement, nom="Ouedraogo", prenom="Awa", personne=existante)
    PersonneSignaleeFactory(signalement=signalement, nom="Zyxwvu", prenom="Nina")
    page, user = login_page(Role.ACCUEIL)
    page.goto(f"{live_server.url}/accueil/{signalement.pk}/decision/")
    page.locator("input[name=decision][value=accompagnement]").check()
    page.fill("input[name=date_decision]", "2026-03-02")
    boite = page.locator("input[name=affaire]")
    boite.focus()
    page.keyboard.type("couture aubervil")
    suggestion = page.locator("datalist#id_affaire-suggestions option")
    suggestion.first.wait_for(state="attached")
    assert suggestion.count() == 1 and suggestion.first.get_attribute("value") == str(affaire)
    boite.fill(suggestion.first.get_attribute("value"))  # what picking the suggestion with Enter writes
    page.keyboard.press("Enter")  # submits the form
    page.wait_for_url(re.compile(r".*/decision/resultat/$"))
    lignes = page.locator("#decision-resultat tbody tr")
    assert lignes.count() == 2
    assert "A-2026-0958" in lignes.nth(0).inner_text() and "A-2026-0958" in lignes.nth(1).inner_text()
    assert Affaire.objects.count() == 2  # no new case
    # The navigation's search box finds her, first name first and without accents.
    page.fill("#nav-recherche", "Awa Ouedraogo")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/recherche/\?q=.*"))
    page.locator(f"main a[href='{existante.get_absolute_url()}']").click()
    page.wait_for_url(re.compile(rf".*{existante.get_absolute_url()}$"))
