"""The psycho-social unit's main paths in a real browser (French interface, CSP enforced)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from comptes.permissions import Role
from psychosocial.models import AideFinanciere, Hebergement, PassageCourrier
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.psychosocial import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_a_shelter_stay_and_an_aid_from_the_person_psychosocial_page(login_page, live_server):
    page, user = login_page(Role.PSYCHOSOCIAL)
    personne = AccompagnementFactory(personne=PersonneFactory(nom="Reyes", prenom="Luz")).personne
    page.goto(f"{live_server.url}/psycho-social/personnes/{personne.pk}/")
    assert "REYES Luz" in page.get_by_role("heading", level=1).inner_text()

    page.locator(f"a[href$='/hebergements/nouveau/?personne={personne.pk}']").click()
    assert page.locator("input[name=personne]").input_value() == str(personne)
    page.select_option("select[name=dispositif]", "appartement_femmes")
    page.fill("input[name=date_entree]", "2024-12-20")
    page.fill("input[name=date_sortie]", "2025-01-10")
    page.fill("input[name=nb_enfants]", "1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/psycho-social/personnes/{personne.pk}/")
    assert page.locator(".alert-success").is_visible()
    assert "21" in page.locator(".psychosocial-personne table").first.inner_text()  # 12 + 9 nights

    page.locator(f"a[href$='/aides/nouvelle/?personne={personne.pk}']").click()
    page.fill("input[name=date]", "2025-01-11")
    page.select_option("select[name=type]", "transport")
    page.fill("input[name=montant]", "-3")
    page.check("input[name=primo_sortante]")
    page.locator("main form button[type=submit]").click()
    # A negative amount is refused next to the field, the rest of the input is kept.
    # The form comes back at the same address: wait for the refused field, not for a new URL.
    expect(page.locator("#id_montant.is-invalid")).to_be_visible()
    expect(page.locator("input[name=primo_sortante]")).to_be_checked()
    page.fill("input[name=montant]", "12.50")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/psycho-social/personnes/{personne.pk}/")
    assert "12,50" in page.locator(".psychosocial-personne").inner_text()

    sejour = Hebergement.objects.get(personne=personne)
    assert (sejour.nuits_annee(2024), sejour.nuits_annee(2025), sejour.auteur) == (12, 9, user)
    aide = AideFinanciere.objects.get(personne=personne)
    assert (aide.montant, aide.primo_sortante, aide.auteur) == (12.5, True, user)


def test_record_a_day_of_mail_at_the_desk_with_the_keyboard(login_page, live_server):
    page, user = login_page(Role.PSYCHOSOCIAL)
    anna = PersonneFactory(nom="Okafor", prenom="Anna")
    f.DomiciliationFactory(personne=anna, date_debut=timezone.localdate() - datetime.timedelta(days=30))
    binta = PersonneFactory(nom="Okafor", prenom="Binta")
    f.DomiciliationFactory(personne=binta, date_debut=timezone.localdate() - datetime.timedelta(days=30))
    PersonneFactory(nom="Okafor", prenom="Non domiciliée")

    page.goto(f"{live_server.url}/psycho-social/courrier/")
    personne = page.locator("input[name=personne]")
    expect(personne).to_be_focused()
    assert page.locator("input[name=date]").input_value() == f"{timezone.localdate():%Y-%m-%d}"
    personne.press_sequentially("okaf")
    # Suggestions come from the server: only the two domiciled persons.
    expect(page.locator("#id_personne-suggestions option")).to_have_count(2)
    personne.fill(str(anna))
    # Picking a suggestion moves on to the number of letters.
    expect(page.locator("input[name=nb_courriers]")).to_be_focused()
    page.keyboard.type("3")
    page.keyboard.press("Enter")
    page.wait_for_selector("#passages-du-jour >> text=OKAFOR Anna")

    # The next visit: type the file number directly.
    page.locator("input[name=personne]").fill(binta.numero_dossier)
    page.fill("input[name=nb_courriers]", "1")
    page.keyboard.press("Enter")
    page.wait_for_selector("#passages-du-jour >> text=OKAFOR Binta")
    assert PassageCourrier.objects.filter(auteur=user, date=timezone.localdate()).count() == 2
    assert sorted(PassageCourrier.objects.values_list("nb_courriers", flat=True)) == [1, 3]


def test_without_the_psychologist_role_a_consultation_cannot_be_read(login_page, live_server):
    consultation = f.ConsultationFactory(notes="Cauchemars récurrents depuis la sortie")
    page, _user = login_page(Role.PSYCHOSOCIAL)
    page.goto(f"{live_server.url}/psycho-social/personnes/{consultation.personne.pk}/")
    existence = page.locator(".suivi-psy-existence")
    assert "1 consultation" in existence.inner_text()
    assert "Cauchemars" not in page.content()
    assert page.locator(f"a[href$='/psychologue/consultations/{consultation.pk}/']").count() == 0
    response = page.request.get(f"{live_server.url}/psycho-social/psychologue/consultations/{consultation.pk}/")
    assert response.status == 403
    assert "Cauchemars" not in response.text()


def test_the_psychologist_reads_the_consultation(login_page, live_server):
    consultation = f.ConsultationFactory(notes="Cauchemars récurrents depuis la sortie")
    page, _user = login_page(Role.PSYCHOLOGUE)
    page.goto(f"{live_server.url}/psycho-social/personnes/{consultation.personne.pk}/")
    page.locator(f"a[href$='/psychologue/consultations/{consultation.pk}/']").click()
    assert "Cauchemars récurrents" in page.locator(".notes-psy").inner_text()


def test_record_a_workshop_and_its_whole_group_in_one_form(login_page, live_server):
    page, _user = login_page(Role.PSYCHOSOCIAL)
    amina = AccompagnementFactory(personne=PersonneFactory(nom="Traoré", prenom="Amina")).personne
    binta = AccompagnementFactory(personne=PersonneFactory(nom="Keita", prenom="Binta")).personne
    AccompagnementFactory(personne=PersonneFactory(nom="Lopez", prenom="Carmen"))
    page.goto(f"{live_server.url}/psycho-social/activites/nouvelle/")
    page.fill("input[name=date]", "2024-05-20")
    page.select_option("select[name=type]", "atelier")
    page.select_option("select[name=theme]", "droit_travail")
    page.fill("input[name=intitule]", "Qu'est-ce qu'un CDI ?")
    # The filter box narrows the list (accents ignored); ticking counts the group.
    page.fill("#filtre-participants", "traore")
    expect(page.locator(".participant:visible")).to_have_count(1)
    page.check(f"#participants input[value='{amina.pk}']")
    page.fill("#filtre-participants", "")
    page.check(f"#participants input[value='{binta.pk}']")
    expect(page.locator("#compte-participants")).to_have_text("2")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/psycho-social/activites/*/")
    assert sorted(page.locator(".participants li").all_inner_texts()) == sorted([str(binta), str(amina)])


def test_aid_form_shows_only_the_fields_that_apply(login_page, live_server):
    page, _user = login_page(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    page.goto(f"{live_server.url}/psycho-social/aides/nouvelle/?personne={personne.pk}")
    expect(page.locator("#div_id_motif")).to_be_hidden()
    page.select_option("select[name=type]", "exceptionnelle")
    expect(page.locator("#div_id_motif")).to_be_visible()
    page.select_option("select[name=type]", "tickets_services")
    expect(page.locator("#div_id_motif")).to_be_hidden()
    expect(page.locator("#div_id_nb_tickets")).to_be_visible()
    expect(page.locator("#div_id_montant")).to_be_hidden()
