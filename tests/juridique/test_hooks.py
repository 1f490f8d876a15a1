"""Person-page section and home-page panels provided by the legal unit."""

import datetime

import pytest
from django.test import RequestFactory

from comptes.permissions import Role, can
from juridique import home, personne
from tests.juridique.factories import EtapeFactory, ProcedureFactory, TitreSejourFactory

pytestmark = pytest.mark.django_db

# Every test of this module runs on this day (see travel_to).
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _on_a_fixed_day(travel_to):
    travel_to(TODAY)


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_person_section_lists_proceedings_and_permits_for_the_legal_unit(make_user, django_assert_num_queries):
    procedures = [ProcedureFactory() for _ in range(3)]
    cible = procedures[0].personnes.get()
    for p in procedures:
        p.personnes.add(cible)
    TitreSejourFactory(personne=cible)
    request = _request(make_user(Role.JURIDIQUE))
    assert can(request.user, "juridique")  # roles are read once per request, before the sections
    with django_assert_num_queries(4):  # proceedings, their persons, their lawyers, permits
        sections = personne.sections(request, cible)
    assert len(sections) == 1
    assert len(sections[0]["contexte"]["procedures"]) == 3
    assert len(sections[0]["contexte"]["titres"]) == 1


def test_person_section_is_hidden_from_reception(make_user):
    procedure = ProcedureFactory()
    assert personne.sections(_request(make_user(Role.ACCUEIL)), procedure.personnes.get()) == []


def test_person_section_renders_in_the_person_page_template(make_user):
    from django.template.loader import render_to_string

    procedure = ProcedureFactory()
    cible = procedure.personnes.get()
    request = _request(make_user(Role.PSYCHOSOCIAL))
    (section,) = personne.sections(request, cible)
    html = render_to_string(section["template"], section["contexte"], request=request)
    assert procedure.reference in html
    assert "titres/nouveau" not in html  # the psycho-social unit reads, does not record


def test_home_panels_show_this_weeks_hearings_and_long_waits(make_user):
    procedure = ProcedureFactory()
    EtapeFactory(procedure=procedure, type="audience_cph", date=TODAY + datetime.timedelta(days=2))
    EtapeFactory(procedure=procedure, type="audience_cph", date=TODAY + datetime.timedelta(days=9))
    TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=200))
    TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=10))
    audiences, attentes = home.panels(_request(make_user(Role.JURIDIQUE)))
    assert audiences["count"] == 1 and procedure.affaire.reference in audiences["items"][0]["label"]
    assert attentes["count"] == 1


def test_no_home_panels_for_awareness_staff(make_user):
    assert home.panels(_request(make_user(Role.SENSIBILISATION))) == []
