"""Each person's summary (accompagnement.synthese) follows every way their records change.

The suite's `_syntheses_exactes` fixture checks every summary after every test; these tests walk
the write paths one by one and read the values themselves."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accompagnement import synthese
from accompagnement.models import Synthese
from comptes import suppression
from comptes.permissions import Role
from donnees import services as donnees_services
from tests.accompagnement.factories import AccompagnementFactory, ExploitationFactory, PersonneFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _valeurs(personne) -> tuple:
    ligne = Synthese.objects.filter(personne=personne).values_list(*synthese.COLONNES[1:]).first()
    return ligne


def test_a_person_without_support_nor_exploitation_has_no_summary():
    personne = PersonneFactory()
    assert not Synthese.objects.filter(personne=personne).exists()
    assert synthese.ecarts() == []


def test_the_summary_holds_first_support_main_exploitation_and_ages():
    personne = PersonneFactory(date_naissance=D(1990, 5, 17))
    AccompagnementFactory(personne=personne, date_debut=D(2015, 5, 16))
    AccompagnementFactory(personne=personne, date_debut=D(2021, 1, 1))
    ancienne = ExploitationFactory(personne=personne, date_debut=D(2008, 5, 17), date_fin=D(2010, 5, 17))
    recente = ExploitationFactory(personne=personne, date_debut=D(2012, 1, 1), date_fin=D(2013, 1, 1))
    # The latest started is the main one; the earliest start and the longest are the person's.
    assert _valeurs(personne) == (D(2015, 5, 16), 24, recente.pk, D(2008, 5, 17), 18, datetime.timedelta(days=730))
    ancienne.principale = True
    ancienne.save()
    assert _valeurs(personne)[2] == ancienne.pk


def test_a_new_birth_date_changes_the_ages():
    personne = PersonneFactory(date_naissance=D(1990, 5, 17))
    AccompagnementFactory(personne=personne, date_debut=D(2015, 5, 17))
    personne.date_naissance = D(1995, 5, 18)
    personne.save()
    assert _valeurs(personne)[1] == 19


def test_deleting_and_restoring_an_exploitation_and_a_support_period(make_user):
    direction = make_user(Role.DIRECTION)
    personne = PersonneFactory()
    periode = AccompagnementFactory(personne=personne, date_debut=D(2019, 1, 1))
    AccompagnementFactory(personne=personne, date_debut=D(2022, 1, 1))
    principale = ExploitationFactory(personne=personne, date_debut=D(2018, 1, 1))
    autre = ExploitationFactory(personne=personne, date_debut=D(2010, 1, 1))
    correction = suppression.element_supprimer(obj=principale, motif="recorded twice", by=direction)
    assert _valeurs(personne)[2] == autre.pk
    suppression.element_restaurer(correction=correction, by=direction)
    assert _valeurs(personne)[2] == principale.pk
    suppression.element_supprimer(obj=periode, motif="wrong date", by=direction)
    assert _valeurs(personne)[0] == D(2022, 1, 1)
    assert synthese.ecarts() == []


def test_moving_a_record_to_another_person_changes_both_summaries(make_user):
    direction = make_user(Role.DIRECTION)
    premiere, seconde = PersonneFactory(), PersonneFactory()
    periode = AccompagnementFactory(personne=premiere, date_debut=D(2019, 1, 1))
    exploitation = ExploitationFactory(personne=premiere)
    suppression.element_deplacer(obj=exploitation, personne=seconde, motif="wrong file", by=direction)
    assert _valeurs(premiere)[2] is None
    assert _valeurs(seconde)[2] == exploitation.pk
    suppression.element_deplacer(obj=periode, personne=seconde, motif="wrong file", by=direction)
    assert not Synthese.objects.filter(personne=premiere).exists()
    assert _valeurs(seconde)[0] == D(2019, 1, 1)


def test_anonymising_keeps_the_ages_from_the_year_of_birth(make_user):
    personne = PersonneFactory(date_naissance=D(1990, 12, 31))
    AccompagnementFactory(personne=personne, date_debut=D(2015, 1, 1))
    assert _valeurs(personne)[1] == 24
    donnees_services.personne_anonymiser(personne=personne, by=make_user(Role.ADMINISTRATEUR))
    assert _valeurs(personne)[1] == 25  # the year alone, as every figure read it before
    assert synthese.ecarts() == []


def test_deleting_a_person_takes_their_summary():
    exploitation = ExploitationFactory()
    AccompagnementFactory(personne=exploitation.personne)
    exploitation.personne.delete()
    assert not Synthese.objects.exists()


def test_ecarts_finds_a_missing_an_extra_and_a_wrong_summary():
    """What the suite's check relies on: it would fail on each kind of difference."""
    manquante, fausse = AccompagnementFactory(), AccompagnementFactory()
    Synthese.objects.filter(personne=manquante.personne).delete()
    Synthese.objects.filter(personne=fausse.personne).update(premier_accompagnement=D(2001, 1, 1))
    sans_dossier = PersonneFactory()
    Synthese.objects.create(personne=sans_dossier)
    attendu = sorted([manquante.personne_id, fausse.personne_id, sans_dossier.pk])
    assert synthese.ecarts() == attendu
    with pytest.raises(CommandError, match="3 summaries differ"):
        call_command("verifier_syntheses")
    assert synthese.corriger() == attendu
    assert synthese.ecarts() == []
    call_command("verifier_syntheses")  # no difference: no error


def test_the_command_rewrites_what_differs(capsys):
    periode = AccompagnementFactory()
    Synthese.objects.filter(personne=periode.personne).delete()
    call_command("verifier_syntheses", "--corriger")
    assert "1 summaries rewritten" in capsys.readouterr().out
    assert synthese.ecarts() == []


def test_many_persons_are_rewritten_in_batches(monkeypatch):
    """SQLite caps a statement's parameters: ids go by `LOT`."""
    monkeypatch.setattr(synthese, "LOT", 2)
    periodes = AccompagnementFactory.create_batch(5)
    Synthese.objects.all().delete()
    synthese.actualiser([p.personne_id for p in periodes])
    assert Synthese.objects.count() == 5
    assert synthese.ecarts() == []


def test_closing_a_year_rewrites_a_differing_summary_before_publishing(make_user, caplog):
    """Published figures read the records, whatever a write path did to the summaries."""
    from rapports import services

    periode = AccompagnementFactory(date_debut=D(2024, 3, 1))
    Synthese.objects.filter(personne=periode.personne).update(premier_accompagnement=D(2001, 1, 1))
    exercice = services.exercice_cloturer(annee=2024, by=make_user(Role.DIRECTION), avec_pdf=False)
    assert synthese.ecarts() == []
    assert exercice.resultat["lignes"]["nouvelles_personnes_accompagnees"]["valeur"] == 1
    assert "rewrote the summaries of 1 persons" in caplog.text
