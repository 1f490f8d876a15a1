"""Expected outcome of every named URL for every role and for an anonymous visitor.

Each app adds its entries in `tests/<app>/matrix.py` as `MATRIX = {url_name: Expect(...)}`.
`test_permission_matrix.py` walks the URL resolver: a named URL with no entry fails the test.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from comptes.permissions import Role

ALL_ROLES = list(Role)
# The role that sees most of a page, first: the one the language and accessibility walks render it as.
PREFERENCE = [Role.DIRECTION, Role.JURIDIQUE, Role.PSYCHOSOCIAL, Role.PSYCHOLOGUE, Role.ACCUEIL]
PREFERENCE += [r for r in Role if r not in PREFERENCE]


@dataclass(frozen=True)
class Expect:
    allowed: frozenset  # roles that get a normal answer (< 400)
    args: Callable[[], dict] = field(default=lambda: {})  # builds the URL kwargs (may create data)
    method: str = "get"
    denied: int = 403  # what the other roles get: 403, or 404 when the record is out of scope
    public: bool = False  # reachable without logging in
    needs_2fa: bool = True  # False for the pages that serve to enrol a second factor
    # A GET that names a record (`pk`, `<x>_pk`) and answers 200 writes exactly one access-log row naming
    # that record. The few URLs that name a record but show none of its data say why here.
    unlogged: str = ""


def record_kwargs(kwargs: dict) -> list:
    """The URL kwargs that name a record."""
    return [value for name, value in kwargs.items() if name == "pk" or name.endswith("_pk")]


def load_matrix() -> dict[str, Expect]:
    # Imported here: each app's matrix.py imports Expect from this module.
    from tests.accompagnement import matrix as accompagnement
    from tests.comptes import matrix as comptes
    from tests.documents import matrix as documents
    from tests.donnees import matrix as donnees
    from tests.echeances import matrix as echeances
    from tests.juridique import matrix as juridique
    from tests.psychosocial import matrix as psychosocial
    from tests.rapports import matrix as rapports
    from tests.sensibilisation import matrix as sensibilisation
    from tests.signalements import matrix as signalements

    matrix: dict[str, Expect] = {}
    for module in (
        comptes,
        signalements,
        accompagnement,
        psychosocial,
        juridique,
        sensibilisation,
        documents,
        echeances,
        rapports,
        donnees,
    ):
        overlap = matrix.keys() & module.MATRIX.keys()
        assert not overlap, f"declared twice: {overlap}"
        matrix.update(module.MATRIX)
    return matrix
