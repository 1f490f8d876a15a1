"""Factories for reports. Traits give the states of the workflow."""

import datetime

import factory

from signalements import enums
from signalements.models import Entretien, PersonneSignalee, Signalement


class SignalementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signalement

    class Params:
        consenti = factory.Trait(consentement_date=factory.SelfAttribute("date_reception"))
        questionnaire = factory.Trait(
            consentement_date=factory.SelfAttribute("date_reception"),
            etape=enums.Etape.QUESTIONNAIRE,
            date_questionnaire=factory.SelfAttribute("date_reception"),
        )
        decide_accompagne = factory.Trait(
            consentement_date=factory.SelfAttribute("date_reception"),
            etape=enums.Etape.ENTRETIEN,
            decision=enums.Decision.ACCOMPAGNEMENT,
            date_decision=factory.SelfAttribute("date_reception"),
        )
        reoriente = factory.Trait(
            decision=enums.Decision.REORIENTATION,
            type_reorientation=enums.TypeReorientation.DROIT_ETRANGERS,
            date_decision=factory.SelfAttribute("date_reception"),
        )
        sans_suite = factory.Trait(
            decision=enums.Decision.SANS_SUITE,
            motif_sans_suite=enums.MotifSansSuite.INJOIGNABLE,
            date_decision=factory.SelfAttribute("date_reception"),
        )

    reference = factory.Sequence(lambda n: f"S-T-{n:04d}")
    date_reception = datetime.date(2024, 3, 1)
    canal = enums.Canal.TELEPHONE
    source_type = enums.SourceType.ASSOCIATION
    source_organisation = "Secours Populaire"


class PersonneSignaleeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonneSignalee

    signalement = factory.SubFactory(SignalementFactory)
    nom = factory.Faker("last_name", locale="fr_FR")
    prenom = factory.Faker("first_name", locale="fr_FR")
    sexe = "F"
    nationalite = "PH"


class EntretienFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entretien

    signalement = factory.SubFactory(SignalementFactory, consenti=True)
    date = factory.LazyAttribute(lambda o: o.signalement.date_reception)
    type = enums.TypeEntretien.IDENTIFICATION
    mene_par = factory.SubFactory("tests.factories.UserFactory")
