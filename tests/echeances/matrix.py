"""Expected outcome of every deadlines URL per role (see tests/permission_matrix.py)."""

from comptes.permissions import CASE_STAFF, Role
from tests.permission_matrix import Expect

VOIR_JURIDIQUE = frozenset({Role.PSYCHOSOCIAL, Role.JURIDIQUE, Role.DIRECTION})
MODIFIER_JURIDIQUE = frozenset({Role.JURIDIQUE, Role.DIRECTION})


def _delai():
    from echeances.models import DelaiRecours

    return {"pk": DelaiRecours.objects.order_by("pk").values_list("pk", flat=True).first()}


MATRIX = {
    "echeances:mes_echeances": Expect(allowed=frozenset(CASE_STAFF)),
    "echeances:preferences": Expect(allowed=frozenset(CASE_STAFF)),
    # POST only: a GET answers 405 to every role.
    "echeances:traiter": Expect(allowed=frozenset(), denied=405),
    "echeances:delais": Expect(allowed=VOIR_JURIDIQUE),
    "echeances:delai_creer": Expect(allowed=MODIFIER_JURIDIQUE),
    "echeances:delai_modifier": Expect(allowed=MODIFIER_JURIDIQUE, args=_delai),
}
