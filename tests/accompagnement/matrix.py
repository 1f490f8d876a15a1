from comptes.permissions import RULES
from tests.permission_matrix import Expect

VIEW = frozenset(RULES["accompagnement"]["view"])
CHANGE = frozenset(RULES["accompagnement"]["change"])
FICHE = frozenset(RULES["accompagnement.fiche"]["view"])
JOURNAL = CHANGE | frozenset(RULES["journal.psy"]["change"])


def _personne():
    from tests.accompagnement.factories import AccompagnementFactory

    return {"pk": AccompagnementFactory().personne.pk}


def _periode():
    from tests.accompagnement.factories import AccompagnementFactory

    return {"pk": AccompagnementFactory().pk}


def _exploitation():
    from tests.accompagnement.factories import ExploitationFactory

    return {"pk": ExploitationFactory().pk}


def _suivi():
    from tests.accompagnement.factories import SuiviFactory

    return {"pk": SuiviFactory().pk}


def _entree_journal():
    from tests.accompagnement.factories import EntreeJournalFactory

    return {"pk": EntreeJournalFactory().pk}  # written by someone else: nobody else may correct it


def _consentement():
    from accompagnement.models import ConsentementTransfert
    from tests.accompagnement.factories import AccompagnementFactory

    personne = AccompagnementFactory().personne
    consentement = ConsentementTransfert.objects.create(
        personne=personne, destinataire="Pag-Asa", date_consentement=personne.accompagnements.get().date_debut
    )
    return {"pk": consentement.pk}


def _affaire():
    from tests.accompagnement.factories import ExploitationFactory

    return {"pk": ExploitationFactory().affaire.pk}


MATRIX = {
    "accompagnement:liste": Expect(allowed=VIEW),
    "accompagnement:personne": Expect(allowed=VIEW, args=_personne),
    "accompagnement:personne_fiche": Expect(allowed=FICHE, args=_personne),
    "accompagnement:personne_creer": Expect(allowed=CHANGE),
    "accompagnement:personne_modifier": Expect(allowed=CHANGE, args=_personne),
    "accompagnement:accompagnement_rouvrir": Expect(allowed=CHANGE, args=_personne),
    "accompagnement:exploitation_creer": Expect(allowed=CHANGE, args=_personne),
    "accompagnement:journal_ajouter": Expect(allowed=JOURNAL, args=_personne),
    "accompagnement:journal_modifier": Expect(allowed=frozenset(), args=_entree_journal),
    "accompagnement:accompagnement_modifier": Expect(allowed=CHANGE, args=_periode),
    "accompagnement:accompagnement_cloturer": Expect(allowed=CHANGE, args=_periode),
    "accompagnement:exploitation_modifier": Expect(allowed=CHANGE, args=_exploitation),
    "accompagnement:suivi_ajouter": Expect(allowed=CHANGE, args=_personne),
    "accompagnement:suivi_modifier": Expect(allowed=CHANGE, args=_suivi),
    "accompagnement:consentement_ajouter": Expect(allowed=CHANGE, args=_personne),
    "accompagnement:consentement_retirer": Expect(allowed=CHANGE, args=_consentement),
    "accompagnement:affaires": Expect(allowed=VIEW),
    "accompagnement:affaire_creer": Expect(allowed=CHANGE),
    "accompagnement:affaire": Expect(allowed=VIEW, args=_affaire),
    "accompagnement:affaire_modifier": Expect(allowed=CHANGE, args=_affaire),
}
MATRIX["accompagnement:choix_personnes"] = Expect(allowed=VIEW)
MATRIX["accompagnement:choix_affaires"] = Expect(allowed=VIEW)
