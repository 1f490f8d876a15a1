from comptes.permissions import Role
from tests.permission_matrix import ALL_ROLES, Expect

MATRIX = {
    "accueil": Expect(allowed=frozenset(ALL_ROLES)),
    "journal_acces": Expect(allowed=frozenset({Role.DIRECTION, Role.ADMINISTRATEUR})),
    "tentatives_connexion": Expect(allowed=frozenset({Role.DIRECTION, Role.ADMINISTRATEUR})),
    "sante": Expect(allowed=frozenset(ALL_ROLES), public=True),
    "favicon": Expect(allowed=frozenset(ALL_ROLES), public=True),
}
