"""Importing the legal and case history: one proceeding per person and proceeding line (its own
reference), the new columns of cases, exploitations, proceedings and steps, and the new codes."""

import datetime
from decimal import Decimal

import pytest

from accompagnement.models import Affaire, Exploitation
from comptes.contexte import Contexte
from donnees import exportation
from donnees.importation.engine import run_import
from juridique import indicateurs as ind
from juridique.models import Decision, Etape, Procedure
from tests.donnees.test_import import csv

pytestmark = pytest.mark.django_db
D = datetime.date

PERSONNES = "numero_dossier;nom\nD-2009-001;Sow\nD-2009-002;Diallo\nD-2009-003;Ba\n"
AFFAIRES = (
    "reference;intitule;type_exploiteur;date_ouverture;source;collective\n"
    "A-2009-001;Restaurant, Paris;entreprise;03/02/2009;Labour Inspectorate;oui\n"
)
EXPLOITATIONS = (
    "numero_dossier;affaire_reference;date_debut;principale;hebergement;hebergement_par_exploiteur;loge_sur_lieu;"
    "emprise_renseignee;emprise\n"
    "D-2009-001;A-2009-001;01/01/2007;oui;;oui;non;oui;\n"
    "D-2009-002;A-2009-001;01/01/2008;;sur_lieu;;;non;\n"
    "D-2009-003;A-2009-001;01/06/2008;non;;;;;\n"
)
# The legal sheet: one line per person and proceeding. Two claimants went to the labour court the same
# day and their claims closed apart; the natural key (case, kind, opening date) merged them.
PROCEDURES = (
    "reference;affaire_reference;type;partie_adverse;date_ouverture;date_saisine;date_cloture;personnes\n"
    "A-2009-001/P1;A-2009-001;cph;SARL Le Bistrot;10/03/2009;02/02/2009;15/09/2012;D-2009-001\n"
    "A-2009-001/P2;A-2009-001;cph;SARL Le Bistrot;10/03/2009;02/02/2009;04/05/2015;D-2009-002\n"
    "A-2009-001/P3;A-2009-001;penal;;10/03/2009;;;D-2009-001|D-2009-002|D-2009-003\n"
    "A-2009-001/P4;A-2009-001;indemnisation_autre;;01/06/2013;;;D-2009-003\n"
)
ETAPES = (
    "procedure_reference;type;date;stade_apres\n"
    "A-2009-001/P1;jugement;15/09/2012;\n"
    "A-2009-001/P2;jugement;20/11/2013;\n"
    "A-2009-001/P2;arret_appel;04/05/2015;\n"
    "A-2009-001/P3;plainte;10/03/2009;\n"
    "A-2009-001/P3;classement_sans_suite;01/02/2010;\n"
    "A-2009-001/P3;citation_directe;01/09/2011;\n"
    "A-2009-001/P3;reprise_suivi;01/09/2013;Appeal\n"
    "A-2009-001/P4;preparation_demande;01/06/2013;\n"
)
DECISIONS = (
    "procedure_reference;date;niveau;nature;montant_accorde\n"
    "A-2009-001/P1;15/09/2012;1;Employer ordered to pay;12 000\n"
    "A-2009-001/P2;04/05/2015;2;employeur_condamne;8 000\n"
)


def _fichiers(**remplace):
    fichiers = {
        "personnes": PERSONNES, "affaires": AFFAIRES, "exploitations": EXPLOITATIONS, "procedures": PROCEDURES,
        "etapes": ETAPES, "decisions": DECISIONS,
    }  # fmt: skip
    fichiers.update(remplace)
    return [(f"{nom}.csv", csv(texte)) for nom, texte in fichiers.items()]


def test_two_claimants_proceedings_opened_the_same_day_stay_two_proceedings_with_their_closings():
    bilan = run_import(_fichiers(), essai=False)
    assert bilan.applique, [str(e) for e in bilan.erreurs]
    p1, p2 = Procedure.objects.get(reference="A-2009-001/P1"), Procedure.objects.get(reference="A-2009-001/P2")
    assert (p1.date_ouverture, p1.date_cloture) == (D(2009, 3, 10), D(2012, 9, 15))
    assert (p2.date_ouverture, p2.date_cloture) == (D(2009, 3, 10), D(2015, 5, 4))
    assert [p.numero_dossier for p in p1.personnes.all()] == ["D-2009-001"]
    assert (p1.partie_adverse, p1.date_saisine) == ("SARL Le Bistrot", D(2009, 2, 2))
    assert Decision.objects.get(procedure=p2).nature == "employeur_condamne"
    assert Decision.objects.get(procedure=p1).montant_accorde == Decimal("12000")
    assert ind.cph_personnes(Contexte(2012)) == 2 and ind.cph_affaires(Contexte(2012)) == 2
    assert ind.cph_personnes(Contexte(2014)) == 1  # the first claim closed in 2012
    encore = run_import(_fichiers(), essai=False)
    assert sum(b.crees + b.modifies for b in encore.entites.values()) == 0, [
        (n, [o.libelle for o in b.operations if o.action != "inchange"]) for n, b in encore.entites.items()
    ]


def test_new_case_exploitation_and_step_columns_and_codes_are_imported():
    bilan = run_import(_fichiers(), essai=False)
    assert bilan.applique, [str(e) for e in bilan.erreurs]
    affaire = Affaire.objects.get()
    assert (affaire.date_ouverture, affaire.source, affaire.collective) == (
        D(2009, 2, 3),
        "inspection_du_travail",
        True,
    )
    faits = {
        e.personne.numero_dossier: (e.principale, e.hebergement_par_exploiteur, e.loge_sur_lieu, e.emprise_renseignee)
        for e in Exploitation.objects.select_related("personne")
    }
    assert faits == {
        "D-2009-001": (True, True, False, True),  # "none recorded": an empty list with the flag
        "D-2009-002": (False, True, True, False),  # what the kind of housing says for sure
        "D-2009-003": (False, None, None, False),
    }
    reprise = Etape.objects.get(type="reprise_suivi")
    assert reprise.stade_apres == "appel"
    # The criminal proceedings: complaint, dismissal, direct summons (trial), then the sheet's "appeal".
    assert ind.repartition_b24(Contexte(2010))["classement_sans_suite"] == 3
    assert ind.repartition_b24(Contexte(2012))["premiere_instance"] == 3
    assert ind.repartition_b24(Contexte(2014))["appel"] == 3
    assert ind.repartition_b26(Contexte(2014)) == {"civi": 0, "sarvi": 0, "autre": 1}
    assert ind.indemnisation_personnes(Contexte(2014)) == 1


@pytest.mark.parametrize(
    ("fichier", "remplace", "colonne"),
    [
        ("exploitations", EXPLOITATIONS.replace("sur_lieu;;", "sur_lieu;;non"), "loge_sur_lieu"),
        ("etapes", ETAPES.replace("P1;jugement", "P1;plainte"), "type"),
        ("etapes", ETAPES.replace("P2;jugement;20/11/2013;", "P2;jugement;20/11/2013;instruction"), "stade_apres"),
        ("procedures", PROCEDURES.replace("A-2009-001/P4;", ";"), "reference"),
    ],
)
def test_history_rows_obey_the_same_coherence_rules(fichier, remplace, colonne):
    bilan = run_import(_fichiers(**{fichier: remplace}), essai=True)
    assert any(e.fichier == f"{fichier}.csv" and colonne in e.colonne for e in bilan.erreurs), [
        str(e) for e in bilan.erreurs
    ]


def test_a_second_main_exploitation_of_a_person_is_refused():
    assert run_import(_fichiers(), essai=False).applique
    seconde = "numero_dossier;affaire_reference;date_debut;principale\nD-2009-001;;01/01/2011;oui\n"
    bilan = run_import([("exploitations.csv", csv(seconde))], essai=True)
    assert [(e.ligne, e.colonne) for e in bilan.erreurs] == [(2, "principale")]
    # Two in the same file: the database's constraint refuses them, nothing is written.
    deux = (
        "numero_dossier;affaire_reference;date_debut;principale\n"
        "D-2009-002;;01/01/2011;oui\nD-2009-002;;01/01/2012;oui\n"
    )
    bilan = run_import([("exploitations.csv", csv(deux))], essai=False)
    assert bilan.erreurs and not bilan.applique
    assert Exploitation.objects.filter(principale=True).count() == 1


def test_the_export_writes_the_new_columns_the_import_reads():
    assert run_import(_fichiers(), essai=False).applique
    lignes = {nom: contenu for nom, contenu in _export_csv()}
    assert lignes["procedures"].splitlines()[0].startswith("affaire_reference;reference;")
    assert "A-2009-001/P2;jugement;20/11/2013" in lignes["etapes"]
    assert "procedure_reference" in lignes["decisions"].splitlines()[0]


def _export_csv():
    import io
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(exportation.exporter_zip()))
    for nom in archive.namelist():
        yield nom.split("-", 1)[1].removesuffix(".csv"), archive.read(nom).decode("utf-8-sig")
