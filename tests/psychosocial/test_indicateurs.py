"""Exact values of the psycho-social figures on small constructed datasets (year 2024)."""

import datetime

import pytest

from accompagnement.enums import Pole
from comptes.contexte import Contexte
from psychosocial import enums
from psychosocial import indicateurs as ind
from tests.accompagnement.factories import PersonneFactory, SuiviFactory
from tests.factories import UserFactory
from tests.psychosocial import factories as f

pytestmark = pytest.mark.django_db

d = datetime.date
D, T, R = enums.Dispositif, enums.TypeDemarche, enums.Resultat


@pytest.fixture
def auteur():
    return UserFactory(role="Psycho-social")


def valeurs(annee: int, *noms: str):
    ctx = Contexte(annee)
    return tuple(getattr(ind, nom)(ctx) for nom in noms)


# --- Shelter --------------------------------------------------------------------------------


@pytest.fixture
def sejours(auteur):
    A, B = PersonneFactory(sexe="F"), PersonneFactory(sexe="F")
    C, D_, E, F_ = PersonneFactory(sexe="H"), PersonneFactory(sexe="H"), PersonneFactory(sexe="H"), PersonneFactory()

    def stay(p, dispositif, entree, sortie, **kw):
        return f.HebergementFactory(personne=p, auteur=auteur, dispositif=dispositif, date_entree=entree,
                                    date_sortie=sortie, **kw)  # fmt: skip

    stay(A, D.HOTEL, d(2023, 12, 20), d(2024, 1, 10), nb_enfants=1)  # across New Year: 12 + 9
    stay(B, D.APPARTEMENT_FEMMES, d(2024, 3, 1), d(2024, 3, 31))  # 30
    stay(C, D.APPARTEMENT_HOMMES, d(2024, 6, 15), d(2024, 8, 15), sortie_vers=enums.SortieHebergement.STRUCTURE)  # 61
    stay(D_, D.APPARTEMENT_HOMMES, d(2024, 12, 20), None)  # still there: 12 nights in 2024
    stay(E, D.SOLIDAIRE, d(2024, 2, 1), d(2024, 2, 5))  # 4
    stay(E, D.HOTEL, d(2025, 2, 1), d(2025, 2, 5))  # another year
    stay(F_, D.HOTEL, d(2023, 12, 30), d(2024, 1, 1))  # leaves on 1 January: no night in 2024


def test_nights_are_split_at_new_year_and_summed_per_arrangement(sejours):
    assert valeurs(
        2024,
        "nuitees_urgence",
        "nuitees_urgence_personnes",
        "nuitees_appartements_urgence",
        "appartements_urgence_personnes",
        "nuitees_hotel",
        "nuitees_hebergement_solidaire",
        "appartement_hommes_personnes",
        "appartement_hommes_sorties_vers_structure",
    ) == (116, 5, 103, 3, 9, 4, 2, 1)
    assert valeurs(2023, "nuitees_urgence", "nuitees_urgence_personnes", "nuitees_hotel") == (14, 2, 14)
    assert valeurs(2024, "hebergement_enfants") == (1,)  # the hotel stay across New Year


def test_nights_breakdown_sums_to_the_total(sejours):
    b18 = ind.repartition_b18(Contexte(2024))
    assert b18 == {
        "appartement_femmes": 30,
        "appartement_hommes": 73,
        "hotel": 9,
        "solidaire": 4,
        "acse": 0,
        "autre": 0,
        "inconnu": 0,
    }
    assert sum(b18.values()) == ind.nuitees_urgence(Contexte(2024))


def test_an_open_stay_has_no_night_in_a_year_to_come(sejours):
    assert valeurs(2099, "nuitees_urgence", "nuitees_urgence_personnes") == (0, 0)


# --- Steps ----------------------------------------------------------------------------------


@pytest.fixture
def demarches(auteur):
    def step(type_, depot, resultat=R.EN_ATTENTE, date_resultat=None, personne=None, **kw):
        return f.DemarcheFactory(personne=personne or PersonneFactory(), auteur=auteur, type=type_, date_depot=depot,
                                 resultat=resultat, date_resultat=date_resultat, **kw)  # fmt: skip

    A = PersonneFactory()
    step(T.SIAO, d(2024, 2, 1), R.POSITIF, d(2024, 3, 1))
    step(T.SIAO, d(2024, 5, 1))
    step(T.SIAO, d(2023, 11, 1), R.POSITIF, d(2024, 1, 10))  # filed the year before
    step(T.ACSE, d(2024, 3, 1), R.POSITIF, d(2024, 4, 1), personne=A)
    step(T.ACSE, d(2024, 9, 1), R.POSITIF, d(2024, 9, 2), personne=A)  # same person: counted once
    step(T.ACSE, d(2024, 9, 1), R.NEGATIF, d(2024, 9, 2))
    step(T.DALO, d(2022, 5, 1))  # still open in 2024
    step(T.DALO, d(2023, 1, 1), R.NEGATIF, d(2023, 6, 1))  # closed before 2024
    step(T.DALO, d(2023, 6, 1), R.POSITIF, d(2024, 2, 1))  # open in 2024, favourable in 2024
    step(T.LOGEMENT_SOCIAL, d(2024, 3, 1))
    step(T.LOGEMENT_SOCIAL, d(2025, 1, 1))
    step(T.MISE_ABRI_IT, d(2024, 7, 1))
    step(T.MISE_ABRI_IT, d(2024, 7, 1))
    step(T.INTERMEDIATION, d(2024, 8, 1), R.ENTREE, d(2024, 10, 1))
    step(T.INTERMEDIATION, d(2024, 8, 1))
    B, C, D_, E = (PersonneFactory() for _ in range(4))
    step(T.INSERTION, d(2023, 9, 1), R.EMPLOI, d(2024, 5, 1), personne=B)
    step(T.FORMATION, d(2024, 1, 10), R.ENTREE, d(2024, 2, 1), personne=C)
    step(T.INSERTION, d(2024, 1, 10), R.RECHERCHE, d(2024, 3, 1), personne=D_)
    step(T.FLE, d(2024, 4, 1), personne=E)
    step(T.NUMERIQUE, d(2024, 4, 1), personne=E)
    step(T.INSERTION, d(2022, 1, 1), R.ABANDON, d(2022, 6, 1))  # closed long ago
    step(T.AME, d(2024, 1, 5), nature=enums.Nature.NOUVELLE)
    step(T.AME, d(2024, 2, 5), nature=enums.Nature.NOUVELLE)
    step(T.AME, d(2024, 3, 5), nature=enums.Nature.RENOUVELLEMENT)
    step(T.CSS, d(2024, 3, 5), nature=enums.Nature.NOUVELLE)
    step(T.SANTE_AUTRE, d(2024, 3, 5), nature=enums.Nature.NOUVELLE)
    step(T.AME, d(2023, 3, 5), nature=enums.Nature.NOUVELLE)


def test_housing_steps(demarches):
    assert valeurs(
        2024,
        "demandes_hebergement",
        "demandes_hebergement_abouties",
        "mises_abri_acse",
        "procedures_dalo",
        "demandes_logement_social",
        "mises_abri_inspection_travail",
        "intermediation_locative_entrees",
    ) == (2, 1, 1, 2, 1, 2, 1)
    b21 = ind.repartition_b21(Contexte(2024))
    assert (b21["dalo_favorables"], b21["logement_social_abouties"]) == (1, 0)


def test_integration_steps(demarches):
    assert valeurs(
        2024,
        "insertion_pro_personnes",
        "insertion_emploi_trouve",
        "insertion_recherche_active",
        "insertion_formation",
        "cours_francais",
        "orientations_numerique",
    ) == (2, 1, 1, 1, 1, 1)
    # The job-seeking status started in March 2024: not yet in 2023.
    assert valeurs(2023, "insertion_recherche_active", "insertion_pro_personnes") == (0, 1)


def test_only_integration_follow_ups_count_as_persons_followed_for_job_integration(auteur):
    """Training, French classes and digital skills are integration-domain steps with their own
    figures: a person with only those is not "followed for job integration" (catalogue §3.2)."""
    autres = PersonneFactory()
    for type_ in (T.FORMATION, T.FLE, T.NUMERIQUE):
        f.DemarcheFactory(personne=autres, auteur=auteur, type=type_, date_depot=d(2024, 3, 1))
    suivie = PersonneFactory()
    f.DemarcheFactory(personne=suivie, auteur=auteur, type=T.INSERTION, date_depot=d(2024, 3, 1))
    f.DemarcheFactory(personne=suivie, auteur=auteur, type=T.FLE, date_depot=d(2024, 3, 1))
    assert valeurs(2024, "insertion_pro_personnes") == (1,)
    assert ind.repartition_b22(Contexte(2024))["suivis"] == 1


def test_health_rights_are_counted_by_filing_date(demarches):
    assert valeurs(
        2024, "droits_sante", "ame_nouvelles", "ame_renouvellements", "css_nouvelles", "css_renouvellements"
    ) == (5, 2, 1, 1, 0)
    b20 = ind.repartition_b20(Contexte(2024))
    assert b20["autre"] == 1 and sum(b20.values()) == 5


# --- Aid ------------------------------------------------------------------------------------


def test_aid_counts_handovers_and_keeps_service_vouchers_apart(auteur):
    p = PersonneFactory()

    def aide(type_, date, **kw):
        kw.setdefault("montant", 20)
        return f.AideFactory(personne=p, auteur=auteur, type=type_, date=date, **kw)

    aide("alimentation", d(2024, 1, 3), primo_sortante=True)
    aide("alimentation", d(2024, 12, 31), primo_sortante=True)
    aide("transport", d(2024, 2, 3), primo_sortante=True)
    aide("transport", d(2024, 2, 4))
    aide("exceptionnelle", d(2024, 5, 4), motif="timbres")
    aide("autre", d(2024, 6, 4))
    aide("tickets_services", d(2024, 3, 1), montant=None, nb_tickets=10, primo_sortante=True)
    aide("tickets_services", d(2024, 9, 1), montant=None, nb_tickets=15)
    aide("alimentation", d(2023, 12, 31), primo_sortante=True)
    assert valeurs(
        2024,
        "aides_financieres",
        "aides_primo_sortantes",
        "aides_alimentation",
        "aides_transport",
        "aides_exceptionnelles",
        "tickets_services",
    ) == (6, 3, 2, 2, 1, 25)
    b19 = ind.repartition_b19(Contexte(2024))
    assert sum(b19.values()) == 6 and "tickets_services" not in b19
    assert valeurs(2022, "aides_financieres", "tickets_services") == (0, 0)


# --- Domiciliation --------------------------------------------------------------------------


def test_domiciliation_and_mail(auteur):
    P1, P2, P3, P4 = (PersonneFactory() for _ in range(4))
    f.DomiciliationFactory(personne=P1, auteur=auteur, date_debut=d(2023, 3, 1), date_fin=None)
    f.DomiciliationFactory(personne=P2, auteur=auteur, date_debut=d(2024, 5, 1), date_fin=d(2024, 9, 1))
    f.DomiciliationFactory(personne=P3, auteur=auteur, date_debut=d(2022, 1, 1), date_fin=d(2023, 12, 31))
    f.DomiciliationFactory(personne=P4, auteur=auteur, date_debut=d(2025, 1, 1))
    for date, n in [(d(2024, 1, 2), 2), (d(2024, 6, 2), 0), (d(2024, 12, 31), 5), (d(2023, 12, 31), 9)]:
        f.PassageCourrierFactory(personne=P1, auteur=auteur, date=date, nb_courriers=n)
    assert valeurs(
        2024,
        "domiciliation_beneficiaires",
        "domiciliation_nouveaux",
        "domiciliation_visites_courrier",
        "domiciliation_courriers",
    ) == (2, 1, 3, 7)


# --- Psychologist ---------------------------------------------------------------------------


def test_psychologist_figures(auteur):
    A, B, G, H = (PersonneFactory() for _ in range(4))
    psy = UserFactory(role="Psychologue")

    def consultation(p, date, type_="suivi", lien=False):
        f.ConsultationFactory(personne=p, auteur=psy, date=date, type=type_, lien_juridique=lien)

    consultation(A, d(2024, 1, 8), "evaluation")
    consultation(A, d(2024, 2, 8), lien=True)
    consultation(A, d(2024, 3, 8))
    consultation(B, d(2024, 3, 8), lien=True)
    consultation(G, d(2023, 3, 8))
    f.OrientationFactory(personne=H, auteur=psy, date=d(2024, 5, 1), type="sante_mentale")
    f.OrientationFactory(personne=A, auteur=psy, date=d(2024, 5, 1), type="soins_somatiques")
    assert valeurs(
        2024,
        "psy_consultations",
        "psy_evaluations",
        "psy_beneficiaires",
        "psy_reorientations_soins",
        "psy_soutien_lien_juridique",
    ) == (4, 1, 3, 1, 2)
    assert ind.repartition_b23(Contexte(2024)) == {"evaluation": 1, "suivi": 3, "inconnu": 0}


# --- Activities -----------------------------------------------------------------------------


def test_workshops_count_persons_and_outings_count_attendances_with_children(auteur):
    A, B, C, D_, E = (PersonneFactory() for _ in range(5))

    def activite(type_, theme, date, personnes, accompagnants=0):
        a = f.ActiviteFactory(type=type_, theme=theme, date=date, nb_accompagnants=accompagnants, auteur=auteur)
        for p in personnes:
            f.ParticipationFactory(activite=a, personne=p)

    activite("atelier", "droit_travail", d(2024, 5, 20), [A, B, C])
    activite("atelier", "impots", d(2024, 4, 2), [A, D_])
    activite("socioculturelle", "culture", d(2024, 12, 14), [A, B], accompagnants=2)
    activite("socioculturelle", "convivialite", d(2024, 7, 1), [C])
    activite("reunion_cva", "vie_associative", d(2024, 3, 1), [E])
    activite("atelier", "droit_travail", d(2023, 5, 20), [E])
    assert valeurs(
        2024,
        "ateliers_collectifs",
        "ateliers_collectifs_participants",
        "activites_socioculturelles",
        "activites_socioculturelles_participants",
        "ateliers_droit_travail_participants",
    ) == (2, 4, 2, 5, 3)
    assert ind.activites_socioculturelles_accompagnants(Contexte(2024)) == 2


# --- P_PSY ----------------------------------------------------------------------------------


def test_p_psy_counts_unit_follow_ups_and_any_psychosocial_record_of_the_year(auteur):
    SuiviFactory(personne=PersonneFactory(), pole=Pole.PSYCHOSOCIAL, date_debut=d(2023, 1, 1))  # ✓
    SuiviFactory(personne=PersonneFactory(), pole=Pole.JURIDIQUE, date_debut=d(2023, 1, 1))  # other unit
    SuiviFactory(personne=PersonneFactory(), pole=Pole.PSYCHOSOCIAL, date_debut=d(2022, 1, 1), date_fin=d(2023, 12, 31))
    f.AideFactory(personne=PersonneFactory(sexe="H"), auteur=auteur, date=d(2024, 6, 1))  # ✓ man
    f.PassageCourrierFactory(personne=PersonneFactory(sexe=""), auteur=auteur, date=d(2024, 6, 1))  # ✓ sex unknown
    f.ParticipationFactory(personne=PersonneFactory(), activite=f.ActiviteFactory(auteur=auteur))  # ✓
    f.ConsultationFactory(personne=PersonneFactory(), date=d(2024, 2, 1))  # ✓
    f.HebergementFactory(auteur=auteur, date_entree=d(2023, 12, 20), date_sortie=d(2024, 1, 2))  # ✓ one night
    f.HebergementFactory(auteur=auteur, date_entree=d(2023, 12, 20), date_sortie=d(2024, 1, 1))  # no night in 2024
    f.DemarcheFactory(auteur=auteur, date_depot=d(2023, 5, 1), resultat=R.NEGATIF, date_resultat=d(2024, 1, 3))  # ✓
    assert valeurs(2024, "psychosocial_personnes", "psychosocial_part_femmes") == (7, 83.3)
    assert valeurs(2030, "psychosocial_personnes", "psychosocial_part_femmes") == (1, 100.0)  # the open follow-up


def test_empty_year_gives_zero_counts_and_no_percentage():
    ctx = Contexte(2024)
    resultats = {nom: getattr(ind, nom)(ctx) for nom in ind.INDICATEURS}
    assert resultats.pop("psychosocial_part_femmes") is None
    assert set(resultats.values()) == {0}


def test_a_whole_year_costs_a_fixed_number_of_queries(sejours, demarches, django_assert_num_queries):
    ctx = Contexte(2024)
    # the psychologist's beneficiaries: two small queries on the records' ids (not a scan of every person)
    with django_assert_num_queries(12):
        for nom in ind.INDICATEURS:
            getattr(ind, nom)(ctx)
        for nom in ind.REPARTITIONS:
            getattr(ind, nom)(ctx)
