"""What the legal sheets of the history carry: a proceeding's own reference, the stage a step states,
the new step codes that move the stage, compensation before another body, CNDA decisions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from comptes.contexte import Contexte
from juridique import enums, services
from juridique import indicateurs as ind
from juridique.models import Etape
from tests.accompagnement.factories import AffaireFactory, ExploitationFactory, PersonneFactory
from tests.factories import UserFactory
from tests.juridique.factories import DecisionFactory, EtapeFactory, ProcedureFactory

pytestmark = pytest.mark.django_db

D = datetime.date
E, T, S = enums.TypeEtape, enums.TypeProcedure, enums.Stade


def _penale(*etapes, personne=None):
    procedure = ProcedureFactory(personnes=[personne or PersonneFactory()], date_ouverture=D(2020, 1, 6))
    for type_, date, *stade in etapes:
        EtapeFactory(procedure=procedure, type=type_, date=date, stade_apres=stade[0] if stade else "")
    return procedure


def test_new_proceedings_get_the_next_reference_of_their_case():
    affaire = AffaireFactory(reference="A-2024-0007")
    p1, p2 = PersonneFactory(), PersonneFactory()
    for p in (p1, p2):
        ExploitationFactory(personne=p, affaire=affaire)
    ProcedureFactory(affaire=affaire, reference="A-2024-0007/P41", personnes=[p1])  # a reference from the history
    user = UserFactory()
    premiere = services.procedure_creer(
        affaire=affaire, personnes=[p1], by=user, type=T.CPH, date_ouverture=D(2024, 3, 1)
    )
    seconde = services.procedure_creer(
        affaire=affaire, personnes=[p2], by=user, type=T.CPH, date_ouverture=D(2024, 3, 1)
    )
    assert (premiere.reference, seconde.reference) == ("A-2024-0007/P42", "A-2024-0007/P43")
    assert str(premiere).startswith("A-2024-0007/P42")


def test_a_committal_order_sends_the_proceeding_to_trial_and_a_dismissal_is_a_stage_of_its_own():
    renvoyee = _penale((E.PLAINTE, D(2020, 1, 6)), (E.PCPC, D(2021, 1, 6)), (E.ORDONNANCE_RENVOI, D(2023, 5, 2)))
    classee = _penale((E.PLAINTE, D(2020, 1, 6)), (E.CLASSEMENT_SANS_SUITE, D(2022, 9, 1)))
    citee = _penale((E.CITATION_DIRECTE, D(2023, 2, 1)))
    b24 = ind.repartition_b24(Contexte(2023))
    assert b24["premiere_instance"] == 2 and b24["classement_sans_suite"] == 1 and b24["instruction"] == 0
    assert b24["enquete_preliminaire"] == 0 and sum(b24.values()) == ind.penal_personnes(Contexte(2023)) == 3
    # Before the committal order, the proceeding was under judicial investigation; before the dismissal, under
    # preliminary investigation (the issue-14 rule: a complaint puts it there).
    b24_2021 = ind.repartition_b24(Contexte(2021))
    assert b24_2021["instruction"] == 1 and b24_2021["enquete_preliminaire"] == 1
    assert {renvoyee.pk, classee.pk, citee.pk}


def test_a_stated_stage_overrides_the_stage_the_step_implies():
    # A history sheet: a hearing line whose stage after it is "appeal" (the prosecutor appealed at the hearing).
    _penale((E.PLAINTE, D(2020, 1, 6)), (E.AUDIENCE, D(2023, 3, 1), S.APPEL))
    # A complaint the sheet says is already at the instruction stage.
    _penale((E.PLAINTE, D(2023, 4, 1), S.INSTRUCTION))
    b24 = ind.repartition_b24(Contexte(2023))
    assert b24["appel"] == 1 and b24["instruction"] == 1 and b24["enquete_preliminaire"] == 0
    assert ind.plainte_deposee(Contexte(2023)) == 1  # the complaint is still an event of its year
    # A later step without a stated stage moves it on as usual.
    _penale((E.PLAINTE, D(2022, 1, 6), S.INSTRUCTION), (E.JUGEMENT, D(2023, 6, 1)))
    assert ind.repartition_b24(Contexte(2023))["premiere_instance"] == 1


def test_a_person_counts_at_a_live_stage_rather_than_at_a_dismissal():
    personne = PersonneFactory()
    _penale((E.CLASSEMENT_SANS_SUITE, D(2023, 1, 10)), personne=personne)
    _penale((E.PLAINTE, D(2023, 2, 10)), personne=personne)
    b24 = ind.repartition_b24(Contexte(2023))
    assert b24["enquete_preliminaire"] == 1 and b24["classement_sans_suite"] == 0


def test_asylum_decisions_end_the_wait_at_ofpra_and_a_stated_stage_counts():
    attend = ProcedureFactory(type=T.ASILE, date_ouverture=D(2023, 1, 5))
    EtapeFactory(procedure=attend, type=E.DEMANDE_OFPRA, date=D(2023, 1, 5))
    decidee = ProcedureFactory(type=T.ASILE, date_ouverture=D(2023, 1, 5))
    EtapeFactory(procedure=decidee, type=E.DEMANDE_OFPRA, date=D(2023, 1, 5))
    EtapeFactory(procedure=decidee, type=E.DECISION_OFPRA, date=D(2023, 9, 5))  # no Decision row recorded
    en_preparation = ProcedureFactory(type=T.ASILE, date_ouverture=D(2023, 1, 5))
    EtapeFactory(procedure=en_preparation, type=E.PREPARATION_DEMANDE, date=D(2023, 1, 5))
    declaree = ProcedureFactory(type=T.ASILE, date_ouverture=D(2023, 1, 5))
    EtapeFactory(procedure=declaree, type=E.AUTRE, date=D(2023, 2, 5), stade_apres=S.OFPRA)
    ctx = Contexte(2023)
    assert ind.asile_ofpra_en_cours(ctx) == 2
    assert ind.detail_asile_ofpra_en_cours(ctx).count() == 2


def test_compensation_before_another_body_counts_and_has_its_own_line_in_b26():
    civi = ProcedureFactory(type=T.CIVI, date_ouverture=D(2024, 2, 1))
    autre = ProcedureFactory(type=T.INDEMNISATION_AUTRE, date_ouverture=D(2024, 5, 1))
    EtapeFactory(procedure=autre, type=E.PREPARATION_DEMANDE, date=D(2024, 5, 1))
    ctx = Contexte(2024)
    assert ind.indemnisation_personnes(ctx) == 2 and ind.indemnisation_affaires(ctx) == 2
    assert ind.repartition_b26(ctx) == {"civi": 1, "sarvi": 0, "autre": 1}
    assert ind.detail_indemnisation_personnes(ctx).count() == 2
    assert {civi.affaire_id, autre.affaire_id}


def test_an_earlier_referral_date_puts_a_labour_court_claim_at_first_instance():
    sans_etape = ProcedureFactory(type=T.CPH, date_ouverture=D(2024, 3, 1), date_saisine=D(2023, 11, 2))
    ProcedureFactory(type=T.CPH, date_ouverture=D(2024, 3, 1))  # nothing says it was referred
    ctx = Contexte(2024)
    assert ind.cph_en_cours_1ere_instance(ctx) == 1
    assert list(ind.detail_cph_en_cours_1ere_instance(ctx).values_list("pk", flat=True)) == [sans_etape.pk]
    assert ind.cph_nouvelles_saisines(ctx) == 0  # a date is not a referral step of the year


def test_the_new_outcomes_and_the_cnda_level_are_recorded():
    cph = ProcedureFactory(type=T.CPH)
    DecisionFactory(procedure=cph, niveau=enums.NiveauDecision.PREMIERE_INSTANCE, nature="employeur_condamne")
    asile = ProcedureFactory(type=T.ASILE)
    decision = DecisionFactory(procedure=asile, niveau=enums.NiveauDecision.CNDA, nature="statut_refugie")
    decision.full_clean()
    assert decision.get_niveau_display() and decision.get_nature_display()


@pytest.mark.parametrize(
    ("type_procedure", "type_etape", "stade", "champ"),
    [
        (T.CPH, E.PLAINTE, "", "type"),  # a complaint is not a labour-court step
        (T.PENAL, E.DECISION_OFPRA, "", "type"),
        (T.CPH, E.JUGEMENT, S.INSTRUCTION, "stade_apres"),  # no instruction before the labour court
        (T.CIVI, E.DEMANDE_INDEMNISATION, S.PREMIERE_INSTANCE, "stade_apres"),  # compensation has no stages
    ],
)
def test_a_step_or_stage_of_another_kind_of_proceedings_is_refused(type_procedure, type_etape, stade, champ):
    etape = Etape(procedure=ProcedureFactory(type=type_procedure), type=type_etape, date=D(2023, 1, 1))
    etape.stade_apres = stade
    with pytest.raises(ValidationError) as exc:
        etape.full_clean()
    assert champ in exc.value.error_dict


@pytest.mark.parametrize("type_procedure", [T.PENAL, T.CPH, T.ASILE])
def test_every_step_that_moves_a_stage_offers_a_stage_its_proceedings_may_state(type_procedure):
    for type_etape, stade in enums.STADE_PAR_TYPE[type_procedure].items():
        assert type_etape in enums.ETAPES_PAR_TYPE[type_procedure]
        assert stade in enums.STADES_PAR_TYPE[type_procedure]


def test_every_new_code_has_a_french_label():
    from django.utils.translation import override

    codes = [
        E.CITATION_DIRECTE, E.OPPOSITION, E.JUGEMENT, E.ARRET_APPEL, E.DECISION_DEFINITIVE, E.REPRISE_SUIVI,
        E.PREPARATION_DEMANDE, E.DECISION_OFPRA, E.DECISION_CNDA, E.CLASSEMENT_SANS_SUITE, E.ORDONNANCE_RENVOI,
        T.INDEMNISATION_AUTRE, enums.NiveauDecision.CNDA, enums.NatureDecision.EMPLOYEUR_CONDAMNE,
        enums.NatureDecision.INDEMNISATION_VERSEE, *(s for s in enums.Stade if s != S.CASSATION),  # same word
    ]  # fmt: skip
    for code in codes:
        with override("fr"):
            francais = str(code.label)
        with override("en"):
            anglais = str(code.label)
        assert francais != anglais, code


def test_the_migration_gives_existing_proceedings_the_reference_their_page_showed():
    import importlib

    from django.apps import apps

    from juridique.models import Procedure

    migration = importlib.import_module("juridique.migrations.0003_historique_procedures")
    procedure = ProcedureFactory(affaire=AffaireFactory(reference="A-2001-0004"))
    procedure.reference = "provisoire"
    procedure.save()
    migration.donner_references(apps, None)
    procedure.refresh_from_db()
    assert procedure.reference == f"A-2001-0004/P{procedure.pk}"
    assert set(procedure.history.values_list("reference", flat=True)) == {procedure.reference}
    assert Procedure.objects.filter(reference__startswith="A-2001-0004/P").count() == 1


def test_the_timeline_says_the_stage_each_step_reaches(client_for):
    from django.urls import reverse
    from django.utils import translation

    from comptes.permissions import Role

    procedure = _penale((E.PLAINTE, D(2020, 1, 6)), (E.AUDIENCE, D(2021, 3, 1), S.APPEL), (E.AUTRE, D(2021, 4, 1)))
    client = client_for(Role.JURIDIQUE)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get(reverse("juridique:procedure", args=[procedure.pk])).content.decode()
        libelles = str(S.APPEL.label), str(S.ENQUETE_PRELIMINAIRE.label)
    assert html.count("Stage reached:") == 2  # the complaint (derived) and the hearing (stated), not "other"
    assert all(libelle in html for libelle in libelles)
