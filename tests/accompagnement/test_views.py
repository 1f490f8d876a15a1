import datetime

import pytest
from django.urls import reverse

from accompagnement import views
from accompagnement.models import (
    Accompagnement,
    Affaire,
    ConsentementTransfert,
    EntreeJournal,
    EvenementTraite,
    Personne,
)
from comptes.models import JournalAcces
from comptes.permissions import Role
from tests.accompagnement.factories import (
    AccompagnementFactory,
    AffaireFactory,
    EntreeJournalFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    PersonneFactory,
    SuiviFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def sans_sections(monkeypatch):
    """The person page without other apps' sections, so its own query count is pinned."""
    monkeypatch.setattr(views, "PERSON_SECTIONS", [])
    monkeypatch.setattr(views, "PERSON_DATES", [])


def test_file_active_search_ignores_accents_and_finds_file_numbers(client_for):
    a = AccompagnementFactory(personne__nom="Benoît", personne__numero_dossier="D-2020-0001").personne
    # Both names pinned: a random first name ("Benoît") would make the other person match too.
    AccompagnementFactory(personne__nom="Martin", personne__prenom="Claire", personne__nom_usage="")
    client = client_for(Role.ACCUEIL)
    page = client.get(reverse("accompagnement:liste"), {"q": "benoit"}).context["page"]
    assert [p.pk for p in page] == [a.pk]
    page = client.get(reverse("accompagnement:liste"), {"q": "2020-0001"}).context["page"]
    assert [p.pk for p in page] == [a.pk]


def test_file_active_filters_by_status_year_sector_and_departement(client_for):
    ouverte = AccompagnementFactory(date_debut=D(2024, 1, 1), personne__nom="Aaa").personne
    close = AccompagnementFactory(date_debut=D(2020, 1, 1), cloture=True, personne__nom="Bbb").personne
    LieuExploitationFactory(exploitation__personne=close, exploitation__secteur="btp", departement="51")
    client = client_for(Role.PSYCHOSOCIAL)
    url = reverse("accompagnement:liste")
    assert [p.pk for p in client.get(url, {"statut": "ouvert"}).context["page"]] == [ouverte.pk]
    assert [p.pk for p in client.get(url, {"statut": "clos"}).context["page"]] == [close.pk]
    assert [p.pk for p in client.get(url, {"annee": 2020}).context["page"]] == [close.pk]
    assert [p.pk for p in client.get(url, {"secteur": "btp"}).context["page"]] == [close.pk]
    assert [p.pk for p in client.get(url, {"departement": "51"}).context["page"]] == [close.pk]


def test_file_active_list_in_fixed_queries_and_logged(client_for, django_assert_num_queries):
    for i in range(3):
        AccompagnementFactory(personne__nom=f"Nom{i}", referent_accueil=UserFactory())
    client = client_for(Role.ACCUEIL)
    with django_assert_num_queries(12):
        response = client.get(reverse("accompagnement:liste"))
    assert len(response.context["page"]) == 3
    assert JournalAcces.objects.filter(utilisateur=client.user, action=JournalAcces.Action.LISTE).count() == 1


def test_person_page_tells_the_story_in_fixed_queries(client_for, django_assert_num_queries, sans_sections):
    personne = PersonneFactory()
    auteur = UserFactory()
    for i in range(3):
        AccompagnementFactory(personne=personne, date_debut=D(2018 + 2 * i, 1, 1), cloture=i < 2)
        lieu = LieuExploitationFactory(exploitation__personne=personne)
        EvenementTraite.objects.create(exploitation=lieu.exploitation, type="transit", pays="ES")
        ConsentementTransfert.objects.create(
            personne=personne, destinataire=f"ONG {i}", date_consentement=D(2024, 1, 1), recueilli_par=auteur
        )
        SuiviFactory(personne=personne, pole="juridique")
        EntreeJournal.objects.create(
            personne=personne, date=D(2024, 1, i + 1), pole="accueil", type="appel", texte="t", auteur=auteur
        )
    client = client_for(Role.ACCUEIL)
    # +1: the count of deleted items; +1: the journal filter's authors; +2: the path events, the consents
    with django_assert_num_queries(20):
        response = client.get(reverse("accompagnement:personne", args=[personne.pk]))
    assert response.status_code == 200
    assert len(response.context["periodes"]) == 3
    assert JournalAcces.objects.get(action=JournalAcces.Action.CONSULTATION).object_id == str(personne.pk)


def test_person_page_includes_other_units_sections(client_for, monkeypatch, sans_sections):
    def sections(request, personne):
        return [{"titre": "Section de test", "template": "includes/pagination.html", "contexte": {}}]

    monkeypatch.setattr(views, "PERSON_SECTIONS", [sections])
    personne = PersonneFactory()
    response = client_for(Role.ACCUEIL).get(reverse("accompagnement:personne", args=[personne.pk]))
    assert "Section de test" in response.content.decode()


def test_psychologist_entry_invisible_to_accueil_visible_to_psychologist(client_for, sans_sections):
    personne = PersonneFactory()
    psy = UserFactory(role=Role.PSYCHOLOGUE)
    EntreeJournal.objects.create(
        personne=personne, date=D(2024, 1, 1), pole="psy", type="entretien", texte="Confidentiel psy", auteur=psy
    )
    EntreeJournal.objects.create(
        personne=personne, date=D(2024, 1, 1), pole="accueil", type="appel", texte="Appel accueil", auteur=psy
    )
    url = reverse("accompagnement:personne", args=[personne.pk])
    contenu = client_for(Role.ACCUEIL).get(url).content.decode()
    assert "Appel accueil" in contenu and "Confidentiel psy" not in contenu
    client = client_for(Role.PSYCHOLOGUE)
    assert "Confidentiel psy" in client.get(url).content.decode()


def test_legal_entries_for_legal_unit_and_direction_only(client_for, sans_sections):
    personne = PersonneFactory()
    EntreeJournal.objects.create(
        personne=personne,
        date=D(2024, 1, 1),
        pole="juridique",
        type="note",
        texte="Note juridique",
        auteur=UserFactory(),
    )
    url = reverse("accompagnement:personne", args=[personne.pk])
    assert "Note juridique" not in client_for(Role.PSYCHOSOCIAL).get(url).content.decode()
    assert "Note juridique" in client_for(Role.DIRECTION).get(url).content.decode()


def test_accueil_cannot_write_a_psychologist_entry(client_for):
    personne = PersonneFactory()
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:journal_ajouter", args=[personne.pk])
    response = client.post(url, {"date": "2024-01-01", "pole": "psy", "type": "note", "texte": "x"})
    assert response.status_code == 200 and not EntreeJournal.objects.exists()  # not among the choices
    response = client.post(url, {"date": "2024-01-01", "pole": "accueil", "type": "note", "texte": "x"})
    assert response.status_code == 302 and EntreeJournal.objects.get().auteur == client.user


def test_the_author_corrects_a_journal_entry_and_the_earlier_text_stays_in_the_history(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    entree = EntreeJournal.objects.create(
        personne=personne, date=D(2024, 3, 1), pole="psychosocial", type="note", texte="Rdv CAF", auteur=client.user
    )
    page = client.get(reverse("accompagnement:personne", args=[personne.pk])).content.decode()
    url = reverse("accompagnement:journal_modifier", args=[entree.pk])
    assert url in page  # the author sees "Correct" beside the entry
    version = client.get(url).context["form"]["version_attendue"].value()
    data = {
        "date": "2024-03-01",
        "pole": "psychosocial",
        "type": "note",
        "texte": "Rdv CPAM",
        "version_attendue": version,
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("#journal")
    entree.refresh_from_db()
    assert entree.texte == "Rdv CPAM" and entree.modifie_le is not None
    assert [h.texte for h in entree.history.order_by("history_date")] == ["Rdv CAF", "Rdv CPAM"]
    page = client.get(reverse("accompagnement:personne", args=[personne.pk])).content.decode()
    assert "corrigé le" in page
    # The same form again, from the version it was opened with: refused, the input is kept.
    response = client.post(url, {**data, "texte": "Rdv MDPH"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    entree.refresh_from_db()
    assert entree.texte == "Rdv CPAM"


def test_only_the_author_corrects_an_entry_and_not_into_a_unit_they_cannot_write_in(client_for):
    entree = EntreeJournalFactory(texte="Premier contact au guichet")
    collegue = client_for(Role.DIRECTION)
    url = reverse("accompagnement:journal_modifier", args=[entree.pk])
    assert collegue.get(url).status_code == 403
    page = collegue.get(reverse("accompagnement:personne", args=[entree.personne.pk])).content.decode()
    assert "Premier contact au guichet" in page and url not in page

    auteur = client_for(Role.ACCUEIL)
    entree = EntreeJournalFactory(auteur=auteur.user)
    url = reverse("accompagnement:journal_modifier", args=[entree.pk])
    data = {"date": "2024-03-01", "pole": "psy", "type": "note", "texte": "x", "version_attendue": entree.version}
    assert auteur.post(url, data).status_code == 200  # the psychologist's unit is not among the choices
    entree.refresh_from_db()
    assert entree.pole == "accueil" and entree.texte != "x"


def test_new_person_shows_possible_duplicates_then_creates_on_confirmation(client_for):
    existante = PersonneFactory(nom="Nguyễn", prenom="Thi", date_naissance=D(1990, 5, 17))
    client = client_for(Role.ACCUEIL)
    data = {"nom": "Nguyen", "prenom": "Thi", "date_naissance": "1990-05-17", "date_debut": "2024-06-01"}
    response = client.post(reverse("accompagnement:personne_creer"), data)
    assert response.status_code == 200 and Personne.objects.count() == 1
    assert existante.numero_dossier in response.content.decode()
    response = client.post(reverse("accompagnement:personne_creer"), {**data, "confirmer_nouvelle": "on"})
    nouvelle = Personne.objects.exclude(pk=existante.pk).get()
    assert response["Location"] == nouvelle.get_absolute_url()
    assert nouvelle.accompagnements.get().date_debut == D(2024, 6, 1)


def test_concurrent_edit_of_a_person_keeps_the_input(client_for):
    personne = PersonneFactory(nom="Avant")
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:personne_modifier", args=[personne.pk])
    version = client.get(url).context["form"]["version_attendue"].value()
    Personne.objects.filter(pk=personne.pk).update(version=version + 1)
    response = client.post(url, {"nom": "Après", "version_attendue": version})
    assert response.status_code == 200 and response.context["form"]["nom"].value() == "Après"
    assert response.context["form"].non_field_errors()
    personne.refresh_from_db()
    assert personne.nom == "Avant"


def test_close_and_reopen_a_file(client_for):
    periode = AccompagnementFactory(date_debut=D(2022, 1, 1))
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:accompagnement_cloturer", args=[periode.pk])
    response = client.post(
        url, {"date_cloture": "2023-06-30", "motif_cloture": "autonomie", "version_attendue": periode.version}
    )
    assert response.status_code == 302
    periode.refresh_from_db()
    assert periode.motif_cloture == "autonomie"
    url = reverse("accompagnement:accompagnement_rouvrir", args=[periode.personne.pk])
    assert client.post(url, {"date_debut": "2024-02-01"}).status_code == 302
    assert Accompagnement.objects.filter(personne=periode.personne, date_cloture__isnull=True).count() == 1


def test_collective_case_page_paginates_in_fixed_queries(client_for, django_assert_num_queries):
    affaire = AffaireFactory(exploiteur_details="Société Z, gérant M. W")
    for _ in range(60):
        ExploitationFactory(affaire=affaire)
    client = client_for(Role.ACCUEIL)
    with django_assert_num_queries(11):
        response = client.get(reverse("accompagnement:affaire", args=[affaire.pk]))
    assert response.context["page"].paginator.count == 60 and len(response.context["page"]) == 50
    assert "Société Z" not in response.content.decode()  # exploiter details: legal unit and Direction only
    assert (
        "Société Z"
        in client_for(Role.JURIDIQUE).get(reverse("accompagnement:affaire", args=[affaire.pk])).content.decode()
    )


def test_cases_list_counts_persons_in_fixed_queries(client_for, django_assert_num_queries):
    for _ in range(3):
        affaire = AffaireFactory()
        ExploitationFactory.create_batch(2, affaire=affaire)
    client = client_for(Role.JURIDIQUE)
    with django_assert_num_queries(10):
        response = client.get(reverse("accompagnement:affaires"))
    assert [a.nb_personnes for a in response.context["page"]] == [2, 2, 2]
    assert Affaire.objects.count() == 3


def test_exploitation_profile_with_several_places_and_multi_select(client_for):
    personne = PersonneFactory()
    client = client_for(Role.ACCUEIL)
    data = {
        "secteur": "travail_domestique",
        "heures_par_jour": "15",
        "jours_par_semaine": "7",
        "remuneration_mensuelle_eur": "0",
        "emprise": ["confiscation_papiers", "promesse_regularisation"],
        "violences": ["psychologiques_verbales"],
        "lieux-TOTAL_FORMS": "2",
        "lieux-INITIAL_FORMS": "0",
        "lieux-MIN_NUM_FORMS": "0",
        "lieux-MAX_NUM_FORMS": "30",
        "evenements-TOTAL_FORMS": "0",
        "evenements-INITIAL_FORMS": "0",
        "lieux-0-departement": "92",
        "lieux-0-pays": "FR",
        "lieux-1-pays": "AE",
    }
    response = client.post(reverse("accompagnement:exploitation_creer", args=[personne.pk]), data)
    assert response.status_code == 302
    exploitation = personne.exploitations.get()
    assert exploitation.emprise == ["promesse_regularisation", "confiscation_papiers"] or set(exploitation.emprise) == {
        "confiscation_papiers",
        "promesse_regularisation",
    }
    assert exploitation.violences_renseignees is True
    assert sorted((lieu.departement, str(lieu.pays)) for lieu in exploitation.lieux.all()) == [("", "AE"), ("92", "FR")]


def test_exploitation_profile_records_control_methods_as_none_or_leaves_them_unrecorded(client_for):
    client = client_for(Role.ACCUEIL)
    vide = {
        "lieux-TOTAL_FORMS": "0",
        "lieux-INITIAL_FORMS": "0",
        "lieux-MIN_NUM_FORMS": "0",
        "lieux-MAX_NUM_FORMS": "30",
        "evenements-TOTAL_FORMS": "0",
        "evenements-INITIAL_FORMS": "0",
    }
    for coche, attendu in (({"emprise_renseignee": "on"}, True), ({}, False)):
        personne = PersonneFactory()
        response = client.post(reverse("accompagnement:exploitation_creer", args=[personne.pk]), {**vide, **coche})
        assert response.status_code == 302
        exploitation = personne.exploitations.get()
        assert (exploitation.emprise, exploitation.emprise_renseignee) == ([], attendu)
        page = client.get(personne.get_absolute_url()).content.decode()
        valeur = "aucun" if attendu else "pas encore renseigné"
        assert f'Moyens d\'emprise</dt><dd class="col-sm-8">{valeur}</dd>' in page


def test_sensibilisation_staff_cannot_open_a_person(client_for):
    personne = PersonneFactory()
    assert (
        client_for(Role.SENSIBILISATION).get(reverse("accompagnement:personne", args=[personne.pk])).status_code == 403
    )
    assert client_for(Role.ACCUEIL).get(reverse("accompagnement:personne", args=[999999])).status_code == 404


def test_home_shows_my_files_and_reports_waiting(client_for):
    client = client_for(Role.ACCUEIL)
    AccompagnementFactory(personne__nom="Referencee", referent_accueil=client.user)
    AccompagnementFactory(personne__nom="Autrepersonne")
    from tests.signalements.factories import SignalementFactory

    SignalementFactory(questionnaire=True)
    contenu = client.get(reverse("accueil")).content.decode()
    assert "REFERENCEE" in contenu and "AUTREPERSONNE" not in contenu
    assert "Signalements en attente" in contenu and "Questionnaire écrit" in contenu


def test_home_of_awareness_staff_has_no_case_panels(client_for):
    contenu = client_for(Role.SENSIBILISATION).get(reverse("accueil")).content.decode()
    assert "Signalements en attente" not in contenu and "Dossiers dont je suis" not in contenu


def test_file_active_in_english(client_for):
    client = client_for(Role.ACCUEIL)
    AccompagnementFactory()
    client.cookies["django_language"] = "en"
    contenu = client.get(reverse("accompagnement:liste")).content.decode()
    assert "Active caseload" in contenu and "File active" not in contenu


def test_unit_follow_up_is_started_and_ended(client_for):
    personne = PersonneFactory()
    client = client_for(Role.PSYCHOSOCIAL)
    url = reverse("accompagnement:suivi_ajouter", args=[personne.pk])
    assert client.post(url, {"pole": "juridique", "date_debut": "2024-01-10"}).status_code == 302
    suivi = personne.suivis.get()
    url = reverse("accompagnement:suivi_modifier", args=[suivi.pk])
    response = client.post(
        url,
        {"pole": "juridique", "date_debut": "2024-01-10", "date_fin": "2023-01-01", "version_attendue": suivi.version},
    )
    assert response.status_code == 200  # end before start refused, input kept
    client.post(
        url,
        {"pole": "juridique", "date_debut": "2024-01-10", "date_fin": "2024-12-01", "version_attendue": suivi.version},
    )
    suivi.refresh_from_db()
    assert suivi.date_fin == D(2024, 12, 1)


def test_edit_forms_write_consultation_and_change_to_the_access_log(client_for):
    personne = PersonneFactory(nom="Avant")
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:personne_modifier", args=[personne.pk])
    version = client.get(url).context["form"]["version_attendue"].value()
    client.post(url, {"nom": "Après", "version_attendue": version})
    actions = list(
        JournalAcces.objects.filter(object_id=str(personne.pk)).order_by("pk").values_list("action", flat=True)
    )
    assert actions == [JournalAcces.Action.CONSULTATION, JournalAcces.Action.MODIFICATION]


def test_views_read_records_only_through_the_scope():
    """No `Model.objects.get(...)` in views: single records go through get_object_for_user (404 if out of scope)."""
    from pathlib import Path

    racine = Path(__file__).resolve().parents[2]
    for chemin in ("accompagnement/views.py", "signalements/views.py"):
        texte = (racine / chemin).read_text()
        assert ".objects.get(" not in texte and "get_object_or_404(" not in texte, chemin


def test_a_case_is_created_with_exploiter_details_only_by_legal_unit(client_for):
    url = reverse("accompagnement:affaire_creer")
    data = {"intitule": "Restaurant (Paris 11e)", "type_exploiteur": "entreprise", "exploiteur_details": "SARL X"}
    assert client_for(Role.ACCUEIL).post(url, data).status_code == 302
    assert client_for(Role.JURIDIQUE).post(url, {**data, "intitule": "Chantier"}).status_code == 302
    assert dict(Affaire.objects.values_list("intitule", "exploiteur_details")) == {
        "Restaurant (Paris 11e)": "",  # the field is not even offered to reception
        "Chantier": "SARL X",
    }
    assert client_for(Role.PSYCHOLOGUE).post(url, data).status_code == 403
