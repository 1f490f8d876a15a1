"""Computing a year's report: values, N−1 and change, manual inputs, failures, the JSON contract."""

import datetime

import pytest

from comptes.contexte import Contexte
from rapports.calcul import calculer
from rapports.models import SaisieAnnuelle
from rapports.registre import INDICATEURS, REPARTITIONS
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.sensibilisation.factories import InterventionFactory

pytestmark = pytest.mark.django_db


def test_values_of_n_and_n_minus_1_and_the_change(fausses_fonctions):
    fausses_fonctions(
        {
            "signalements_recus": lambda ctx: {2024: 390, 2023: 356}[ctx.annee],
            "taux_accompagnement_signalements": lambda ctx: {2024: 18.7, 2023: 17.4}[ctx.annee],
            "repartition_b4": lambda ctx: {"F": 3, "H": 2, "inconnu": 1},
        }
    )
    rapport = calculer(2024, serie=False)
    recus = rapport.lignes["signalements_recus"]
    assert (recus.valeur, recus.precedent, recus.variation) == (390, 356, 9.6)  # relative change in %
    taux = rapport.lignes["taux_accompagnement_signalements"]
    assert (taux.valeur, taux.precedent, taux.variation) == (18.7, 17.4, 1.3)  # percentage: change in points
    assert rapport.repartitions["sexe"] == {"F": 3, "H": 2, "inconnu": 1}
    assert rapport.repartitions["violences"] == {}
    civi = rapport.lignes["civi"]
    assert civi.valeur is None and not civi.disponible
    assert civi in rapport.manquants


def test_a_failing_function_is_reported_and_the_others_still_computed(fausses_fonctions):
    def casse(ctx):
        raise ZeroDivisionError("division by zero")

    fausses_fonctions({"signalements_recus": lambda ctx: 5, "civi": casse})
    rapport = calculer(2024, serie=False, isolate_errors=True)
    assert rapport.lignes["signalements_recus"].valeur == 5
    assert rapport.lignes["civi"].valeur is None
    assert rapport.lignes["civi"].erreur == "ZeroDivisionError: division by zero"
    assert rapport.en_erreur == [rapport.lignes["civi"]]


def test_a_failing_function_raises_outside_the_report_page(fausses_fonctions):
    def casse(ctx):
        raise ZeroDivisionError("division by zero")

    fausses_fonctions({"signalements_recus": lambda ctx: 5, "civi": casse})
    with pytest.raises(ZeroDivisionError):
        calculer(2024, serie=False)


def test_manual_inputs_of_the_year_and_the_previous_one(fausses_fonctions):
    fausses_fonctions({})
    SaisieAnnuelle.objects.create(annee=2024, cle="benevoles", valeur=71, note="plus de 70")
    SaisieAnnuelle.objects.create(annee=2023, cle="benevoles", valeur=65)
    SaisieAnnuelle.objects.create(annee=2024, cle="psychologue_etp", valeur="0.50")
    SaisieAnnuelle.objects.create(annee=2022, cle="benevoles", valeur=50)  # not N nor N−1
    rapport = calculer(2024, serie=False)
    benevoles = rapport.lignes["benevoles"]
    assert (benevoles.valeur, benevoles.precedent, benevoles.note_saisie) == (71, 65, "plus de 70")
    assert isinstance(benevoles.valeur, int)
    assert rapport.lignes["psychologue_etp"].valeur == 0.5
    assert rapport.lignes["budget_global"].valeur is None and not rapport.lignes["budget_global"].disponible


def test_json_contract_has_every_key_and_only_numbers_or_null(fausses_fonctions):
    fausses_fonctions({"signalements_recus": lambda ctx: 12, "repartition_b9": lambda ctx: {"travail_domestique": 4}})
    contrat = calculer(2024, serie=False).contrat()
    assert set(contrat) == {"annee", "indicateurs", "repartitions", "publication"}
    assert contrat["publication"] == {
        "chiffres": "publies",
        "version": None,
        "cloture_le": None,
        "version_precedente": None,
    }
    assert contrat["annee"] == 2024
    assert list(contrat["indicateurs"]) == [i.cle for i in INDICATEURS]
    assert all(v is None or isinstance(v, int | float) for v in contrat["indicateurs"].values())
    assert all(
        r.cle in contrat["repartitions"]
        or {f"{r.cle}_nouvelles", f"{r.cle}_file_active"} <= set(contrat["repartitions"])
        for r in REPARTITIONS
    )
    assert contrat["repartitions"]["secteurs_exploitation"] == {"travail_domestique": 4}
    assert all(isinstance(n, int) for rep in contrat["repartitions"].values() for n in rep.values())


def test_breakdown_counts_must_be_integers(fausses_fonctions):
    fausses_fonctions(
        {"repartition_b14": lambda ctx: {"ensemble": 36.4, "inconnu": 2}, "repartition_b9": lambda ctx: {"btp": 2.0}}
    )
    with pytest.raises(TypeError, match="is not a count"):
        calculer(2024, serie=False)
    rapport = calculer(2024, serie=False, isolate_errors=True)
    assert rapport.repartitions["duree_exploitation"] == {}
    assert "is not a count" in rapport.erreurs_repartitions["duree_exploitation"]
    assert rapport.repartitions["secteurs_exploitation"] == {"btp": 2}


def test_a_breakdown_taking_a_population_gives_both_suffixed_keys(fausses_fonctions):
    def repartition_b4(ctx, population="file_active"):
        return {"F": 2} if population == "nouvelles" else {"F": 9}

    fausses_fonctions({"repartition_b4": repartition_b4})
    repartitions = calculer(2024, serie=False).repartitions
    assert repartitions["sexe_nouvelles"] == {"F": 2}
    assert repartitions["sexe_file_active"] == {"F": 9}
    assert "sexe" not in repartitions


def test_file_active_over_5_and_10_years_prints_the_base_year(fausses_fonctions):
    """The unit's 5-year figure is printed with its base year; the 10-year one, missing, is derived."""
    fausses_fonctions({"personnes_accompagnees_evol_5ans": lambda ctx: 50.0})
    for _i in range(2):
        AccompagnementFactory(date_debut=datetime.date(2014, 6, 1))
    for _i in range(2):
        AccompagnementFactory(date_debut=datetime.date(2024, 6, 1))
    AccompagnementFactory(
        date_debut=datetime.date(2014, 6, 1), date_cloture=datetime.date(2019, 1, 1), motif_cloture="autonomie"
    )
    rapport = calculer(2024)
    assert rapport.serie_file_active[2014] == 3 and rapport.serie_file_active[2019] == 3
    assert rapport.serie_file_active[2024] == 4
    cinq, dix = rapport.evolutions()
    assert (cinq["annee_base"], cinq["base"], cinq["actuel"], cinq["valeur"]) == (2019, 3, 4, 50.0)
    assert (dix["annee_base"], dix["base"], dix["valeur"]) == (2014, 3, 33.3)


def test_file_active_series_falls_back_on_support_periods_across_year_boundaries(fausses_fonctions):
    """Without the unit's function, P_FA comes from support periods overlapping each year."""
    fausses_fonctions({})
    AccompagnementFactory(
        date_debut=datetime.date(2019, 12, 31), date_cloture=datetime.date(2020, 1, 1), motif_cloture="autonomie"
    )
    AccompagnementFactory(date_debut=datetime.date(2024, 1, 1))
    AccompagnementFactory(date_debut=datetime.date(2025, 1, 1))  # after N
    serie = calculer(2024).serie_file_active
    assert (serie[2019], serie[2020], serie[2021], serie[2024]) == (1, 1, 0, 1)


def test_units_functions_are_used_through_the_registry():
    """Sensibilisation's functions (already written) computed for N and N−1 through the registry."""
    InterventionFactory(date=datetime.date(2024, 3, 1), nb_grand_public=10, nb_inspection_travail=5)
    InterventionFactory(date=datetime.date(2024, 12, 31), departement="69", commune="Lyon", nb_grand_public=20)
    InterventionFactory(date=datetime.date(2023, 1, 1), nb_grand_public=7)
    InterventionFactory(date=datetime.date(2025, 1, 1), nb_grand_public=100)  # next year
    rapport = calculer(2024, serie=False)
    assert (rapport.lignes["interventions"].valeur, rapport.lignes["interventions"].precedent) == (2, 1)
    assert (rapport.lignes["participants"].valeur, rapport.lignes["participants"].precedent) == (35, 7)
    assert rapport.lignes["agents_inspection_travail"].valeur == 5
    assert rapport.lignes["part_interventions_paris"].valeur == 50.0
    assert rapport.lignes["departements_interventions"].valeur == 2


def test_populations_new_and_active_caseload(fausses_fonctions):
    from rapports import populations

    nouvelle = AccompagnementFactory(date_debut=datetime.date(2024, 1, 1)).personne
    ancienne = PersonneFactory()
    AccompagnementFactory(
        personne=ancienne,
        date_debut=datetime.date(2020, 1, 1),
        date_cloture=datetime.date(2021, 1, 1),
        motif_cloture="autonomie",
    )
    AccompagnementFactory(personne=ancienne, date_debut=datetime.date(2024, 6, 1))  # re-opened: not new
    AccompagnementFactory(
        date_debut=datetime.date(2023, 12, 31), date_cloture=datetime.date(2023, 12, 31), motif_cloture="autonomie"
    )
    ctx = Contexte(2024)
    assert set(populations.POPULATIONS["P_FA"][3](ctx)) == {nouvelle, ancienne}
    assert list(populations.POPULATIONS["P_NEW"][3](ctx)) == [nouvelle]


@pytest.mark.django_db(transaction=True)
def test_the_units_batches_run_on_their_own_connections_with_the_same_figures(settings, monkeypatch):
    """Outside a transaction (a page, the PDF task) the batches run side by side on separate
    connections; inside one (most tests) they cannot see its rows and run in turn."""
    import threading

    from rapports import calcul
    from tests.accompagnement.factories import AccompagnementFactory, ExploitationFactory, PersonneFactory
    from tests.psychosocial.factories import AideFactory

    for sexe in ("F", "F", "H"):
        personne = PersonneFactory(sexe=sexe)
        AccompagnementFactory(personne=personne, date_debut=datetime.date(2024, 2, 1))
        ExploitationFactory(personne=personne, date_debut=datetime.date(2020, 1, 1), date_fin=datetime.date(2022, 1, 1))
        AideFactory(personne=personne, date=datetime.date(2024, 3, 1))
    threads = set()
    run_batch = calcul._run_batch
    monkeypatch.setattr(
        calcul,
        "_run_batch",
        lambda ctx, batch, isolate: threads.add(threading.get_ident()) or run_batch(ctx, batch, isolate),
    )

    settings.RAPPORTS_CALCUL_PARALLELE = 2
    parallele = calcul.calculer(2024)
    assert threading.get_ident() not in threads and len(threads) == 2
    settings.RAPPORTS_CALCUL_PARALLELE = 1
    threads.clear()
    sequentiel = calcul.calculer(2024)
    assert threads == {threading.get_ident()}

    assert parallele.contrat() == sequentiel.contrat()
    assert parallele.valeurs()["nouvelles_personnes_accompagnees"] == 3
    assert parallele.valeurs()["psychosocial_personnes"] == 3
    precisions = parallele.lignes["file_active_duree_exploitation_moy"].precisions
    assert [(p.libelle_en, p.effectif) for p in precisions] == [("women", 2), ("men", 1), ("minors at the start", 0)]


def test_inside_a_transaction_the_batches_run_in_turn_on_its_connection(settings, monkeypatch):
    import threading

    from rapports import calcul

    threads = set()
    run_batch = calcul._run_batch
    monkeypatch.setattr(
        calcul,
        "_run_batch",
        lambda ctx, batch, isolate: threads.add(threading.get_ident()) or run_batch(ctx, batch, isolate),
    )
    settings.RAPPORTS_CALCUL_PARALLELE = 2
    AccompagnementFactory(personne=PersonneFactory(), date_debut=datetime.date(2024, 2, 1))
    assert calcul.calculer(2024).valeurs()["personnes_accompagnees"] == 1  # rows of this transaction seen
    assert threads == {threading.get_ident()}


def test_every_unit_is_in_a_batch_and_every_named_figure_exists():
    """A unit missing from BATCHES would fail the computation; a misspelt figure named to balance the
    batches would silently stay with its unit."""
    from rapports import calcul, registre

    apps = {ind.app for ind in registre.INDICATEURS if not ind.manuel} | {rep.app for rep in registre.REPARTITIONS}
    cles = {ind.cle for ind in registre.INDICATEURS} | {
        cle for rep in registre.REPARTITIONS for cle in registre.fonctions_repartition(rep) or [rep.cle]
    }
    noms = [nom for batch in calcul.BATCHES for nom in batch]
    assert len(noms) == len(set(noms))
    assert apps <= set(noms)
    assert set(noms) - apps <= cles, set(noms) - apps - cles
    app_de = {ind.cle: ind.app for ind in registre.INDICATEURS} | {
        cle: rep.app for rep in registre.REPARTITIONS for cle in registre.fonctions_repartition(rep) or [rep.cle]
    }
    for i, batch in enumerate(calcul.BATCHES):
        for nom in set(batch) - apps:  # a figure or a breakdown named away from its unit's batch
            assert calcul._batch_index(app_de[nom], nom) == i != calcul._batch_index(app_de[nom], "")


def test_postgresql_parallel_workers_are_the_cores_the_batches_leave(monkeypatch):
    from django.db import connection

    from rapports import calcul

    if connection.vendor != "postgresql":
        assert calcul._workers_par_requete(2) is None  # SQLite: nothing to set
        return
    monkeypatch.setattr(calcul.os, "cpu_count", lambda: 2)
    assert calcul._workers_par_requete(2) == 0
    monkeypatch.setattr(calcul.os, "cpu_count", lambda: 8)
    assert calcul._workers_par_requete(2) == 3
