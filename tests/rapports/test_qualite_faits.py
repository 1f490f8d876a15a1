"""The data-quality panel counts the unknown facts the national survey, CTDC and HTCDS read (issue 18):
each check's count and its drill-down list name exactly the records that lack the fact."""

import datetime

import pytest

from comptes.contexte import Contexte
from rapports import qualite
from tests.accompagnement.factories import AccompagnementFactory, ExploitationFactory, PersonneFactory
from tests.signalements.factories import SignalementFactory

pytestmark = pytest.mark.django_db

D = datetime.date
NOUVEAUX = [
    "formes", "relation_exploiteur", "recrutement", "statut_admin", "identification", "identifie_par", "mna", "ase",
    "addiction", "poursuivie", "hors_exploitation",
]  # fmt: skip
# Every fact recorded: a person who counts in no new check.
CONNU = {
    "statut_admin_accueil": "titre_sejour",
    "identification_statut": "identifiee",
    "identifie_par": "police",
    "mna": False,
    "ase": False,
    "addiction": False,
    "poursuivie": False,
    "hors_exploitation_accueil": True,
}
EXPLOITATION_CONNUE = {"formes": ["travail_force"], "relations_exploiteur": ["famille"], "recrutement_mode": "famille"}


ADULTE = D(1990, 5, 17)


def nouvelle(nom, *, naissance=ADULTE, exploitations=(EXPLOITATION_CONNUE,), **faits):
    personne = PersonneFactory(nom=nom, date_naissance=naissance, **(CONNU | faits))
    AccompagnementFactory(personne=personne, date_debut=D(2024, 4, 2))
    for exploitation in exploitations:
        ExploitationFactory(personne=personne, **exploitation)
    return personne


@pytest.fixture
def personnes():
    return {
        "connue": nouvelle("Connue"),
        # Known on one of her exploitations: known.
        "deux": nouvelle("Deux", exploitations=({}, EXPLOITATION_CONNUE)),
        "vide": nouvelle(
            "Vide",
            exploitations=({"relations_exploiteur": ["inconnu"]},),  # "unknown" says nothing
            statut_admin_accueil="",
            identification_statut="",
            identifie_par="",
            addiction=None,
            poursuivie=None,
            hors_exploitation_accueil=None,
            mna=None,
            ase=None,  # an adult: neither counts
        ),
        "sans_exploitation": nouvelle("Sans", exploitations=()),
        "identifiee_par_qui": nouvelle("Qui", identifie_par=""),
        "presumee": nouvelle("Presumee", identification_statut="presumee", identifie_par=""),  # nobody to name
        # 17 the day before her 18th birthday at intake (2024-04-02): a minor.
        "mineure": nouvelle("Mineure", naissance=D(2006, 4, 3), mna=None, ase=None),
        # 18 that very day: an adult.
        "majeure": nouvelle("Majeure", naissance=D(2006, 4, 2), mna=None, ase=None),
        "mineure_connue": nouvelle("MineureConnue", naissance=D(2010, 1, 1), mna=True, ase=None),
    }


ATTENDUS = {
    "formes": {"vide", "sans_exploitation"},
    "relation_exploiteur": {"vide", "sans_exploitation"},
    "recrutement": {"vide", "sans_exploitation"},
    "statut_admin": {"vide"},
    "identification": {"vide"},
    "identifie_par": {"identifiee_par_qui"},
    "mna": {"mineure"},
    "ase": {"mineure", "mineure_connue"},
    "addiction": {"vide"},
    "poursuivie": {"vide"},
    "hors_exploitation": {"vide"},
}


def test_each_new_check_counts_exactly_the_persons_lacking_the_fact(personnes):
    comptes = qualite.comptes(Contexte(2024))
    for population in ("P_NEW", "P_FA"):
        assert comptes[population]["__total"] == len(personnes)
        assert {code: comptes[population][code] for code in NOUVEAUX} == {k: len(v) for k, v in ATTENDUS.items()}


def test_each_new_check_lists_exactly_its_records(personnes):
    noms = {p.pk: cle for cle, p in personnes.items()}
    for code, attendus in ATTENDUS.items():
        for population in ("P_NEW", "P_FA"):
            trouves = {
                noms[pk]
                for pk in qualite.enregistrements(Contexte(2024), population, code).values_list("pk", flat=True)
            }
            assert trouves == attendus, (population, code)


def test_every_check_of_the_survey_facts_is_in_the_panel_with_both_labels(personnes):
    panneau = {bloc["population"]: bloc for bloc in qualite.panneau(qualite.comptes(Contexte(2024)))}
    codes = {c["controle"].code for c in panneau["P_FA"]["controles"]}
    assert set(NOUVEAUX) <= codes
    for code in [*NOUVEAUX, "formes_presumees"]:
        controle = qualite.PAR_CODE[code]
        assert controle.libelle_fr and controle.libelle_en and controle.libelle_fr != controle.libelle_en


def test_reports_without_presumed_forms_are_counted():
    SignalementFactory(date_reception=D(2024, 3, 1), formes_presumees=[])
    SignalementFactory(date_reception=D(2024, 3, 2), formes_presumees=["travail_force", "servitude_domestique"])
    SignalementFactory(date_reception=D(2023, 3, 2), formes_presumees=[])  # another year
    assert qualite.comptes(Contexte(2024))["signalements"]["formes_presumees"] == 1
    liste = qualite.enregistrements(Contexte(2024), "signalements", "formes_presumees")
    assert list(liste.values_list("formes_presumees", flat=True)) == [[]]
