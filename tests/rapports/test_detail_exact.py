"""Every count figure traces to exactly the records it counts (issue 14, item 1).

On a generated year, each count indicator's drill-down (`detail_<key>` of its app) lists one row
per counted unit whose `valeur` column sums to the figure; the command prints the same rows.
"""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from comptes.contexte import Contexte
from comptes.models import JournalAcces
from comptes.permissions import Role, can
from rapports import populations, registre
from rapports.calcul import calculer
from rapports.registre import Unite
from tests.accompagnement.factories import AccompagnementFactory, ExploitationFactory
from tests.sensibilisation.factories import InterventionFactory

pytestmark = pytest.mark.django_db

COMPTES = {Unite.NOMBRE, Unite.NUITEES}

# Count indicators without an exact drill-down yet, and why (they fall back to their population).
SANS_DETAIL: dict[str, str] = {}


def _comptes():
    return [i for i in registre.INDICATEURS if i.unite in COMPTES and not i.manuel]


def test_every_count_indicator_has_a_drill_down_or_a_stated_exemption():
    manquants = sorted(i.cle for i in _comptes() if registre.detail(i) is None and i.cle not in SANS_DETAIL)
    assert manquants == []
    inutiles = sorted(c for c in SANS_DETAIL if registre.detail(registre.PAR_CLE[c]) is not None)
    assert inutiles == []


@pytest.fixture
def annee_generee(make_user):
    for role in Role:
        make_user(role)
    call_command("generer_donnees_demo", annees="2023-2024", echelle=1, graine=7, stdout=io.StringIO())
    return calculer(2024, serie=False)


def test_the_valeur_column_sums_to_the_figure_for_every_count_indicator(annee_generee):
    ctx = Contexte(2024)
    ecarts, vides = {}, []
    for ind in _comptes():
        if registre.detail(ind) is None:
            continue
        _entetes, lignes = populations.tableau(ind, ctx)
        total = sum(ligne[-1] for ligne in lignes)
        figure = annee_generee.lignes[ind.cle].valeur or 0
        if total != figure:
            ecarts[ind.cle] = (total, figure)
        if figure:
            vides.append(ind.cle)
    assert ecarts == {}
    assert len(vides) > 20  # the generated year exercises the drill-downs, not only zeros


def test_the_drill_downs_of_the_three_psychosocial_figures_differ(annee_generee):
    ctx = Contexte(2024)
    tailles = {
        cle: len(populations.tableau(registre.PAR_CLE[cle], ctx)[1])
        for cle in ("psy_beneficiaires", "psy_consultations", "nuitees_urgence")
    }
    modeles = {cle: populations.tableau(registre.PAR_CLE[cle], ctx)[1][0][0] for cle in tailles}
    assert modeles == {
        "psy_beneficiaires": "accompagnement.personne",
        "psy_consultations": "psychosocial.consultationpsy",
        "nuitees_urgence": "psychosocial.hebergement",
    }
    assert tailles["psy_consultations"] == annee_generee.lignes["psy_consultations"].valeur


def test_the_command_prints_one_line_per_counted_unit_with_valeur_last(annee_generee, capfdbinary):
    call_command("rapport_annuel", annee=2024, detail="nuitees_urgence", format="csv")
    sortie = capfdbinary.readouterr().out
    lignes = [ligne for ligne in csv.reader(io.StringIO(sortie.decode("utf-8-sig"))) if ligne]
    assert lignes[0][-1] == "valeur"
    assert sum(int(ligne[-1]) for ligne in lignes[1:]) == annee_generee.lignes["nuitees_urgence"].valeur


def test_the_page_totals_the_figure_and_the_export_is_logged(annee_generee, client, make_user):
    client.force_login(make_user(Role.DIRECTION))
    page = client.get(reverse("rapports:detail", args=[2024, "aides_financieres"]))
    assert page.status_code == 200
    assert page.context["total"] == page.context["figure"] == annee_generee.lignes["aides_financieres"].valeur
    avant = JournalAcces.objects.filter(action=JournalAcces.Action.EXPORT).count()
    export = client.get(reverse("rapports:detail_export", args=[2024, "aides_financieres", "csv"]))
    assert export.status_code == 200
    lignes = [ligne for ligne in csv.reader(io.StringIO(export.content.decode("utf-8-sig"))) if ligne]
    assert len(lignes) - 1 == annee_generee.lignes["aides_financieres"].valeur
    assert JournalAcces.objects.filter(action=JournalAcces.Action.EXPORT).count() == avant + 1


def test_a_sealed_drill_down_export_is_hidden_from_roles_without_the_sealed_section(client, make_user):
    for role in Role:
        user = make_user(role)
        client.force_login(user)
        reponse = client.get(reverse("rapports:detail_export", args=[2024, "psy_consultations", "csv"]))
        attendu = 200 if can(user, "rapports") and can(user, "psychosocial.psy.existence") else (403, 404)
        assert reponse.status_code in (attendu if isinstance(attendu, tuple) else (attendu,)), role


def test_every_exact_drill_down_page_and_export_opens_scoped(annee_generee, client, make_user):
    """Each row model is narrowed by its `visible_to`; a reader sees at most the figure."""
    for role in (Role.DIRECTION, Role.ACCUEIL):
        client.force_login(make_user(role))
        for ind in registre.INDICATEURS:
            if ind.manuel or registre.detail(ind) is None:
                continue
            page = client.get(reverse("rapports:detail", args=[2024, ind.cle]))
            if page.status_code == 404:  # a sealed group, for a role without the sealed section
                continue
            assert page.status_code == 200, (role, ind.cle)
            if ind.unite in COMPTES:
                assert page.context["total"] <= (annee_generee.lignes[ind.cle].valeur or 0), (role, ind.cle)
            else:
                assert client.get(page.request["PATH_INFO"], {"numerateur": 1}).status_code == 200
            xlsx = client.get(reverse("rapports:detail_export", args=[2024, ind.cle, "xlsx"]))
            assert xlsx.status_code == 200, (role, ind.cle)


def test_rates_and_means_recompute_from_their_rows(annee_generee):
    """A rate's rows are its denominator, those worth 1 its numerator; a mean averages `valeur`."""
    ctx = Contexte(2024)
    ecarts, couverts = {}, 0
    for ind in registre.INDICATEURS:
        if ind.unite in COMPTES or ind.manuel or registre.detail(ind) is None:
            continue
        couverts += 1
        lignes = populations.tableau(ind, ctx)[1]
        recalcule = populations.recalcul(ind, [ligne[-1] for ligne in lignes])
        if recalcule != annee_generee.lignes[ind.cle].valeur:
            ecarts[ind.cle] = (recalcule, annee_generee.lignes[ind.cle].valeur)
    assert ecarts == {}
    assert couverts >= 20


# Rates and means without an exact drill-down yet, and why (they list their section's population).
TAUX_SANS_DETAIL: dict[str, str] = {}


def test_every_rate_and_mean_has_a_drill_down_or_a_stated_exemption():
    autres = [i for i in registre.INDICATEURS if i.unite not in COMPTES and not i.manuel]
    assert sorted(i.cle for i in autres if registre.detail(i) is None and i.cle not in TAUX_SANS_DETAIL) == []
    assert sorted(c for c in TAUX_SANS_DETAIL if registre.detail(registre.PAR_CLE[c]) is not None) == []


def _detail(cle: str, annee: int = 2024):
    ind = registre.PAR_CLE[cle]
    entetes, lignes = populations.tableau(ind, Contexte(annee))
    return entetes, lignes, populations.recalcul(ind, [ligne[-1] for ligne in lignes])


def test_a_change_lists_both_years_and_a_person_of_both_twice(client, make_user):
    deux_ans = AccompagnementFactory(date_debut=datetime.date(2023, 1, 10)).personne
    AccompagnementFactory(date_debut=datetime.date(2023, 2, 1), date_cloture=datetime.date(2023, 6, 30))
    AccompagnementFactory.create_batch(2, date_debut=datetime.date(2024, 3, 1))
    entetes, lignes, recalcule = _detail("personnes_accompagnees_evol_1an")
    assert entetes[-2:] == ["liste", "valeur"]
    assert sorted((ligne[3], ligne[-1]) for ligne in lignes if ligne[1] == deux_ans.pk) == [("2023", -1), ("2024", 1)]
    assert sorted(ligne[-1] for ligne in lignes) == [-1, -1, 1, 1, 1]
    assert recalcule == calculer(2024, serie=False).lignes["personnes_accompagnees_evol_1an"].valeur == 50.0

    client.force_login(make_user(Role.DIRECTION))
    url = reverse("rapports:detail", args=[2024, "personnes_accompagnees_evol_1an"])
    page = client.get(url)
    assert page.context["total"] == 50.0 and page.context["totaux_listes"] == (3, 2)
    assert "Une évolution entre deux années\u00a0: les lignes de 2024 (total 3)" in page.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "A change between two years: the rows of 2024 (total 3)" in client.get(url).content.decode()
    assert client.get(url, {"numerateur": 1}).context["page"].paginator.count == 5  # both lists, still
    export = client.get(reverse("rapports:detail_export", args=[2024, "personnes_accompagnees_evol_1an", "csv"]))
    lignes_csv = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert lignes_csv[0][-2:] == ["liste", "valeur"] and len(lignes_csv) == 6


def test_a_ratio_of_two_sums_lists_the_sessions_in_both_lists():
    InterventionFactory(nb_grand_public=6, nb_gendarmerie=2, nb_public_non_precise=5)
    InterventionFactory(nb_grand_public=0, nb_police=2)
    _entetes, lignes, recalcule = _detail("part_professionnels")
    assert sorted((ligne[3], ligne[-1]) for ligne in lignes) == [
        ("denominator", -8), ("denominator", -2), ("numerator", 2), ("numerator", 2)
    ]  # fmt: skip
    assert recalcule == calculer(2024, serie=False).lignes["part_professionnels"].valeur == 40.0


def test_the_mean_length_lists_each_persons_longest_exploitation_in_months():
    personne = AccompagnementFactory().personne
    longue = ExploitationFactory(
        personne=personne, date_debut=datetime.date(2020, 1, 1), date_fin=datetime.date(2022, 1, 1)
    )
    ExploitationFactory(personne=personne, date_debut=datetime.date(2023, 1, 1), date_fin=datetime.date(2023, 3, 1))
    ExploitationFactory(personne=personne, date_debut=None, date_fin=None)
    autre = ExploitationFactory(personne=AccompagnementFactory().personne, date_debut=datetime.date(2023, 1, 1),
                                date_fin=datetime.date(2023, 1, 31))  # fmt: skip
    _entetes, lignes, recalcule = _detail("file_active_duree_exploitation_moy")
    assert {ligne[1]: round(ligne[-1], 2) for ligne in lignes} == {
        longue.pk: round(731 / 30.44, 2),
        autre.pk: round(30 / 30.44, 2),
    }
    assert recalcule == calculer(2024, serie=False).lignes["file_active_duree_exploitation_moy"].valeur == 12.5
