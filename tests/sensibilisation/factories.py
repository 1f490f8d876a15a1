import datetime

import factory

from sensibilisation import enums
from sensibilisation.models import Evenement, Intervention


class InterventionFactory(factory.django.DjangoModelFactory):
    """A held awareness session in Paris; `prevue=True` for a planned one, `etranger=True` abroad."""

    class Meta:
        model = Intervention
        skip_postgeneration_save = True

    class Params:
        prevue = factory.Trait(statut=enums.Statut.PREVUE, date=datetime.date(2099, 6, 1))
        etranger = factory.Trait(departement="", pays="MA", commune="Rabat")

    date = datetime.date(2024, 5, 14)
    titre = factory.Sequence(lambda n: f"Intervention de test {n}")
    type = enums.TypeIntervention.SENSIBILISATION
    statut = enums.Statut.REALISEE
    organisme = "INTEFP"
    commune = "Paris"
    departement = "75"
    nb_grand_public = 10

    @factory.post_generation
    def animateurs(self, create, extracted, **kwargs):
        if create and extracted:
            self.animateurs.set(extracted)


class EvenementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evenement

    date = datetime.date(2024, 1, 20)
    titre = factory.Sequence(lambda n: f"Événement {n}")
    type = enums.TypeEvenement.PORTES_OUVERTES
    statut = enums.Statut.REALISEE
    commune = "Paris"
    departement = "75"
    nb_participants = 80
