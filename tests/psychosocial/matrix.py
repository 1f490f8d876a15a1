from comptes.permissions import Role
from tests.permission_matrix import Expect
from tests.psychosocial import factories as f

VOIR = frozenset({Role.ACCUEIL, Role.PSYCHOSOCIAL, Role.PSYCHOLOGUE, Role.DIRECTION})
MODIFIER = frozenset({Role.PSYCHOSOCIAL, Role.DIRECTION})
PSY = frozenset({Role.PSYCHOLOGUE})


def _pk(factory):
    return lambda: {"pk": factory().pk}


def _appartement():
    return {"dispositif": "appartement_hommes"}


def _personne():
    from tests.accompagnement.factories import PersonneFactory

    return {"pk": PersonneFactory().pk}


MATRIX = {
    "psychosocial:index": Expect(allowed=VOIR),
    "psychosocial:personne": Expect(allowed=VOIR, args=_personne),
    "psychosocial:recherche_personnes": Expect(allowed=VOIR),
    "psychosocial:hebergement_liste": Expect(allowed=VOIR),
    "psychosocial:hebergement_creer": Expect(allowed=MODIFIER),
    "psychosocial:hebergement_modifier": Expect(allowed=MODIFIER, args=_pk(f.HebergementFactory)),
    "psychosocial:occupation": Expect(allowed=VOIR),
    "psychosocial:appartement_modifier": Expect(allowed=MODIFIER, args=_appartement, method="post"),
    "psychosocial:demarche_liste": Expect(allowed=VOIR),
    "psychosocial:demarche_creer": Expect(allowed=MODIFIER),
    "psychosocial:demarche_modifier": Expect(allowed=MODIFIER, args=_pk(f.DemarcheFactory)),
    "psychosocial:aide_liste": Expect(allowed=VOIR),
    "psychosocial:aide_creer": Expect(allowed=MODIFIER),
    "psychosocial:aide_modifier": Expect(allowed=MODIFIER, args=_pk(f.AideFactory)),
    "psychosocial:domiciliation_liste": Expect(allowed=VOIR),
    "psychosocial:domiciliation_creer": Expect(allowed=MODIFIER),
    "psychosocial:domiciliation_modifier": Expect(allowed=MODIFIER, args=_pk(f.DomiciliationFactory)),
    "psychosocial:guichet": Expect(allowed=MODIFIER),
    "psychosocial:passage_liste": Expect(allowed=VOIR),
    "psychosocial:passage_modifier": Expect(allowed=MODIFIER, args=_pk(f.PassageCourrierFactory)),
    "psychosocial:consultation_liste": Expect(allowed=PSY),
    "psychosocial:consultation_creer": Expect(allowed=PSY),
    "psychosocial:consultation": Expect(allowed=PSY, args=_pk(f.ConsultationFactory)),
    "psychosocial:consultation_modifier": Expect(allowed=PSY, args=_pk(f.ConsultationFactory)),
    "psychosocial:orientation_liste": Expect(allowed=PSY),
    "psychosocial:orientation_creer": Expect(allowed=PSY),
    "psychosocial:orientation_modifier": Expect(allowed=PSY, args=_pk(f.OrientationFactory)),
    "psychosocial:activite_liste": Expect(allowed=VOIR),
    "psychosocial:activite_creer": Expect(allowed=MODIFIER),
    "psychosocial:activite": Expect(allowed=VOIR, args=_pk(f.ActiviteFactory)),
    "psychosocial:activite_modifier": Expect(allowed=MODIFIER, args=_pk(f.ActiviteFactory)),
}
