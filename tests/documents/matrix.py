"""Expected outcome of every documents URL per role (see tests/permission_matrix.py)."""

from comptes.permissions import Role
from tests.permission_matrix import Expect

A, PS, PSY, J, D = Role.ACCUEIL, Role.PSYCHOSOCIAL, Role.PSYCHOLOGUE, Role.JURIDIQUE, Role.DIRECTION
# A legal-unit document in a person's file: readable by who reads both the file and the legal unit.
LECTEURS_JURIDIQUE = frozenset({PS, J, D})


def _personne():
    from tests.accompagnement.factories import PersonneFactory

    return {"cible": "personne", "pk": PersonneFactory().pk}


def _document():
    from tests.documents.factories import DocumentFactory

    return {"pk": DocumentFactory().pk}


MATRIX = {
    # Any role that may file a document in a person's file under some unit; others 403.
    "documents:ajouter": Expect(allowed=frozenset({A, PS, PSY, J, D}), args=_personne),
    # Out of scope is missing: 404. Correcting it needs the right to change its unit (the legal unit's).
    "documents:modifier": Expect(allowed=frozenset({J, D}), args=_document, denied=404),
    "documents:telecharger": Expect(allowed=LECTEURS_JURIDIQUE, args=_document, denied=404),
}
