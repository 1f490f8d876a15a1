"""The import's dry run and the model rules: warnings listed apart from errors (file, line, column), and a
report never imported without a potential victim."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from comptes.permissions import Role
from donnees.importation.engine import run_import
from psychosocial.models import Hebergement
from signalements.models import PersonneSignalee, Signalement

pytestmark = pytest.mark.django_db

PERSONNES = "numero_dossier;nom;date_naissance\nD-2019-001;Mendoza;17/05/1970\n"
ACCOMPAGNEMENTS = "numero_dossier;date_debut\nD-2019-001;01/03/2020\n"
HEBERGEMENTS = (
    "numero_dossier;dispositif;date_entree;date_sortie\n"
    "D-2019-001;appartement_femmes;01/02/2020;15/02/2020\n"  # before the support began: a warning
    "D-2019-001;appartement_femmes;01/04/2020;01/06/2022\n"  # 791 nights: a warning
    "D-2019-001;appartement_femmes;01/07/2022;10/07/2022\n"  # fine
)
SIGNALEMENTS = "reference;date_reception;canal;source_type\nS-2019-0001;04/02/2019;telephone;avocat\n"
VICTIMES = "signalement_reference;sexe;age\nS-2019-0001;F;30\n"


def _fichiers(**fichiers):
    return [(f"{nom}.csv", texte.replace("\n", "\r\n").encode()) for nom, texte in fichiers.items()]


@pytest.fixture(autouse=True)
def _en_anglais():
    with translation.override("en"):
        yield


def test_dry_run_lists_warnings_apart_by_file_line_and_column_and_they_do_not_block(make_user):
    fichiers = _fichiers(personnes=PERSONNES, accompagnements=ACCOMPAGNEMENTS, hebergements=HEBERGEMENTS)
    bilan = run_import(fichiers, par=make_user(Role.ADMINISTRATEUR), essai=True)
    assert not bilan.erreurs
    lieux = [(a.fichier, a.ligne, a.colonne) for a in bilan.avertissements]
    assert lieux == [("hebergements.csv", 2, "date_entree"), ("hebergements.csv", 3, "date_sortie")]
    assert "support began" in bilan.avertissements[0].message and "two years" in bilan.avertissements[1].message
    assert bilan.entites["hebergements"].crees == 3
    bilan = run_import(fichiers, par=make_user(Role.ADMINISTRATEUR), essai=False)
    assert bilan.applique and Hebergement.objects.count() == 3  # history is what it was


def test_a_row_with_an_error_and_a_warning_is_refused_and_the_warning_still_listed(make_user):
    hebergements = (
        "numero_dossier;dispositif;date_entree;date_sortie\nD-2019-001;appartement_femmes;01/02/2020;01/01/2020\n"
    )
    fichiers = _fichiers(personnes=PERSONNES, accompagnements=ACCOMPAGNEMENTS, hebergements=hebergements)
    bilan = run_import(fichiers, par=make_user(Role.ADMINISTRATEUR), essai=True)
    assert [(e.fichier, e.ligne, e.colonne) for e in bilan.erreurs] == [("hebergements.csv", 2, "date_sortie")]
    assert [(a.ligne, a.colonne) for a in bilan.avertissements] == [(2, "date_entree")]
    assert not set(map(str, bilan.erreurs)) & set(map(str, bilan.avertissements))


def test_the_command_prints_the_warnings_and_imports(tmp_path, make_user):
    user = make_user(Role.ADMINISTRATEUR)
    chemins = []
    for nom, contenu in _fichiers(personnes=PERSONNES, accompagnements=ACCOMPAGNEMENTS, hebergements=HEBERGEMENTS):
        (tmp_path / nom).write_bytes(contenu)
        chemins.append(str(tmp_path / nom))
    sortie = io.StringIO()
    call_command("importer_historique", *chemins, "--dry-run", "--utilisateur", user.username, stdout=sortie)
    lignes = sortie.getvalue().splitlines()
    avertissements = [ligne for ligne in lignes if ligne.startswith("AVERTISSEMENT ")]
    assert len(avertissements) == 2 and "hebergements.csv, line 2, column date_entree" in avertissements[0]
    assert not [ligne for ligne in lignes if ligne.startswith("ERREUR")] and "Dry run" in sortie.getvalue()


def test_the_preview_page_shows_warnings_apart_and_offers_the_confirmation(client_for):
    client = client_for(Role.ADMINISTRATEUR)
    envoi = [SimpleUploadedFile(nom, contenu) for nom, contenu in _fichiers(
        personnes=PERSONNES, accompagnements=ACCOMPAGNEMENTS, hebergements=HEBERGEMENTS
    )]  # fmt: skip
    reponse = client.post(reverse("donnees:importer"), {"fichiers": envoi})
    contenu = reponse.content.decode()
    assert reponse.context["confirmation"] is not None and not reponse.context["bilan"].erreurs
    assert "alert-danger" not in contenu and contenu.count("alert-warning") == 1
    assert "2 avertissements" in contenu  # French UI
    assert "plus de deux ans" in contenu


def test_a_report_imported_without_any_potential_victim_is_refused_at_its_line(make_user):
    bilan = run_import(_fichiers(signalements=SIGNALEMENTS), essai=True)
    assert [(e.fichier, e.ligne, e.colonne) for e in bilan.erreurs] == [("signalements.csv", 2, "reference")]
    assert "at least one potential victim" in bilan.erreurs[0].message
    bilan = run_import(_fichiers(signalements=SIGNALEMENTS, personnes_signalees=VICTIMES), essai=False)
    assert bilan.applique, bilan.erreurs
    assert PersonneSignalee.objects.get().signalement.reference == "S-2019-0001"
    # Updating the report alone: its potential victim is in the database.
    modifie = SIGNALEMENTS.replace("avocat", "sante")
    bilan = run_import(_fichiers(signalements=modifie), essai=False)
    assert bilan.applique, bilan.erreurs
    assert Signalement.objects.get().source_type == "sante"


@pytest.mark.django_db
def test_a_negative_amount_is_refused_at_its_line_with_the_models_message(make_user):
    """The import leaves check constraints to the database (one query per row otherwise); the rows'
    rules still come from the model, with its message at the line."""
    from accompagnement.models import Personne
    from psychosocial.models import AideFinanciere
    from tests.accompagnement.factories import PersonneFactory

    PersonneFactory(numero_dossier="D-2020-001")
    texte = (
        "numero_dossier;date;type;montant\n"
        "D-2020-001;02/03/2021;alimentation;20\n"
        "D-2020-001;03/03/2021;alimentation;-5\n"
    )
    bilan = run_import([("aides.csv", texte.encode())], essai=False, par=make_user("Psychosocial"))
    assert not bilan.applique and AideFinanciere.objects.count() == 0
    assert [(e.ligne, e.message) for e in bilan.erreurs] == [(3, "The amount cannot be negative.")]
    assert Personne.objects.count() == 1
