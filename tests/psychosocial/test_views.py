"""Views of the psycho-social unit: who may do what, what gets recorded, what the pages show."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from comptes.concurrency import EditConflict
from comptes.models import JournalAcces
from comptes.permissions import Role
from psychosocial import enums
from psychosocial.models import (
    Activite,
    AideFinanciere,
    Appartement,
    Demarche,
    Hebergement,
    PassageCourrier,
)
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.psychosocial import factories as f

pytestmark = pytest.mark.django_db

AUJOURD_HUI = timezone.localdate


def _jour(delta: int) -> datetime.date:
    return AUJOURD_HUI() + datetime.timedelta(days=delta)


# --- Shelter --------------------------------------------------------------------------------


def test_stay_form_is_prefilled_with_the_person_coming_from_their_page(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory(nom="Santos", prenom="Maria")
    response = client.get(reverse("psychosocial:hebergement_creer") + f"?personne={personne.pk}")
    assert response.status_code == 200
    assert str(personne) in response.content.decode()


def test_psychosocial_worker_records_a_stay_signed_with_their_name(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    response = client.post(
        reverse("psychosocial:hebergement_creer"),
        {
            "personne": str(personne),
            "dispositif": enums.Dispositif.APPARTEMENT_FEMMES,
            "date_entree": "2024-12-20",
            "date_sortie": "2025-01-10",
            "nb_enfants": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("psychosocial:personne", args=[personne.pk])
    sejour = Hebergement.objects.get()
    assert sejour.auteur == client.user
    assert (sejour.nuits_annee(2024), sejour.nuits_annee(2025)) == (12, 9)
    assert sejour.history.count() == 1


def test_reception_can_list_stays_but_not_record_one(client_for):
    client = client_for(Role.ACCUEIL)
    assert client.get(reverse("psychosocial:hebergement_liste")).status_code == 200
    response = client.post(reverse("psychosocial:hebergement_creer"), {"dispositif": "hotel"})
    assert response.status_code == 403
    assert not Hebergement.objects.exists()


def test_exit_before_entry_is_refused_and_the_input_kept(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    response = client.post(
        reverse("psychosocial:hebergement_creer"),
        {"personne": personne.numero_dossier, "dispositif": "hotel", "date_entree": "2024-05-10",
         "date_sortie": "2024-05-01", "nb_enfants": "0", "commentaire": "chambre 12"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["date_sortie"]
    assert "chambre 12" in response.content.decode()
    assert not Hebergement.objects.exists()


def test_overlapping_stays_of_one_person_are_refused_but_back_to_back_stays_are_fine(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    existant = f.HebergementFactory(date_entree=datetime.date(2024, 3, 1), date_sortie=datetime.date(2024, 3, 11))
    data = {"personne": existant.personne.numero_dossier, "dispositif": "appartement_femmes", "nb_enfants": "0"}
    chevauche = client.post(
        reverse("psychosocial:hebergement_creer"), {**data, "date_entree": "2024-03-10", "date_sortie": "2024-03-20"}
    )
    assert chevauche.status_code == 200
    assert chevauche.context["form"].errors["date_entree"]
    assert Hebergement.objects.count() == 1
    enchaine = client.post(
        reverse("psychosocial:hebergement_creer"), {**data, "date_entree": "2024-03-11", "date_sortie": "2024-03-20"}
    )
    assert enchaine.status_code == 302
    assert Hebergement.objects.count() == 2


def test_concurrent_edit_of_a_stay_is_detected_and_the_input_kept(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    # A recent stay: one open for more than two years would ask for confirmation first.
    sejour = f.HebergementFactory(en_cours=True, date_entree=timezone.localdate() - datetime.timedelta(days=30))
    url = reverse("psychosocial:hebergement_modifier", args=[sejour.pk])
    form = client.get(url).context["form"]
    version = form["version_attendue"].value()
    # A colleague records the exit in the meantime.
    from psychosocial import services

    sejour.date_sortie = sejour.date_entree + datetime.timedelta(days=5)
    services.hebergement_enregistrer(hebergement=sejour, version_attendue=version, by=client.user)
    response = client.post(
        url,
        {"dispositif": "hotel", "date_entree": f"{sejour.date_entree:%Y-%m-%d}", "nb_enfants": "2",
         "commentaire": "ma saisie", "version_attendue": version},
    )  # fmt: skip
    assert response.status_code == 200
    assert str(EditConflict.message) in response.context["form"].non_field_errors()
    assert "ma saisie" in response.content.decode()
    sejour.refresh_from_db()
    assert sejour.dispositif == enums.Dispositif.APPARTEMENT_FEMMES
    assert sejour.version == 2


def test_editing_a_stay_is_logged_as_a_consultation(client_for):
    client = client_for(Role.DIRECTION)
    sejour = f.HebergementFactory()
    client.get(reverse("psychosocial:hebergement_modifier", args=[sejour.pk]))
    assert JournalAcces.objects.filter(
        utilisateur=client.user, action=JournalAcces.Action.CONSULTATION, object_id=str(sejour.pk)
    ).exists()


def test_stay_list_filters_on_the_stays_under_way(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    en_cours = f.HebergementFactory(en_cours=True, date_entree=_jour(-3))
    f.HebergementFactory(date_entree=datetime.date(2020, 1, 1))
    response = client.get(reverse("psychosocial:hebergement_liste"), {"en_cours": "true"})
    assert [h.pk for h in response.context["page"]] == [en_cours.pk]
    assert JournalAcces.objects.filter(utilisateur=client.user, action=JournalAcces.Action.LISTE).count() == 1


def test_occupancy_shows_who_is_in_each_flat_against_its_capacity(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    Appartement.objects.update_or_create(dispositif="appartement_hommes", defaults={"places": 4})
    homme = PersonneFactory(sexe="H", nom="Benali")
    f.HebergementFactory(personne=homme, dispositif="appartement_hommes", en_cours=True, date_entree=_jour(-2))
    f.HebergementFactory(dispositif="hotel", en_cours=True, date_entree=_jour(-2))
    response = client.get(reverse("psychosocial:occupation"))
    hommes = next(a for a in response.context["appartements"] if a["appartement"].dispositif == "appartement_hommes")
    assert [h.personne for h in hommes["occupants"]] == [homme]
    assert hommes["libres"] == 3
    assert hommes["nuits_annee"] == min(2, (AUJOURD_HUI() - AUJOURD_HUI().replace(month=1, day=1)).days)


def test_capacity_of_a_flat_is_set_by_the_unit_not_by_reception(client_for):
    url = reverse("psychosocial:appartement_modifier", args=["appartement_femmes"])
    assert client_for(Role.ACCUEIL).post(url, {"appartement_femmes-places": "5"}).status_code == 403
    assert client_for(Role.PSYCHOSOCIAL).post(url, {"appartement_femmes-places": "5"}).status_code == 302
    assert Appartement.objects.get(dispositif="appartement_femmes").places == 5
    autre = reverse("psychosocial:appartement_modifier", args=["hotel"])
    assert client_for(Role.PSYCHOSOCIAL).post(autre, {"hotel-places": "5"}).status_code == 404


# --- Steps and aid --------------------------------------------------------------------------


def test_health_right_needs_new_or_renewal(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    data = {"personne": personne.numero_dossier, "type": "ame", "date_depot": "2024-02-01", "resultat": "en_attente"}
    response = client.post(reverse("psychosocial:demarche_creer") + "?domaine=sante", data)
    assert "nature" in response.context["form"].errors
    response = client.post(reverse("psychosocial:demarche_creer"), {**data, "nature": "renouvellement"})
    assert response.status_code == 302
    assert Demarche.objects.get().nature == enums.Nature.RENOUVELLEMENT


def test_step_form_of_a_domain_offers_only_its_kinds(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    form = client.get(reverse("psychosocial:demarche_creer") + "?domaine=logement").context["form"]
    kinds = {value for value, _ in form.fields["type"].choices if value}
    assert kinds == {"siao", "acse", "dalo", "logement_social", "mise_abri_it", "intermediation"}


def test_aid_amount_cannot_be_negative_and_vouchers_are_a_quantity(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    url = reverse("psychosocial:aide_creer")
    base = {"personne": personne.numero_dossier, "date": "2024-04-02"}
    negatif = client.post(url, {**base, "type": "transport", "montant": "-5"})
    assert "montant" in negatif.context["form"].errors
    sans_nombre = client.post(url, {**base, "type": "tickets_services"})
    assert "nb_tickets" in sans_nombre.context["form"].errors
    assert client.post(url, {**base, "type": "tickets_services", "nb_tickets": "20"}).status_code == 302
    exceptionnelle = client.post(url, {**base, "type": "exceptionnelle", "montant": "40"})
    assert "motif" in exceptionnelle.context["form"].errors
    assert client.post(url, {**base, "type": "exceptionnelle", "montant": "40", "motif": "timbres"}).status_code == 302
    assert AideFinanciere.objects.count() == 2


def test_aid_list_totals_keep_vouchers_apart(client_for):
    client = client_for(Role.DIRECTION)
    f.AideFactory(montant=30)
    f.AideFactory(type="transport", montant=15, primo_sortante=True)
    f.AideFactory(tickets=True, nb_tickets=25)
    totaux = client.get(reverse("psychosocial:aide_liste")).context["totaux"]
    assert (totaux["nombre"], totaux["montant"], totaux["tickets"]) == (2, 45, 25)


def test_person_is_resolved_from_the_typed_text(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    PersonneFactory(nom="Dupont", prenom="Anna")
    PersonneFactory(nom="Dupont", prenom="Binta")
    url = reverse("psychosocial:aide_creer")
    data = {"date": "2024-04-02", "type": "transport", "montant": "10"}
    ambigu = client.post(url, {**data, "personne": "dupont"})
    assert ambigu.context["form"].errors.as_data()["personne"][0].code == "ambigu"
    assert client.post(url, {**data, "personne": "dupont binta"}).status_code == 302
    assert AideFinanciere.objects.get().personne.prenom == "Binta"


def test_unknown_person_in_the_query_string_answers_404(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    assert client.get(reverse("psychosocial:aide_creer") + "?personne=999999").status_code == 404


# --- Domiciliation and the mail desk --------------------------------------------------------


def test_mail_desk_records_a_visit_in_a_few_keystrokes(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    domiciliee = f.DomiciliationFactory(date_debut=_jour(-100), date_echeance=_jour(265)).personne
    page = client.get(reverse("psychosocial:guichet"))
    assert page.context["form"]["date"].value() == AUJOURD_HUI()
    response = client.post(
        reverse("psychosocial:guichet"),
        {"personne": domiciliee.numero_dossier, "date": f"{AUJOURD_HUI():%Y-%m-%d}", "nb_courriers": "3"},
    )
    assert response.status_code == 302
    passage = PassageCourrier.objects.get()
    assert (passage.personne, passage.nb_courriers, passage.auteur) == (domiciliee, 3, client.user)
    page = client.get(response["Location"])
    assert page.context["totaux"] == {"visites": 1, "lettres": 3}


def test_mail_desk_refuses_a_person_not_domiciled(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    response = client.post(
        reverse("psychosocial:guichet"),
        {"personne": personne.numero_dossier, "date": f"{AUJOURD_HUI():%Y-%m-%d}", "nb_courriers": "1"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["personne"]
    assert not PassageCourrier.objects.exists()


def test_desk_suggestions_list_only_domiciled_persons(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    domiciliee = f.DomiciliationFactory(personne=PersonneFactory(nom="Mendoza"), date_debut=_jour(-10)).personne
    PersonneFactory(nom="Mendoza", prenom="Autre")
    url = reverse("psychosocial:recherche_personnes")
    tous = client.get(url, {"q": "mendo"}).json()["resultats"]
    domicilies = client.get(url, {"q": "mendo", "domicilies": "1"}).json()["resultats"]
    assert len(tous) == 2
    assert domicilies == [{"id": domiciliee.pk, "label": str(domiciliee)}]


def test_a_desk_entry_typed_by_mistake_can_be_removed(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    passage = f.PassageCourrierFactory()
    url = reverse("element_supprimer", args=["psychosocial.passagecourrier", passage.pk])
    response = client.post(url, {"motif": "saisi deux fois"})
    assert response.status_code == 302
    assert not PassageCourrier.objects.exists()
    assert passage.history.model.objects.filter(history_type="-", history_change_reason="saisi deux fois").exists()


def _journal(passage, action) -> int:
    return JournalAcces.objects.filter(action=action, object_id=str(passage.pk)).count()


def test_a_desk_visit_is_corrected_on_its_own_page(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    passage = f.PassageCourrierFactory(date=_jour(-3))
    f.DomiciliationFactory(personne=passage.personne, date_debut=_jour(-100), date_echeance=_jour(265))
    url = reverse("psychosocial:passage_modifier", args=[passage.pk])
    liste = client.get(reverse("psychosocial:passage_liste")).content.decode()
    assert url in liste  # reached from the list of visits
    page = client.get(url)
    assert _journal(passage, JournalAcces.Action.CONSULTATION) == 1
    contenu = page.content.decode()  # base.html offers Delete and Move for the edited record
    assert reverse("element_supprimer", args=["psychosocial.passagecourrier", passage.pk]) in contenu
    assert reverse("element_deplacer", args=["psychosocial.passagecourrier", passage.pk]) in contenu
    data = {"date": f"{_jour(-2):%Y-%m-%d}", "nb_courriers": "5", "version_attendue": passage.version}
    response = client.post(url, data)
    assert response.status_code == 302
    passage.refresh_from_db()
    assert (passage.date, passage.nb_courriers, passage.version) == (_jour(-2), 5, 2)
    assert _journal(passage, JournalAcces.Action.MODIFICATION) == 1


def test_a_stale_desk_visit_correction_is_refused_as_a_conflict(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    passage = f.PassageCourrierFactory(date=_jour(-3))
    f.DomiciliationFactory(personne=passage.personne, date_debut=_jour(-100), date_echeance=_jour(265))
    url = reverse("psychosocial:passage_modifier", args=[passage.pk])
    data = {"date": f"{_jour(-3):%Y-%m-%d}", "nb_courriers": "4", "version_attendue": passage.version}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "nb_courriers": "9"})  # opened before the save above
    assert response.status_code == 200
    assert str(EditConflict.message) in response.context["form"].non_field_errors()
    assert PassageCourrier.objects.get().nb_courriers == 4


@pytest.mark.parametrize(
    "jours, domicilie",
    [(1, True), (-3, False)],
    ids=["future date", "not domiciled on that date"],
)
def test_a_desk_visit_correction_is_refused_next_to_the_date(client_for, jours, domicilie):
    client = client_for(Role.PSYCHOSOCIAL)
    passage = f.PassageCourrierFactory(date=_jour(-3) if domicilie else datetime.date(2024, 5, 6))
    if domicilie:
        f.DomiciliationFactory(personne=passage.personne, date_debut=_jour(-100), date_echeance=_jour(265))
    url = reverse("psychosocial:passage_modifier", args=[passage.pk])
    data = {"date": f"{_jour(jours):%Y-%m-%d}", "nb_courriers": "4", "version_attendue": passage.version}
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["date"]
    assert PassageCourrier.objects.get().nb_courriers == 2


def test_reception_cannot_use_the_mail_desk(client_for):
    client = client_for(Role.ACCUEIL)
    assert client.get(reverse("psychosocial:guichet")).status_code == 403


def test_overlapping_domiciliations_are_refused(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    existante = f.DomiciliationFactory(date_debut=datetime.date(2024, 1, 1))
    response = client.post(
        reverse("psychosocial:domiciliation_creer"),
        {"personne": existante.personne.numero_dossier, "date_debut": "2024-06-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_debut"]


def test_domiciliation_renewal_defaults_to_one_year(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    client.post(
        reverse("psychosocial:domiciliation_creer"), {"personne": personne.numero_dossier, "date_debut": "2024-03-05"}
    )
    assert personne.domiciliations.get().date_echeance == datetime.date(2025, 3, 5)


# --- Psychologist ---------------------------------------------------------------------------


def test_psychologist_reads_the_consultation_notes(client_for):
    client = client_for(Role.PSYCHOLOGUE)
    consultation = f.ConsultationFactory(notes="Reviviscences nocturnes")
    response = client.get(reverse("psychosocial:consultation", args=[consultation.pk]))
    assert "Reviviscences nocturnes" in response.content.decode()
    assert JournalAcces.objects.filter(action=JournalAcces.Action.CONSULTATION, object_id=str(consultation.pk)).exists()


@pytest.mark.parametrize("role", [Role.PSYCHOSOCIAL, Role.DIRECTION, Role.ACCUEIL, Role.JURIDIQUE])
def test_other_roles_cannot_read_a_consultation(client_for, role):
    client = client_for(role)
    consultation = f.ConsultationFactory(notes="Reviviscences nocturnes")
    response = client.get(reverse("psychosocial:consultation", args=[consultation.pk]))
    assert response.status_code == 403
    assert "Reviviscences" not in response.content.decode()


def test_person_page_shows_a_psychological_follow_up_exists_but_not_its_content(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    consultation = f.ConsultationFactory(notes="Reviviscences nocturnes", type="evaluation", lien_juridique=True)
    f.ConsultationFactory(personne=consultation.personne, date=datetime.date(2024, 7, 1))
    response = client.get(reverse("psychosocial:personne", args=[consultation.personne.pk]))
    html = response.content.decode()
    psy = response.context["sections"][1]["contexte"]
    assert (psy["contenu_visible"], psy["existence"]["nombre"]) == (False, 2)
    assert "suivi-psy-existence" in html
    assert "Reviviscences" not in html
    assert reverse("psychosocial:consultation", args=[consultation.pk]) not in html


def test_psychologist_sees_the_consultations_on_the_person_page(client_for):
    client = client_for(Role.PSYCHOLOGUE)
    consultation = f.ConsultationFactory()
    html = client.get(reverse("psychosocial:personne", args=[consultation.personne.pk])).content.decode()
    assert reverse("psychosocial:consultation", args=[consultation.pk]) in html


def test_psychologist_records_a_consultation_and_a_referral(client_for):
    client = client_for(Role.PSYCHOLOGUE)
    personne = PersonneFactory()
    response = client.post(
        reverse("psychosocial:consultation_creer"),
        {"personne": personne.numero_dossier, "date": "2024-06-03", "type": "evaluation", "notes": "Premier entretien"},
    )
    consultation = personne.consultations_psy.get()
    assert response["Location"] == consultation.get_absolute_url()
    assert consultation.auteur == client.user
    client.post(
        reverse("psychosocial:orientation_creer"),
        {"personne": personne.numero_dossier, "date": "2024-06-04", "type": "sante_mentale", "structure": "CMP"},
    )
    assert personne.orientations_soins.get().structure == "CMP"


def test_psychosocial_worker_cannot_record_a_consultation(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = PersonneFactory()
    response = client.post(
        reverse("psychosocial:consultation_creer"),
        {"personne": personne.numero_dossier, "date": "2024-06-03", "type": "suivi"},
    )
    assert response.status_code == 403
    assert not personne.consultations_psy.exists()


# --- Activities -----------------------------------------------------------------------------


def test_one_form_records_a_whole_group_attendance(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    presents = [AccompagnementFactory().personne for _ in range(3)]
    response = client.post(
        reverse("psychosocial:activite_creer"),
        {"date": "2024-05-20", "type": "atelier", "theme": "droit_travail", "intitule": "Qu'est-ce qu'un CDI ?",
         "nb_accompagnants": "2", "participants": [p.pk for p in presents]},
    )  # fmt: skip
    activite = Activite.objects.get()
    assert response["Location"] == activite.get_absolute_url()
    assert set(activite.participants.all()) == set(presents)
    # Untick one person: only that attendance goes.
    client.post(
        reverse("psychosocial:activite_modifier", args=[activite.pk]),
        {"date": "2024-05-20", "type": "atelier", "theme": "droit_travail", "intitule": "Qu'est-ce qu'un CDI ?",
         "nb_accompagnants": "2", "participants": [p.pk for p in presents[:2]], "version_attendue": "1"},
    )  # fmt: skip
    assert set(activite.participants.all()) == set(presents[:2])


def test_attendance_offers_the_file_active_only(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    suivie = AccompagnementFactory().personne
    cloturee = AccompagnementFactory(cloture=True).personne
    form = client.get(reverse("psychosocial:activite_creer")).context["form"]
    offerts = set(form.fields["participants"].queryset)
    assert suivie in offerts and cloturee not in offerts


# --- Index, person page, home ---------------------------------------------------------------


def test_unit_index_shows_what_is_pending(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    sejour = f.HebergementFactory(en_cours=True, date_entree=_jour(-5))
    attente = f.DemarcheFactory()
    f.DemarcheFactory(abouti=True)
    echeance = f.DomiciliationFactory(date_debut=_jour(-350), date_echeance=_jour(15))
    response = client.get(reverse("psychosocial:index"))
    assert response.context["sejours"] == [sejour]
    assert response.context["attente"] == [attente]
    assert response.context["echeances"] == [echeance]


def test_person_page_totals_aid_per_year_and_first_six_months(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    personne = AccompagnementFactory(date_debut=datetime.date(2024, 3, 1)).personne
    f.AideFactory(personne=personne, date=datetime.date(2024, 3, 2), montant=30)
    f.AideFactory(personne=personne, date=datetime.date(2024, 8, 31), montant=20)
    f.AideFactory(personne=personne, date=datetime.date(2024, 9, 1), montant=50)
    f.AideFactory(personne=personne, date=datetime.date(2025, 1, 5), montant=10)
    f.AideFactory(personne=personne, tickets=True, date=datetime.date(2024, 4, 1), nb_tickets=10)
    response = client.get(reverse("psychosocial:personne", args=[personne.pk]))
    contexte = response.context["sections"][0]["contexte"]["aides_resume"]
    assert [(r["annee"], r["nombre"], r["montant"], r["tickets"]) for r in contexte["par_annee"]] == [
        (2025, 1, 10, None),
        (2024, 3, 100, 10),
    ]
    assert contexte["six_mois"]["montant"] == 50  # 1 March → 31 August


def test_home_page_shows_the_unit_panels(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    Appartement.objects.update_or_create(dispositif="appartement_hommes", defaults={"places": 4})
    f.HebergementFactory(dispositif="appartement_hommes", en_cours=True, date_entree=_jour(-1))
    html = client.get(reverse("accueil")).content.decode()
    assert reverse("psychosocial:occupation") in html
    assert "1 / 4" in html
    assert reverse("psychosocial:guichet") in html


def test_home_page_of_reception_has_no_mail_desk_action(client_for):
    client = client_for(Role.ACCUEIL)
    html = client.get(reverse("accueil")).content.decode()
    assert reverse("psychosocial:occupation") in html
    assert reverse("psychosocial:guichet") not in html


def test_juridique_sees_no_psychosocial_section(rf, make_user):
    from psychosocial.personne import sections

    request = rf.get("/")
    request.user = make_user(Role.JURIDIQUE)
    assert sections(request, PersonneFactory()) == []


def test_concurrent_edit_of_an_attendance_sheet_keeps_both_colleagues_work_safe(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    presents = [AccompagnementFactory().personne for _ in range(3)]
    activite = f.ActiviteFactory(intitule="Sortie au Louvre", type="socioculturelle", theme="culture")
    url = reverse("psychosocial:activite_modifier", args=[activite.pk])
    version = client.get(url).context["form"]["version_attendue"].value()
    from psychosocial import services

    services.activite_enregistrer(
        activite=activite, participants=presents[:1], version_attendue=version, by=client.user
    )
    response = client.post(
        url,
        {"date": "2024-05-20", "type": "socioculturelle", "theme": "culture", "intitule": "Sortie au Louvre (modifiée)",
         "nb_accompagnants": "3", "participants": [p.pk for p in presents], "version_attendue": version},
    )  # fmt: skip
    assert response.status_code == 200
    assert str(EditConflict.message) in response.context["form"].non_field_errors()
    assert "Sortie au Louvre (modifiée)" in response.content.decode()
    assert list(activite.participants.all()) == presents[:1]


def test_person_file_shows_the_psychosocial_sections(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    sejour = f.HebergementFactory(dispositif="hotel")
    f.ConsultationFactory(personne=sejour.personne, notes="Reviviscences nocturnes")
    html = client.get(reverse("accompagnement:personne", args=[sejour.personne.pk])).content.decode()
    assert reverse("psychosocial:hebergement_modifier", args=[sejour.pk]) in html
    assert "suivi-psy-existence" in html
    assert "Reviviscences" not in html
