# ruff: noqa: E501 (the dataset reads better one record per line)
"""Exact values of the legal unit's figures on a small constructed dataset (year 2024 unless said)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accompagnement.enums import Pole
from accompagnement.models import EntreeJournal
from comptes.contexte import Contexte
from juridique import indicateurs as ind
from tests.accompagnement.factories import AccompagnementFactory, AffaireFactory, PersonneFactory, SuiviFactory
from tests.factories import UserFactory
from tests.juridique.factories import DecisionFactory, EtapeFactory, ProcedureFactory, TitreSejourFactory

pytestmark = pytest.mark.django_db

D = datetime.date
KEYS_SECTION_4 = [
    "juridique_personnes", "juridique_part_file_active", "penal_personnes", "penal_affaires", "plaintes_deposees",
    "penal_enquetes_preliminaires", "penal_instructions", "pcpc_deposees", "penal_audiences", "condamnations_traite",
    "dossiers_inspection_travail", "cph_personnes", "cph_affaires", "cph_nouvelles_saisines",
    "cph_en_cours_1ere_instance", "cph_decisions_1ere_instance", "indemnisation_personnes", "indemnisation_affaires",
    "civi", "sarvi", "sejour_personnes", "titre_l425_1_premier", "titre_l425_1_beneficiaires_hors_premier",
    "carte_resident_l423_3", "autres_titres_recepisses", "attente_premier_titre_long", "asile_personnes",
    "asile_ofpra_en_cours", "asile_audiences_cnda", "asile_protections_subsidiaires", "asile_statuts_refugie",
    "asile_protections_obtenues", "juridique_suivi_plus_5ans_taux", "juridique_suivi_plus_10ans_taux",
]  # fmt: skip


def etapes(procedure, *items):
    for type_, date in items:
        EtapeFactory(procedure=procedure, type=type_, date=date)


@pytest.fixture
def donnees():
    p = {i: PersonneFactory() for i in range(1, 16)}
    a1, a2, a3, a4, a5 = (AffaireFactory() for _ in range(5))
    # Criminal. A1 is collective: p1, p2, p3 in one proceeding; p3 also in a more advanced one.
    pa = ProcedureFactory(
        affaire=a1, personnes=[p[1], p[2], p[3]], date_ouverture=D(2021, 3, 1), inspection_travail=True
    )
    etapes(pa, ("plainte", D(2021, 3, 1)), ("enquete_preliminaire", D(2022, 6, 1)), ("instruction", D(2025, 1, 10)))
    pb = ProcedureFactory(affaire=a1, personnes=[p[3]], date_ouverture=D(2024, 2, 1))
    etapes(pb, ("plainte", D(2024, 2, 1)), ("pcpc", D(2024, 9, 1)))
    pc = ProcedureFactory(affaire=a2, personnes=[p[4]], date_ouverture=D(2024, 11, 1))
    etapes(pc, ("preparation_plainte", D(2024, 11, 1)), ("plainte", D(2025, 1, 5)))
    pd = ProcedureFactory(affaire=a3, personnes=[p[5], p[6]], date_ouverture=D(2018, 1, 1), date_cloture=D(2023, 6, 30))
    DecisionFactory(procedure=pd, date=D(2023, 5, 1))
    pe = ProcedureFactory(affaire=a3, personnes=[p[5]], date_ouverture=D(2019, 1, 1))
    etapes(
        pe, ("plainte", D(2019, 1, 1)), ("audience_1re_instance", D(2023, 12, 31)),
        ("audience_1re_instance", D(2024, 2, 10)), ("appel", D(2024, 3, 1)), ("audience_appel", D(2024, 12, 31)),
    )  # fmt: skip
    DecisionFactory(procedure=pe, date=D(2024, 2, 20))
    pf = ProcedureFactory(affaire=a3, personnes=[p[6]], date_ouverture=D(2019, 1, 1))
    DecisionFactory(procedure=pf, date=D(2024, 11, 15), niveau="2", definitive=True)
    # Labour court (A4: p7, p8).
    c1 = ProcedureFactory(affaire=a4, type="cph", personnes=[p[7], p[8]], date_ouverture=D(2023, 1, 1))
    etapes(c1, ("saisine_cph", D(2023, 2, 1)))
    DecisionFactory(procedure=c1, date=D(2024, 6, 1), nature="favorable")
    c2 = ProcedureFactory(
        affaire=a4, type="cph", personnes=[p[7]], date_ouverture=D(2024, 3, 1), inspection_travail=True
    )
    etapes(c2, ("refere", D(2024, 3, 15)), ("saisine_cph", D(2024, 4, 1)))
    c3 = ProcedureFactory(affaire=a4, type="cph", personnes=[p[8]], date_ouverture=D(2020, 1, 1))
    etapes(c3, ("saisine_cph", D(2020, 2, 1)), ("appel", D(2022, 3, 1)))
    DecisionFactory(procedure=c3, date=D(2022, 1, 1), nature="favorable")
    ProcedureFactory(affaire=a4, type="cph", personnes=[p[8]], date_ouverture=D(2024, 12, 1), inspection_travail=True)
    # Compensation.
    ProcedureFactory(affaire=a4, type="civi", personnes=[p[7]], date_ouverture=D(2024, 1, 1))
    ProcedureFactory(affaire=a4, type="sarvi", personnes=[p[7], p[8]], date_ouverture=D(2022, 5, 1))
    ProcedureFactory(
        affaire=a1, type="civi", personnes=[p[1]], date_ouverture=D(2017, 1, 1), date_cloture=D(2023, 12, 31)
    )
    # Asylum (A5: p9, p10).
    as1 = ProcedureFactory(affaire=a5, type="asile", personnes=[p[9]], date_ouverture=D(2024, 1, 10))
    etapes(as1, ("demande_ofpra", D(2024, 1, 10)))
    as2 = ProcedureFactory(
        affaire=a5, type="asile", personnes=[p[10]], date_ouverture=D(2022, 2, 1), date_cloture=D(2024, 7, 1)
    )
    etapes(as2, ("demande_ofpra", D(2022, 2, 1)), ("recours_cnda", D(2023, 3, 1)), ("audience_cnda", D(2024, 5, 5)))
    DecisionFactory(procedure=as2, date=D(2024, 7, 1), niveau="0", nature="protection_subsidiaire")
    # Residence permits.
    granted = {"issue": "accorde"}
    TitreSejourFactory(
        personne=p[1],
        date_demande=D(2023, 10, 1),
        date_decision=D(2024, 2, 1),
        date_fin_validite=D(2025, 2, 1),
        **granted,
    )
    TitreSejourFactory(
        personne=p[2],
        date_demande=D(2021, 6, 1),
        date_decision=D(2022, 1, 1),
        date_fin_validite=D(2023, 1, 1),
        **granted,
    )
    TitreSejourFactory(
        personne=p[2],
        premier=False,
        date_demande=D(2022, 11, 1),
        date_decision=D(2023, 3, 1),
        date_fin_validite=D(2024, 3, 1),
        **granted,
    )
    TitreSejourFactory(personne=p[3], type="l423_3", date_demande=D(2024, 1, 2), date_decision=D(2024, 5, 1), **granted)
    TitreSejourFactory(personne=p[4], type="l423_3", date_demande=D(2024, 10, 1))
    TitreSejourFactory(
        personne=p[5],
        type="recepisse",
        date_demande=D(2024, 3, 1),
        date_decision=D(2024, 3, 1),
        date_fin_validite=D(2024, 9, 1),
        **granted,
    )
    TitreSejourFactory(personne=p[6], type="autre", date_demande=D(2023, 12, 1))
    TitreSejourFactory(personne=p[7], date_demande=D(2024, 3, 1))
    TitreSejourFactory(personne=p[8], date_demande=D(2023, 1, 1), date_decision=D(2023, 6, 1), issue="refuse")
    # Follow-ups without proceedings, and the file active.
    SuiviFactory(personne=p[11], pole=Pole.JURIDIQUE, date_debut=D(2012, 5, 1))
    EntreeJournal.objects.create(
        personne=p[12], date=D(2024, 4, 2), pole=Pole.JURIDIQUE, type="note", texte="x", auteur=UserFactory()
    )
    SuiviFactory(personne=p[13], pole=Pole.JURIDIQUE, date_debut=D(2010, 1, 1), date_fin=D(2023, 12, 31))
    SuiviFactory(personne=p[14], pole=Pole.PSYCHOSOCIAL, date_debut=D(2024, 1, 1))
    for i in range(1, 16):
        AccompagnementFactory(personne=p[i], date_debut=D(2020, 1, 1))
    return p


def test_section_4_exact_values(donnees):
    ctx = Contexte(2024)
    assert {key: getattr(ind, key)(ctx) for key in KEYS_SECTION_4} == {
        "juridique_personnes": 12,  # p1–p10 in proceedings, p11 by a follow-up, p12 by a journal entry
        "juridique_part_file_active": 80.0,  # 12 / 15
        "penal_personnes": 6,
        "penal_affaires": 3,
        "plaintes_deposees": 2,  # p3's complaint of 2024 + p4's complaint being prepared
        "penal_enquetes_preliminaires": 2,  # p1, p2 (p3 counts at instruction, its most advanced)
        "penal_instructions": 1,
        "pcpc_deposees": 1,
        "penal_audiences": 2,  # 10/02 first instance + 31/12 appeal; the 31/12/2023 hearing is not of 2024
        "condamnations_traite": 1,  # two convictions in case A3 count once
        "dossiers_inspection_travail": 1,  # A4 (two flagged proceedings opened in 2024); A1's was opened in 2021
        "cph_personnes": 2,
        "cph_affaires": 4,
        "cph_nouvelles_saisines": 2,  # référé + referral of c2
        "cph_en_cours_1ere_instance": 2,  # c1 (decided during 2024) and c2; not c3 (decided 2022), not c4 (no referral)
        "cph_decisions_1ere_instance": 1,
        "indemnisation_personnes": 2,
        "indemnisation_affaires": 1,
        "civi": 1,  # p1's CIVI closed on 31/12/2023
        "sarvi": 2,
        "sejour_personnes": 7,  # p8's refusal of 2023 is not handled in 2024
        "titre_l425_1_premier": 1,
        "titre_l425_1_beneficiaires_hors_premier": 1,
        "carte_resident_l423_3": 1,
        "autres_titres_recepisses": 1,
        "attente_premier_titre_long": 1,  # p6 since 01/12/2023; p7 since 01/03/2024 is under 330 days
        "asile_personnes": 2,
        "asile_ofpra_en_cours": 1,
        "asile_audiences_cnda": 1,
        "asile_protections_subsidiaires": 1,
        "asile_statuts_refugie": 0,
        "asile_protections_obtenues": 1,
        "juridique_suivi_plus_5ans_taux": 33.3,  # p1 (2017), p5, p6 (2018), p11 (2012) of 12
        "juridique_suivi_plus_10ans_taux": 8.3,  # p11
    }


def test_sub_counters(donnees):
    ctx = Contexte(2024)
    assert ind.plainte_deposee(ctx) == 1 and ind.plainte_en_preparation(ctx) == 1
    assert ind.penal_audiences_1re_instance(ctx) == 1 and ind.penal_audiences_appel(ctx) == 1
    assert ind.condamnations_traite_definitives(ctx) == 1
    assert ind.carte_resident_l423_3_en_cours(ctx) == 1
    assert ind.autres_titres_recepisses_premiers(ctx) == 1


def test_breakdowns(donnees):
    ctx = Contexte(2024)
    b24 = ind.repartition_b24(ctx)
    assert b24 == {
        "classement_sans_suite": 0, "preparation_plainte": 1, "enquete_preliminaire": 2, "instruction": 1, "premiere_instance": 0, "appel": 1,
        "cassation": 0, "inconnu": 1,
    }  # fmt: skip
    assert sum(b24.values()) == ind.penal_personnes(ctx)  # the stages partition the persons (INC-13)
    assert ind.repartition_b25(ctx) == {
        "nouvelles_saisines": 2,
        "en_cours_1ere_instance": 2,
        "decisions_1ere_instance": 1,
    }
    assert ind.repartition_b26(ctx) == {"civi": 1, "sarvi": 2, "autre": 0}
    assert ind.repartition_b27(ctx) == {
        "l425_1_premier": 1, "l425_1_hors_premier": 1, "l423_3": 1, "l423_3_en_cours": 1,
        "autres_recepisses": 1, "autres_recepisses_premiers": 1, "autre": 3,
    }  # fmt: skip
    assert ind.repartition_b28(ctx) == {
        "ofpra_en_cours": 1, "audiences_cnda": 1, "protections_subsidiaires": 1, "statuts_refugie": 0, "autre": 0
    }  # fmt: skip
    b29 = ind.repartition_b29(ctx)
    assert b29 == {"moins_5_ans": 7, "5_10_ans": 3, "plus_10_ans": 1, "inconnu": 1}
    assert sum(b29.values()) == ind.juridique_personnes(ctx)


def test_events_are_counted_in_their_own_year(donnees):
    avant, apres = Contexte(2023), Contexte(2025)
    assert ind.penal_audiences(avant) == 1  # the hearing of 31/12/2023
    assert ind.plainte_deposee(apres) == 1  # p4's complaint of 05/01/2025
    assert ind.condamnations_traite(avant) == 1  # case A3's conviction of 2023
    assert ind.cph_nouvelles_saisines(avant) == 1
    assert ind.asile_audiences_cnda(apres) == 0


def test_stage_is_the_latest_reached_by_31_december(donnees):
    # In 2025 the collective proceedings reach instruction (10/01/2025); p4's complaint is filed.
    b24 = ind.repartition_b24(Contexte(2025))
    assert b24["instruction"] == 3 and b24["enquete_preliminaire"] == 1 and b24["preparation_plainte"] == 0
    # In 2022 p1–p3 were under preliminary investigation, and p5 had filed a complaint: at that stage too.
    assert ind.repartition_b24(Contexte(2022))["enquete_preliminaire"] == 4


def test_a_filed_complaint_puts_the_proceeding_at_the_preliminary_investigation_stage():
    """Catalogue §0: the complaint is an event of its year; the proceeding is then under preliminary
    investigation, so a proceeding whose last step is a complaint counts in penal_enquetes_preliminaires."""
    deposee, en_preparation = PersonneFactory(), PersonneFactory()
    etapes(ProcedureFactory(affaire=AffaireFactory(), personnes=[deposee], date_ouverture=D(2024, 3, 1)), ("plainte", D(2024, 3, 1)))  # fmt: skip
    etapes(ProcedureFactory(affaire=AffaireFactory(), personnes=[en_preparation], date_ouverture=D(2024, 9, 1)), ("preparation_plainte", D(2024, 9, 1)))  # fmt: skip
    ctx = Contexte(2024)
    assert ind.penal_enquetes_preliminaires(ctx) == 1
    assert ind.plainte_deposee(ctx) == 1 and ind.plainte_en_preparation(ctx) == 1
    assert ind.repartition_b24(ctx) == {
        "classement_sans_suite": 0, "preparation_plainte": 1, "enquete_preliminaire": 1, "instruction": 0, "premiere_instance": 0, "appel": 0,
        "cassation": 0, "inconnu": 0,
    }  # fmt: skip


def test_persons_procedures_and_cases_differ_for_collective_cases(donnees):
    ctx = Contexte(2024)
    # 6 persons in 5 criminal proceedings of 3 cases; 2 persons in 4 labour-court proceedings.
    assert (ind.penal_personnes(ctx), ind.penal_affaires(ctx)) == (6, 3)
    assert (ind.cph_personnes(ctx), ind.cph_affaires(ctx)) == (2, 4)


def test_no_data_gives_zeros_and_no_percentage():
    ctx = Contexte(2024)
    assert ind.juridique_personnes(ctx) == 0
    assert ind.juridique_part_file_active(ctx) is None
    assert ind.juridique_suivi_plus_5ans_taux(ctx) is None
    assert ind.repartition_b24(ctx)["inconnu"] == 0


def _all(ctx):
    for key in KEYS_SECTION_4:
        getattr(ind, key)(ctx)
    for n in range(24, 30):
        getattr(ind, f"repartition_b{n}")(ctx)


def test_a_year_costs_a_fixed_number_of_queries(donnees):
    with CaptureQueriesContext(connection) as small:
        _all(Contexte(2024))
    for _ in range(3):
        affaire = AffaireFactory()
        procedure = ProcedureFactory(affaire=affaire, personnes=[PersonneFactory(), PersonneFactory()])
        etapes(procedure, ("plainte", D(2024, 3, 3)), ("enquete_preliminaire", D(2024, 5, 3)))
        TitreSejourFactory(personne=procedure.personnes.first())
    with CaptureQueriesContext(connection) as big:
        _all(Contexte(2024))
    assert len(small) == len(big) == 10


def test_breakdown_codes_have_labels(donnees):
    from juridique import enums

    ctx = Contexte(2024)
    for n in range(24, 30):
        labels = getattr(enums, f"CategorieB{n}")
        assert set(getattr(ind, f"repartition_b{n}")(ctx)) == set(labels.values), n
