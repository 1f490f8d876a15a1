from comptes.permissions import Role
from tests.permission_matrix import Expect

ADMIN = frozenset({Role.ADMINISTRATEUR})


def _personne():
    from tests.accompagnement.factories import PersonneFactory

    return {"pk": PersonneFactory().pk}


MATRIX = {
    "donnees:accueil": Expect(allowed=ADMIN),
    "donnees:importer": Expect(allowed=ADMIN),
    "donnees:importer_confirmer": Expect(allowed=ADMIN, method="post"),
    "donnees:modele_csv": Expect(allowed=ADMIN, args=lambda: {"entite": "personnes"}),
    "donnees:exporter": Expect(allowed=ADMIN),
    "donnees:personnes": Expect(allowed=ADMIN),
    "donnees:personne": Expect(allowed=ADMIN, args=_personne),
    "donnees:personne_export": Expect(allowed=ADMIN, args=_personne),
    "donnees:personne_anonymiser": Expect(allowed=ADMIN, args=_personne),
    "donnees:retention": Expect(allowed=ADMIN),
}
