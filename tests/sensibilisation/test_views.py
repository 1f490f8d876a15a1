import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from comptes.models import JournalAcces
from comptes.permissions import Role
from sensibilisation import enums
from sensibilisation.models import Evenement, Intervention
from tests.accompagnement.factories import PersonneFactory

from .factories import EvenementFactory, InterventionFactory

pytestmark = pytest.mark.django_db

LISTE = reverse("sensibilisation:liste")
CREER = reverse("sensibilisation:creer")
# Session, user, 2FA, roles; count, rows, facilitators (one prefetch); access log; session save.
NB_REQUETES_LISTE = 11
# Session, user, 2FA, roles; the intervention, its facilitators, material, witnesses; log; session.
NB_REQUETES_DETAIL = 12
NB_REQUETES_EVENEMENTS = 10
# Planning: upcoming rows + their facilitators, past planned rows + their facilitators.
NB_REQUETES_PLANNING = 11
# Summary: year N aggregate, places, N−1 aggregate, events.
NB_REQUETES_BILAN = 12


def donnees_formulaire(**overrides):
    data = {
        "date": "2024-05-14",
        "titre": "Formation initiale des inspecteurs",
        "type": enums.TypeIntervention.FORMATION_INITIALE,
        "statut": enums.Statut.REALISEE,
        "modalite": enums.Modalite.PRESENTIEL,
        "organisme": "INTEFP",
        "type_organisme": enums.TypeOrganisme.INSPECTION_TRAVAIL,
        "commune": "Marcy-l'Étoile",
        "departement": "69",
        "pays": "",
        "duree_heures": "3",
        "nb_benevoles": "1",
        "nb_inspection_travail": "45",
        "nb_gendarmerie": "0",
        "nb_police": "0",
        "nb_professionnels_droit": "0",
        "nb_travailleurs_sociaux": "0",
        "nb_professionnels_sante": "0",
        "nb_autres_professionnels": "0",
        "nb_eleves": "0",
        "nb_classes": "0",
        "nb_grand_public": "0",
        "nb_public_non_precise": "0",
        "notes": "",
        "materiel-TOTAL_FORMS": "2",
        "materiel-INITIAL_FORMS": "0",
        "materiel-MIN_NUM_FORMS": "0",
        "materiel-MAX_NUM_FORMS": "1000",
        "materiel-0-support": enums.Support.BROCHURE,
        "materiel-0-langue": "fr",
        "materiel-0-quantite": "45",
    }
    data.update(overrides)
    return data


# --- List ------------------------------------------------------------------------------------


def test_awareness_staff_list_interventions_and_the_access_is_logged(client_for):
    client = client_for(Role.SENSIBILISATION)
    InterventionFactory(titre="Barreau de Paris")
    response = client.get(LISTE)
    assert response.status_code == 200
    assert "Barreau de Paris" in response.text
    assert JournalAcces.objects.filter(utilisateur=client.user, action="list", vue="sensibilisation:liste").exists()


def test_psychosocial_unit_cannot_list_interventions(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    assert client.get(LISTE).status_code == 403
    assert not JournalAcces.objects.filter(utilisateur=client.user).exists()


def test_list_query_count_does_not_grow_with_rows(client_for, django_assert_num_queries, make_user):
    client = client_for(Role.SENSIBILISATION)
    animateurs = [make_user(Role.SENSIBILISATION), make_user(Role.DIRECTION)]
    for _ in range(4):
        InterventionFactory(animateurs=animateurs)
    client.get(LISTE)  # warm caches (content types)
    with django_assert_num_queries(NB_REQUETES_LISTE):
        response = client.get(LISTE)
    assert len(response.context["page"]) == 4


@pytest.mark.parametrize(
    ("params", "attendus"),
    [
        ({"annee": "2023"}, {"Lycée Rodin"}),
        ({"type": enums.TypeIntervention.FORMATION_CONTINUE}, {"Magistrats ENM"}),
        ({"departement": "80"}, {"Barreau d'Amiens"}),
        ({"etranger": "true"}, {"Atelier SAVE Rabat"}),
        ({"etranger": "false"}, {"Lycée Rodin", "Magistrats ENM", "Barreau d'Amiens"}),
        ({"organisme": "ordre des avocats"}, {"Barreau d'Amiens"}),
        ({"q": "lycee"}, {"Lycée Rodin"}),  # accent-insensitive
        ({"q": "somme"}, {"Barreau d'Amiens"}),  # by the département's name
    ],
)
def test_list_filters(client_for, params, attendus):
    InterventionFactory(titre="Lycée Rodin", date=datetime.date(2023, 3, 1), nb_eleves=30, nb_classes=1)
    InterventionFactory(titre="Magistrats ENM", type=enums.TypeIntervention.FORMATION_CONTINUE, organisme="ENM")
    InterventionFactory(titre="Barreau d'Amiens", departement="80", organisme="Ordre des avocats d'Amiens")
    InterventionFactory(titre="Atelier SAVE Rabat", etranger=True)
    response = client_for(Role.DIRECTION).get(LISTE, params)
    assert {i.titre for i in response.context["page"]} == attendus


# --- Detail ----------------------------------------------------------------------------------


def test_detail_is_logged_and_pinned(client_for, django_assert_num_queries, make_user):
    client = client_for(Role.DIRECTION)
    intervention = InterventionFactory(animateurs=[make_user(Role.SENSIBILISATION) for _ in range(3)])
    intervention.temoins.set([PersonneFactory(membre_cva=True) for _ in range(3)])
    for langue in ("fr", "tl", "es"):
        intervention.materiels.create(support=enums.Support.BROCHURE, langue=langue, quantite=10)
    url = intervention.get_absolute_url()
    client.get(url)
    with django_assert_num_queries(NB_REQUETES_DETAIL):
        response = client.get(url)
    assert response.status_code == 200
    assert (
        JournalAcces.objects.filter(
            utilisateur=client.user, action="view", object_id=str(intervention.pk), vue="sensibilisation:detail"
        ).count()
        == 2
    )


def test_testifying_persons_are_shown_only_to_staff_who_may_see_persons(client_for):
    personne = PersonneFactory(nom="Santos", membre_cva=True)
    intervention = InterventionFactory()
    intervention.temoins.add(personne)
    assert "SANTOS" in client_for(Role.ACCUEIL).get(intervention.get_absolute_url()).text
    assert "SANTOS" not in client_for(Role.SENSIBILISATION).get(intervention.get_absolute_url()).text


def test_missing_intervention_answers_404(client_for):
    assert client_for(Role.DIRECTION).get(reverse("sensibilisation:detail", args=[999])).status_code == 404


# --- Create ----------------------------------------------------------------------------------


def test_awareness_staff_record_an_intervention_with_its_material(client_for, make_user):
    client = client_for(Role.SENSIBILISATION)
    collegue = make_user(Role.SENSIBILISATION)
    response = client.post(CREER, donnees_formulaire(animateurs=[collegue.pk, client.user.pk]))
    intervention = Intervention.objects.get()
    assert response.status_code == 302
    assert response["Location"] == intervention.get_absolute_url()
    assert intervention.participants == 45
    assert intervention.cree_par == client.user
    assert set(intervention.animateurs.all()) == {collegue, client.user}
    assert [str(m.quantite) + m.langue for m in intervention.materiels.all()] == ["45fr"]
    assert intervention.history.earliest().history_user == client.user


def test_reception_may_read_but_not_record_interventions(client_for):
    client = client_for(Role.ACCUEIL)
    assert client.get(LISTE).status_code == 200
    assert client.post(CREER, donnees_formulaire()).status_code == 403
    assert not Intervention.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "champ"),
    [
        ({"departement": "", "pays": ""}, "departement"),  # no place
        ({"departement": "75", "pays": "MA"}, "departement"),  # both
        ({"departement": "", "pays": "FR"}, "pays"),  # France given as a country
        ({"nb_classes": "2"}, "nb_classes"),  # classes without pupils
        ({"nb_gendarmerie": "-3"}, "nb_gendarmerie"),
        ({"date": "2099-01-01"}, "date"),  # held in the future
        ({"nb_inspection_travail": "0"}, "__all__"),  # held without participants
        ({"materiel-1-support": enums.Support.POSTER}, None),  # material without quantity
    ],
)
def test_invalid_input_is_refused_with_a_message_next_to_the_field(client_for, overrides, champ):
    response = client_for(Role.SENSIBILISATION).post(CREER, donnees_formulaire(**overrides))
    assert response.status_code == 200
    assert not Intervention.objects.exists()
    if champ:
        assert champ in response.context["form"].errors
    else:
        assert response.context["materiels"].errors[1]["quantite"]


def test_a_planned_session_abroad_can_be_recorded_without_participants(client_for):
    client = client_for(Role.SENSIBILISATION)
    data = donnees_formulaire(
        date="2099-02-01", statut=enums.Statut.PREVUE, departement="", pays="CO", nb_inspection_travail="0"
    )
    assert client.post(CREER, data).status_code == 302
    intervention = Intervention.objects.get()
    assert intervention.a_l_etranger and intervention.participants == 0


def test_classes_are_accepted_with_pupils(client_for):
    client = client_for(Role.SENSIBILISATION)
    assert client.post(CREER, donnees_formulaire(nb_eleves="52", nb_classes="2")).status_code == 302


# --- Edit ------------------------------------------------------------------------------------


def test_concurrent_edit_is_detected_and_the_input_kept(client_for):
    client = client_for(Role.SENSIBILISATION)
    intervention = InterventionFactory()
    url = reverse("sensibilisation:modifier", args=[intervention.pk])
    # Someone else saves in between.
    Intervention.objects.filter(pk=intervention.pk).update(version=intervention.version + 1)
    response = client.post(url, donnees_formulaire(titre="Mon titre", version_attendue=intervention.version))
    assert response.status_code == 200
    assert "Someone else saved" in response.text or "Quelqu" in response.text
    assert response.context["form"]["titre"].value() == "Mon titre"
    intervention.refresh_from_db()
    assert intervention.titre != "Mon titre"


def test_edit_keeps_testifying_persons_when_the_editor_cannot_see_persons(client_for):
    client = client_for(Role.SENSIBILISATION)
    intervention = InterventionFactory()
    personne = PersonneFactory(membre_cva=True)
    intervention.temoins.add(personne)
    url = reverse("sensibilisation:modifier", args=[intervention.pk])
    assert "temoins" not in client.get(url).context["form"].fields
    response = client.post(url, donnees_formulaire(titre="Nouveau titre", version_attendue=intervention.version))
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.titre == "Nouveau titre" and intervention.version == 2
    assert list(intervention.temoins.all()) == [personne]


def test_direction_records_testifying_members_of_the_cva(client_for):
    client = client_for(Role.DIRECTION)
    membre = PersonneFactory(membre_cva=True)
    PersonneFactory(membre_cva=False)
    intervention = InterventionFactory()
    url = reverse("sensibilisation:modifier", args=[intervention.pk])
    assert list(client.get(url).context["form"].fields["temoins"].queryset) == [membre]
    data = donnees_formulaire(temoins=[membre.pk], version_attendue=intervention.version)
    assert client.post(url, data).status_code == 302
    assert list(intervention.temoins.all()) == [membre]


# --- Planning, summary ----------------------------------------------------------------------


def test_planning_lists_upcoming_sessions_and_flags_past_planned_ones(client_for):
    aujourd_hui = timezone.localdate()
    InterventionFactory(titre="Demain", statut=enums.Statut.PREVUE, date=aujourd_hui + datetime.timedelta(days=1))
    InterventionFactory(titre="Oubliée", statut=enums.Statut.PREVUE, date=aujourd_hui - datetime.timedelta(days=3))
    InterventionFactory(titre="Tenue", date=aujourd_hui - datetime.timedelta(days=3))
    response = client_for(Role.SENSIBILISATION).get(reverse("sensibilisation:planning"))
    a_venir = [i.titre for _, rows in response.context["mois"] for i in rows]
    assert a_venir == ["Demain"]
    assert [i.titre for i in response.context["en_retard"]] == ["Oubliée"]


def test_yearly_summary_counts_interventions_but_not_the_ccem_events(client_for):
    InterventionFactory(date=datetime.date(2024, 2, 1), nb_grand_public=0, nb_inspection_travail=30)
    InterventionFactory(date=datetime.date(2024, 3, 1), departement="80", nb_grand_public=10)
    EvenementFactory(date=datetime.date(2024, 1, 20), nb_participants=300, titre="Portes ouvertes")
    response = client_for(Role.SENSIBILISATION).get(reverse("sensibilisation:bilan"), {"annee": "2024"})
    chiffres = response.context["chiffres"]
    assert chiffres["interventions"] == 2
    assert chiffres["participants"] == 40
    assert chiffres["part_professionnels"] == 75.0
    assert chiffres["part_interventions_paris"] == 50.0
    assert [row[0] for row in response.context["departements"]] == ["75", "80"]
    assert "Portes ouvertes" in response.text


def test_yearly_summary_ignores_a_malformed_year(client_for):
    response = client_for(Role.SENSIBILISATION).get(reverse("sensibilisation:bilan"), {"annee": "abc"})
    assert response.context["annee"] == timezone.localdate().year


# --- CCEM events -----------------------------------------------------------------------------


def test_events_are_recorded_apart_from_interventions(client_for):
    client = client_for(Role.SENSIBILISATION)
    data = {
        "date": "2024-01-20",
        "titre": "Journées portes ouvertes",
        "type": enums.TypeEvenement.PORTES_OUVERTES,
        "statut": enums.Statut.REALISEE,
        "commune": "Paris",
        "departement": "75",
        "pays": "",
        "nb_participants": "120",
        "nb_personnes_accompagnees": "12",
        "partenaires": "Miprof",
        "notes": "",
    }
    response = client.post(reverse("sensibilisation:evenement_creer"), data)
    assert response.status_code == 302
    assert Evenement.objects.get().nb_participants == 120
    assert not Intervention.objects.exists()
    liste = client.get(reverse("sensibilisation:evenements"))
    assert "Journées portes ouvertes" in liste.text


def test_reception_cannot_record_an_event(client_for):
    client = client_for(Role.ACCUEIL)
    assert client.get(reverse("sensibilisation:evenements")).status_code == 200
    assert client.get(reverse("sensibilisation:evenement_creer")).status_code == 403


def test_event_concurrent_edit_is_detected(client_for):
    client = client_for(Role.DIRECTION)
    evenement = EvenementFactory()
    Evenement.objects.filter(pk=evenement.pk).update(version=5)
    data = {
        "date": "2024-01-20",
        "titre": "Colloque des 30 ans",
        "type": enums.TypeEvenement.COLLOQUE,
        "statut": enums.Statut.REALISEE,
        "commune": "Paris",
        "departement": "75",
        "pays": "",
        "nb_participants": "250",
        "nb_personnes_accompagnees": "20",
        "version_attendue": "1",
    }
    response = client.post(reverse("sensibilisation:evenement_modifier", args=[evenement.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert response.context["form"]["titre"].value() == "Colloque des 30 ans"


def test_events_list_query_count_is_fixed(client_for, django_assert_num_queries):
    client = client_for(Role.SENSIBILISATION)
    for _ in range(3):
        EvenementFactory()
    client.get(reverse("sensibilisation:evenements"))
    with django_assert_num_queries(NB_REQUETES_EVENEMENTS):
        response = client.get(reverse("sensibilisation:evenements"))
    assert len(response.context["page"]) == 3


@pytest.mark.parametrize("role", [Role.SENSIBILISATION, Role.DIRECTION, Role.ACCUEIL])
def test_pages_with_data_use_no_unknown_template_variable(client_for, make_user, role):
    client = client_for(role)
    aujourd_hui = timezone.localdate()
    intervention = InterventionFactory(
        animateurs=[make_user(Role.SENSIBILISATION)], nb_eleves=30, nb_classes=1, date=datetime.date(2024, 3, 1)
    )
    intervention.materiels.create(support=enums.Support.BROCHURE, langue="tl", quantite=30)
    intervention.temoins.add(PersonneFactory(membre_cva=True))
    InterventionFactory(etranger=True, date=datetime.date(2024, 4, 1))
    InterventionFactory(statut=enums.Statut.PREVUE, date=aujourd_hui + datetime.timedelta(days=3))
    InterventionFactory(statut=enums.Statut.PREVUE, date=aujourd_hui - datetime.timedelta(days=3))
    evenement = EvenementFactory()
    urls = [
        LISTE,
        intervention.get_absolute_url(),
        reverse("sensibilisation:planning"),
        reverse("sensibilisation:bilan") + "?annee=2024",
        reverse("sensibilisation:evenements"),
        reverse("accueil"),
    ]
    if role != Role.ACCUEIL:
        urls += [
            CREER,
            reverse("sensibilisation:modifier", args=[intervention.pk]),
            reverse("sensibilisation:evenement_creer"),
            reverse("sensibilisation:evenement_modifier", args=[evenement.pk]),
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "INVALID_TEMPLATE_VARIABLE" not in response.text, (url, response.text.split("INVALID_TEMPLATE")[1][:80])


def test_planning_and_summary_query_counts_do_not_grow_with_rows(client_for, make_user, django_assert_num_queries):
    client = client_for(Role.SENSIBILISATION)
    animateur = make_user(Role.SENSIBILISATION)
    demain = timezone.localdate() + datetime.timedelta(days=1)
    for jours in (0, 40, 80):
        InterventionFactory(
            statut=enums.Statut.PREVUE, date=demain + datetime.timedelta(days=jours), animateurs=[animateur]
        )
        InterventionFactory(date=datetime.date(2024, 2, 1), departement=f"{91 + jours // 40}")
        EvenementFactory()
    planning, bilan = reverse("sensibilisation:planning"), reverse("sensibilisation:bilan") + "?annee=2024"
    client.get(planning)
    with django_assert_num_queries(NB_REQUETES_PLANNING):
        response = client.get(planning)
    assert sum(len(rows) for _, rows in response.context["mois"]) == 3
    client.get(bilan)
    with django_assert_num_queries(NB_REQUETES_BILAN):
        response = client.get(bilan)
    assert response.context["chiffres"]["departements_interventions"] == 3


def test_empty_counts_are_read_as_none(client_for):
    data = donnees_formulaire(nb_gendarmerie="", nb_police="", nb_eleves="", nb_classes="", nb_benevoles="")
    assert client_for(Role.SENSIBILISATION).post(CREER, data).status_code == 302
    intervention = Intervention.objects.get()
    assert (intervention.nb_gendarmerie, intervention.nb_classes, intervention.participants) == (0, 0, 45)


def test_export_gives_the_filtered_interventions_without_witnesses_and_is_logged(client_for):
    import io

    from openpyxl import load_workbook

    client = client_for(Role.SENSIBILISATION)
    gardee = InterventionFactory(titre="Barreau d'Amiens", departement="80", nb_professionnels_droit=120)
    gardee.temoins.add(PersonneFactory(nom="Santos"))
    InterventionFactory(titre="Lycée Rodin")
    response = client.get(reverse("sensibilisation:export"), {"departement": "80"})
    assert response.status_code == 200
    feuille = load_workbook(io.BytesIO(response.content)).active
    lignes = list(feuille.iter_rows(values_only=True))
    assert len(lignes) == 2
    assert lignes[1][1] == "Barreau d'Amiens" and lignes[1][-2] == 130
    assert not any("Santos" in str(v) for ligne in lignes for v in ligne)
    assert JournalAcces.objects.filter(utilisateur=client.user, action="export").count() == 1


def test_psychosocial_unit_cannot_export_interventions(client_for):
    assert client_for(Role.PSYCHOSOCIAL).get(reverse("sensibilisation:export")).status_code == 403
