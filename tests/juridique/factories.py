"""Factories of the legal unit. Persons and cases come from tests/accompagnement/factories.py."""

import datetime

import factory

from juridique import enums
from juridique.models import Avocat, Decision, Etape, Procedure, TitreSejour
from tests.accompagnement.factories import AffaireFactory, ExploitationFactory, PersonneFactory


def personnes_dans_affaire(affaire, n: int) -> list:
    """`n` persons exploited in `affaire` (a person belongs to a case through an exploitation)."""
    return [ExploitationFactory(affaire=affaire, personne=PersonneFactory()).personne for _ in range(n)]


class AvocatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Avocat

    nom = factory.Faker("last_name", locale="fr_FR")
    prenom = factory.Faker("first_name", locale="fr_FR")
    barreau = "Paris"
    actif = True


class ProcedureFactory(factory.django.DjangoModelFactory):
    """Proceedings; `personnes=[…]` sets them (else one new person of the case)."""

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    affaire = factory.SubFactory(AffaireFactory)
    reference = factory.LazyAttributeSequence(lambda o, n: f"{o.affaire.reference}/P{n + 1}")
    type = enums.TypeProcedure.PENAL
    juridiction = "Tribunal judiciaire de Paris"
    date_ouverture = datetime.date(2022, 1, 10)

    @factory.post_generation
    def personnes(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = personnes_dans_affaire(self.affaire, 1)
        self.personnes.set(extracted)

    @factory.post_generation
    def avocats(self, create, extracted, **kwargs):
        if create and extracted:
            self.avocats.set(extracted)


class EtapeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Etape

    procedure = factory.SubFactory(ProcedureFactory)
    type = enums.TypeEtape.PLAINTE
    date = datetime.date(2022, 2, 1)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    procedure = factory.SubFactory(ProcedureFactory)
    date = datetime.date(2024, 2, 15)
    niveau = enums.NiveauDecision.PREMIERE_INSTANCE
    nature = enums.NatureDecision.CONDAMNATION_TRAITE


class TitreSejourFactory(factory.django.DjangoModelFactory):
    """A first L425-1 application; `accorde=True` grants it 100 days later for a year."""

    class Meta:
        model = TitreSejour

    class Params:
        accorde = factory.Trait(
            date_decision=factory.LazyAttribute(lambda o: o.date_demande + datetime.timedelta(days=100)),
            issue=enums.IssueTitre.ACCORDE,
            date_fin_validite=factory.LazyAttribute(lambda o: o.date_demande + datetime.timedelta(days=465)),
        )

    personne = factory.SubFactory(PersonneFactory)
    type = enums.TypeTitre.L425_1
    premier = True
    date_demande = datetime.date(2024, 1, 15)
