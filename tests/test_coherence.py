"""Coherence rules on dates (comptes/coherence.py): one test per rule, the absurd entries of issue 15,
the confirmable warnings, the import and the data-quality count, and a walk over every date field."""

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation

from comptes import coherence
from comptes.coherence import Coherent
from donnees.importation.engine import run_import
from juridique import enums as jur_enums
from psychosocial.forms import HebergementForm
from psychosocial.models import Hebergement
from signalements import services as sig_services
from signalements.models import PersonneSignalee
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.factories import UserFactory
from tests.juridique.factories import DecisionFactory, EtapeFactory, TitreSejourFactory
from tests.psychosocial import factories as psy
from tests.sensibilisation.factories import InterventionFactory
from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

pytestmark = pytest.mark.django_db

D = datetime.date
APPS_METIER = {"comptes", "signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation",
               "rapports", "donnees"}  # fmt: skip


@pytest.fixture(autouse=True)
def _en_anglais():
    with translation.override("en"):  # the assertions read the English messages
        yield


def _erreurs(objet) -> dict:
    with pytest.raises(ValidationError) as exc:
        objet.full_clean()
    return exc.value.message_dict


def _futur(jours=30):
    return timezone.localdate() + datetime.timedelta(days=jours)


# --- Walk: every date field has a rule --------------------------------------------------------


def _champs_dates(model):
    for f in model._meta.concrete_fields:
        if isinstance(f, models.DateField) and not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)):
            yield f


def _apps_du_projet() -> set[str]:
    """The project's own apps (their code in the repository, not in site-packages): a new app is walked too."""
    racine = Path(settings.BASE_DIR).resolve()
    return {
        a.label
        for a in apps.get_app_configs()
        if Path(a.path).resolve().is_relative_to(racine) and ".venv" not in Path(a.path).resolve().parts
    }


def test_every_date_field_of_every_model_has_a_rule():
    projet = _apps_du_projet()
    assert projet >= APPS_METIER, projet
    sans_regle = []
    for model in apps.get_models():
        if model._meta.app_label not in projet or model.__name__.startswith("Historical"):
            continue
        for f in _champs_dates(model):
            if not issubclass(model, Coherent) or f.name not in model.regles_dates:
                sans_regle.append(f"{model._meta.label}.{f.name}")
    assert not sans_regle, f"date fields without a coherence rule: {sans_regle}"


def test_every_rule_names_a_real_date_field():
    for model in apps.get_models():
        if issubclass(model, Coherent):
            for champ, regle in model.regles_dates.items():
                assert isinstance(model._meta.get_field(champ), models.DateField), (model, champ)
                for chemin in regle.apres:
                    coherence._libelle(model, chemin)  # raises if the path is wrong


# --- The absurd entries of the issue ---------------------------------------------------------


def test_a_report_received_in_2031_is_refused_next_to_its_date():
    assert "date_reception" in _erreurs(SignalementFactory(date_reception=D(2031, 1, 1)))


def test_journal_entries_in_the_future_or_before_birth_are_refused():
    from accompagnement.models import EntreeJournal

    personne = PersonneFactory(date_naissance=D(1995, 4, 2))
    auteur = UserFactory()
    futur = EntreeJournal(personne=personne, date=D(2031, 1, 1), pole="accueil", type="note", texte="x", auteur=auteur)
    assert "date" in _erreurs(futur)
    avant = EntreeJournal(personne=personne, date=D(1994, 6, 1), pole="accueil", type="note", texte="x", auteur=auteur)
    assert "before the person's birth" in _erreurs(avant)["date"][0]


def test_a_hearing_in_1890_is_refused_a_hearing_to_come_is_fine_a_complaint_to_come_is_not():
    assert "before 1994" in _erreurs(EtapeFactory(type=jur_enums.TypeEtape.AUDIENCE, date=D(1890, 1, 1)))["date"][0]
    EtapeFactory(type=jur_enums.TypeEtape.AUDIENCE, date=_futur()).full_clean()
    EtapeFactory(type=jur_enums.TypeEtape.ECHEANCE, date=_futur()).full_clean()
    assert "date" in _erreurs(EtapeFactory(type=jur_enums.TypeEtape.PLAINTE, date=_futur()))


def test_a_shelter_stay_from_1980_is_refused():
    sejour = psy.HebergementFactory(date_entree=D(1980, 1, 1), date_sortie=None)
    assert "date_entree" in _erreurs(sejour)


def test_a_birth_date_in_the_future_is_refused_but_an_old_one_is_an_identity_fact():
    assert "date_naissance" in _erreurs(PersonneFactory(date_naissance=D(2030, 1, 1)))
    PersonneFactory(date_naissance=D(1950, 1, 1)).full_clean()


def test_a_permit_request_in_2030_is_refused_its_validity_may_run_into_the_future():
    assert "date_demande" in _erreurs(TitreSejourFactory(date_demande=D(2030, 1, 1)))
    titre = TitreSejourFactory(
        date_demande=D(2024, 1, 10), date_decision=D(2024, 6, 1), issue=jur_enums.IssueTitre.ACCORDE,
        date_fin_validite=_futur(365),
    )  # fmt: skip
    titre.full_clean()


def test_a_decision_dated_in_the_future_is_refused():
    assert "date" in _erreurs(DecisionFactory(date=_futur()))


# --- One test per rule -------------------------------------------------------------------------


def test_end_cannot_precede_start():
    periode = AccompagnementFactory(date_debut=D(2024, 3, 1))
    periode.date_cloture, periode.motif_cloture = D(2024, 2, 1), "autonomie"
    assert "date_cloture" in _erreurs(periode)


def test_exploitation_facts_may_precede_1994_but_not_the_birth():
    from tests.accompagnement.factories import ExploitationFactory

    personne = PersonneFactory(date_naissance=D(1970, 1, 1))
    ExploitationFactory(personne=personne, date_debut=D(1988, 1, 1), date_fin=D(1999, 1, 1)).full_clean()
    assert "date_debut" in _erreurs(ExploitationFactory(personne=personne, date_debut=D(1960, 1, 1)))


def test_only_the_year_of_birth_known_still_bounds_the_dates():
    personne = PersonneFactory(date_naissance=None, annee_naissance=2000)
    assert "date" in _erreurs(psy.AideFactory(personne=personne, date=D(1999, 6, 1)))


def test_a_held_session_cannot_be_in_the_future_a_planned_one_can():
    InterventionFactory(statut="prevue", date=_futur()).full_clean()
    assert "date" in _erreurs(InterventionFactory(statut="realisee", date=_futur()))


def test_a_renewal_due_date_is_a_plan():
    psy.DomiciliationFactory(date_debut=D(2024, 1, 1), date_echeance=_futur(200)).full_clean()


def test_an_interview_cannot_precede_its_report():
    from tests.signalements.factories import EntretienFactory

    entretien = EntretienFactory(signalement=SignalementFactory(consenti=True, date_reception=D(2024, 3, 1)))
    entretien.date = D(2024, 2, 1)
    assert "date" in _erreurs(entretien)


def test_q_incoherents_finds_the_same_rows_as_the_rules():
    bon = psy.AideFactory(date=D(2024, 5, 1))
    mauvais = psy.AideFactory(date=_futur())
    trouves = set(type(bon).objects.filter(coherence.q_incoherents(type(bon))).values_list("pk", flat=True))
    assert trouves == {mauvais.pk}


# --- Warnings the user confirms ----------------------------------------------------------------


def test_a_stay_longer_than_two_years_is_a_warning_the_form_lets_the_user_confirm():
    personne = AccompagnementFactory(date_debut=D(2019, 1, 1)).personne
    data = {"dispositif": "hotel", "date_entree": "2020-01-01", "date_sortie": "2023-01-01", "nb_enfants": "0"}
    form = HebergementForm(data=data, instance=Hebergement(personne=personne), creation=False)
    assert not form.is_valid()
    assert "more than two years" in form.errors["date_sortie"][0]
    assert "confirmer_avertissements" in form.fields  # the confirm box appears with the warning
    form = HebergementForm(
        data={**data, "confirmer_avertissements": "on"}, instance=Hebergement(personne=personne), creation=False
    )
    assert form.is_valid(), form.errors


def test_a_record_before_the_support_began_is_a_warning_an_error_is_not_confirmable():
    personne = AccompagnementFactory(date_debut=D(2024, 3, 1)).personne
    aide = psy.AideFactory(personne=personne, date=D(2024, 1, 15))
    assert "support began" in _erreurs(aide)["date"][0]
    aide.coherence_confirmee = True
    aide.full_clean()
    aide.date = _futur()
    assert "date" in _erreurs(aide)  # confirming never lets an error through


# --- Reports and their potential victims -------------------------------------------------------


def test_a_report_needs_a_potential_victim_and_the_last_one_cannot_be_removed():
    from signalements.models import Signalement

    accueil = UserFactory()
    signalement = Signalement(date_reception=D(2024, 3, 1), canal="telephone", source_type="avocat")
    with pytest.raises(ValidationError):
        sig_services.signalement_creer(signalement=signalement, personnes=[], by=accueil)
    signalement = sig_services.signalement_creer(
        signalement=signalement, personnes=[PersonneSignalee(sexe="F")], by=accueil
    )
    seule = signalement.personnes_signalees.get()
    with pytest.raises(ValidationError):
        sig_services.personne_signalee_retirer(personne_signalee=seule, by=accueil)
    PersonneSignaleeFactory(signalement=signalement)
    sig_services.personne_signalee_retirer(personne_signalee=seule, by=accueil)


def test_the_victim_rule_is_the_models_own_and_runs_in_full_clean_once_the_report_is_saved():
    from signalements.models import Signalement

    accueil = UserFactory()
    nouveau = Signalement(date_reception=D(2024, 3, 1), canal="telephone", source_type="avocat")
    nouveau.full_clean(exclude=["reference"])  # not saved yet: its victims come with the creation service
    with pytest.raises(ValidationError, match="at least one potential victim"):
        nouveau.verifier_victimes([])
    nouveau.verifier_victimes([PersonneSignalee()])  # an unknown, unnamed victim is a victim
    sans_victime = SignalementFactory()  # a legacy row: the data-quality panel counts it
    errs = _erreurs(sans_victime)
    assert "at least one potential victim" in " ".join(errs["__all__"])
    with pytest.raises(ValidationError):  # no correction of the report until a victim is added
        sig_services.signalement_modifier(signalement=sans_victime, version_attendue=sans_victime.version, by=accueil)
    PersonneSignaleeFactory(signalement=sans_victime, nom="", prenom="")
    sans_victime.full_clean()


def test_the_creation_form_without_any_potential_victim_says_so_and_records_nothing(client_for):
    from django.urls import reverse

    from signalements.models import Signalement

    data = {
        "date_reception": "2024-05-02", "canal": "telephone", "source_type": "avocat", "pays_faits": "FR",
        "victimes-TOTAL_FORMS": "1", "victimes-INITIAL_FORMS": "0", "victimes-MIN_NUM_FORMS": "0",
        "victimes-MAX_NUM_FORMS": "200",
    }  # fmt: skip
    client = client_for("Accueil")
    reponse = client.post(reverse("signalements:creer"), data)
    assert reponse.status_code == 200 and not Signalement.objects.exists()
    assert "au moins une victime potentielle" in reponse.content.decode()
    reponse = client.post(reverse("signalements:creer"), data | {"victimes-0-sexe": "F"})  # unnamed: fine
    assert reponse.status_code == 302 and Signalement.objects.get().personnes_signalees.count() == 1


# --- The import follows the same rules ---------------------------------------------------------


def test_the_import_reports_incoherent_dates_by_file_line_and_column():
    texte = "numero_dossier;nom;date_naissance\nD-1990-001;Mendoza;17/05/1970\nD-1990-002;Traoré;01/01/2030\n"
    bilan = run_import([("personnes.csv", texte.encode())], essai=True)
    assert [(e.fichier, e.ligne, e.colonne) for e in bilan.erreurs] == [("personnes.csv", 3, "date_naissance")]


# --- The data-quality panel counts what the rules refuse --------------------------------------


def test_the_data_quality_panel_counts_incoherent_dates_and_reports_without_victims():
    from comptes.contexte import Contexte
    from rapports import qualite

    bonne = AccompagnementFactory(date_debut=D(2024, 3, 1)).personne
    mauvaise = AccompagnementFactory(date_debut=D(2024, 3, 1)).personne
    psy.AideFactory(personne=bonne, date=D(2024, 5, 1))
    psy.AideFactory(personne=mauvaise, date=_futur())
    PersonneSignaleeFactory(signalement=SignalementFactory(date_reception=D(2024, 4, 1)))
    SignalementFactory(date_reception=D(2024, 4, 2))  # no potential victim
    comptes = qualite.comptes(Contexte(2024))
    assert comptes["P_FA"]["dates"] == 1
    assert comptes["signalements"]["sans_victime"] == 1
    assert comptes["signalements"]["dates_signalement"] == 0


# --- Through the pages -------------------------------------------------------------------------


def test_a_long_stay_shows_the_warning_and_the_confirm_box_then_saves_once_confirmed(client_for):
    from django.urls import reverse

    client = client_for("Psycho-social")
    personne = AccompagnementFactory(date_debut=D(2019, 1, 1)).personne
    data = {"personne": str(personne), "dispositif": "hotel", "date_entree": "2020-01-01",
            "date_sortie": "2023-01-01", "nb_enfants": "0"}  # fmt: skip
    url = reverse("psychosocial:hebergement_creer")
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="confirmer_avertissements"' in page, page
    assert "plus de deux ans" in page  # the user's language
    assert not Hebergement.objects.exists()
    assert client.post(url, {**data, "confirmer_avertissements": "on"}).status_code == 302
    assert Hebergement.objects.filter(personne=personne).count() == 1


def test_a_stay_from_1980_is_refused_on_the_page_next_to_its_date(client_for):
    from django.urls import reverse

    client = client_for("Psycho-social")
    personne = PersonneFactory()
    data = {"personne": str(personne), "dispositif": "hotel", "date_entree": "1980-01-01", "nb_enfants": "0",
            "confirmer_avertissements": "on"}  # fmt: skip
    response = client.post(reverse("psychosocial:hebergement_creer"), data)
    assert response.status_code == 200
    assert "1994" in str(response.context["form"].errors["date_entree"])
    assert not Hebergement.objects.exists()
