"""Factories for the psycho-social unit (persons come from tests/accompagnement/factories.py)."""

import datetime
from decimal import Decimal

import factory

from psychosocial import enums
from psychosocial.models import (
    Activite,
    AideFinanciere,
    ConsultationPsy,
    Demarche,
    Domiciliation,
    Hebergement,
    OrientationSoins,
    Participation,
    PassageCourrier,
)
from tests.accompagnement.factories import PersonneFactory
from tests.factories import UserFactory


class ElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    personne = factory.SubFactory(PersonneFactory)
    auteur = factory.SubFactory(UserFactory, role="Psycho-social")


class HebergementFactory(ElementFactory):
    """A closed 10-night stay in the women's flat; `en_cours=True` leaves it open."""

    class Meta:
        model = Hebergement

    class Params:
        en_cours = factory.Trait(date_sortie=None)

    dispositif = enums.Dispositif.APPARTEMENT_FEMMES
    date_entree = datetime.date(2024, 3, 1)
    date_sortie = factory.LazyAttribute(lambda o: o.date_entree + datetime.timedelta(days=10))


class DemarcheFactory(ElementFactory):
    class Meta:
        model = Demarche

    class Params:
        abouti = factory.Trait(
            resultat=enums.Resultat.POSITIF,
            date_resultat=factory.LazyAttribute(lambda o: o.date_depot + datetime.timedelta(days=30)),
        )

    type = enums.TypeDemarche.SIAO
    date_depot = datetime.date(2024, 2, 1)
    nature = factory.LazyAttribute(lambda o: enums.Nature.NOUVELLE if o.type in enums.TYPES_AVEC_NATURE else "")


class AideFactory(ElementFactory):
    class Meta:
        model = AideFinanciere

    class Params:
        tickets = factory.Trait(type=enums.TypeAide.TICKETS_SERVICES, montant=None, nb_tickets=10)

    date = datetime.date(2024, 4, 2)
    type = enums.TypeAide.ALIMENTATION
    montant = Decimal("30.00")


class DomiciliationFactory(ElementFactory):
    class Meta:
        model = Domiciliation

    date_debut = datetime.date(2024, 1, 15)
    date_echeance = datetime.date(2025, 1, 15)


class PassageCourrierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PassageCourrier

    personne = factory.SubFactory(PersonneFactory)
    auteur = factory.SubFactory(UserFactory, role="Psycho-social")
    date = datetime.date(2024, 5, 6)
    nb_courriers = 2


class ConsultationFactory(ElementFactory):
    class Meta:
        model = ConsultationPsy

    auteur = factory.SubFactory(UserFactory, role="Psychologue")
    date = datetime.date(2024, 6, 3)
    type = enums.TypeConsultation.SUIVI
    notes = "Contenu confidentiel de la séance"


class OrientationFactory(ElementFactory):
    class Meta:
        model = OrientationSoins

    auteur = factory.SubFactory(UserFactory, role="Psychologue")
    date = datetime.date(2024, 6, 10)
    type = enums.TypeOrientation.SANTE_MENTALE


class ActiviteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activite

    date = datetime.date(2024, 5, 20)
    type = enums.TypeActivite.ATELIER
    theme = enums.Theme.DROIT_TRAVAIL
    intitule = factory.Sequence(lambda n: f"Atelier {n}")
    auteur = factory.SubFactory(UserFactory, role="Psycho-social")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    activite = factory.SubFactory(ActiviteFactory)
    personne = factory.SubFactory(PersonneFactory)
