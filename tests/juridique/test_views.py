import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from comptes.models import JournalAcces
from comptes.permissions import Role
from juridique import enums
from juridique.models import Avocat, Etape, Procedure, TitreSejour
from tests.accompagnement.factories import AffaireFactory, PersonneFactory
from tests.documents.factories import DocumentFactory
from tests.juridique.factories import (
    AvocatFactory,
    EtapeFactory,
    ProcedureFactory,
    TitreSejourFactory,
    personnes_dans_affaire,
)

pytestmark = pytest.mark.django_db

# Every test of this module runs on this day (see travel_to).
TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _on_a_fixed_day(travel_to):
    travel_to(TODAY)


@pytest.fixture
def juriste(client_for):
    client = client_for(Role.JURIDIQUE)
    client.get(reverse("juridique:jetons"))  # first request of a session also writes the session
    ContentType.objects.get_for_models(Procedure, Etape, TitreSejour, Avocat)  # cached, as in a running server
    return client


def _procedures_avec_donnees(n: int) -> list[Procedure]:
    procedures = []
    for i in range(n):
        affaire = AffaireFactory()
        procedure = ProcedureFactory(
            affaire=affaire,
            personnes=personnes_dans_affaire(affaire, 2),
            avocats=[AvocatFactory(), AvocatFactory()],
        )
        EtapeFactory(procedure=procedure, type=enums.TypeEtape.PLAINTE, date=datetime.date(2022, 3, 1))
        EtapeFactory(
            procedure=procedure, type=enums.TypeEtape.AUDIENCE_1RE_INSTANCE, date=TODAY + datetime.timedelta(days=i + 1)
        )
        procedures.append(procedure)
    return procedures


# --- Access ---------------------------------------------------------------------------------


def test_psychosocial_reads_proceedings_but_not_the_legal_notes_nor_the_exploiter(client_for):
    affaire = AffaireFactory(exploiteur_details="Couple de diplomates, 16e arrondissement")
    procedure = ProcedureFactory(affaire=affaire, notes="Stratégie : PCPC avant l'été")
    client = client_for(Role.PSYCHOSOCIAL)
    response = client.get(reverse("juridique:procedure", args=[procedure.pk]))
    assert response.status_code == 200
    assert "PCPC avant" not in response.text
    assert "diplomates" not in response.text
    assert reverse("juridique:etape_ajouter", args=[procedure.pk]) not in response.text


def test_legal_unit_reads_the_legal_notes_and_the_exploiter(juriste):
    affaire = AffaireFactory(exploiteur_details="Couple de diplomates, 16e arrondissement")
    procedure = ProcedureFactory(affaire=affaire, notes="Stratégie : PCPC avant l'été")
    response = juriste.get(reverse("juridique:procedure", args=[procedure.pk]))
    assert "PCPC avant" in response.text
    assert "diplomates" in response.text


def test_reception_cannot_see_proceedings(client_for):
    procedure = ProcedureFactory()
    client = client_for(Role.ACCUEIL)
    assert client.get(reverse("juridique:procedure", args=[procedure.pk])).status_code == 403
    assert client.get(reverse("juridique:procedures")).status_code == 403


def test_psychosocial_cannot_add_a_stage_but_legal_unit_can(client_for):
    procedure = ProcedureFactory()
    url = reverse("juridique:etape_ajouter", args=[procedure.pk])
    data = {"type": "plainte", "date": "2024-03-04"}
    assert client_for(Role.PSYCHOSOCIAL).post(url, data).status_code == 403
    assert not procedure.etapes.exists()
    assert client_for(Role.JURIDIQUE).post(url, data).status_code == 302
    assert procedure.etapes.get().type == "plainte"


def test_detail_and_list_write_the_access_log(juriste):
    procedure = ProcedureFactory()
    juriste.get(reverse("juridique:procedures"))
    juriste.get(reverse("juridique:procedure", args=[procedure.pk]))
    rows = JournalAcces.objects.filter(utilisateur=juriste.user).order_by("pk")
    assert [(r.action, r.object_id, r.vue) for r in rows] == [
        ("list", "", "juridique:procedures"),
        ("view", str(procedure.pk), "juridique:procedure"),
    ]


# --- Lists and details in a fixed number of queries ----------------------------------------


def test_proceedings_list_in_a_fixed_number_of_queries(juriste, django_assert_num_queries):
    _procedures_avec_donnees(3)
    with django_assert_num_queries(13):
        response = juriste.get(reverse("juridique:procedures"))
    assert response.status_code == 200
    _procedures_avec_donnees(3)
    with django_assert_num_queries(13):
        response = juriste.get(reverse("juridique:procedures"))
    assert response.text.count("D-T-") == 12


def test_proceeding_detail_in_a_fixed_number_of_queries(juriste, django_assert_num_queries):
    procedure = _procedures_avec_donnees(3)[0]
    for jour in range(3):
        EtapeFactory(procedure=procedure, type=enums.TypeEtape.ECHEANCE, date=TODAY + datetime.timedelta(days=jour))
        DocumentFactory(procedure=procedure, personne=None)  # their list: one query more, whatever the count
    with django_assert_num_queries(15):
        response = juriste.get(reverse("juridique:procedure", args=[procedure.pk]))
    assert response.status_code == 200
    assert response.text.count("list-group-item-info") == 4  # upcoming: 3 deadlines + the hearing
    assert response.text.count("/telecharger/") == 3


def test_lawyers_list_in_a_fixed_number_of_queries(juriste, django_assert_num_queries):
    _procedures_avec_donnees(3)
    with django_assert_num_queries(10):
        response = juriste.get(reverse("juridique:avocats"))
    assert response.status_code == 200
    assert len(re.findall(r'href="/juridique/avocats/\d+/"', response.text)) == 6


def test_lawyer_page_lists_the_proceedings_they_handle(juriste):
    procedures = _procedures_avec_donnees(2)
    avocat = procedures[0].avocats.first()
    response = juriste.get(reverse("juridique:avocat", args=[avocat.pk]))
    assert procedures[0].reference in response.text
    assert procedures[1].reference not in response.text


def test_residence_permits_list_in_a_fixed_number_of_queries(juriste, django_assert_num_queries):
    for _ in range(3):
        TitreSejourFactory()
    with django_assert_num_queries(11):  # + the waiting-time summary
        response = juriste.get(reverse("juridique:titres"))
    assert response.status_code == 200


# --- Creating proceedings for persons of a case ---------------------------------------------


def test_open_criminal_proceedings_for_two_persons_of_a_collective_case(juriste):
    affaire = AffaireFactory()
    a, b, c = personnes_dans_affaire(affaire, 3)
    etranger = PersonneFactory()
    url = reverse("juridique:procedure_creer")
    step1 = juriste.get(url, {"q": affaire.reference})
    assert f"?affaire={affaire.pk}" in step1.text and "3 pers" in step1.text
    step2 = juriste.get(url, {"affaire": affaire.pk})
    assert a.numero_dossier in step2.text and etranger.numero_dossier not in step2.text
    response = juriste.post(
        f"{url}?affaire={affaire.pk}",
        {"personnes": [a.pk, b.pk], "type": "penal", "date_ouverture": "2024-05-02", "partie_civile_ccem": "on"},
    )
    procedure = Procedure.objects.get()
    assert response.status_code == 302 and response["Location"] == procedure.get_absolute_url()
    assert set(procedure.personnes.all()) == {a, b}
    assert procedure.partie_civile_ccem and procedure.cree_par == juriste.user


def test_a_person_outside_the_case_is_refused(juriste):
    affaire = AffaireFactory()
    personnes_dans_affaire(affaire, 1)
    etranger = PersonneFactory()
    response = juriste.post(
        f"{reverse('juridique:procedure_creer')}?affaire={affaire.pk}",
        {"personnes": [etranger.pk], "type": "penal", "date_ouverture": "2024-05-02"},
    )
    assert response.status_code == 200
    assert not Procedure.objects.exists()


def test_concurrent_edit_is_detected_and_input_kept(client_for):
    procedure = ProcedureFactory(juridiction="TJ Paris")
    personne = procedure.personnes.get()
    url = reverse("juridique:procedure_modifier", args=[procedure.pk])
    first, second = client_for(Role.JURIDIQUE), client_for(Role.DIRECTION)
    base = {"personnes": [personne.pk], "type": "penal", "date_ouverture": "2022-01-10", "version_attendue": 1}
    assert first.post(url, {**base, "juridiction": "TJ Bobigny"}).status_code == 302
    response = second.post(url, {**base, "juridiction": "TJ Créteil"})
    assert response.status_code == 200
    assert "Someone else saved this record" in response.text or "Quelqu" in response.text
    assert 'value="TJ Créteil"' in response.text
    procedure.refresh_from_db()
    assert procedure.juridiction == "TJ Bobigny" and procedure.version == 2


# --- Stages, hearings, decisions ------------------------------------------------------------


def test_a_stage_of_another_kind_of_proceedings_is_not_offered(juriste):
    procedure = ProcedureFactory(type=enums.TypeProcedure.PENAL)
    response = juriste.post(
        reverse("juridique:etape_ajouter", args=[procedure.pk]), {"type": "saisine_cph", "date": "2024-03-04"}
    )
    assert response.status_code == 200
    assert not procedure.etapes.exists()


def test_add_a_hearing_with_time_and_room(juriste):
    procedure = ProcedureFactory()
    juriste.post(
        reverse("juridique:etape_ajouter", args=[procedure.pk]),
        {"type": "audience_1re_instance", "date": "2030-03-04", "heure": "13:30", "salle": "16e chambre"},
    )
    etape = Etape.objects.get()
    assert (etape.heure, etape.salle, etape.cree_par) == (datetime.time(13, 30), "16e chambre", juriste.user)


def test_delete_a_stage_needs_a_reason(juriste):
    etape = EtapeFactory()
    url = reverse("element_supprimer", args=["juridique.etape", etape.pk])
    assert juriste.post(url, {"motif": " "}).status_code == 200
    assert juriste.post(url, {"motif": "mauvaise procédure"}).status_code == 302
    assert not Etape.objects.exists()


def test_a_decision_can_close_the_proceedings(juriste):
    procedure = ProcedureFactory()
    juriste.post(
        reverse("juridique:decision_ajouter", args=[procedure.pk]),
        {"date": "2024-02-15", "niveau": "1", "nature": "condamnation_traite", "montant_accorde": "100000",
         "cloturer": "on"},
    )  # fmt: skip
    procedure.refresh_from_db()
    assert procedure.date_cloture == datetime.date(2024, 2, 15)
    assert procedure.decisions.get().montant_accorde == 100000


def test_open_proceedings_with_no_next_step(juriste):
    sans = ProcedureFactory()
    EtapeFactory(procedure=sans, date=TODAY - datetime.timedelta(days=30))
    avec = ProcedureFactory()
    EtapeFactory(procedure=avec, type=enums.TypeEtape.ECHEANCE, date=TODAY)
    close = ProcedureFactory(date_cloture=datetime.date(2023, 1, 1))
    response = juriste.get(reverse("juridique:sans_suite"))
    assert sans.reference in response.text
    assert avec.reference not in response.text and close.reference not in response.text


# --- Residence permits ----------------------------------------------------------------------


def test_permits_waiting_longer_than_n_days(juriste):
    long = TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=200))
    recent = TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=20))
    decide = TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=300), accorde=True)
    response = juriste.get(reverse("juridique:titres"), {"attente_plus_de": 100})
    assert long.personne.numero_dossier in response.text
    assert recent.personne.numero_dossier not in response.text
    assert decide.personne.numero_dossier not in response.text
    assert ">200<" in response.text  # waiting time shown in days


def test_record_a_permit_then_edit_with_conflict_detection(client_for):
    personne = PersonneFactory()
    juriste = client_for(Role.JURIDIQUE)
    data = {"type": "l425_1", "premier": "on", "date_demande": "2024-01-10", "issue": "en_attente"}
    assert juriste.post(reverse("juridique:titre_creer", args=[personne.pk]), data).status_code == 302
    titre = TitreSejour.objects.get()
    url = reverse("juridique:titre_modifier", args=[titre.pk])
    decided = {**data, "date_decision": "2024-06-01", "issue": "accorde", "version_attendue": 1}
    assert juriste.post(url, decided).status_code == 302
    response = juriste.post(url, {**decided, "prefecture": "Bobigny"})
    assert response.status_code == 200 and 'value="Bobigny"' in response.text
    titre.refresh_from_db()
    assert titre.attente_jours() == 143 and titre.prefecture == ""


def test_a_granted_permit_needs_a_decision_date(juriste):
    personne = PersonneFactory()
    data = {"type": "l425_1", "premier": "on", "date_demande": "2024-01-10", "issue": "accorde"}
    response = juriste.post(reverse("juridique:titre_creer", args=[personne.pk]), data)
    assert response.status_code == 200
    assert not TitreSejour.objects.exists()


# --- Calendar -------------------------------------------------------------------------------


def test_month_view_places_hearings_on_their_day(juriste):
    procedure = ProcedureFactory()
    EtapeFactory(procedure=procedure, type="audience_appel", date=datetime.date(2031, 3, 12), heure=datetime.time(9))
    EtapeFactory(procedure=procedure, type="plainte", date=datetime.date(2031, 3, 13))  # a stage, not in the agenda
    response = juriste.get(reverse("juridique:agenda_mois"), {"mois": "2031-03"})
    cellule = re.search(r'data-date="2031-03-12">(.*?)</td>', response.text, re.S).group(1)
    assert "09:00" in cellule and procedure.affaire.reference in cellule
    cellule = re.search(r'data-date="2031-03-13">(.*?)</td>', response.text, re.S).group(1)
    assert procedure.affaire.reference not in cellule
    assert "?mois=2031-02" in response.text and "?mois=2031-04" in response.text


@pytest.mark.parametrize("role", [Role.JURIDIQUE, Role.PSYCHOSOCIAL, Role.DIRECTION])
def test_month_view_says_what_a_deadline_is_and_names_the_person_for_who_may_open_the_file(client_for, role):
    from comptes.permissions import can

    client = client_for(role)
    procedure = ProcedureFactory()
    procedure.personnes.add(PersonneFactory(nom="Ouedraogo", prenom="Awa"))
    EtapeFactory(procedure=procedure, type="echeance", date=datetime.date(2031, 3, 12), precision="Conclusions")
    response = client.get(reverse("juridique:agenda_mois"), {"mois": "2031-03"})
    cellule = re.search(r'data-date="2031-03-12">(.*?)</td>', response.text, re.S).group(1)
    assert "Échéance · Conclusions" in cellule
    # Every role of the calendar may today open the person's page; the name follows that rule.
    assert ("OUEDRAOGO Awa" in cellule) == can(client.user, "accompagnement")


def test_month_view_ignores_a_malformed_month(juriste):
    response = juriste.get(reverse("juridique:agenda_mois"), {"mois": "2031-13"})
    assert response.status_code == 200
    assert f'data-date="{TODAY:%Y-%m-%d}"' in response.text


def test_month_view_in_a_fixed_number_of_queries(juriste, django_assert_num_queries):
    _procedures_avec_donnees(3)
    with django_assert_num_queries(10):  # the persons' names, for the legal unit
        response = juriste.get(reverse("juridique:agenda_mois"))
    assert response.text.count('class="evenement') == 3


def test_upcoming_list_filters_hearings_and_deadlines(juriste):
    procedure = ProcedureFactory()
    EtapeFactory(procedure=procedure, type="audience_cnda", date=TODAY + datetime.timedelta(days=3), salle="S12")
    EtapeFactory(procedure=procedure, type="echeance", date=TODAY + datetime.timedelta(days=4), precision="Conclusions")
    EtapeFactory(procedure=procedure, type="audience", date=TODAY - datetime.timedelta(days=1), salle="S-OLD")
    response = juriste.get(reverse("juridique:agenda"), {"quoi": "audiences"})
    assert "S12" in response.text and "Conclusions" not in response.text and "S-OLD" not in response.text
    response = juriste.get(reverse("juridique:agenda"), {"quoi": "echeances"})
    assert "S12" not in response.text and "Conclusions" in response.text


def test_unit_index_shows_what_needs_attention(juriste):
    procedure = ProcedureFactory()
    EtapeFactory(procedure=procedure, type="audience_cph", date=TODAY + datetime.timedelta(days=2), salle="B3")
    oublie = ProcedureFactory()
    attente = TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=400))
    response = juriste.get(reverse("juridique:index"))
    assert "B3" in response.text
    assert oublie.reference in response.text
    assert attente.personne.numero_dossier in response.text


# --- Languages ------------------------------------------------------------------------------


def test_pages_in_french_by_default_and_english_on_request(juriste, settings):
    procedure = ProcedureFactory()
    EtapeFactory(procedure=procedure, type="audience_1re_instance", date=TODAY + datetime.timedelta(days=1))
    response = juriste.get(reverse("juridique:index"))
    assert "Audiences et échéances des 30 prochains jours" in response.text
    assert "Audience de 1re instance" in response.text
    juriste.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = juriste.get(reverse("juridique:index"))
    assert "Hearings and deadlines in the next 30 days" in response.text


def test_lawyer_page_in_a_fixed_number_of_queries(juriste, django_assert_num_queries):
    avocat = AvocatFactory()
    for procedure in _procedures_avec_donnees(3):
        procedure.avocats.add(avocat)
    with django_assert_num_queries(12):
        response = juriste.get(reverse("juridique:avocat", args=[avocat.pk]))
    assert response.text.count("/juridique/procedures/") >= 3


def test_no_next_step_list_in_a_fixed_number_of_queries(juriste, django_assert_num_queries):
    procedures = _procedures_avec_donnees(3)
    for procedure in procedures:
        procedure.etapes.filter(date__gte=TODAY).delete()
    with django_assert_num_queries(12):
        response = juriste.get(reverse("juridique:sans_suite"))
    assert all(p.reference in response.text for p in procedures)


def test_upcoming_list_in_a_fixed_number_of_queries(juriste, django_assert_num_queries):
    _procedures_avec_donnees(3)
    with django_assert_num_queries(10):
        response = juriste.get(reverse("juridique:agenda"))
    assert response.text.count("<tr>") == 4  # header + 3 hearings


def test_waiting_times_summary_and_anonymous_export(juriste):
    TitreSejourFactory(date_demande=datetime.date(2024, 1, 1), date_decision=datetime.date(2024, 3, 1), issue="accorde")
    TitreSejourFactory(date_demande=datetime.date(2024, 1, 1), date_decision=datetime.date(2024, 5, 1), issue="refuse")
    attente = TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=50), prefecture="Bobigny")
    response = juriste.get(reverse("juridique:titres"))
    assert response.context["delais"] == {
        "nb_decides": 2, "moyenne_decides": 90, "mediane_decides": 90, "nb_en_attente": 1, "mediane_en_attente": 50,
    }  # fmt: skip
    export = juriste.get(reverse("juridique:titres_export"), {"attente_plus_de": 10})
    body = export.content.decode()
    assert export["Content-Type"] == "text/csv; charset=utf-8"
    assert body.count("\n") == 2 and "Bobigny" in body and ";50;" in body
    assert attente.personne.numero_dossier not in body and attente.personne.nom not in body
    assert JournalAcces.objects.filter(vue="juridique:titres_export", action="export").count() == 1


def test_the_permit_waiting_list_puts_the_longest_wait_first_sorts_and_names_the_person(juriste):
    decide = TitreSejourFactory(
        date_demande=datetime.date(2025, 1, 1), date_decision=datetime.date(2025, 2, 1), issue="accorde"
    )
    long = TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=400))
    court = TitreSejourFactory(date_demande=TODAY - datetime.timedelta(days=20))
    url = reverse("juridique:titres")

    def ordre(**params):
        reponse = juriste.get(url, params)
        assert reponse.status_code == 200
        return [t.pk for t in reponse.context["page"]], reponse.text

    par_defaut, page = ordre()
    assert par_defaut == [long.pk, decide.pk, court.pk]  # 400, 31 (decided), 20 days: the longest first
    assert long.personne.nom.upper() in page  # the legal unit sees who is waiting
    assert ordre(tri="attente")[0] == [court.pk, decide.pk, long.pk]
    assert ordre(tri="-demande")[0] == [court.pk, long.pk, decide.pk]
    assert ordre(tri="demande")[0] == [decide.pk, long.pk, court.pk]
