from comptes.permissions import Role
from tests.permission_matrix import ALL_ROLES, Expect


def _aide():
    from tests.psychosocial.factories import AideFactory

    return {"label": "psychosocial.aidefinanciere", "pk": AideFactory().pk}


def _aide_supprimee():
    from comptes import suppression
    from tests.factories import UserFactory
    from tests.psychosocial.factories import AideFactory

    par = UserFactory(role=Role.PSYCHOSOCIAL)
    correction = suppression.element_supprimer(obj=AideFactory(), motif="doublon", by=par)
    return {"pk": correction.pk}


PSYCHOSOCIAL_CHANGE = frozenset({Role.PSYCHOSOCIAL, Role.DIRECTION})

MATRIX = {
    "accueil": Expect(allowed=frozenset(ALL_ROLES)),
    "journal_acces": Expect(allowed=frozenset({Role.DIRECTION, Role.ADMINISTRATEUR})),
    "tentatives_connexion": Expect(allowed=frozenset({Role.DIRECTION, Role.ADMINISTRATEUR})),
    # Every role may search; each answers only the kinds of records its role may see.
    "recherche": Expect(allowed=frozenset(ALL_ROLES)),
    "sante": Expect(allowed=frozenset(ALL_ROLES), public=True),
    "favicon": Expect(allowed=frozenset(ALL_ROLES), public=True),
    # Deleting / moving a record: the rule of the record's section (here an aid: psycho-social CHANGE).
    "element_supprimer": Expect(allowed=PSYCHOSOCIAL_CHANGE, args=_aide),
    "element_deplacer": Expect(allowed=PSYCHOSOCIAL_CHANGE, args=_aide),
    # Each role sees the deletions of the sections it may view (an empty list otherwise).
    "elements_supprimes": Expect(allowed=frozenset(ALL_ROLES)),
    "element_restaurer": Expect(allowed=frozenset({Role.DIRECTION}), args=_aide_supprimee),
}
