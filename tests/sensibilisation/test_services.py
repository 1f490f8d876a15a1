import datetime

import pytest

from comptes.concurrency import EditConflict
from comptes.permissions import Role
from sensibilisation import enums, services
from sensibilisation.models import Intervention
from tests.accompagnement.factories import PersonneFactory

from .factories import InterventionFactory

pytestmark = pytest.mark.django_db


def _donnees(**overrides):
    donnees = {
        "date": datetime.date(2024, 11, 5),
        "titre": "Sensibilisation au consulat",
        "type": enums.TypeIntervention.SENSIBILISATION,
        "statut": enums.Statut.REALISEE,
        "organisme": "Consulat des Philippines",
        "commune": "Paris",
        "departement": "75",
        "nb_grand_public": 40,
    }
    return {**donnees, **overrides}


def test_creation_validates_the_place(make_user):
    with pytest.raises(Exception, match="département"):
        services.intervention_creer(donnees=_donnees(departement="", commune=""), by=make_user(Role.SENSIBILISATION))
    assert not Intervention.objects.exists()


def test_edit_replaces_the_material_and_leaves_absent_many_to_many_untouched(make_user):
    auteur = make_user(Role.SENSIBILISATION)
    temoin = PersonneFactory(membre_cva=True)
    intervention = services.intervention_creer(
        donnees=_donnees(temoins=[temoin], animateurs=[auteur]),
        materiels=[{"support": enums.Support.BROCHURE, "langue": "tl", "quantite": 40}],
        by=auteur,
    )
    services.intervention_modifier(
        intervention=intervention,
        donnees=_donnees(nb_grand_public=45),
        version_attendue=intervention.version,
        materiels=[{"support": enums.Support.POSTER, "langue": "", "quantite": 2}],
        by=auteur,
    )
    intervention.refresh_from_db()
    assert intervention.nb_grand_public == 45 and intervention.version == 2
    assert [(m.support, m.quantite) for m in intervention.materiels.all()] == [(enums.Support.POSTER, 2)]
    assert list(intervention.temoins.all()) == [temoin]
    assert list(intervention.animateurs.all()) == [auteur]
    assert intervention.history.first().history_user == auteur


def test_edit_from_a_stale_version_is_refused(make_user):
    intervention = InterventionFactory(titre="Titre d'origine")
    Intervention.objects.filter(pk=intervention.pk).update(version=3)
    with pytest.raises(EditConflict):
        services.intervention_modifier(
            intervention=intervention, donnees=_donnees(), version_attendue=1, by=make_user(Role.DIRECTION)
        )
    assert Intervention.objects.get().titre == "Titre d'origine"
