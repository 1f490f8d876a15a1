"""Home-page panel and person-page section provided by the awareness unit."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from comptes.permissions import Role
from sensibilisation import enums, home, personne
from tests.accompagnement.factories import PersonneFactory

from .factories import InterventionFactory

pytestmark = pytest.mark.django_db


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_home_panel_lists_my_upcoming_sessions_and_those_to_complete(make_user):
    moi, collegue = make_user(Role.SENSIBILISATION), make_user(Role.SENSIBILISATION)
    aujourd_hui = timezone.localdate()
    prevue = {"statut": enums.Statut.PREVUE}
    InterventionFactory(titre="Lycée", date=aujourd_hui + datetime.timedelta(days=5), animateurs=[moi], **prevue)
    InterventionFactory(titre="Pas moi", date=aujourd_hui + datetime.timedelta(days=5), animateurs=[collegue], **prevue)
    InterventionFactory(titre="À compléter", date=aujourd_hui - datetime.timedelta(days=2), animateurs=[moi], **prevue)
    [panel] = home.panels(_request(moi))
    assert [item["label"] for item in panel["items"]] == ["À compléter", "Lycée"]
    assert panel["action"]["url"] == reverse("sensibilisation:creer")


def test_home_panel_is_empty_with_a_hint_and_absent_for_other_units(make_user):
    [panel] = home.panels(_request(make_user(Role.DIRECTION)))
    assert panel["items"] == [] and panel["empty"]
    assert home.panels(_request(make_user(Role.JURIDIQUE))) == []


def test_reception_sees_the_panel_only_when_facilitating(client_for):
    client = client_for(Role.ACCUEIL)
    assert home.panels(_request(client.user)) == []
    demain = timezone.localdate() + datetime.timedelta(days=1)
    InterventionFactory(titre="Ciné-débat", statut=enums.Statut.PREVUE, date=demain, animateurs=[client.user])
    response = client.get(reverse("accueil"))
    assert "Ciné-débat" in response.text
    assert reverse("sensibilisation:planning") in response.text


def test_person_page_section_lists_testimonies_for_staff_allowed_to_see_both(make_user):
    temoin = PersonneFactory(membre_cva=True)
    intervention = InterventionFactory(titre="Festival du 13e")
    intervention.temoins.add(temoin)
    [section] = personne.sections(_request(make_user(Role.DIRECTION)), temoin)
    assert [i.titre for i in section["contexte"]["temoignages"]] == ["Festival du 13e"]
    # The psycho-social unit sees the person but not the awareness unit's records.
    assert personne.sections(_request(make_user(Role.PSYCHOSOCIAL)), temoin) == []
    assert personne.sections(_request(make_user(Role.DIRECTION)), PersonneFactory()) == []


def test_person_page_shows_the_testimonies_section(client_for):
    client = client_for(Role.DIRECTION)
    temoin = PersonneFactory(membre_cva=True)
    InterventionFactory(titre="Festival du 13e").temoins.add(temoin)
    response = client.get(reverse("accompagnement:personne", args=[temoin.pk]))
    assert response.status_code == 200
    assert "Festival du 13e" in response.text
