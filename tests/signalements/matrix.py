from comptes.permissions import RULES, Role
from tests.permission_matrix import Expect

VIEW = frozenset(RULES["signalements"]["view"])
CHANGE = frozenset(RULES["signalements"]["change"])


def _ouvert():
    from tests.signalements.factories import PersonneSignaleeFactory

    return {"pk": PersonneSignaleeFactory(signalement__consentement_date="2024-03-01").signalement.pk}


def _entretien():
    from tests.signalements.factories import EntretienFactory

    return {"pk": EntretienFactory().pk}


def _victime():
    from tests.signalements.factories import PersonneSignaleeFactory

    return {"pk": PersonneSignaleeFactory().pk}


MATRIX = {
    "signalements:personne_modifier": Expect(allowed=CHANGE, args=_victime),
    "signalements:entretien_modifier": Expect(allowed=CHANGE, args=_entretien),
    "signalements:personne_retirer": Expect(allowed=CHANGE, args=_victime, method="post"),
    "signalements:liste": Expect(allowed=VIEW),
    "signalements:creer": Expect(allowed=CHANGE),
    "signalements:detail": Expect(allowed=VIEW, args=_ouvert),
    "signalements:modifier": Expect(allowed=CHANGE, args=_ouvert),
    "signalements:personne_ajouter": Expect(allowed=CHANGE, args=_ouvert),
    "signalements:avancer": Expect(allowed=CHANGE, args=_ouvert),
    "signalements:entretien_ajouter": Expect(allowed=CHANGE, args=_ouvert),
    "signalements:decider": Expect(allowed=CHANGE, args=_ouvert),
    "signalements:decision_resultat": Expect(allowed=VIEW, args=_ouvert),
}
assert Role.PSYCHOLOGUE not in VIEW  # the psychologist does not see reports
