"""The forms of exploitation presumed at reception (the national survey counts the victims "repérées"
by form): ticked on the report's form, shown on its page."""

import datetime

import pytest
from django.urls import reverse

from accompagnement.enums import FormeExploitation
from accompagnement.models import Exploitation
from comptes.permissions import Role
from signalements import enums, services
from signalements.forms import SignalementForm
from tests.signalements.factories import PersonneSignaleeFactory
from tests.test_sous_lignes import _envoi

pytestmark = pytest.mark.django_db


def test_the_report_form_offers_every_form_of_exploitation():
    assert {code for code, _libelle in SignalementForm().fields["formes_presumees"].choices} == set(
        FormeExploitation.values
    )


def test_presumed_forms_are_recorded_and_shown_then_cleared(client_for):
    signalement = PersonneSignaleeFactory().signalement  # a report has a potential victim
    client = client_for(Role.ACCUEIL)
    url = reverse("signalements:modifier", args=[signalement.pk])
    data = _envoi(client.get(url).context["form"])
    data["formes_presumees"] = ["mendicite_forcee", "criminalite_forcee"]
    assert client.post(url, data).status_code == 302
    signalement.refresh_from_db()
    assert set(signalement.formes_presumees) == {"mendicite_forcee", "criminalite_forcee"}
    page = client.get(signalement.get_absolute_url()).content.decode()
    assert "Mendicité forcée" in page and "Formes d’exploitation présumées" in page

    data = _envoi(client.get(url).context["form"])
    assert set(data["formes_presumees"]) == {"mendicite_forcee", "criminalite_forcee"}  # shown ticked again
    del data["formes_presumees"]
    assert client.post(url, data).status_code == 302
    signalement.refresh_from_db()
    assert signalement.formes_presumees == []


def test_a_supported_report_starts_the_exploitation_with_its_presumed_forms(client_for):
    victime = PersonneSignaleeFactory(
        signalement__consentement_date=datetime.date(2024, 3, 4),
        signalement__date_reception=datetime.date(2024, 3, 1),
        signalement__formes_presumees=["servitude_domestique"],
    )
    user = client_for(Role.ACCUEIL).user
    services.signalement_decider(
        signalement=victime.signalement,
        decision=enums.Decision.ACCOMPAGNEMENT,
        date_decision=datetime.date(2024, 4, 2),
        choix=[services.ChoixPersonne(victime, services.NOUVELLE)],
        intitule_affaire="Domicile privé",
        by=user,
    )
    assert Exploitation.objects.get().formes == ["servitude_domestique"]
