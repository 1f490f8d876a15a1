import datetime
import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accompagnement.models import Personne
from comptes.models import JournalAcces
from comptes.permissions import Role
from tests.accompagnement.factories import PersonneFactory

PERSONNES = "numero_dossier;nom;prenom\r\nD-1;Mendoza;Rosa\r\nD-2;Traoré;Awa\r\n".encode()


@pytest.fixture
def admin_client(client_for):
    return client_for(Role.ADMINISTRATEUR)


def _actions(user):
    return list(JournalAcces.objects.filter(utilisateur=user).values_list("vue", "action"))


@pytest.mark.django_db
def test_upload_preview_then_confirm(admin_client):
    fichier = SimpleUploadedFile("personnes.csv", PERSONNES, content_type="text/csv")
    reponse = admin_client.post(reverse("donnees:importer"), {"fichiers": [fichier]})
    assert reponse.status_code == 200
    assert reponse.context["bilan"].entites["personnes"].crees == 2
    assert Personne.objects.count() == 0
    jeton = reponse.context["confirmation"].initial["jeton"]
    reponse = admin_client.post(reverse("donnees:importer_confirmer"), {"jeton": jeton})
    assert reponse.status_code == 200 and reponse.context["bilan"].applique
    assert Personne.objects.count() == 2
    assert ("donnees:importer", "view") in _actions(admin_client.user)
    assert ("donnees:importer_confirmer", "change") in _actions(admin_client.user)
    # The uploaded files are gone: confirming twice does nothing.
    reponse = admin_client.post(reverse("donnees:importer_confirmer"), {"jeton": jeton})
    assert reponse.status_code == 302 and Personne.objects.count() == 2


@pytest.mark.django_db
def test_preview_with_errors_offers_no_confirmation(admin_client):
    fichier = SimpleUploadedFile("personnes.csv", b"numero_dossier;nom;date_naissance\r\nD-1;X;demain\r\n")
    reponse = admin_client.post(reverse("donnees:importer"), {"fichiers": [fichier]})
    assert reponse.context["confirmation"] is None
    assert "demain" in reponse.content.decode()


@pytest.mark.django_db
def test_confirm_needs_the_token_of_this_session(admin_client, client_for):
    fichier = SimpleUploadedFile("personnes.csv", PERSONNES)
    reponse = admin_client.post(reverse("donnees:importer"), {"fichiers": [fichier]})
    jeton = reponse.context["confirmation"].initial["jeton"]
    autre = client_for(Role.ADMINISTRATEUR)  # same client object, new session
    autre.logout()
    autre.force_login(autre.user)
    reponse = autre.post(reverse("donnees:importer_confirmer"), {"jeton": jeton})
    assert reponse.status_code == 302 and Personne.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("format_", ["xlsx", "zip"])
def test_full_export_is_built_in_the_background_then_downloaded_and_logged(
    admin_client, jeu, format_, django_capture_on_commit_callbacks
):
    from donnees.models import Exportation

    with django_capture_on_commit_callbacks(execute=True):  # the task runs inline on commit (no broker)
        reponse = admin_client.post(reverse("donnees:exporter"), {"format": format_})
    assert reponse.status_code == 302
    demande = Exportation.objects.get()
    assert demande.statut == "done" and demande.demande_par == admin_client.user and demande.fichier
    page = admin_client.get(reverse("donnees:exporter")).content.decode()
    assert demande.get_absolute_url() in page and 'http-equiv="refresh"' not in page
    assert ("donnees:export_telecharger", "export") not in _actions(admin_client.user)
    reponse = admin_client.get(demande.get_absolute_url())
    contenu = b"".join(reponse.streaming_content)
    assert reponse["Content-Disposition"].endswith(f'.{format_}"')
    assert contenu[:2] == b"PK"  # both are ZIP containers
    if format_ == "zip":
        assert "01-personnes.csv" in zipfile.ZipFile(io.BytesIO(contenu)).namelist()
    assert ("donnees:export_telecharger", "export") in _actions(admin_client.user)


@pytest.mark.django_db
def test_a_pending_export_refreshes_the_page_and_cannot_be_downloaded_yet(admin_client):
    from donnees.models import Exportation

    demande = Exportation.objects.create(format="xlsx", demande_par=admin_client.user)  # no worker yet
    assert 'http-equiv="refresh"' in admin_client.get(reverse("donnees:exporter")).content.decode()
    reponse = admin_client.get(demande.get_absolute_url())
    assert reponse.status_code == 302 and reponse["Location"] == reverse("donnees:exporter")
    assert admin_client.post(reverse("donnees:exporter"), {"format": "pdf"}).status_code == 302
    assert Exportation.objects.count() == 1  # an unknown format is refused


@pytest.mark.django_db
def test_a_failed_export_shows_its_reason(admin_client, monkeypatch, django_capture_on_commit_callbacks):
    from donnees import exportation
    from donnees.models import Exportation

    monkeypatch.setattr(exportation, "exporter_zip", lambda **_: 1 / 0)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("donnees:exporter"), {"format": "zip"})
    demande = Exportation.objects.get()
    assert demande.statut == "failed" and "ZeroDivisionError" in demande.erreur and not demande.fichier
    assert "ZeroDivisionError" in admin_client.get(reverse("donnees:exporter")).content.decode()


@pytest.mark.django_db
def test_export_files_are_deleted_after_a_day_and_the_record_of_who_exported_stays(admin_client, jeu):
    from django.utils import timezone

    from donnees import services
    from donnees.models import Exportation

    demande = services.export_executer(
        exportation_id=Exportation.objects.create(format="zip", demande_par=admin_client.user).pk
    )
    chemin = demande.fichier.path
    from donnees.tasks import purger_fichiers

    assert purger_fichiers.delay().get() == 0  # not yet expired
    Exportation.objects.filter(pk=demande.pk).update(cree_le=timezone.now() - datetime.timedelta(hours=25))
    assert os.path.exists(chemin)  # a page visit deletes nothing: the scheduled task does
    assert purger_fichiers.delay().get() == 1
    assert "fichier supprimé" in admin_client.get(reverse("donnees:exporter")).content.decode()  # French UI
    demande.refresh_from_db()
    assert not demande.fichier and demande.statut == "done"
    assert not os.path.exists(chemin)


@pytest.mark.django_db
def test_direction_cannot_export_everything(direction_client, jeu):
    assert direction_client.get(reverse("donnees:exporter")).status_code == 403
    assert direction_client.post(reverse("donnees:exporter"), {"format": "zip"}).status_code == 403


@pytest.mark.django_db
def test_right_of_access_download_is_logged_with_the_person_id(admin_client, jeu):
    p1 = jeu["p1"]
    reponse = admin_client.get(reverse("donnees:personne_export", args=[p1.pk]))
    assert "01-personnes.csv" in zipfile.ZipFile(io.BytesIO(reponse.content)).namelist()
    log = JournalAcces.objects.get(utilisateur=admin_client.user, action="export")
    assert (log.object_id, log.content_type.model) == (str(p1.pk), "personne")


@pytest.mark.django_db
def test_anonymise_needs_the_file_number(admin_client, jeu):
    p1 = jeu["p1"]
    url = reverse("donnees:personne_anonymiser", args=[p1.pk])
    reponse = admin_client.post(url, {"confirmation": "D-2024-002"})
    assert reponse.status_code == 200
    p1.refresh_from_db()
    assert p1.anonymise_le is None
    reponse = admin_client.post(url, {"confirmation": "D-2024-001"})
    assert reponse.status_code == 302
    p1.refresh_from_db()
    assert p1.nom == "ANONYME"
    assert ("donnees:personne_anonymiser", "change") in _actions(admin_client.user)


@pytest.mark.django_db
def test_person_list_and_search(admin_client, django_assert_num_queries):
    for i in range(3):
        PersonneFactory(numero_dossier=f"D-9{i}", nom=f"Nom{i}")
    admin_client.get(reverse("donnees:personnes"))
    with django_assert_num_queries(10):  # session, user, roles, 2FA, access log, count, page…: none per row
        reponse = admin_client.get(reverse("donnees:personnes"))
    assert len(reponse.context["page"]) == 3
    reponse = admin_client.get(reverse("donnees:personnes") + "?q=nom1")
    assert [p.numero_dossier for p in reponse.context["page"]] == ["D-91"]


@pytest.mark.django_db
def test_retention_page_lists_files_due_for_review(admin_client, django_assert_num_queries):
    import datetime

    from tests.accompagnement.factories import AccompagnementFactory

    for annee in (2001, 2002, 2003):
        AccompagnementFactory(date_debut=datetime.date(annee, 1, 1), cloture=True)
    AccompagnementFactory(date_debut=datetime.date(2024, 1, 1))
    admin_client.get(reverse("donnees:retention"))
    with django_assert_num_queries(10):
        reponse = admin_client.get(reverse("donnees:retention") + "?annees=10")
    assert len(reponse.context["page"]) == 3
    assert ("donnees:retention", "list") in _actions(admin_client.user)


@pytest.mark.django_db
def test_home_page_panel_for_the_administrator_only(admin_client, client_for):
    import datetime

    from tests.accompagnement.factories import AccompagnementFactory

    AccompagnementFactory(date_debut=datetime.date(2001, 1, 1), cloture=True)
    contenu = admin_client.get(reverse("accueil")).content.decode()
    assert reverse("donnees:importer") in contenu
    assert "1 clos depuis plus de 10 ans" in contenu  # the page speaks French by default
    direction = client_for(Role.DIRECTION)
    assert reverse("donnees:importer") not in direction.get(reverse("accueil")).content.decode()
