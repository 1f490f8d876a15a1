import pytest
from django.utils import timezone

from comptes.permissions import Role
from rapports.models import GenerationPDF, SaisieAnnuelle

pytestmark = pytest.mark.django_db


def test_direction_is_reminded_of_the_yearly_inputs_still_to_enter(client_for):
    annee = timezone.localdate().year - 1
    SaisieAnnuelle.objects.create(annee=annee, cle="benevoles", valeur=70)
    page = client_for(Role.DIRECTION).get("/").content.decode()
    assert f"/rapports/{annee}/saisies/" in page
    assert f"/rapports/{annee}/" in page


def test_other_readers_get_the_report_link_and_their_pdfs_only(client_for, make_user):
    client = client_for(Role.JURIDIQUE)
    mienne = GenerationPDF.objects.create(annee=2024, demande_par=client.user)
    autre = GenerationPDF.objects.create(annee=2023, demande_par=make_user(Role.DIRECTION))
    page = client.get("/").content.decode()
    assert "/saisies/" not in page
    assert f"/rapports/pdf/{mienne.pk}/" in page and f"/rapports/pdf/{autre.pk}/" not in page


def test_no_panel_for_the_psychologist(client_for):
    assert "/rapports/" not in client_for(Role.PSYCHOLOGUE).get("/").content.decode()
