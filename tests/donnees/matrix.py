from comptes.permissions import RULES, Role
from tests.permission_matrix import Expect

ADMIN = frozenset({Role.ADMINISTRATEUR})


def _personne():
    from tests.accompagnement.factories import PersonneFactory

    return {"pk": PersonneFactory().pk}


def _exportation():
    from donnees.models import Exportation
    from tests.factories import UserFactory

    return {"pk": Exportation.objects.create(format="zip", demande_par=UserFactory()).pk}


MATRIX = {
    "donnees:accueil": Expect(allowed=ADMIN),
    "donnees:importer": Expect(allowed=ADMIN),
    "donnees:importer_confirmer": Expect(allowed=ADMIN, method="post"),
    "donnees:modele_csv": Expect(allowed=ADMIN, args=lambda: {"entite": "personnes"}),
    "donnees:exporter": Expect(allowed=ADMIN),
    "donnees:export_telecharger": Expect(allowed=ADMIN, args=_exportation),  # not ready: back to the list
    "donnees:personnes": Expect(allowed=ADMIN),
    "donnees:personne": Expect(allowed=ADMIN, args=_personne),
    "donnees:personne_export": Expect(allowed=ADMIN, args=_personne),
    "donnees:personne_export_scelle": Expect(allowed=frozenset({Role.PSYCHOLOGUE}), args=_personne),
    "donnees:personne_anonymiser": Expect(allowed=ADMIN, args=_personne),
    "donnees:retention": Expect(allowed=ADMIN),
    "donnees:ctdc": Expect(allowed=ADMIN),
    "donnees:ctdc_export": Expect(allowed=ADMIN, args=lambda: {"debut": 2015, "fin": 2024, "k": 11}),
}


def _personne_consentante():
    """A person with a valid consent to transfer: the HTCDS record is produced (without one: back to the page)."""
    import datetime

    from accompagnement.models import ConsentementTransfert
    from tests.accompagnement.factories import PersonneFactory

    personne = PersonneFactory()
    ConsentementTransfert.objects.create(
        personne=personne, destinataire="Partenaire", date_consentement=datetime.date(2025, 1, 6)
    )
    return {"pk": personne.pk}


MATRIX["donnees:htcds_personne"] = Expect(allowed=frozenset(RULES["donnees.htcds"]["view"]), args=_personne_consentante)
