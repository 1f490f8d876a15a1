"""Report page, drill-down, data-quality lists and yearly inputs, as the staff use them."""

import datetime

import pytest
from django.utils import translation

from comptes.models import JournalAcces
from rapports.models import SaisieAnnuelle
from rapports.services import empreinte_saisies
from tests.accompagnement.factories import AccompagnementFactory, ExploitationFactory, PersonneFactory

pytestmark = pytest.mark.django_db


def nouvelle_personne(**kwargs):
    personne = PersonneFactory(**kwargs)
    AccompagnementFactory(personne=personne, date_debut=datetime.date(2024, 4, 2))
    return personne


def test_report_page_shows_every_part_figures_with_n_minus_1_and_the_map(client_for, fausses_fonctions):
    fausses_fonctions(
        {
            "signalements_recus": lambda ctx: {2024: 390, 2023: 356}[ctx.annee],
            "repartition_b10": lambda ctx: {"75": 12, "13": 3, "971": 1, "inconnu": 2},
            "repartition_b9": lambda ctx: {"travail_domestique": 5, "btp": 2},
        }
    )
    client = client_for("Direction")
    with translation.override("fr"):
        page = client.get("/rapports/2024/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    for partie in ("identifier", "accompagner", "proteger", "poursuivre", "sensibiliser", "moyens", "qualite"):
        assert f'id="{partie}"' in page
    assert "Signalements reçus et analysés" in page
    assert "390" in page and "356" in page and "+9,6" in page
    assert 'id="dep-75"' in page and "carte-q5" in page  # map coloured by count class
    assert "Travail domestique" in page or "Domestic work" in page
    assert "non calculé" in page  # missing functions are flagged
    assert 'style="' not in page
    assert JournalAcces.objects.filter(utilisateur=client.user, vue="rapports:annee").exists()


def test_drill_down_lists_the_records_counted_scoped_by_role(client_for):
    nouvelle_personne(nom="Alpha")
    nouvelle_personne(nom="Beta")
    PersonneFactory(nom="Gamma")  # not supported
    direction = client_for("Direction").get("/rapports/2024/detail/nouvelles_personnes_accompagnees/").content.decode()
    assert "ALPHA" in direction and "BETA" in direction and "GAMMA" not in direction


def test_drill_down_shows_nothing_to_a_role_that_cannot_see_persons(client_for):
    nouvelle_personne(nom="Alpha")
    page = client_for("Sensibilisation").get("/rapports/2024/detail/nouvelles_personnes_accompagnees/")
    assert page.status_code == 200
    assert "ALPHA" not in page.content.decode()
    assert JournalAcces.objects.filter(action=JournalAcces.Action.LISTE, vue="rapports:detail").exists()


def test_drill_down_of_a_manual_or_unknown_key_is_not_found(client_for):
    client = client_for("Direction")
    assert client.get("/rapports/2024/detail/benevoles/").status_code == 404
    assert client.get("/rapports/2024/detail/pas_une_cle/").status_code == 404
    assert client.get("/rapports/1800/").status_code == 404


def test_data_quality_counts_unknown_values_and_links_to_the_records(client_for):
    inconnue = nouvelle_personne(nom="Sansexe", sexe="", nationalite="")
    ExploitationFactory(personne=inconnue, heures_par_jour=None)
    connue = nouvelle_personne(nom="Complete")
    ExploitationFactory(personne=connue)
    client = client_for("Direction")
    page = client.get("/rapports/2024/qualite/").content.decode()
    assert 'href="/rapports/2024/qualite/P_NEW/sexe/">1</a>' in page
    assert 'href="/rapports/2024/qualite/P_FA/heures/">1</a>' in page
    assert JournalAcces.objects.filter(utilisateur=client.user, vue="rapports:qualite_annee").exists()
    liste = client.get("/rapports/2024/qualite/P_NEW/sexe/").content.decode()
    assert "SANSEXE" in liste and "COMPLETE" not in liste


def test_the_report_page_of_an_open_year_counts_data_quality_only_when_asked(client_for, monkeypatch):
    from rapports import calcul, qualite

    nouvelle_personne(nom="Sansexe", sexe="")
    appels = []
    compter = qualite.comptes
    monkeypatch.setattr(qualite, "comptes", lambda ctx: appels.append(ctx.annee) or compter(ctx))
    client = client_for("Direction")
    page = client.get("/rapports/2024/").content.decode()
    assert appels == [] and 'href="/rapports/2024/qualite/"' in page  # a link, not the counts
    assert "/rapports/2024/qualite/P_NEW/sexe/" not in page
    client.get("/rapports/2024/qualite/")
    assert appels == [2024]
    page = client.get("/rapports/2024/").content.decode()  # counted once: the report page shows them too
    assert appels == [2024] and 'href="/rapports/2024/qualite/P_NEW/sexe/">1</a>' in page
    page = client.get("/rapports/2024/?actualiser").content.decode()  # "compute again" forgets them too
    assert appels == [2024] and "/rapports/2024/qualite/P_NEW/sexe/" not in page
    assert calcul.qualite_en_cache(2024, calculer=False) == (None, "")


def test_data_quality_panel_counts_exactly(fausses_fonctions):
    from comptes.contexte import Contexte
    from rapports import qualite

    fausses_fonctions({})
    a = nouvelle_personne(sexe="", date_naissance=None)
    ExploitationFactory(personne=a, remuneration_mensuelle_eur=None, secteur="")
    b = nouvelle_personne()
    ExploitationFactory(personne=b, violences_renseignees=True, emprise_renseignee=True)  # "none" recorded: known
    ExploitationFactory(personne=b, heures_par_jour=None)  # known on another exploitation: not unknown
    nouvelle_personne()  # no exploitation at all
    ancienne = PersonneFactory(nationalite="")
    AccompagnementFactory(personne=ancienne, date_debut=datetime.date(2019, 1, 1))
    panneau = {bloc["population"]: bloc for bloc in qualite.panneau(qualite.comptes(Contexte(2024)))}
    nouvelles = {c["controle"].code: c["inconnus"] for c in panneau["P_NEW"]["controles"]}
    assert panneau["P_NEW"]["total"] == 3 and panneau["P_FA"]["total"] == 4
    assert nouvelles == {
        "sexe": 1, "nationalite": 0, "naissance": 1, "exploitation": 1, "debut_exploitation": 1, "secteur": 2,
        "heures": 1, "remuneration": 2, "hebergement": 1, "emprise": 2, "violences": 2, "lieu": 3, "dates": 0,
        "type_exploiteur": 0,
        # The survey's facts (issue 18), none recorded; nobody identified, nobody a minor at intake.
        "formes": 3, "relation_exploiteur": 3, "recrutement": 3, "statut_admin": 3, "identification": 3,
        "identifie_par": 0, "mna": 0, "ase": 0, "addiction": 3, "poursuivie": 3, "hors_exploitation": 3,
    }  # fmt: skip
    file_active = {c["controle"].code: c["inconnus"] for c in panneau["P_FA"]["controles"]}
    assert file_active["nationalite"] == 1 and file_active["exploitation"] == 2


def test_drill_down_list_query_count_does_not_grow_with_rows(client_for, django_assert_num_queries):
    client = client_for("Direction")
    for i in range(3):
        nouvelle_personne(nom=f"P{i}")
    client.get("/rapports/2024/detail/nouvelles_personnes_accompagnees/")  # warm the session
    # 11: the exact list also reads its `valeur` column once, to total it beside the figure.
    with django_assert_num_queries(11):
        client.get("/rapports/2024/detail/nouvelles_personnes_accompagnees/")
    for i in range(3):
        nouvelle_personne(nom=f"Q{i}")
    with django_assert_num_queries(11):
        client.get("/rapports/2024/detail/nouvelles_personnes_accompagnees/")


def test_direction_enters_the_yearly_inputs(client_for):
    client = client_for("Direction")
    form = client.get("/rapports/2024/saisies/").content.decode()
    assert "Abonnés Facebook" in form or "Facebook followers" in form
    response = client.post(
        "/rapports/2024/saisies/",
        {"empreinte": empreinte_saisies(2024), "benevoles": "71", "benevoles__note": "plus de 70", "resultat": "17916"},
    )
    assert response.status_code == 302
    assert SaisieAnnuelle.objects.get(annee=2024, cle="benevoles").valeur == 71
    assert SaisieAnnuelle.objects.get(annee=2024, cle="benevoles").note == "plus de 70"
    assert SaisieAnnuelle.objects.get(annee=2024, cle="resultat").modifie_par == client.user
    assert SaisieAnnuelle.objects.filter(annee=2024).count() == 2  # empty fields create nothing


def test_yearly_inputs_refuse_a_concurrent_save_and_keep_the_input(client_for):
    client = client_for("Direction")
    empreinte = empreinte_saisies(2024)
    SaisieAnnuelle.objects.create(annee=2024, cle="benevoles", valeur=60)  # someone else saved meanwhile
    response = client.post("/rapports/2024/saisies/", {"empreinte": empreinte, "benevoles": "71"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="71"' in page
    assert SaisieAnnuelle.objects.get(annee=2024, cle="benevoles").valeur == 60


def test_yearly_inputs_reject_a_non_number_next_to_the_field(client_for):
    response = client_for("Direction").post("/rapports/2024/saisies/", {"benevoles": "beaucoup"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="beaucoup"' in page and 'class="invalid-feedback d-block"' in page
    assert not SaisieAnnuelle.objects.exists()


def test_only_direction_may_enter_yearly_inputs(client_for):
    assert client_for("Accueil").get("/rapports/2024/saisies/").status_code == 403
    assert client_for("Accueil").post("/rapports/2024/saisies/", {"benevoles": "1"}).status_code == 403
    assert not SaisieAnnuelle.objects.exists()


def test_index_lists_years_and_links_to_them(client_for):
    AccompagnementFactory(date_debut=datetime.date(2019, 5, 1))
    page = client_for("Juridique").get("/rapports/").content.decode()
    assert 'href="/rapports/2024/"' in page and 'href="/rapports/2019/"' in page
    assert "/rapports/2024/saisies/" not in page  # not Direction


def test_report_page_reuses_its_figures_until_inputs_change_or_asked_again(
    client_for, fausses_fonctions, django_capture_on_commit_callbacks
):
    compteur = {"appels": 0}

    def signalements_recus(ctx):
        compteur["appels"] += 1
        return 10

    fausses_fonctions({"signalements_recus": signalements_recus})
    client = client_for("Direction")
    client.get("/rapports/2024/")
    client.get("/rapports/2024/")
    assert compteur["appels"] == 2  # N and N−1, once
    client.get("/rapports/2024/?actualiser=1")
    assert compteur["appels"] == 4
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/rapports/2024/saisies/", {"empreinte": empreinte_saisies(2024), "benevoles": "3"})
    page = client.get("/rapports/2024/").content.decode()
    assert compteur["appels"] == 6
    assert 'id="benevoles"' in page


def test_reports_without_a_decision_are_listed_in_the_data_quality_panel(client_for):
    from tests.signalements.factories import SignalementFactory

    SignalementFactory(date_reception=datetime.date(2024, 11, 2))
    SignalementFactory(date_reception=datetime.date(2024, 3, 2), decide_accompagne=True)
    SignalementFactory(date_reception=datetime.date(2023, 11, 2))  # previous year
    client = client_for("Direction")
    assert (
        'href="/rapports/2024/qualite/signalements/decision/">1</a>'
        in client.get("/rapports/2024/qualite/").content.decode()
    )
    assert client.get("/rapports/2024/qualite/signalements/decision/").status_code == 200
    assert client.get("/rapports/2024/qualite/signalements/sexe/").status_code == 404


def test_a_breakdown_that_fails_is_explained_on_the_page(client_for, fausses_fonctions):
    fausses_fonctions({"repartition_b14": lambda ctx: {"ensemble": 36.4}})
    page = client_for("Direction").get("/rapports/2024/").content.decode()
    assert "duree_exploitation" in page and "is not a count" in page


def test_mean_length_of_exploitation_by_sex_is_printed_in_the_language_of_the_reader(client_for, settings):
    """B14: the means by sex sit beside the overall mean; a cached report serves both languages."""
    for sexe, fin in (("F", datetime.date(2020, 1, 1)), ("H", datetime.date(2019, 1, 1))):
        personne = nouvelle_personne(sexe=sexe, date_naissance=datetime.date(1990, 1, 1))
        ExploitationFactory(personne=personne, date_debut=datetime.date(2018, 1, 1), date_fin=fin)
    client = client_for("Direction")
    page = client.get("/rapports/2024/").content.decode()
    assert "2024\u00a0: femmes 24,0 · hommes 12,0" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/rapports/2024/").content.decode()
    assert "2024: women 24.0 · men 12.0" in page
