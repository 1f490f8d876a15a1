from comptes.permissions import RULES
from tests.permission_matrix import Expect

from .factories import EvenementFactory, InterventionFactory

VOIR = frozenset(RULES["sensibilisation"]["view"])
MODIFIER = frozenset(RULES["sensibilisation"]["change"])


def _intervention():
    return {"pk": InterventionFactory().pk}


def _evenement():
    return {"pk": EvenementFactory().pk}


MATRIX = {
    "sensibilisation:liste": Expect(allowed=VOIR),
    "sensibilisation:planning": Expect(allowed=VOIR),
    "sensibilisation:export": Expect(allowed=VOIR),
    "sensibilisation:bilan": Expect(allowed=VOIR),
    "sensibilisation:detail": Expect(allowed=VOIR, args=_intervention),
    "sensibilisation:creer": Expect(allowed=MODIFIER),
    "sensibilisation:modifier": Expect(allowed=MODIFIER, args=_intervention),
    "sensibilisation:evenements": Expect(allowed=VOIR),
    "sensibilisation:evenement_creer": Expect(allowed=MODIFIER),
    "sensibilisation:evenement_modifier": Expect(allowed=MODIFIER, args=_evenement),
}
