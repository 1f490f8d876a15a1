"""What the history sheets carry on cases and exploitations: a case's opening date, source and
collective flag; the main exploitation; the two housing facts apart from the kind of housing."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from accompagnement import enums
from accompagnement import indicateurs as ind
from accompagnement.forms import ExploitationForm
from accompagnement.models import Affaire, Exploitation
from comptes.contexte import Contexte
from tests.accompagnement.factories import AccompagnementFactory, ExploitationFactory, PersonneFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
H = enums.Hebergement


def _nouvelle(**exploitation):
    personne = PersonneFactory()
    AccompagnementFactory(personne=personne, date_debut=D(2024, 3, 1))
    return personne, ExploitationFactory(personne=personne, **exploitation)


def test_the_exploitation_marked_main_is_the_one_the_profile_reads():
    personne, ancienne = _nouvelle(date_debut=D(2010, 1, 1), date_fin=D(2015, 1, 1), heures_par_jour=18)
    ExploitationFactory(personne=personne, date_debut=D(2020, 1, 1), heures_par_jour=10)
    ctx = Contexte(2024)
    assert ind.nouvelles_heures_jour_moy(ctx) == 10.0  # without a mark: the latest started
    ancienne.principale = True
    ancienne.save()
    assert ind.nouvelles_heures_jour_moy(Contexte(2024)) == 18.0


def test_a_person_has_one_main_exploitation_at_most():
    personne, _premiere = _nouvelle(principale=True)
    seconde = ExploitationFactory.build(personne=personne, affaire=None, principale=True)
    with pytest.raises(ValidationError) as exc:
        seconde.full_clean()
    assert "principale" in exc.value.error_dict
    seconde.principale = False
    seconde.full_clean()


def test_the_form_refuses_a_second_main_exploitation_next_to_the_field():
    personne, _premiere = _nouvelle(principale=True)
    form = ExploitationForm(
        data={"principale": "on", "hebergement_par_exploiteur": "unknown", "loge_sur_lieu": "unknown"},
        instance=Exploitation(personne=personne),
        user=UserFactory(),
    )
    assert not form.is_valid() and "principale" in form.errors


@pytest.mark.parametrize(
    ("hebergement", "par_exploiteur", "sur_lieu", "attendu"),
    [
        (H.SUR_LIEU, None, None, (True, True)),  # the kind says both for sure
        (H.DOMICILE_EXPLOITEUR, None, None, (True, None)),  # the exploiter's home may not be where she worked
        (H.DOMICILE_EXPLOITEUR, None, False, (True, False)),
        (H.INDEPENDANT, None, None, (False, None)),
        ("", True, False, (True, False)),  # a sheet that gives the facts only
    ],
)
def test_the_kind_of_housing_fills_what_it_says_for_sure(hebergement, par_exploiteur, sur_lieu, attendu):
    exploitation = ExploitationFactory.build(
        personne=PersonneFactory(), affaire=None, hebergement=hebergement,
        hebergement_par_exploiteur=par_exploiteur, loge_sur_lieu=sur_lieu,
    )  # fmt: skip
    exploitation.full_clean()
    assert (exploitation.hebergement_par_exploiteur, exploitation.loge_sur_lieu) == attendu


@pytest.mark.parametrize(
    ("hebergement", "champ", "valeur"),
    [(H.SUR_LIEU, "loge_sur_lieu", False), (H.CONTROLE_EXPLOITEUR, "hebergement_par_exploiteur", False),
     (H.RUE, "hebergement_par_exploiteur", True)],
)  # fmt: skip
def test_a_fact_contradicting_the_kind_of_housing_is_refused(hebergement, champ, valeur):
    exploitation = ExploitationFactory.build(personne=PersonneFactory(), affaire=None, hebergement=hebergement)
    setattr(exploitation, champ, valeur)
    with pytest.raises(ValidationError) as exc:
        exploitation.full_clean()
    assert champ in exc.value.error_dict


def test_housing_figures_read_the_facts_and_else_the_kind_as_before():
    _nouvelle(hebergement=H.DOMICILE_EXPLOITEUR, loge_sur_lieu=None)  # kind only: on site (as before the split)
    _nouvelle(hebergement=H.DOMICILE_EXPLOITEUR, loge_sur_lieu=False)  # worked elsewhere
    _nouvelle(hebergement="", hebergement_par_exploiteur=True, loge_sur_lieu=None)  # facts only, one of them
    _nouvelle(hebergement="", hebergement_par_exploiteur=None, loge_sur_lieu=None)  # nothing known
    ctx = Contexte(2024)
    assert ind.nouvelles_dependance_hebergement_taux(ctx) == 100.0  # 3 known, 3 housed by the exploiter
    assert ind.nouvelles_logees_sur_lieu_taux(ctx) == 50.0  # 2 known, 1 on the place of exploitation
    assert ind.detail_nouvelles_logees_sur_lieu_taux(ctx).count() == 2


def test_the_migration_fills_only_what_the_kind_of_housing_says_for_sure():
    migration = importlib.import_module("accompagnement.migrations.0007_historique_affaires_exploitations")
    lignes = {kind: ExploitationFactory(hebergement=kind) for kind in (H.SUR_LIEU, H.DOMICILE_EXPLOITEUR, H.AUTRE)}
    Exploitation.objects.update(hebergement_par_exploiteur=None, loge_sur_lieu=None)  # as before the migration
    migration.faits_hebergement(apps, None)
    faits = dict(Exploitation.objects.values_list("hebergement", "hebergement_par_exploiteur"))
    assert faits == {H.SUR_LIEU: True, H.DOMICILE_EXPLOITEUR: True, H.AUTRE: None}
    assert Exploitation.objects.get(pk=lignes[H.DOMICILE_EXPLOITEUR].pk).loge_sur_lieu is None
    assert Exploitation.objects.get(pk=lignes[H.SUR_LIEU].pk).loge_sur_lieu is True
    assert migration.FAITS == {k: v for k, v in enums.FAITS_HEBERGEMENT.items() if v != (None, None)}


def test_a_case_opened_in_the_future_is_refused_and_its_new_facts_are_optional():
    affaire = Affaire(reference="A-2030-0001", intitule="Chantier", type_exploiteur="entreprise")
    affaire.full_clean()  # opening date, source and collective flag may be unknown
    assert affaire.collective is False
    affaire.date_ouverture, affaire.source = D(2031, 1, 1), enums.SourceAffaire.INSPECTION_TRAVAIL
    with pytest.raises(ValidationError) as exc:
        affaire.full_clean()
    assert "date_ouverture" in exc.value.error_dict
