import datetime

import pytest
from django.core.exceptions import ValidationError

from accompagnement.models import Accompagnement, Exploitation, Personne
from comptes.permissions import Role
from signalements import enums, services
from signalements.models import PersonneSignalee, Signalement
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def accueil(make_user):
    return make_user(Role.ACCUEIL)


MARS_2024 = D(2024, 3, 4)


def nouveau(accueil, date=MARS_2024, personnes=(), **kwargs):
    signalement = Signalement(
        date_reception=date, canal=enums.Canal.TELEPHONE, source_type=enums.SourceType.AVOCAT, **kwargs
    )
    personnes = list(personnes) or [PersonneSignalee(sexe="F")]
    return services.signalement_creer(signalement=signalement, personnes=personnes, by=accueil)


def test_references_are_numbered_per_year_of_reception(accueil):
    assert nouveau(accueil).reference == "S-2024-0001"
    assert nouveau(accueil).reference == "S-2024-0002"
    assert nouveau(accueil, date=D(2025, 1, 2)).reference == "S-2025-0001"


def test_creation_records_the_handler_and_the_potential_victims(accueil):
    s = nouveau(accueil, personnes=[PersonneSignalee(nom="Dupont"), PersonneSignalee(nom="Durand")])
    assert s.charge_par == accueil and s.cree_par == accueil
    assert list(s.personnes_signalees.values_list("nom", flat=True)) == ["Dupont", "Durand"]


def test_no_questionnaire_without_consent(accueil):
    s = nouveau(accueil)
    with pytest.raises(ValidationError):
        services.signalement_avancer(signalement=s, etape=enums.Etape.QUESTIONNAIRE, date=D(2024, 3, 5), by=accueil)
    s.refresh_from_db()
    assert s.etape == enums.Etape.RECU


def test_questionnaire_with_consent_records_date_and_author(accueil):
    s = nouveau(accueil)
    services.signalement_avancer(
        signalement=s, etape=enums.Etape.QUESTIONNAIRE, date=D(2024, 3, 6), consentement_date=D(2024, 3, 5), by=accueil
    )
    s.refresh_from_db()
    assert (s.etape, s.date_questionnaire, s.questionnaire_par) == (enums.Etape.QUESTIONNAIRE, D(2024, 3, 6), accueil)
    assert (s.consentement_date, s.consentement_recueilli_par) == (D(2024, 3, 5), accueil)


def test_a_report_cannot_move_back(accueil):
    s = nouveau(accueil, consentement_date=D(2024, 3, 4))
    services.entretien_ajouter(
        signalement=s, date=D(2024, 3, 8), type=enums.TypeEntretien.IDENTIFICATION, mene_par=accueil, by=accueil
    )
    with pytest.raises(ValidationError):
        services.signalement_avancer(signalement=s, etape=enums.Etape.QUESTIONNAIRE, date=D(2024, 3, 9), by=accueil)


def test_interview_needs_consent_and_moves_to_interview_step(accueil):
    s = nouveau(accueil)
    with pytest.raises(ValidationError):
        services.entretien_ajouter(
            signalement=s, date=D(2024, 3, 8), type=enums.TypeEntretien.IDENTIFICATION, mene_par=accueil, by=accueil
        )
    services.entretien_ajouter(
        signalement=s,
        date=D(2024, 3, 8),
        type=enums.TypeEntretien.APPROFONDISSEMENT,
        mene_par=accueil,
        consentement_date=D(2024, 3, 8),
        by=accueil,
    )
    s.refresh_from_db()
    assert s.etape == enums.Etape.ENTRETIEN and s.entretiens.count() == 1


def test_deciding_supported_creates_persons_case_and_support_periods_in_one_go(accueil):
    s = nouveau(accueil, consentement_date=D(2024, 3, 4), secteur_presume="agriculture", departement_faits="51")
    a = PersonneSignaleeFactory(signalement=s, nom="Benali", age=30, nationalite="MA", sexe="H")
    b = PersonneSignaleeFactory(signalement=s, nom="Tazi")
    ignore = PersonneSignaleeFactory(signalement=s, nom="Absent")
    personnes = services.signalement_decider(
        signalement=s,
        decision=enums.Decision.ACCOMPAGNEMENT,
        date_decision=D(2024, 4, 2),
        choix=[
            services.ChoixPersonne(a, services.NOUVELLE),
            services.ChoixPersonne(b, services.NOUVELLE),
            services.ChoixPersonne(ignore, services.IGNORER),
        ],
        intitule_affaire="Exploitation agricole (Marne)",
        by=accueil,
    )
    assert [p.nom for p in personnes] == ["Benali", "Tazi"]
    assert [p.numero_dossier for p in personnes] == ["D-2024-0001", "D-2024-0002"]
    assert personnes[0].annee_naissance == 1994 and personnes[0].nationalite == "MA"
    periodes = Accompagnement.objects.filter(signalement=s)
    assert {p.personne_id for p in periodes} == {p.pk for p in personnes}
    assert {p.date_debut for p in periodes} == {D(2024, 4, 2)}
    exploitations = Exploitation.objects.filter(personne__in=personnes)
    assert {e.affaire.intitule for e in exploitations} == {"Exploitation agricole (Marne)"}
    assert {e.secteur for e in exploitations} == {"agriculture"}
    assert {lieu.departement for e in exploitations for lieu in e.lieux.all()} == {"51"}
    ignore.refresh_from_db()
    assert ignore.personne is None


def test_deciding_supported_links_an_existing_person_without_new_file(accueil):
    existante = AccompagnementFactory(date_debut=D(2019, 1, 1), cloture=True).personne
    s = nouveau(accueil, consentement_date=D(2024, 3, 4))
    ps = PersonneSignaleeFactory(signalement=s, nom=existante.nom)
    services.signalement_decider(
        signalement=s,
        decision=enums.Decision.ACCOMPAGNEMENT,
        date_decision=D(2024, 4, 2),
        choix=[services.ChoixPersonne(ps, "lier", existante)],
        by=accueil,
    )
    assert Personne.objects.count() == 1
    assert existante.accompagnements.count() == 2  # the file is re-opened by a new period


def test_a_failed_decision_leaves_nothing_behind(accueil):
    s = nouveau(accueil)  # no consent
    ps = PersonneSignaleeFactory(signalement=s)
    with pytest.raises(ValidationError):
        services.signalement_decider(
            signalement=s,
            decision=enums.Decision.ACCOMPAGNEMENT,
            date_decision=D(2024, 4, 2),
            choix=[services.ChoixPersonne(ps, services.NOUVELLE)],
            by=accueil,
        )
    assert Personne.objects.count() == 0
    s.refresh_from_db()
    assert s.decision == enums.Decision.EN_COURS


def test_re_referral_requires_its_kind(accueil):
    s = nouveau(accueil)
    with pytest.raises(ValidationError):
        services.signalement_decider(
            signalement=s, decision=enums.Decision.REORIENTATION, date_decision=D(2024, 4, 2), by=accueil
        )
    services.signalement_decider(
        signalement=s,
        decision=enums.Decision.REORIENTATION,
        type_reorientation=enums.TypeReorientation.AUTRE_TRAITE,
        structure_reorientation="Ac.Sé",
        date_decision=D(2024, 4, 2),
        by=accueil,
    )
    s.refresh_from_db()
    assert (s.decision, s.structure_reorientation, s.decision_par) == ("reorientation", "Ac.Sé", accueil)


def test_a_decided_report_cannot_be_decided_again(accueil):
    s = SignalementFactory(sans_suite=True)
    with pytest.raises(ValidationError):
        services.signalement_decider(
            signalement=s,
            decision=enums.Decision.REORIENTATION,
            type_reorientation="autre",
            date_decision=D(2024, 4, 2),
            by=accueil,
        )


def test_no_second_open_period_when_person_already_supported(accueil):
    existante = AccompagnementFactory(date_debut=D(2023, 1, 1)).personne
    s = nouveau(accueil, consentement_date=D(2024, 3, 4))
    ps = PersonneSignaleeFactory(signalement=s)
    services.signalement_decider(
        signalement=s,
        decision=enums.Decision.ACCOMPAGNEMENT,
        date_decision=D(2024, 4, 2),
        choix=[services.ChoixPersonne(ps, "lier", existante)],
        by=accueil,
    )
    assert existante.accompagnements.count() == 1
    assert PersonneFactory._meta.model.objects.count() == 1


def test_a_stale_copy_cannot_decide_a_report_decided_meanwhile(accueil):
    s = nouveau(accueil)
    copie = Signalement.objects.get(pk=s.pk)
    services.signalement_decider(
        signalement=s, decision=enums.Decision.SANS_SUITE, motif_sans_suite="injoignable", date_decision=D(2024, 4, 2),
        by=accueil,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        services.signalement_decider(
            signalement=copie, decision=enums.Decision.REORIENTATION, type_reorientation="autre",
            date_decision=D(2024, 4, 3), by=accueil,
        )  # fmt: skip
    s.refresh_from_db()
    assert s.decision == enums.Decision.SANS_SUITE
