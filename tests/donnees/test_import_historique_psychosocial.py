"""The import carries the psycho-social history fields (issue 16): step end dates and the codes
"recherche d'emploi" and "sans réponse", a shelter exit "autre", an activity's unit and classes,
the CVA's activity kinds, a child's attendance — by code or by label — and the export gives the
same columns back."""

import datetime

import pytest

from donnees import exportation
from donnees.importation.engine import run_import
from psychosocial.models import Activite, Demarche, Hebergement, Participation
from tests.donnees.test_export import _fichiers_zip, _vider
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FICHIERS = {
    "personnes.csv": "numero_dossier;nom;prenom;membre_cva\n"
    "D-2020-001;Diallo;Aïssatou;oui\nD-2020-002;Diallo;Binta;non\n",
    "accompagnements.csv": "numero_dossier;date_debut\nD-2020-001;01/01/2020\nD-2020-002;01/01/2020\n",
    "hebergements.csv": "numero_dossier;dispositif;date_entree;date_sortie;sortie_vers\n"
    "D-2020-001;hotel;01/02/2020;01/03/2020;Autre\n",
    "demarches.csv": "numero_dossier;type;nature;date_depot;resultat;date_resultat;date_fin\n"
    "D-2020-001;Recherche d'emploi (période);;01/03/2020;emploi;15/09/2020;15/09/2020\n"
    "D-2020-001;siao;;01/02/2020;Sans réponse;01/08/2020;\n",
    "activites.csv": "date;type;theme;intitule;pole;nb_classes\n"
    "10/10/2020;scolaire_cva;vie_associative;Témoignage au lycée;Pôle d'accueil et de vie associative;3\n"
    "12/12/2020;Événement du CVA (portes ouvertes, assemblée générale, rencontre avec des élus…);"
    "vie_associative;Portes ouvertes;accueil;0\n"
    "20/12/2020;socioculturelle;convivialite;Goûter;;0\n",
    "participations.csv": "activite_date;activite_type;activite_intitule;numero_dossier;enfant\n"
    "10/10/2020;scolaire_cva;Témoignage au lycée;D-2020-001;non\n"
    "12/12/2020;evenement_cva;Portes ouvertes;D-2020-001;\n"
    "20/12/2020;socioculturelle;Goûter;D-2020-001;non\n"
    "20/12/2020;socioculturelle;Goûter;D-2020-002;oui\n",
}


def _fichiers(**remplacements):
    return [(nom, (remplacements.get(nom) or texte).encode()) for nom, texte in FICHIERS.items()]


def test_history_fields_and_codes_import_by_code_or_label():
    bilan = run_import(_fichiers(), essai=False, par=UserFactory())
    assert bilan.applique, [str(e) for e in bilan.erreurs]
    assert Hebergement.objects.get().sortie_vers == "autre"
    periode = Demarche.objects.get(type="recherche_emploi")
    assert (periode.date_fin, periode.resultat) == (datetime.date(2020, 9, 15), "emploi")
    assert Demarche.objects.get(type="siao").resultat == "sans_reponse"
    ecole = Activite.objects.get(type="scolaire_cva")
    assert (ecole.pole, ecole.nb_classes) == ("accueil", 3)
    assert Activite.objects.get(intitule="Goûter").pole == ""
    assert Activite.objects.filter(type="evenement_cva").exists()
    assert list(Participation.objects.filter(enfant=True).values_list("personne__numero_dossier", flat=True)) == [
        "D-2020-002"
    ]
    assert Participation.objects.filter(enfant=False).count() == 3  # an empty cell is "no"


def test_the_import_applies_the_models_rules_to_the_new_fields():
    fin_avant = FICHIERS["demarches.csv"].replace("15/09/2020\n", "15/01/2020\n", 1)
    classes_atelier = FICHIERS["activites.csv"].replace("Goûter;;0", "Goûter;;2")
    bilan = run_import(_fichiers(**{"demarches.csv": fin_avant, "activites.csv": classes_atelier}), essai=True,
                       par=UserFactory())  # fmt: skip
    colonnes = {(e.fichier, e.colonne) for e in bilan.erreurs}
    assert ("demarches.csv", "date_fin") in colonnes
    assert ("activites.csv", "nb_classes") in colonnes


def test_the_new_columns_round_trip_through_the_export():
    par = UserFactory()
    assert run_import(_fichiers(), essai=False, par=par).applique
    premier = exportation.exporter_zip()
    colonnes = {
        nom.split("-", 1)[-1]: contenu.decode("utf-8-sig").splitlines()[0] for nom, contenu in _fichiers_zip(premier)
    }
    assert "date_fin" in colonnes["demarches.csv"] and "enfant" in colonnes["participations.csv"]
    assert "pole" in colonnes["activites.csv"] and "nb_classes" in colonnes["activites.csv"]
    _vider()
    bilan = run_import(_fichiers_zip(premier), essai=False, par=par)
    assert bilan.applique, [str(e) for e in bilan.erreurs]
    assert _fichiers_zip(exportation.exporter_zip()) == _fichiers_zip(premier)
    assert Participation.objects.get(enfant=True).personne.numero_dossier == "D-2020-002"
