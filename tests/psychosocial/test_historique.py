"""The fields the history import needs (issue 16): step end dates, job-seeking periods, the
"no answer" outcome, the unit and classes of an activity, the CVA's activity kinds and a child's
attendance — their rules and the figures that read them, on constructed data (year 2024)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accompagnement import indicateurs as ind_accompagnement
from comptes.contexte import Contexte
from comptes.permissions import Role
from psychosocial import enums
from psychosocial import indicateurs as ind
from psychosocial.models import Activite, Participation
from sensibilisation import indicateurs as ind_sensibilisation
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.factories import UserFactory
from tests.psychosocial import factories as f
from tests.sensibilisation.factories import InterventionFactory

pytestmark = pytest.mark.django_db

d = datetime.date
T, R, A = enums.TypeDemarche, enums.Resultat, enums.TypeActivite


@pytest.fixture
def auteur():
    return UserFactory(role="Psycho-social")


def valeurs(annee: int, *noms: str):
    ctx = Contexte(annee)
    return tuple(getattr(ind, nom)(ctx) for nom in noms)


# --- Steps ----------------------------------------------------------------------------------


def test_an_end_date_before_the_filing_date_is_refused(auteur):
    demarche = f.DemarcheFactory.build(
        personne=PersonneFactory(), auteur=auteur, type=T.RECHERCHE_EMPLOI, date_depot=d(2024, 3, 1),
        date_fin=d(2024, 2, 1),
    )  # fmt: skip
    with pytest.raises(ValidationError) as erreur:
        demarche.full_clean()
    assert "date_fin" in erreur.value.message_dict
    demarche.date_fin = d(2024, 3, 1)  # the same day is a (short) period
    demarche.full_clean()


def test_a_step_ended_before_the_year_is_not_open_during_it(auteur):
    def step(type_, depot, fin=None, **kw):
        f.DemarcheFactory(personne=PersonneFactory(), auteur=auteur, type=type_, date_depot=depot, date_fin=fin, **kw)

    step(T.INSERTION, d(2022, 1, 1))  # open, no end: counted
    step(T.INSERTION, d(2022, 1, 1), d(2023, 12, 31))  # ended before 2024
    step(T.INSERTION, d(2022, 1, 1), d(2024, 1, 1))  # ended during 2024: counted
    step(T.DALO, d(2022, 1, 1), d(2023, 6, 1))  # ended before 2024
    assert valeurs(2024, "insertion_pro_personnes", "procedures_dalo") == (2, 0)
    assert valeurs(2023, "insertion_pro_personnes", "procedures_dalo") == (3, 1)


def test_no_answer_closes_a_step_without_success(auteur):
    def step(type_, depot, resultat=R.EN_ATTENTE, date=None):
        f.DemarcheFactory(personne=PersonneFactory(), auteur=auteur, type=type_, date_depot=depot,
                          resultat=resultat, date_resultat=date)  # fmt: skip

    step(T.SIAO, d(2024, 2, 1), R.SANS_REPONSE, d(2024, 6, 1))
    step(T.SIAO, d(2024, 2, 1), R.POSITIF, d(2024, 3, 1))
    step(T.LOGEMENT_SOCIAL, d(2022, 2, 1), R.SANS_REPONSE, d(2023, 6, 1))  # closed before 2024
    step(T.LOGEMENT_SOCIAL, d(2022, 2, 1))
    assert valeurs(2024, "demandes_hebergement", "demandes_hebergement_abouties", "demandes_logement_social") == (
        2, 1, 1,
    )  # fmt: skip
    with pytest.raises(ValidationError):  # like every outcome, it has its date
        f.DemarcheFactory.build(personne=PersonneFactory(), auteur=auteur, type=T.SIAO, date_depot=d(2024, 2, 1),
                                resultat=R.SANS_REPONSE).full_clean()  # fmt: skip


def test_job_seeking_periods_count_in_the_years_they_overlap(auteur):
    A, B, C, D_ = (PersonneFactory() for _ in range(4))
    periode = {"auteur": auteur, "type": T.RECHERCHE_EMPLOI}
    f.DemarcheFactory(personne=A, date_depot=d(2023, 2, 1), date_fin=d(2023, 6, 30), **periode)  # 2023 only
    f.DemarcheFactory(personne=B, date_depot=d(2023, 10, 1), date_fin=d(2024, 3, 31), **periode)  # 2023 and 2024
    f.DemarcheFactory(personne=C, date_depot=d(2024, 9, 1), **periode)  # still seeking
    f.DemarcheFactory(personne=C, date_depot=d(2024, 1, 1), date_fin=d(2024, 2, 1), **periode)  # C counted once
    # Ended by a job found in 2024: counted in the job-seeking and in the jobs found.
    f.DemarcheFactory(personne=D_, date_depot=d(2024, 1, 1), date_fin=d(2024, 5, 2), resultat=R.EMPLOI,
                      date_resultat=d(2024, 5, 2), **periode)  # fmt: skip
    # The status read from an integration follow-up still counts (unchanged rule).
    f.DemarcheFactory(personne=PersonneFactory(), auteur=auteur, type=T.INSERTION, date_depot=d(2024, 1, 1),
                      resultat=R.RECHERCHE, date_resultat=d(2024, 2, 1))  # fmt: skip
    assert valeurs(2024, "insertion_recherche_active", "insertion_emploi_trouve", "insertion_pro_personnes") == (
        4, 1, 1,
    )  # fmt: skip
    assert valeurs(2023, "insertion_recherche_active") == (2,)
    assert ind.repartition_b22(Contexte(2024))["recherche_active"] == 4
    assert ind.detail_insertion_recherche_active(Contexte(2024)).count() == 4


# --- Shelter --------------------------------------------------------------------------------


def test_a_stay_may_end_with_an_exit_to_other(auteur):
    sejour = f.HebergementFactory(auteur=auteur, date_entree=d(2024, 1, 1), date_sortie=d(2024, 2, 1),
                                  sortie_vers=enums.SortieHebergement.AUTRE)  # fmt: skip
    sejour.full_clean()
    assert sejour.sortie_vers == "autre"


# --- Activities -----------------------------------------------------------------------------


def _activite(auteur, type_, date, presents=(), enfants=(), **kw):
    activite = f.ActiviteFactory(type=type_, date=date, auteur=auteur, **kw)
    for p in presents:
        f.ParticipationFactory(activite=activite, personne=p)
    for p in enfants:
        f.ParticipationFactory(activite=activite, personne=p, enfant=True)
    return activite


def test_classes_are_only_given_for_a_testimony_in_a_school(auteur):
    atelier = f.ActiviteFactory.build(type=A.ATELIER, auteur=auteur, nb_classes=2)
    with pytest.raises(ValidationError) as erreur:
        atelier.full_clean()
    assert "nb_classes" in erreur.value.message_dict
    f.ActiviteFactory.build(type=A.INTERVENTION_SCOLAIRE_CVA, auteur=auteur, nb_classes=2).full_clean()


def test_children_attendances_are_attendances_not_persons_nor_companions(auteur):
    A_, B, C = (PersonneFactory() for _ in range(3))
    enfant = PersonneFactory()
    _activite(auteur, A.SOCIOCULTURELLE, d(2024, 12, 14), [A_, B], [enfant], nb_accompagnants=2,
              theme=enums.Theme.CULTURE)  # fmt: skip
    _activite(auteur, A.ATELIER, d(2024, 5, 20), [A_, C], [enfant], theme=enums.Theme.DROIT_TRAVAIL)
    _activite(auteur, A.REUNION_CVA, d(2024, 3, 1), [A_], [enfant], theme=enums.Theme.VIE_ASSOCIATIVE)
    ctx = Contexte(2024)
    # Attendances: 2 persons + 1 child + 2 other attendees; the child is counted apart from them.
    assert valeurs(2024, "activites_socioculturelles_participants", "activites_socioculturelles_accompagnants") == (
        5, 2,
    )  # fmt: skip
    precisions = ind.precisions_activites_socioculturelles_participants(ctx)
    assert [(en, valeur) for _fr, en, valeur, _n in precisions] == [
        ("of which children", 1),
        ("of which other attendees", 2),
    ]
    # Distinct persons: the child's attendance is not a person.
    assert valeurs(2024, "ateliers_collectifs_participants", "ateliers_droit_travail_participants") == (2, 2)
    assert ind.cva_reunions_participants(ctx) == 1
    assert enfant not in set(ind.detail_ateliers_collectifs_participants(ctx))
    assert enfant not in set(ind.detail_cva_reunions_participants(ctx))


def test_cva_members_count_every_kind_of_cva_activity(auteur):
    reunion, evenement, ecole, atelier, ailleurs = (PersonneFactory(membre_cva=True) for _ in range(5))
    non_membre = PersonneFactory()
    _activite(auteur, A.REUNION_CVA, d(2024, 3, 1), [reunion, non_membre])
    _activite(auteur, A.EVENEMENT_CVA, d(2024, 6, 1), [evenement])
    _activite(auteur, A.INTERVENTION_SCOLAIRE_CVA, d(2024, 10, 1), [ecole], nb_classes=3)
    _activite(auteur, A.ATELIER, d(2024, 5, 1), [atelier])  # not a CVA activity
    _activite(auteur, A.EVENEMENT_CVA, d(2023, 6, 1), [ailleurs])  # another year
    ctx = Contexte(2024)
    assert ind_accompagnement.cva_membres(ctx) == 3
    assert set(ind_accompagnement.detail_cva_membres(ctx)) == {reunion, evenement, ecole}
    assert ind.cva_reunions(ctx) == 1  # the working meetings alone
    assert ind_accompagnement.cva_membres(Contexte(2023)) == 1


def test_cva_school_testimonies_count_activities_and_awareness_sessions(auteur):
    seance, activite, les_deux, enfant = (PersonneFactory(membre_cva=True) for _ in range(4))
    InterventionFactory(date=d(2024, 2, 1), nb_eleves=50, nb_classes=2).temoins.set([seance, les_deux])
    _activite(auteur, A.INTERVENTION_SCOLAIRE_CVA, d(2024, 10, 1), [activite, les_deux], [enfant], nb_classes=3)
    _activite(auteur, A.INTERVENTION_SCOLAIRE_CVA, d(2023, 10, 1), [PersonneFactory(membre_cva=True)])
    ctx = Contexte(2024)
    assert ind_sensibilisation.cva_interventions_scolaires(ctx) == 3
    assert set(ind_sensibilisation.detail_cva_interventions_scolaires(ctx)) == {seance, activite, les_deux}


def test_the_cva_activity_codes_known_below_are_the_units_own():
    assert tuple(ind_accompagnement.ACTIVITES_CVA) == tuple(t.value for t in enums.TYPES_CVA)
    assert ind_accompagnement.ACTIVITE_SCOLAIRE_CVA == enums.TypeActivite.INTERVENTION_SCOLAIRE_CVA


# --- The activity form ----------------------------------------------------------------------


def _poster(client, url, presents, enfants, **champs):
    data = {"date": "2024-05-20", "type": "socioculturelle", "theme": "culture", "intitule": "Sortie au musée",
            "nb_accompagnants": "0", "pole": "psychosocial", "participants": [p.pk for p in presents],
            "enfants": [p.pk for p in enfants]} | champs  # fmt: skip
    return client.post(url, data)


def test_the_form_records_the_unit_and_which_attendances_are_childrens(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    parent, enfant = AccompagnementFactory().personne, AccompagnementFactory().personne
    _poster(client, reverse("psychosocial:activite_creer"), [parent, enfant], [enfant])
    activite = Activite.objects.get()
    assert activite.pole == enums.PoleActivite.PSYCHOSOCIAL and activite.nb_classes == 0
    assert dict(Participation.objects.values_list("personne_id", "enfant")) == {parent.pk: False, enfant.pk: True}
    page = client.get(reverse("psychosocial:activite_modifier", args=[activite.pk]))
    assert page.context["form"].enfants_coches == {str(enfant.pk)}
    # Unticking "child" updates the attendance in place.
    _poster(client, reverse("psychosocial:activite_modifier", args=[activite.pk]), [parent, enfant], [],
            version_attendue="1")  # fmt: skip
    assert not Participation.objects.filter(enfant=True).exists()
    assert Participation.objects.count() == 2


def test_a_child_must_be_among_the_persons_present(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    present, absent = AccompagnementFactory().personne, AccompagnementFactory().personne
    response = _poster(client, reverse("psychosocial:activite_creer"), [present], [absent])
    assert response.status_code == 200 and "enfants" in response.context["form"].errors
    assert not Activite.objects.exists()


def test_the_form_refuses_classes_for_an_outing(client_for):
    client = client_for(Role.PSYCHOSOCIAL)
    present = AccompagnementFactory().personne
    response = _poster(client, reverse("psychosocial:activite_creer"), [present], [], nb_classes="2")
    assert "nb_classes" in response.context["form"].errors
    _poster(client, reverse("psychosocial:activite_creer"), [present], [], nb_classes="2", type="scolaire_cva",
            intitule="Témoignage au collège")  # fmt: skip
    assert Activite.objects.get().nb_classes == 2
