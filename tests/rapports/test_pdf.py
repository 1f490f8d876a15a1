"""The PDF report: text read back in French and English, public edition, the Celery task path."""

import datetime
import io
import os
import shutil
import subprocess

import pytest
from django.core import mail  # noqa: F401
from pypdf import PdfReader

from comptes.models import JournalAcces
from comptes.permissions import Role
from rapports import pdf, services
from rapports.models import GenerationPDF, SaisieAnnuelle
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory

pytestmark = pytest.mark.django_db


def texte(contenu: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(contenu)).pages)


@pytest.fixture
def donnees(make_user):
    """Two years of a tiny file active and one manual input, so figures and labels are printed."""
    for i in range(7):
        AccompagnementFactory(personne=PersonneFactory(), date_debut=f"2023-0{i + 1}-10")
    for _i in range(3):
        AccompagnementFactory(personne=PersonneFactory(), date_debut="2024-02-01")
    SaisieAnnuelle.objects.create(annee=2024, cle="benevoles", valeur=71)
    SaisieAnnuelle.objects.create(annee=2023, cle="benevoles", valeur=65)
    return make_user(Role.DIRECTION)


def test_pdf_in_french_has_labels_figures_and_page_numbers(donnees):
    contenu = pdf.rendre(2024, "fr")
    lu = texte(contenu)
    assert "Rapport d'activité 2024" in lu
    assert "Sommaire" in lu
    assert "Identifier\u00a0: les nouvelles personnes accompagnées" in lu
    assert "Bénévoles" in lu and "71" in lu and "65" in lu
    assert "Personnes accompagnées (file active, suivis individuels)" in lu
    assert "Qualité des données" in lu
    assert len(PdfReader(io.BytesIO(contenu)).pages) >= 8
    assert "1 / " in lu  # page numbers


def test_pdf_in_english_uses_the_glossary_labels(donnees):
    lu = texte(pdf.rendre(2024, "en"))
    assert "Activity report 2024" in lu
    assert "Contents" in lu
    assert "Identify: new beneficiaries" in lu
    assert "Volunteers" in lu and "71" in lu
    assert "Persons supported (active caseload)" in lu
    assert "Bénévoles" not in lu


def test_public_edition_hides_small_counts(donnees):
    SaisieAnnuelle.objects.create(annee=2024, cle="juristes", valeur=4)
    lu = texte(pdf.rendre(2024, "fr", publique=True, seuil=5))
    assert "Édition publique" in lu
    assert "Personnes nouvellement accompagnées (nouvelles victimes identifiées) < 5" in lu.replace("\n", " ")
    assert "Juristes 4" in lu  # a yearly input (staff) identifies nobody: printed as is
    assert "Qualité des données" not in lu  # internal panel left out


def test_generation_runs_inline_without_broker_and_keeps_the_file(donnees, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        generation = services.generation_demander(annee=2024, langue="en", edition_publique=False, seuil=5, by=donnees)
    generation.refresh_from_db()
    assert generation.statut == GenerationPDF.Statut.TERMINEE
    assert generation.progression == 100
    assert generation.fichier.name.endswith(".pdf")
    with generation.fichier.open("rb") as f:
        assert "Activity report 2024" in texte(f.read())


def test_failure_is_recorded_with_its_reason_and_can_be_retried(
    donnees, monkeypatch, django_capture_on_commit_callbacks
):
    def panne(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pdf, "rendre", panne)
    with django_capture_on_commit_callbacks(execute=True):
        generation = services.generation_demander(annee=2024, langue="fr", edition_publique=False, seuil=5, by=donnees)
    generation.refresh_from_db()
    assert generation.statut == GenerationPDF.Statut.ECHEC
    assert generation.erreur == "RuntimeError: disk full"

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.generation_relancer(generation=generation, by=donnees)
    generation.refresh_from_db()
    assert generation.statut == GenerationPDF.Statut.TERMINEE
    assert generation.erreur == ""


def test_status_page_shows_failure_reason_and_retry_button(client, donnees):
    generation = GenerationPDF.objects.create(
        annee=2024, demande_par=donnees, statut=GenerationPDF.Statut.ECHEC, erreur="RuntimeError: disk full"
    )
    client.force_login(donnees)
    page = client.get(f"/rapports/pdf/{generation.pk}/").content.decode()
    assert "RuntimeError: disk full" in page
    assert 'id="relancer"' in page


def test_status_json_and_download_is_logged(client, donnees, django_capture_on_commit_callbacks):
    client.force_login(donnees)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/rapports/2024/pdf/", {"langue": "fr", "seuil": 5})
    generation = GenerationPDF.objects.get()
    assert response["Location"] == f"/rapports/pdf/{generation.pk}/"
    etat = client.get(f"/rapports/pdf/{generation.pk}/etat/").json()
    assert etat["statut"] == "done" and etat["progression"] == 100 and etat["termine"] is True
    assert etat["fichier"] == f"/rapports/pdf/{generation.pk}/fichier/"
    response = client.get(etat["fichier"])
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert JournalAcces.objects.filter(action=JournalAcces.Action.IMPRESSION, object_id=str(generation.pk)).exists()
    # Closing a streamed response sends request_finished, which closes the (test) database connection.
    response.close()


def test_pdf_first_pages_render_to_png(donnees, tmp_path):
    """The PNG of the cover and contents is kept in $RAPPORTS_PNG_DIR for a human look."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    fichier = tmp_path / "rapport.pdf"
    fichier.write_bytes(pdf.rendre(2024, "fr"))
    sortie = os.environ.get("RAPPORTS_PNG_DIR", str(tmp_path))
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(fichier), f"{sortie}/page"], check=True)
    assert len([p for p in os.listdir(sortie) if p.startswith("page")]) >= 2


def test_public_edition_gives_no_share_for_a_hidden_count():
    from rapports.presentation import items_repartition
    from rapports.registre import REPARTITIONS_PAR_CLE

    items = items_repartition(REPARTITIONS_PAR_CLE["asile"], {"ofpra_en_cours": 3, "audiences_cnda": 40}, publique=True)
    cache = next(i for i in items if i["code"] == "ofpra_en_cours")
    assert (cache["texte"], cache["part"]) == ("< 5", "")
    visible = next(i for i in items if i["code"] == "audiences_cnda")
    assert visible["texte"] == "40" and visible["part"]


def test_a_generation_stuck_without_news_can_be_retried(client, donnees, django_capture_on_commit_callbacks):
    import datetime

    from django.utils import timezone

    generation = GenerationPDF.objects.create(annee=2024, demande_par=donnees, statut=GenerationPDF.Statut.EN_COURS)
    client.force_login(donnees)
    assert 'id="relancer"' not in client.get(f"/rapports/pdf/{generation.pk}/").content.decode()
    GenerationPDF.objects.filter(pk=generation.pk).update(modifie_le=timezone.now() - datetime.timedelta(hours=1))
    assert 'id="relancer"' in client.get(f"/rapports/pdf/{generation.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/rapports/pdf/{generation.pk}/relancer/")
    generation.refresh_from_db()
    assert generation.statut == GenerationPDF.Statut.TERMINEE


def _durees_exploitation():
    """Six women (each exploited 24 months) and one man (12 months) in the 2024 file active."""
    from tests.accompagnement.factories import ExploitationFactory

    for sexe, n, fin in (("F", 6, datetime.date(2020, 1, 1)), ("H", 1, datetime.date(2019, 1, 1))):
        for _i in range(n):
            personne = PersonneFactory(sexe=sexe, date_naissance=datetime.date(1990, 1, 1))
            AccompagnementFactory(personne=personne, date_debut=datetime.date(2024, 3, 1))
            ExploitationFactory(personne=personne, date_debut=datetime.date(2018, 1, 1), date_fin=fin)


def test_mean_length_of_exploitation_is_printed_by_sex_and_the_public_edition_drops_small_groups(donnees):
    _durees_exploitation()
    interne = texte(pdf.rendre(2024, "fr")).replace("\n", " ")
    assert "2024\u00a0: femmes 24,0 · hommes 12,0" in interne
    assert "mineurs au début" not in interne  # no minor at the start: no mean to print
    publique = texte(pdf.rendre(2024, "en", publique=True, seuil=5)).replace("\n", " ")
    assert "2024: women 24.0" in publique
    assert "men 12.0" not in publique  # one man only: below the threshold
