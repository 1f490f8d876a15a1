from comptes.permissions import Role
from tests.factories import UserFactory
from tests.permission_matrix import Expect

LECTEURS = frozenset({Role.ACCUEIL, Role.PSYCHOSOCIAL, Role.JURIDIQUE, Role.SENSIBILISATION, Role.DIRECTION})


def _generation():
    from rapports.models import GenerationPDF

    return {"pk": GenerationPDF.objects.create(annee=2024, demande_par=UserFactory()).pk}


MATRIX = {
    "rapports:index": Expect(allowed=LECTEURS),
    "rapports:catalogue": Expect(allowed=LECTEURS),
    "rapports:annee": Expect(allowed=LECTEURS, args=lambda: {"annee": 2024}),
    "rapports:detail": Expect(allowed=LECTEURS, args=lambda: {"annee": 2024, "cle": "personnes_accompagnees"}),
    "rapports:detail_export": Expect(
        allowed=LECTEURS, args=lambda: {"annee": 2024, "cle": "signalements_recus", "format": "csv"}
    ),
    "rapports:qualite_annee": Expect(allowed=LECTEURS, args=lambda: {"annee": 2024}),
    "rapports:qualite": Expect(
        allowed=LECTEURS, args=lambda: {"annee": 2024, "population": "P_FA", "controle": "sexe"}
    ),
    "rapports:saisies": Expect(allowed=frozenset({Role.DIRECTION}), args=lambda: {"annee": 2024}),
    # The confirmation page; its POST for every role is in test_cloture.py (one entry per URL here).
    "rapports:cloturer": Expect(allowed=frozenset({Role.DIRECTION}), args=lambda: {"annee": 2024}),
    "rapports:revisions": Expect(allowed=LECTEURS, args=lambda: {"annee": 2024}),
    "rapports:export": Expect(allowed=LECTEURS, args=lambda: {"annee": 2024, "format": "json"}),
    # An empty form is refused with a message and a redirect to the report (no PDF is made).
    "rapports:pdf_demander": Expect(allowed=LECTEURS, args=lambda: {"annee": 2024}, method="post"),
    "rapports:pdf_statut": Expect(allowed=LECTEURS, args=_generation),
    "rapports:pdf_etat": Expect(
        allowed=LECTEURS,
        args=_generation,
        unlogged="polled every few seconds by the status page (which is logged); shows only the job's progress",
    ),
    # Not ready yet: redirected to its status page (the download itself is tested in test_pdf.py).
    "rapports:pdf_telecharger": Expect(allowed=LECTEURS, args=_generation),
    "rapports:pdf_relancer": Expect(allowed=LECTEURS, args=_generation, method="post"),
    # The national survey (test_enquete.py): the page of the core part and the downloads of both parts.
    "rapports:enquete": Expect(allowed=LECTEURS, args=lambda: {"annee": 2024}),
    # The per-victim part: management only ("rapports.enquete.victimes"); the core part: every reader.
    "rapports:enquete_export": Expect(
        allowed=frozenset({Role.DIRECTION}), args=lambda: {"annee": 2024, "partie": "victimes", "format": "csv"}
    ),
}
