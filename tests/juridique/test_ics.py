"""The personal iCalendar feed: valid RFC 5545, references only, revocable key, no session needed."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from comptes import middleware
from comptes.models import JournalAcces
from comptes.permissions import Role
from juridique import ics, services
from juridique.models import JetonAgenda
from tests.accompagnement.factories import PersonneFactory
from tests.juridique.factories import EtapeFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

# Every test of this module runs on this day (see travel_to).
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _on_a_fixed_day(travel_to):
    travel_to(TODAY)


@pytest.fixture
def public_feed():
    """The feed is reachable without a session: its key is the credential."""
    assert "juridique:agenda_ics" in middleware.PUBLIC_URL_NAMES


@pytest.fixture
def cle(make_user):
    _jeton, cle = services.jeton_creer(utilisateur=make_user(Role.JURIDIQUE), libelle="téléphone")
    return cle


def _feed(client, cle):
    return client.get(reverse("juridique:agenda_ics", args=[cle]))


def test_feed_is_a_valid_calendar_without_names(client, public_feed, cle):
    personne = PersonneFactory(nom="Zerbinatti", prenom="Amalia")
    procedure = ProcedureFactory(
        juridiction="Tribunal judiciaire de Paris, 16e chambre; pôle social", personnes=[personne]
    )
    EtapeFactory(
        procedure=procedure,
        type="audience_1re_instance",
        date=TODAY + datetime.timedelta(days=10),
        heure=datetime.time(13, 30),
        salle="Salle 2.05",
    )
    EtapeFactory(procedure=procedure, type="echeance", date=TODAY + datetime.timedelta(days=3))
    EtapeFactory(procedure=procedure, type="plainte", date=TODAY)  # a stage: not in the agenda
    EtapeFactory(procedure=procedure, type="audience", date=TODAY - datetime.timedelta(days=400))  # too old

    response = _feed(client, cle)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2 == body.count("END:VEVENT")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    unfolded = body.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:" in unfolded
    debut = timezone.make_aware(datetime.datetime.combine(TODAY + datetime.timedelta(days=10), datetime.time(13, 30)))
    assert f"DTSTART:{debut.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}" in unfolded
    assert "LOCATION:Tribunal judiciaire de Paris\\, 16e chambre\\; pôle social\\, Salle 2.05" in unfolded
    assert procedure.affaire.reference in unfolded
    for secret in (personne.nom, personne.prenom, personne.numero_dossier):
        assert secret not in unfolded


def test_feed_records_its_use(client, public_feed, cle):
    _feed(client, cle)
    jeton = JetonAgenda.objects.get()
    assert jeton.dernier_acces is not None
    log = JournalAcces.objects.get(vue="juridique:agenda_ics")
    assert log.utilisateur == jeton.utilisateur and log.action == "export"


def test_revoked_key_answers_404(client, public_feed, cle):
    assert _feed(client, cle).status_code == 200
    services.jeton_revoquer(jeton=JetonAgenda.objects.get(), by=None)
    assert _feed(client, cle).status_code == 404


def test_unknown_key_answers_404(client, public_feed, cle):
    assert _feed(client, cle + "x").status_code == 404


def test_key_of_someone_who_left_the_legal_unit_answers_404(client, public_feed, cle):
    owner = JetonAgenda.objects.get().utilisateur
    owner.groups.clear()
    assert _feed(client, cle).status_code == 404


def test_key_of_a_deactivated_account_answers_404(client, public_feed, cle):
    owner = JetonAgenda.objects.get().utilisateur
    owner.is_active = False
    owner.save()
    assert _feed(client, cle).status_code == 404


def test_only_the_hash_of_the_key_is_stored(cle):
    jeton = JetonAgenda.objects.get()
    assert cle not in (jeton.cle_hash, jeton.debut_cle) and jeton.debut_cle == cle[:6]


# --- Managing one's keys --------------------------------------------------------------------


def test_create_a_key_shows_the_address_once(client_for):
    client = client_for(Role.JURIDIQUE)
    response = client.post(reverse("juridique:jetons"), {"libelle": "Téléphone pro"})
    assert "/juridique/agenda/flux/" in response.text
    assert "/juridique/agenda/flux/" not in client.get(reverse("juridique:jetons")).text
    assert "Téléphone pro" in client.get(reverse("juridique:jetons")).text


def test_revoke_own_key_but_not_someone_elses(client_for, make_user):
    other_jeton, _ = services.jeton_creer(utilisateur=make_user(Role.JURIDIQUE), libelle="autre")
    client = client_for(Role.JURIDIQUE)
    mine, _ = services.jeton_creer(utilisateur=client.user, libelle="moi")
    assert client.post(reverse("juridique:jeton_revoquer", args=[other_jeton.pk])).status_code == 404
    assert client.post(reverse("juridique:jeton_revoquer", args=[mine.pk])).status_code == 302
    other_jeton.refresh_from_db()
    mine.refresh_from_db()
    assert other_jeton.actif and not mine.actif


def test_reception_cannot_create_a_feed(client_for):
    assert client_for(Role.ACCUEIL).post(reverse("juridique:jetons"), {"libelle": "x"}).status_code == 403
    assert not JetonAgenda.objects.exists()


# --- The writer -----------------------------------------------------------------------------


def test_folding_never_splits_a_character():
    line = "SUMMARY:" + "é" * 80
    folded = ics.plier(line)
    parts = folded.split("\r\n ")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert "".join(parts) == line


def test_text_escaping():
    assert ics.echapper("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
