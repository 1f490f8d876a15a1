import datetime

import pytest
from django.urls import reverse

from accompagnement.models import Personne
from comptes.models import JournalAcces
from comptes.permissions import Role
from signalements import enums
from signalements.models import PersonneSignalee, Signalement
from tests.accompagnement.factories import AffaireFactory, PersonneFactory
from tests.documents.factories import DocumentFactory
from tests.signalements.factories import EntretienFactory, PersonneSignaleeFactory, SignalementFactory

pytestmark = pytest.mark.django_db


def donnees_creation(**extra):
    data = {
        "date_reception": "2024-05-02",
        "canal": "telephone",
        "source_type": "association_service_social",
        "source_organisation": "Secours Catholique",
        "pays_faits": "FR",
        "departement_faits": "93",
        "victimes-TOTAL_FORMS": "2",
        "victimes-INITIAL_FORMS": "0",
        "victimes-MIN_NUM_FORMS": "0",
        "victimes-MAX_NUM_FORMS": "200",
        "victimes-0-nom": "Santos",
        "victimes-0-prenom": "Maria",
        "victimes-0-sexe": "F",
        "victimes-0-nationalite": "PH",
    }
    data.update(extra)
    return data


def test_accueil_records_a_report_with_its_potential_victims(client_for):
    client = client_for(Role.ACCUEIL)
    response = client.post(reverse("signalements:creer"), donnees_creation())
    signalement = Signalement.objects.get()
    assert response.status_code == 302 and response["Location"] == signalement.get_absolute_url()
    assert signalement.reference == "S-2024-0001"
    assert [str(p) for p in signalement.personnes_signalees.all()] == ["SANTOS Maria"]


def test_psychosocial_staff_may_read_reports_but_not_record_them(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    assert client.get(reverse("signalements:liste")).status_code == 200
    assert client.post(reverse("signalements:creer"), donnees_creation()).status_code == 403
    assert not Signalement.objects.exists()


def test_psychologist_sees_no_report(client_for):
    signalement = SignalementFactory()
    client = client_for(Role.PSYCHOLOGUE)
    assert client.get(reverse("signalements:detail", args=[signalement.pk])).status_code == 403


def test_missing_report_answers_404(client_for):
    client = client_for(Role.ACCUEIL)
    assert client.get(reverse("signalements:detail", args=[999999])).status_code == 404


def test_possible_duplicate_is_shown_before_saving_then_linked_on_choice(client_for):
    existante = PersonneFactory(nom="Santos", prenom="María", nationalite="PH")
    client = client_for(Role.ACCUEIL)
    response = client.post(reverse("signalements:creer"), donnees_creation())
    assert response.status_code == 200
    assert not Signalement.objects.exists()
    assert existante.numero_dossier in response.content.decode()
    response = client.post(reverse("signalements:creer"), donnees_creation(**{"victimes-0-lien": str(existante.pk)}))
    assert response.status_code == 302
    assert Signalement.objects.get().personnes_signalees.get().personne == existante


def test_possible_duplicate_can_be_declared_someone_else(client_for):
    PersonneFactory(nom="Santos", prenom="Maria", nationalite="PH")
    client = client_for(Role.ACCUEIL)
    response = client.post(reverse("signalements:creer"), donnees_creation(**{"victimes-0-lien": "nouvelle"}))
    assert response.status_code == 302
    assert Signalement.objects.get().personnes_signalees.get().personne is None


def test_queue_lists_open_reports_in_fixed_queries_and_logs_access(client_for, django_assert_num_queries):
    for i in range(3):
        PersonneSignaleeFactory(signalement__date_reception=datetime.date(2024, 1, 1 + i))
    SignalementFactory(sans_suite=True, reference="S-DECIDE")
    client = client_for(Role.ACCUEIL)
    with django_assert_num_queries(12):
        response = client.get(reverse("signalements:liste"))
    page = response.context["page"]
    assert [s.date_reception.day for s in page] == [3, 2, 1]  # open only, newest first
    assert JournalAcces.objects.filter(utilisateur=client.user, action=JournalAcces.Action.LISTE).count() == 1


def test_report_detail_in_fixed_queries_and_logged(client_for, django_assert_num_queries):
    signalement = SignalementFactory(consenti=True)
    for _ in range(3):
        PersonneSignaleeFactory(signalement=signalement)
        EntretienFactory(signalement=signalement)
        DocumentFactory(signalement=signalement, personne=None)  # their list: one query more, whatever the count
    client = client_for(Role.ACCUEIL)
    with django_assert_num_queries(14):
        response = client.get(reverse("signalements:detail", args=[signalement.pk]))
    assert response.status_code == 200
    log = JournalAcces.objects.get(utilisateur=client.user, action=JournalAcces.Action.CONSULTATION)
    assert log.object_id == str(signalement.pk)


def test_concurrent_edit_is_detected_and_input_kept(client_for):
    signalement = PersonneSignaleeFactory().signalement  # a report has a potential victim
    client = client_for(Role.ACCUEIL)
    form = client.get(reverse("signalements:modifier", args=[signalement.pk])).context["form"]
    version = form["version_attendue"].value()
    Signalement.objects.filter(pk=signalement.pk).update(version=version + 1)  # a colleague saved meanwhile
    data = {
        "date_reception": "2024-03-01",
        "canal": "email",
        "source_type": "avocat",
        "source_organisation": "Cabinet Martin",
        "pays_faits": "FR",
        "version_attendue": version,
    }
    response = client.post(reverse("signalements:modifier", args=[signalement.pk]), data)
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode() or "Quelqu" in response.content.decode()
    assert response.context["form"]["source_organisation"].value() == "Cabinet Martin"
    signalement.refresh_from_db()
    assert signalement.source_organisation == "Secours Populaire"


def test_questionnaire_step_refused_without_consent_and_accepted_with_it(client_for):
    signalement = PersonneSignaleeFactory().signalement  # a report has a potential victim
    client = client_for(Role.ACCUEIL)
    url = reverse("signalements:avancer", args=[signalement.pk])
    assert client.post(url, {"date": "2024-03-05"}).status_code == 200
    signalement.refresh_from_db()
    assert signalement.etape == enums.Etape.RECU
    response = client.post(url, {"date": "2024-03-05", "consentement_date": "2024-03-04"})
    assert response.status_code == 302
    signalement.refresh_from_db()
    assert signalement.etape == enums.Etape.QUESTIONNAIRE and signalement.consentement_recueilli_par == client.user


def test_deciding_supported_lands_on_the_page_of_the_files_it_opened(client_for):
    signalement = SignalementFactory(consenti=True)
    ps = PersonneSignaleeFactory(signalement=signalement, nom="Zyxwvu", prenom="Anna")
    client = client_for(Role.ACCUEIL)
    url = reverse("signalements:decider", args=[signalement.pk])
    response = client.post(
        url,
        {
            "decision": "accompagnement",
            "date_decision": "2024-04-01",
            "type_exploiteur": "particulier",
            f"choix_{ps.pk}": "nouvelle",
            "version_attendue": signalement.version,
        },
    )
    personne = Personne.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("signalements:decision_resultat", args=[signalement.pk])
    assert personne.accompagnements.get().signalement == signalement


def _entrer_victime(client, signalement, **data):
    """Add a potential victim as the reception does, answering the duplicate check with `lien`."""
    url = reverse("signalements:personne_ajouter", args=[signalement.pk])
    return client.post(url, {"nom": "", "prenom": "", "sexe": "", "age": "", "annee_naissance": "", "nationalite": "",
                             "telephone": "", "lien": "", **data})  # fmt: skip


def test_decision_for_two_persons_asks_about_duplicates_once_and_lists_both_files(client_for):
    """The duplicate check is made at entry; the decision shows the choice, takes a case typed by its
    reference, and lands on a page listing both persons and their files."""
    existante = PersonneFactory(nom="Ouédraogo", prenom="Awa", telephone="06 12 34 56 78")
    affaire = AffaireFactory(reference="A-2026-0958", intitule="Atelier de couture")
    signalement = SignalementFactory(consenti=True)
    client = client_for(Role.ACCUEIL)
    # Entry: the lookalike is shown once and the user says it is the same person.
    response = _entrer_victime(client, signalement, nom="OUEDRAOGO", prenom="Awa")
    assert response.status_code == 200 and existante in [c.personne for c in response.context["form"].candidats]
    reponse = _entrer_victime(client, signalement, nom="OUEDRAOGO", prenom="Awa", lien=str(existante.pk))
    assert reponse.status_code == 302
    assert _entrer_victime(client, signalement, nom="Zyxwvu", prenom="Nina").status_code == 302
    lie, nouvelle = signalement.personnes_signalees.order_by("pk")
    assert lie.personne == existante and nouvelle.personne is None

    url = reverse("signalements:decider", args=[signalement.pk])
    page = client.get(url)
    form = page.context["form"]
    # Not asked again: one choice per person, what was chosen at entry, or not supported.
    assert [c[0] for c in form.fields[f"choix_{lie.pk}"].choices] == [str(existante.pk), "ignorer"]
    assert [c[0] for c in form.fields[f"choix_{nouvelle.pk}"].choices] == ["nouvelle", "ignorer"]
    assert 'data-recherche="{}"'.format(reverse("accompagnement:choix_affaires")) in page.content.decode()
    response = client.post(
        url,
        {
            "decision": "accompagnement",
            "date_decision": "2024-04-01",
            "type_exploiteur": "particulier",
            "affaire": str(affaire),  # the searchable picker's suggestion, "A-2026-0958 – Atelier de couture"
            f"choix_{lie.pk}": str(existante.pk),
            f"choix_{nouvelle.pk}": "nouvelle",
            "version_attendue": form.fields["version_attendue"].initial,
        },
        follow=True,
    )
    creee = Personne.objects.exclude(pk=existante.pk).get()
    assert response.redirect_chain[-1][0] == reverse("signalements:decision_resultat", args=[signalement.pk])
    lignes = response.context["lignes"]
    assert {ligne["personne"] for ligne in lignes} == {existante, creee}
    assert all(ligne["periode"].signalement == signalement for ligne in lignes)
    assert all(ligne["affaires"] == [affaire] for ligne in lignes)
    html = response.content.decode()
    assert existante.get_absolute_url() in html and creee.get_absolute_url() in html


def test_duplicate_check_mentions_the_earlier_report_of_a_repeat_caller(client_for):
    ancien = SignalementFactory(reference="S-2023-0042", sans_suite=True)
    PersonneSignaleeFactory(signalement=ancien, nom="Poulain", prenom="Zoé", telephone="0612345678")
    signalement = SignalementFactory()
    client = client_for(Role.ACCUEIL)
    response = _entrer_victime(client, signalement, nom="Autre", prenom="Nom", telephone="06 12 34 56 78")
    assert response.status_code == 200  # shown before saving, once
    assert response.context["form"].signalements_anterieurs == [ancien]
    assert "S-2023-0042" in response.content.decode()
    assert _entrer_victime(client, signalement, nom="Autre", prenom="Nom", telephone="06 12 34 56 78",
                           lien="nouvelle").status_code == 302  # fmt: skip


def test_direction_can_decide_but_legal_unit_cannot(client_for):
    signalement = PersonneSignaleeFactory().signalement  # a report has a potential victim
    data = {
        "decision": "sans_suite",
        "date_decision": "2024-04-01",
        "motif_sans_suite": "injoignable",
        "type_exploiteur": "autre",
        "version_attendue": signalement.version,
    }
    url = reverse("signalements:decider", args=[signalement.pk])
    assert client_for(Role.JURIDIQUE).post(url, data).status_code == 403
    assert client_for(Role.DIRECTION).post(url, data).status_code == 302
    signalement.refresh_from_db()
    assert signalement.decision == enums.Decision.SANS_SUITE


def test_potential_victim_edited_then_removed_while_report_open(client_for):
    ps = PersonneSignaleeFactory(nom="Avant", prenom="Zeta")
    client = client_for(Role.ACCUEIL)
    url = reverse("signalements:personne_modifier", args=[ps.pk])
    version = client.get(url).context["form"]["version_attendue"].value()
    response = client.post(url, {"nom": "Après", "prenom": "Zeta", "version_attendue": version})
    assert response.status_code == 302
    ps.refresh_from_db()
    assert ps.nom == "Après"
    # A stale version is refused with the input kept.
    response = client.post(url, {"nom": "Encore", "prenom": "Zeta", "version_attendue": version})
    assert response.status_code == 200 and response.context["form"]["nom"].value() == "Encore"
    PersonneSignaleeFactory(signalement=ps.signalement)  # the last potential victim cannot be removed
    assert client.post(reverse("signalements:personne_retirer", args=[ps.pk])).status_code == 302
    assert not PersonneSignalee.objects.filter(pk=ps.pk).exists()


def test_potential_victim_of_a_decided_report_cannot_be_removed(client_for):
    ps = PersonneSignaleeFactory(signalement=SignalementFactory(sans_suite=True))
    client_for(Role.ACCUEIL).post(reverse("signalements:personne_retirer", args=[ps.pk]))
    assert PersonneSignalee.objects.filter(pk=ps.pk).exists()


def test_a_report_decided_meanwhile_by_a_colleague_is_not_decided_twice(client_for):
    signalement = SignalementFactory()
    client = client_for(Role.ACCUEIL)
    url = reverse("signalements:decider", args=[signalement.pk])
    version = client.get(url).context["form"]["version_attendue"].value()
    Signalement.objects.filter(pk=signalement.pk).update(
        decision="reorientation", type_reorientation="autre", date_decision="2024-03-02", version=version + 1
    )
    data = {"decision": "sans_suite", "date_decision": "2024-04-01", "motif_sans_suite": "injoignable",
            "type_exploiteur": "autre", "version_attendue": version}  # fmt: skip
    response = client.post(url, data, follow=True)
    assert "déjà fait" in response.content.decode()
    signalement.refresh_from_db()
    assert signalement.decision == "reorientation"


def test_decision_landing_loads_its_rows_in_a_fixed_number_of_queries(client_for, django_assert_num_queries):
    from signalements import services

    client = client_for(Role.ACCUEIL)
    signalement = SignalementFactory(consenti=True)
    victimes = [PersonneSignaleeFactory(signalement=signalement, nom=f"Nom{i}") for i in range(3)]
    services.signalement_decider(
        signalement=signalement,
        decision=enums.Decision.ACCOMPAGNEMENT,
        date_decision=datetime.date(2024, 4, 2),
        choix=[services.ChoixPersonne(ps, services.NOUVELLE) for ps in victimes],
        by=client.user,
    )
    url = reverse("signalements:decision_resultat", args=[signalement.pk])
    with django_assert_num_queries(16):
        response = client.get(url)
    assert len(response.context["lignes"]) == 3
    assert all(ligne["periode"] and len(ligne["affaires"]) == 1 for ligne in response.context["lignes"])
