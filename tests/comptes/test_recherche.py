"""The global search (`recherche`): words in any order and accents, phones in any spacing, file and
report references, court numbers; scoped per role, and every record shown is access-logged."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from accompagnement.models import Personne
from comptes.models import JournalAcces
from comptes.permissions import Role
from tests.accompagnement.factories import AffaireFactory, PersonneFactory
from tests.juridique.factories import ProcedureFactory
from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def awa():
    PersonneFactory(nom="Diallo", prenom="Fatou", telephone="07 00 00 00 01")  # a person that must not match
    return PersonneFactory(
        nom="Ouédraogo", prenom="Awa", nom_usage="Awa K.", telephone="06 12 34 56 78", numero_dossier="D-2024-0042"
    )


def _trouves(client, q):
    response = client.get(reverse("recherche"), {"q": q})
    assert response.status_code == 200
    return [obj for section in response.context["sections"] for obj in section["objets"]]


@pytest.mark.parametrize(
    "q",
    ["Awa Ouedraogo", "OUEDRAOGO Awa", "ouédraogo", "Ouédraogo Awa", "awa k", "06 12 34 56 78", "0612345678",
     "+33 6 12 34 56 78", "06.12.34.56.78", "D-2024-0042", "2024-0042"],
)  # fmt: skip
def test_search_finds_a_person_whatever_is_typed(client_for, awa, q):
    assert _trouves(client_for(Role.ACCUEIL), q) == [awa]


def test_search_needs_every_word(client_for, awa):
    assert _trouves(client_for(Role.ACCUEIL), "Awa Diallo") == []


def test_search_finds_reports_open_and_decided_by_reference_caller_and_victim(client_for):
    ouvert = SignalementFactory(reference="S-2025-0107", source_contact="Hélène Poulain, 01 02 03 04 05")
    decide = SignalementFactory(reference="S-2024-0009", source_organisation="Cimade", sans_suite=True)
    PersonneSignaleeFactory(signalement=decide, nom="Poulain", prenom="Zoé")
    client = client_for(Role.ACCUEIL)
    assert set(_trouves(client, "poulain")) == {ouvert, decide}
    assert _trouves(client, "helene poulain") == [ouvert]
    assert _trouves(client, "s-2024-0009") == [decide]


def test_search_finds_cases_and_proceedings(client_for):
    affaire = AffaireFactory(reference="A-2026-0958", intitule="Atelier de couture, Aubervilliers")
    procedure = ProcedureFactory(affaire=affaire, numero_juridiction="RG 24/01234")
    client = client_for(Role.JURIDIQUE)
    assert _trouves(client, "A-2026-0958") == [affaire, procedure]
    assert _trouves(client, "24/01234") == [procedure]
    assert _trouves(client, "aubervilliers") == [affaire]


def test_search_logs_every_record_it_shows_and_nothing_else(client_for, awa):
    client = client_for(Role.ACCUEIL)
    _trouves(client, "Ouedraogo")
    lignes = JournalAcces.objects.filter(utilisateur=client.user, vue="recherche")
    assert [(ligne.action, ligne.content_type, ligne.object_id) for ligne in lignes] == [
        (JournalAcces.Action.LISTE, ContentType.objects.get_for_model(Personne), str(awa.pk))
    ]


def test_search_shows_a_role_nothing_it_may_not_see_and_logs_nothing(client_for, awa):
    SignalementFactory(reference="S-2025-0042")
    ProcedureFactory(numero_juridiction="D-2024-0042 bis")
    client = client_for(Role.SENSIBILISATION)
    response = client.get(reverse("recherche"), {"q": "D-2024-0042"})
    assert response.context["sections"] == []
    assert "Ouédraogo" not in response.content.decode()
    assert not JournalAcces.objects.filter(utilisateur=client.user, vue="recherche").exists()
    # The psychologist sees persons, never reports nor proceedings.
    client = client_for(Role.PSYCHOLOGUE)
    sections = client.get(reverse("recherche"), {"q": "0042"}).context["sections"]
    assert [s["tout"].split("?")[0] for s in sections] == [
        reverse("accompagnement:liste"),
        reverse("accompagnement:affaires"),
    ]


def test_search_box_is_in_the_navigation(client_for):
    response = client_for(Role.ACCUEIL).get(reverse("accueil"))
    assert f'action="{reverse("recherche")}"' in response.content.decode()


def test_reports_queue_search_says_it_searches_open_reports_and_links_to_all(client_for):
    ouvert = SignalementFactory(source_organisation="Secours Poulain")
    decide = SignalementFactory(source_organisation="Poulain & fils", sans_suite=True)
    client = client_for(Role.ACCUEIL)
    response = client.get(reverse("signalements:liste"), {"q": "poulain"})
    assert list(response.context["page"]) == [ouvert]
    assert 'href="?q=poulain&amp;statut="' in response.content.decode()
    assert set(client.get(reverse("signalements:liste"), {"q": "poulain", "statut": ""}).context["page"]) == {
        ouvert,
        decide,
    }
    assert 'id="recherche-ouverts"' not in client.get(reverse("signalements:liste")).content.decode()


def test_persons_list_and_person_box_find_names_in_any_order(client_for, awa):
    client = client_for(Role.PSYCHOSOCIAL)
    assert list(client.get(reverse("accompagnement:liste"), {"q": "Awa Ouedraogo"}).context["page"]) == [awa]
    reponse = client.get(reverse("psychosocial:recherche_personnes"), {"q": "OUEDRAOGO awa"})
    assert [r["id"] for r in reponse.json()["resultats"]] == [awa.pk]
