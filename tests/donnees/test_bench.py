import pytest

from accompagnement.models import Personne
from donnees import bench
from rapports.models import ExerciceCloture


@pytest.mark.django_db
def test_bench_measures_pages_indicators_and_import(jeu):
    resultat = bench.mesurer(annee=2024, lignes_import=50, pdf=False, log=lambda msg: None)
    pages = {p["page"]: p for p in resultat["pages"]}
    assert pages["personnes: first page"]["statut"] == 200
    assert pages["personne: detail"]["statut"] == 200 and pages["personne: detail"]["requetes"] > 0
    assert resultat["import"] == {**resultat["import"], "lignes": 50, "erreurs": 0, "historique": 50}
    assert resultat["export"]["octets"] > 0 and resultat["export"]["lignes"] >= 2
    assert resultat["plancher_sql"]["valeurs"][0] == 2  # two persons supported in 2024
    assert resultat["indicateurs"]["requetes"] > 0  # a figure in error would have raised
    # The year alone costs fewer queries than the report, which adds N−1 and the series.
    assert 0 < resultat["indicateurs"]["requetes"] < resultat["rapport"]["requetes"]
    # With N−10 … N−1 closed, the page's first computation skips N−1 and the series' query; the
    # years the bench closed for it are removed afterwards.
    assert 0 < resultat["rapport_clos"]["requetes"] < resultat["rapport"]["requetes"]
    assert resultat["rapport_clos"]["annees_closes"] == "2014-2023"
    assert not ExerciceCloture.objects.exists()
    # The drill-downs of the biggest figures: the page and both downloads of each key, all served.
    details = {(d["cle"], d["format"]): d for d in resultat["details"]}
    assert set(details) == {(cle, f) for cle in bench.DETAILS for f in ("page", "csv", "xlsx")}
    assert {d["statut"] for d in details.values()} == {200}
    assert details[("personnes_accompagnees", "page")]["requetes"] > 0
    assert details[("personnes_accompagnees", "csv")]["octets"] > 0
    assert "detail nuitees_urgence xlsx" in bench.tableau({"echelle": 1, "generation_s": 0, **resultat})
    assert "full XLSX export" in bench.tableau({"echelle": 1, "generation_s": 0, **resultat})
    assert "indicators of the year" in bench.tableau({"echelle": 1, "generation_s": 0, **resultat})
    # The generated persons are removed: the demo data stay as generated.
    assert Personne.objects.count() == 2


@pytest.mark.django_db
def test_wiping_keeps_accounts_and_reference_rows(jeu, make_user):
    from psychosocial.models import Appartement

    user = make_user("Direction")
    appartements = Appartement.objects.count()
    ExerciceCloture.objects.create(annee=2023, version=1, resultat={}, cloture_par=user)
    bench.vider_donnees()
    assert Personne.objects.count() == 0 and Personne.history.count() == 0
    assert not ExerciceCloture.objects.exists() and not ExerciceCloture.history.exists()
    assert Appartement.objects.count() == appartements
    user.refresh_from_db()


@pytest.mark.django_db
def test_the_generated_records_have_an_author_of_every_role_who_cannot_log_in():
    from django.contrib.auth.models import User

    from comptes.permissions import Role

    bench.comptes_auteurs()
    bench.comptes_auteurs()  # idempotent
    for role in Role:
        comptes = User.objects.filter(groups__name=role.value)
        assert comptes.count() == 1 and not comptes.get().has_usable_password()
