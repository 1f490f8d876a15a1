"""Expected outcome of every named URL for every role and for an anonymous visitor.

Each app adds its entries in `tests/<app>/matrix.py` as `MATRIX = {url_name: Expect(...)}`.
`test_permission_matrix.py` walks the URL resolver: a named URL with no entry fails the test.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from comptes.permissions import Role

ALL_ROLES = list(Role)


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


MATRIX_MODULES = [
    "tests.comptes.matrix",
    "tests.signalements.matrix",
    "tests.accompagnement.matrix",
    "tests.psychosocial.matrix",
    "tests.juridique.matrix",
    "tests.sensibilisation.matrix",
    "tests.rapports.matrix",
    "tests.donnees.matrix",
]


def load_matrix() -> dict[str, Expect]:
    matrix: dict[str, Expect] = {}
    for name in MATRIX_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        overlap = matrix.keys() & module.MATRIX.keys()
        assert not overlap, f"declared twice: {overlap}"
        matrix.update(module.MATRIX)
    return matrix
