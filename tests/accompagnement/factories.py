"""Factories for the file active. Other apps' tests import these (PersonneFactory, AffaireFactory…)."""

import datetime

import factory

from accompagnement import enums
from accompagnement.models import (
    Accompagnement,
    Affaire,
    ConsentementTransfert,
    EntreeJournal,
    EvenementTraite,
    Exploitation,
    LieuExploitation,
    Personne,
    Suivi,
)


class PersonneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Personne

    numero_dossier = factory.Sequence(lambda n: f"D-T-{n:05d}")
    nom = factory.Faker("last_name", locale="fr_FR")
    prenom = factory.Faker("first_name", locale="fr_FR")
    sexe = enums.Sexe.FEMME
    date_naissance = datetime.date(1990, 5, 17)
    nationalite = "PH"


class AffaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Affaire

    reference = factory.Sequence(lambda n: f"A-T-{n:04d}")
    intitule = factory.Sequence(lambda n: f"Affaire de test {n}")
    type_exploiteur = enums.TypeExploiteur.PARTICULIER


class AccompagnementFactory(factory.django.DjangoModelFactory):
    """A support period; `cloture=True` closes it a year later for autonomy."""

    class Meta:
        model = Accompagnement

    class Params:
        cloture = factory.Trait(
            date_cloture=factory.LazyAttribute(lambda o: o.date_debut + datetime.timedelta(days=365)),
            motif_cloture=enums.MotifCloture.AUTONOMIE,
        )

    personne = factory.SubFactory(PersonneFactory)
    date_debut = datetime.date(2024, 3, 1)


class SuiviFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suivi

    personne = factory.SubFactory(PersonneFactory)
    pole = enums.Pole.PSYCHOSOCIAL
    date_debut = datetime.date(2024, 3, 1)


class ExploitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exploitation

    personne = factory.SubFactory(PersonneFactory)
    affaire = factory.SubFactory(AffaireFactory)
    date_debut = datetime.date(2020, 1, 1)
    date_fin = datetime.date(2023, 12, 31)
    secteur = enums.Secteur.DOMESTIQUE
    heures_par_jour = 14
    jours_par_semaine = 7
    remuneration_mensuelle_eur = 0
    hebergement = enums.Hebergement.DOMICILE_EXPLOITEUR
    emprise = factory.LazyFunction(list)
    emprise_renseignee = factory.LazyAttribute(lambda e: bool(e.emprise))  # as Exploitation.clean() sets it
    # What the kind of housing says for sure, as Exploitation.clean() fills it.
    hebergement_par_exploiteur = factory.LazyAttribute(lambda e: enums.FAITS_HEBERGEMENT.get(e.hebergement, (None,))[0])
    loge_sur_lieu = factory.LazyAttribute(lambda e: enums.FAITS_HEBERGEMENT.get(e.hebergement, (None, None))[1])


class LieuExploitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LieuExploitation

    exploitation = factory.SubFactory(ExploitationFactory)
    departement = "75"
    pays = "FR"


class EvenementTraiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvenementTraite

    exploitation = factory.SubFactory(ExploitationFactory)
    type = enums.TypeEvenement.RECRUTEMENT
    pays = "MA"
    date_debut = datetime.date(2019, 11, 1)


class ConsentementTransfertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentementTransfert

    personne = factory.SubFactory(PersonneFactory)
    destinataire = "Partner NGO"
    date_consentement = datetime.date(2024, 5, 2)


class EntreeJournalFactory(factory.django.DjangoModelFactory):
    """A journal entry; `pole="psy"` for a psychologist's entry (readable by the psychologist only)."""

    class Meta:
        model = EntreeJournal

    personne = factory.SubFactory(PersonneFactory)
    date = datetime.date(2024, 3, 1)
    pole = enums.Pole.ACCUEIL
    type = enums.TypeEntreeJournal.NOTE
    texte = factory.Faker("sentence", locale="fr_FR")
    auteur = factory.SubFactory("tests.factories.UserFactory")
