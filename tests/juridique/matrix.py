"""Expected outcome of every legal-unit URL per role (see tests/permission_matrix.py)."""

from comptes.permissions import Role
from tests.permission_matrix import ALL_ROLES, Expect

VOIR = frozenset({Role.PSYCHOSOCIAL, Role.JURIDIQUE, Role.DIRECTION})
MODIFIER = frozenset({Role.JURIDIQUE, Role.DIRECTION})


def _procedure():
    from tests.juridique.factories import ProcedureFactory

    return {"pk": ProcedureFactory().pk}


def _etape():
    from tests.juridique.factories import EtapeFactory

    return {"pk": EtapeFactory().pk}


def _decision():
    from tests.juridique.factories import DecisionFactory

    return {"pk": DecisionFactory().pk}


def _titre():
    from tests.juridique.factories import TitreSejourFactory

    return {"pk": TitreSejourFactory().pk}


def _personne():
    from tests.accompagnement.factories import PersonneFactory

    return {"personne_pk": PersonneFactory().pk}


def _avocat():
    from tests.juridique.factories import AvocatFactory

    return {"pk": AvocatFactory().pk}


def _jeton_d_un_juriste():
    from juridique import services
    from tests.factories import UserFactory

    _jeton, cle = services.jeton_creer(utilisateur=UserFactory(role=Role.JURIDIQUE), libelle="test")
    return {"cle": cle}


MATRIX = {
    "juridique:index": Expect(allowed=VOIR),
    "juridique:procedures": Expect(allowed=VOIR),
    "juridique:sans_suite": Expect(allowed=VOIR),
    "juridique:procedure_creer": Expect(allowed=MODIFIER),
    "juridique:procedure": Expect(allowed=VOIR, args=_procedure),
    "juridique:procedure_modifier": Expect(allowed=MODIFIER, args=_procedure),
    "juridique:etape_ajouter": Expect(allowed=MODIFIER, args=_procedure),
    "juridique:decision_ajouter": Expect(allowed=MODIFIER, args=_procedure),
    "juridique:etape_modifier": Expect(allowed=MODIFIER, args=_etape),
    "juridique:decision_modifier": Expect(allowed=MODIFIER, args=_decision),
    "juridique:titres": Expect(allowed=VOIR),
    "juridique:titres_export": Expect(allowed=VOIR),
    "juridique:titre_creer": Expect(allowed=MODIFIER, args=_personne),
    "juridique:titre_modifier": Expect(allowed=MODIFIER, args=_titre),
    "juridique:agenda": Expect(allowed=VOIR),
    "juridique:agenda_mois": Expect(allowed=VOIR),
    "juridique:jetons": Expect(allowed=VOIR),
    "juridique:jeton_revoquer": Expect(allowed=frozenset(), args=lambda: {"pk": 1}, denied=405),
    # The key is the credential: any visitor holding a valid key of a legal-unit member gets the feed.
    "juridique:agenda_ics": Expect(allowed=frozenset(ALL_ROLES), args=_jeton_d_un_juriste, public=True),
    "juridique:avocats": Expect(allowed=VOIR),
    "juridique:avocat": Expect(allowed=VOIR, args=_avocat),
    "juridique:avocat_creer": Expect(allowed=MODIFIER),
    "juridique:avocat_modifier": Expect(allowed=MODIFIER, args=_avocat),
}
