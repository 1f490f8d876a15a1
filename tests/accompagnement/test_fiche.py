"""The person page's summary header and the printable summary sheet (PDF)."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from comptes.models import JournalAcces
from comptes.permissions import Role
from tests.accompagnement.factories import AccompagnementFactory, SuiviFactory
from tests.factories import UserFactory
from tests.juridique.factories import TitreSejourFactory
from tests.psychosocial.factories import HebergementFactory
from tests.test_scellement import fuites, marqueur, planter

pytestmark = pytest.mark.django_db


def texte(contenu: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(contenu)).pages)


@pytest.fixture
def personne():
    """A followed person with a shelter stay and a residence permit that expires next month."""
    referente = UserFactory(first_name="Inès", last_name="Referente")
    personne = AccompagnementFactory(
        personne__nom="Ouedraogo", personne__prenom="Awa", referent_juridique=referente
    ).personne
    HebergementFactory(personne=personne)
    fin = timezone.localdate() + datetime.timedelta(days=20)
    TitreSejourFactory(personne=personne, accorde=True, date_demande=fin - datetime.timedelta(days=465))
    return personne


def test_person_page_opens_on_a_summary_of_status_referents_and_next_dates(client_for, personne):
    response = client_for(Role.JURIDIQUE).get(reverse("accompagnement:personne", args=[personne.pk]))
    html = response.content.decode()
    resume = html[html.index('class="card mb-3 resume-personne"') : html.index('class="row g-3 fiche-personne"')]
    assert "Inès Referente" in resume
    assert "Fin de validité du titre de séjour" in resume
    assert [d["libelle"] for d in response.context["prochaines_dates"]] == ["Fin de validité du titre de séjour"]


@pytest.mark.parametrize(
    ("langue", "titres"),
    [
        ("fr", ["Fiche de synthèse", "Identité", "Périodes d'accompagnement", "Pôle psycho-social", "Nuitées"]),
        ("en", ["Summary sheet", "Identity", "Support periods", "Psycho-social unit", "Nights"]),
    ],
)
def test_summary_sheet_is_a_pdf_in_the_readers_language_named_by_file_number(client_for, personne, langue, titres):
    client = client_for(Role.DIRECTION)
    client.cookies["django_language"] = langue
    response = client.get(reverse("accompagnement:personne_fiche", args=[personne.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert personne.numero_dossier in disposition
    assert "Ouedraogo" not in disposition and "Awa" not in disposition
    contenu = texte(response.content)
    for titre in titres:
        assert titre in contenu
    assert "OUEDRAOGO Awa" in contenu and personne.numero_dossier in contenu


def test_printing_the_summary_sheet_writes_one_print_row(client_for, personne):
    client = client_for(Role.PSYCHOSOCIAL)
    client.get(reverse("accompagnement:personne_fiche", args=[personne.pk]))
    ligne = JournalAcces.objects.get(utilisateur=client.user)
    assert (ligne.action, ligne.object_id, ligne.vue) == (
        JournalAcces.Action.IMPRESSION,
        str(personne.pk),
        "accompagnement:personne_fiche",
    )


def test_reception_reads_the_page_but_may_not_print_the_sheet(client_for, personne):
    client = client_for(Role.ACCUEIL)
    page = client.get(reverse("accompagnement:personne", args=[personne.pk]))
    assert page.status_code == 200
    assert reverse("accompagnement:personne_fiche", args=[personne.pk]) not in page.content.decode()
    assert client.get(reverse("accompagnement:personne_fiche", args=[personne.pk])).status_code == 403
    assert not JournalAcces.objects.filter(action=JournalAcces.Action.IMPRESSION).exists()


@pytest.mark.parametrize("role", [Role.PSYCHOSOCIAL, Role.JURIDIQUE, Role.DIRECTION])
def test_summary_sheet_carries_no_sealed_content_for_roles_without_the_psychologist_section(client_for, role):
    personne = AccompagnementFactory().personne
    SuiviFactory(personne=personne, pole="juridique")
    planter()
    client = client_for(role)
    response = client.get(reverse("accompagnement:personne_fiche", args=[personne.pk]))
    assert response.status_code == 200
    assert fuites(client.user, "fiche", response.content) == []


def test_the_psychologist_finds_the_sealed_content_on_the_sheet(client_for):
    """The twin of the test above: the walk can fail, the markers do reach the sheet."""
    personne = AccompagnementFactory().personne
    planter()
    response = client_for(Role.PSYCHOLOGUE).get(reverse("accompagnement:personne_fiche", args=[personne.pk]))
    contenu = "".join(texte(response.content).split())
    assert marqueur("journal.psy") in contenu
