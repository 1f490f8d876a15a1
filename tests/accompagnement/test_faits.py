"""The facts the national survey, CTDC and HTCDS read (issue 18), recorded and shown in the browser:
the person's situation at intake and identification (addiction only to the roles that may know of
health), the exploitation's forms, relations, recruitment and path, and the consent to transfer."""

import datetime
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from pypdf import PdfReader

from accompagnement import enums
from accompagnement.forms import ExploitationForm
from accompagnement.models import ConsentementTransfert, EvenementTraite, Personne
from comptes.models import Correction, JournalAcces
from comptes.permissions import Role, can
from tests.accompagnement.factories import AccompagnementFactory, ExploitationFactory, PersonneFactory
from tests.permission_matrix import ALL_ROLES
from tests.test_sous_lignes import _envoi

pytestmark = pytest.mark.django_db
D = datetime.date
SANTE = "accompagnement.sante"
LIBELLE_ADDICTION = "Addiction repérée"  # the person page's line, in French (the test client's language)


def _formulaire(client, url, *noms) -> dict:
    """What the browser sends back for the page's form(s) as shown."""
    page = client.get(url)
    assert page.status_code == 200
    return _envoi(*(page.context[nom] for nom in noms or ("form",)))


def test_the_person_form_records_the_situation_at_intake_and_the_identification(client_for):
    personne = AccompagnementFactory().personne
    client = client_for(Role.PSYCHOSOCIAL)
    url = reverse("accompagnement:personne_modifier", args=[personne.pk])
    data = _formulaire(client, url) | {
        "statut_admin_accueil": "demandeur_asile",
        "hors_exploitation_accueil": "true",
        "mna": "false",
        "ase": "false",
        "poursuivie": "true",
        "addiction": "true",
        "identification_statut": "identifiee",
        "identifie_par": "inspection_travail",
    }
    assert client.post(url, data).status_code == 302
    personne.refresh_from_db()
    assert (personne.statut_admin_accueil, personne.identification_statut, personne.identifie_par) == (
        "demandeur_asile",
        "identifiee",
        "inspection_travail",
    )
    assert (personne.hors_exploitation_accueil, personne.mna, personne.ase, personne.poursuivie) == (
        True,
        False,
        False,
        True,
    )
    assert personne.addiction is True
    page = client.get(personne.get_absolute_url()).content.decode()
    assert "Demandeur d’asile" in page or "demandeur d’asile" in page.lower()
    assert "Inspection du travail" in page or "inspection du travail" in page.lower()


def test_a_yes_no_fact_left_unknown_stays_unknown_not_no(client_for):
    personne = PersonneFactory(mna=True)
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:personne_modifier", args=[personne.pk])
    data = _formulaire(client, url) | {"mna": "unknown", "ase": "false"}
    assert client.post(url, data).status_code == 302
    personne.refresh_from_db()
    assert (personne.mna, personne.ase, personne.poursuivie) == (None, False, None)


def test_creating_a_person_records_the_situation_as_this_user_may(client_for):
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:personne_creer")
    data = {"nom": "Nouvelle", "sexe": "F", "mna": "true", "identification_statut": "presumee", "addiction": "true"}
    assert client.post(url, data | {"confirmer_nouvelle": "on"}).status_code == 302
    personne = Personne.objects.get(nom="Nouvelle")
    assert (personne.mna, personne.identification_statut) == (True, "presumee")
    assert personne.addiction is None  # reception has no field for it: what it sent is ignored


@pytest.mark.parametrize("role", ALL_ROLES)
def test_addiction_reaches_only_the_roles_that_may_know_of_health(role, client_for):
    """Shown on the person page and the edit form to the health roles only; the twin of each role
    that may see it proves the marker is the right one."""
    personne = AccompagnementFactory().personne
    personne.addiction = True
    personne.save()
    client = client_for(role)
    page = client.get(personne.get_absolute_url())
    if page.status_code != 200:
        assert not can(client.user, "accompagnement")
        return
    contenu = page.content.decode()
    assert (LIBELLE_ADDICTION in contenu) is can(client.user, SANTE), role
    assert ("fait-sante" in contenu) is can(client.user, SANTE), role
    formulaire = client.get(reverse("accompagnement:personne_modifier", args=[personne.pk]))
    if formulaire.status_code == 200:
        assert ('name="addiction"' in formulaire.content.decode()) is can(client.user, SANTE, "change"), role


def test_reception_saving_the_person_keeps_the_addiction_it_cannot_see(client_for):
    personne = AccompagnementFactory().personne
    personne.addiction = True
    personne.save()
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:personne_modifier", args=[personne.pk])
    assert client.post(url, _formulaire(client, url) | {"addiction": "false", "ase": "true"}).status_code == 302
    personne.refresh_from_db()
    assert (personne.addiction, personne.ase) == (True, True)


def test_the_summary_sheet_shows_addiction_only_to_health_roles(client_for):
    personne = AccompagnementFactory().personne
    personne.addiction = True
    personne.save()
    for role, attendu in ((Role.PSYCHOSOCIAL, True), (Role.JURIDIQUE, False), (Role.DIRECTION, False)):
        response = client_for(role).get(reverse("accompagnement:personne_fiche", args=[personne.pk]))
        texte = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        assert ("Addiction" in texte) is attendu, role
        assert "Situation à l’accueil" in texte


def test_the_exploitation_form_offers_every_control_method_form_and_relation():
    form = ExploitationForm()
    for champ, choix in (
        ("emprise", enums.Emprise),
        ("formes", enums.FormeExploitation),
        ("relations_exploiteur", enums.RelationExploiteur),
        ("recrutement_mode", enums.ModeRecrutement),
    ):
        assert set(choix.values) <= {code for code, _libelle in form.fields[champ].choices}, champ
    assert "substances_psychoactives" in dict(form.fields["emprise"].choices)


def _exploitation_data(client, url) -> dict:
    return _formulaire(client, url, "form", "lieux", "evenements")


def test_the_exploitation_form_records_forms_relations_recruitment_and_the_path(client_for):
    personne = AccompagnementFactory(date_debut=D(2023, 3, 1)).personne
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:exploitation_creer", args=[personne.pk])
    data = _exploitation_data(client, url) | {
        "secteur": "travail_domestique",
        "formes": ["servitude_domestique", "travail_force"],
        "relations_exploiteur": ["famille"],
        "recrutement_mode": "famille",
        "recrutement_pays": "MA",
        "recrutement_date": "2019-06-01",
        "emprise": ["substances_psychoactives", "gains_confisques"],
        "evenements-0-type": "recrutement",
        "evenements-0-pays": "MA",
        "evenements-0-lieu": "Casablanca",
        "evenements-0-date_debut": "2019-06-01",
        "evenements-1-type": "exploitation",
        "evenements-1-pays": "FR",
        "evenements-1-date_debut": "2019-09-01",
        "evenements-1-date_fin": "2022-12-01",
    }
    assert client.post(url, data).status_code == 302
    exploitation = personne.exploitations.get()
    assert set(exploitation.formes) == {"servitude_domestique", "travail_force"}
    assert exploitation.relations_exploiteur == ["famille"]
    assert (exploitation.recrutement_mode, str(exploitation.recrutement_pays), exploitation.recrutement_date) == (
        "famille",
        "MA",
        D(2019, 6, 1),
    )
    assert set(exploitation.emprise) == {"substances_psychoactives", "gains_confisques"}
    evenements = list(exploitation.evenements.order_by("date_debut"))
    assert [(e.type, str(e.pays), e.lieu) for e in evenements] == [
        ("recrutement", "MA", "Casablanca"),
        ("exploitation", "FR", ""),
    ]
    page = client.get(personne.get_absolute_url()).content.decode()
    for libelle in ("Servitude domestique", "Casablanca", "Maroc"):
        assert libelle.lower() in page.lower(), libelle

    # Editing: one event removed (softly, restorable), the other changed in place.
    url = reverse("accompagnement:exploitation_modifier", args=[exploitation.pk])
    data = _exploitation_data(client, url) | {"evenements-0-DELETE": "on", "evenements-1-lieu": "Paris"}
    assert client.post(url, data).status_code == 302
    garde = EvenementTraite.objects.get(exploitation=exploitation)
    assert (garde.pk, garde.lieu) == (evenements[1].pk, "Paris")
    correction = Correction.objects.get(content_type=ContentType.objects.get_for_model(EvenementTraite))
    assert correction.object_id == str(evenements[0].pk)


def test_an_event_ending_before_it_starts_is_refused_next_to_its_date(client_for):
    exploitation = ExploitationFactory()
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:exploitation_modifier", args=[exploitation.pk])
    data = _exploitation_data(client, url) | {
        "evenements-0-type": "transit",
        "evenements-0-pays": "ES",
        "evenements-0-date_debut": "2020-05-01",
        "evenements-0-date_fin": "2020-04-01",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["evenements"].forms[0].errors["date_fin"]
    assert not EvenementTraite.objects.exists()


# --- Consent to transfer ----------------------------------------------------------------------


def test_a_consent_is_recorded_then_withdrawn_never_deleted_and_each_step_is_logged(client_for):
    personne = AccompagnementFactory(date_debut=D(2024, 1, 10)).personne
    client = client_for(Role.JURIDIQUE)
    url = reverse("accompagnement:consentement_ajouter", args=[personne.pk])
    data = _formulaire(client, url) | {"destinataire": "ONG partenaire", "date_consentement": "2024-02-01"}
    assert client.post(url, data).status_code == 302
    consentement = ConsentementTransfert.objects.get(personne=personne)
    assert (consentement.destinataire, consentement.recueilli_par, consentement.valide) == (
        "ONG partenaire",
        client.user,
        True,
    )
    journal = JournalAcces.objects.filter(utilisateur=client.user)
    type_consentement = ContentType.objects.get_for_model(ConsentementTransfert)
    ajout = journal.get(action=JournalAcces.Action.MODIFICATION, vue="accompagnement:consentement_ajouter")
    assert (ajout.content_type, ajout.object_id) == (type_consentement, str(consentement.pk))

    url = reverse("accompagnement:consentement_retirer", args=[consentement.pk])
    data = _formulaire(client, url) | {"retire_le": "2024-05-02"}
    consultation = journal.get(action=JournalAcces.Action.CONSULTATION, vue="accompagnement:consentement_retirer")
    assert consultation.object_id == str(consentement.pk)
    assert client.post(url, data).status_code == 302
    consentement.refresh_from_db()
    assert (consentement.retire_le, consentement.valide) == (D(2024, 5, 2), False)
    retrait = journal.get(action=JournalAcces.Action.MODIFICATION, vue="accompagnement:consentement_retirer")
    assert (retrait.content_type, retrait.object_id) == (type_consentement, str(consentement.pk))
    page = client.get(personne.get_absolute_url()).content.decode()
    assert "ONG partenaire" in page and "retiré le" in page
    assert url not in page  # nothing left to withdraw

    # Withdrawn once: a second withdrawal changes nothing.
    response = client.post(url, data | {"retire_le": "2024-06-01"})
    assert response.status_code == 302
    consentement.refresh_from_db()
    assert consentement.retire_le == D(2024, 5, 2)
    assert ConsentementTransfert.objects.count() == 1


def test_a_withdrawal_on_a_stale_page_is_a_conflict(client_for):
    personne = AccompagnementFactory(date_debut=D(2024, 1, 10)).personne
    consentement = ConsentementTransfert.objects.create(
        personne=personne, destinataire="ONG", date_consentement=D(2024, 2, 1)
    )
    client = client_for(Role.ACCUEIL)
    url = reverse("accompagnement:consentement_retirer", args=[consentement.pk])
    data = _formulaire(client, url) | {"retire_le": "2024-05-02"}
    consentement.precision = "corrigé ailleurs"
    consentement.version += 1
    consentement.save()
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    consentement.refresh_from_db()
    assert consentement.retire_le is None


@pytest.mark.parametrize("role", [Role.PSYCHOLOGUE, Role.SENSIBILISATION])
def test_roles_that_do_not_edit_the_file_cannot_record_or_withdraw_a_consent(role, client_for):
    personne = AccompagnementFactory(date_debut=D(2024, 1, 10)).personne
    consentement = ConsentementTransfert.objects.create(
        personne=personne, destinataire="ONG", date_consentement=D(2024, 2, 1)
    )
    client = client_for(role)
    ajout = reverse("accompagnement:consentement_ajouter", args=[personne.pk])
    retrait = reverse("accompagnement:consentement_retirer", args=[consentement.pk])
    assert client.post(ajout, {"destinataire": "X", "date_consentement": "2024-03-01"}).status_code == 403
    assert client.post(retrait, {"retire_le": "2024-03-01"}).status_code == 403
    consentement.refresh_from_db()
    assert consentement.retire_le is None and ConsentementTransfert.objects.count() == 1
