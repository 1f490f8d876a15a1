import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accompagnement.models import Accompagnement, Exploitation, LieuExploitation, Personne
from donnees.importation import reader
from donnees.importation.engine import run_import

PERSONNES = (
    "numero_dossier;nom;prenom;sexe;date_naissance;nationalite;interprete;telephone\n"
    "D-1990-001;Mendoza;Rosa;F;17/05/1970;Philippines;oui;+63 912 345 6789\n"
    "D-1990-002;Traoré;Awa;Femme;1985-02-01;ML;non;\n"
)


def csv(texte: str, encodage="utf-8", bom=False) -> bytes:
    contenu = texte.replace("\n", "\r\n").encode(encodage)
    return (b"\xef\xbb\xbf" if bom else b"") + contenu


@pytest.mark.django_db
def test_dry_run_lists_creations_and_writes_nothing():
    bilan = run_import([("personnes.csv", csv(PERSONNES))], essai=True)
    assert not bilan.erreurs
    assert bilan.entites["personnes"].crees == 2
    assert not bilan.applique
    assert Personne.objects.count() == 0


@pytest.mark.django_db
def test_real_run_parses_french_formats():
    bilan = run_import([("personnes.csv", csv(PERSONNES))], essai=False)
    assert bilan.applique, bilan.erreurs
    rosa = Personne.objects.get(numero_dossier="D-1990-001")
    assert (rosa.sexe, rosa.date_naissance, rosa.annee_naissance) == ("F", datetime.date(1970, 5, 17), 1970)
    assert (rosa.nationalite.code, rosa.interprete, rosa.telephone) == ("PH", True, "+63 912 345 6789")
    assert rosa.cle_recherche == "mendoza rosa"
    awa = Personne.objects.get(numero_dossier="D-1990-002")
    assert (awa.sexe, awa.date_naissance, awa.interprete) == ("F", datetime.date(1985, 2, 1), False)
    assert rosa.history.count() == 1  # the audit trail covers imports


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encodage", "bom", "separateur"),
    [("utf-8", True, ";"), ("utf-8", False, ","), ("cp1252", False, ";"), ("cp1252", False, "\t")],
)
def test_excel_encodings_bom_and_separators(encodage, bom, separateur):
    texte = PERSONNES.replace(";", separateur)
    bilan = run_import([("01-personnes.csv", csv(texte, encodage, bom))], essai=False)
    assert bilan.applique, bilan.erreurs
    assert Personne.objects.get(numero_dossier="D-1990-002").nom == "Traoré"


@pytest.mark.django_db
def test_errors_give_file_line_column_and_nothing_is_written():
    texte = (
        "numero_dossier;nom;sexe;date_naissance;interprete;couleur\n"
        "D-1;Ok;F;01/01/1980;oui;\n"
        "D-2;;Z;31/02/1980;peut-être;\n"
    )
    bilan = run_import([("personnes.csv", csv(texte))], essai=False)
    assert not bilan.applique
    assert Personne.objects.count() == 0
    erreurs = {(e.ligne, e.colonne): e.message for e in bilan.erreurs}
    assert "Unknown column" in erreurs[(1, "couleur")]
    bilan = run_import([("personnes.csv", csv(texte.replace(";couleur", "").replace(";\n", "\n")))], essai=True)
    erreurs = {(e.fichier, e.ligne, e.colonne): e.message for e in bilan.erreurs}
    assert "“31/02/1980” is not a valid date (dd/mm/yyyy)." == erreurs[("personnes.csv", 3, "date_naissance")]
    assert "not an allowed value" in erreurs[("personnes.csv", 3, "sexe")]
    assert "oui or non" in erreurs[("personnes.csv", 3, "interprete")]
    assert ("personnes.csv", 2, "nom") not in erreurs


@pytest.mark.django_db
def test_errors_are_in_the_users_language():
    from django.utils import translation

    texte = "numero_dossier;nom;date_naissance\nD-1;X;32/01/1980\n"
    with translation.override("fr"):
        bilan = run_import([("personnes.csv", csv(texte))], essai=True)
        assert (
            str(bilan.erreurs[0]) == "personnes.csv, ligne 2, colonne date_naissance\u00a0: « 32/01/1980 » "
            "n'est pas une date valide (jj/mm/aaaa)."
        )


@pytest.mark.django_db
def test_same_files_twice_create_no_duplicates_and_update_by_key():
    fichiers = [
        ("personnes.csv", csv(PERSONNES)),
        ("accompagnements.csv", csv("numero_dossier;date_debut;date_cloture;motif_cloture\nD-1990-001;01/03/1995;;\n")),
    ]
    assert run_import(fichiers, essai=False).applique
    second = run_import(fichiers, essai=False)
    assert second.applique
    assert (second.entites["personnes"].crees, second.entites["personnes"].inchanges) == (0, 2)
    assert Personne.objects.count() == 2 and Accompagnement.objects.count() == 1
    modifie = PERSONNES.replace("Rosa", "Rosalia")
    troisieme = run_import([("personnes.csv", csv(modifie))], essai=False)
    assert troisieme.entites["personnes"].modifies == 1
    rosa = Personne.objects.get(numero_dossier="D-1990-001")
    assert rosa.prenom == "Rosalia" and rosa.version == 2 and rosa.history.count() == 2


@pytest.mark.django_db
def test_all_or_nothing_when_a_later_file_fails():
    fichiers = [
        ("personnes.csv", csv(PERSONNES)),
        ("accompagnements.csv", csv("numero_dossier;date_debut\nD-1990-001;01/03/1995\nD-9999;01/03/1995\n")),
    ]
    bilan = run_import(fichiers, essai=False)
    assert not bilan.applique
    (erreur,) = bilan.erreurs
    assert (erreur.fichier, erreur.ligne, erreur.colonne) == ("accompagnements.csv", 3, "numero_dossier")
    assert "D-9999" in erreur.message
    assert Personne.objects.count() == 0 and Accompagnement.objects.count() == 0


@pytest.mark.django_db
def test_links_by_natural_keys_across_files(jeu):
    fichiers = [
        ("affaires.csv", csv("reference;intitule;type_exploiteur\nA-1995-01;Affaire X;diplomate\n")),
        (
            "exploitations.csv",
            csv(
                "numero_dossier;affaire_reference;date_debut;secteur;heures_par_jour;remuneration_mensuelle_eur;emprise\n"
                "D-2024-002;A-1995-01;01/01/2010;Travail domestique;15,5;1 200,50;isolement|dette\n"
            ),
        ),
        (
            "lieux_exploitation.csv",
            csv(
                "numero_dossier;affaire_reference;exploitation_date_debut;departement;pays\n"
                "D-2024-002;A-1995-01;01/01/2010;92;FR\n"
            ),
        ),
    ]
    bilan = run_import(fichiers, essai=False)
    assert bilan.applique, bilan.erreurs
    exploitation = Exploitation.objects.get(affaire__reference="A-1995-01")
    assert exploitation.personne == jeu["p2"]
    assert exploitation.heures_par_jour == Decimal("15.5")
    assert exploitation.remuneration_mensuelle_eur == Decimal("1200.50")
    assert exploitation.emprise == ["isolement", "dette"]
    assert LieuExploitation.objects.get(exploitation=exploitation).departement == "92"


@pytest.mark.django_db
def test_model_rules_are_checked_with_line_numbers():
    texte = "numero_dossier;date_debut;date_cloture\nD-1990-001;01/03/1995;01/01/1994\n"
    bilan = run_import([("personnes.csv", csv(PERSONNES)), ("accompagnements.csv", csv(texte))], essai=True)
    colonnes = {(e.ligne, e.colonne) for e in bilan.erreurs}
    assert (2, "date_cloture") in colonnes or (2, "motif_cloture") in colonnes


@pytest.mark.django_db
def test_duplicate_key_in_one_file_is_an_error():
    texte = PERSONNES + "D-1990-001;Autre;;F;;;non;\n"
    bilan = run_import([("personnes.csv", csv(texte))], essai=True)
    (erreur,) = bilan.erreurs
    assert erreur.ligne == 4 and "line 2" in erreur.message


def _xlsx(feuilles: dict[str, list[list]]) -> bytes:
    classeur = openpyxl.Workbook()
    classeur.remove(classeur.active)
    for nom, lignes in feuilles.items():
        feuille = classeur.create_sheet(nom)
        for ligne in lignes:
            feuille.append(ligne)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


@pytest.mark.django_db
def test_xlsx_sheets_with_typed_cells():
    contenu = _xlsx(
        {
            "personnes": [
                ["numero_dossier", "nom", "date_naissance", "interprete"],
                ["D-1", "Sy", datetime.datetime(1980, 1, 2), True],  # noqa: DTZ001 (Excel cells are naive)
            ],
            "accompagnements": [["numero_dossier", "date_debut"], ["D-1", datetime.date(2001, 5, 6)]],
        }
    )
    bilan = run_import([("historique.xlsx", contenu)], essai=False)
    assert bilan.applique, bilan.erreurs
    assert Personne.objects.get().date_naissance == datetime.date(1980, 1, 2)
    assert Accompagnement.objects.get().date_debut == datetime.date(2001, 5, 6)


@pytest.mark.django_db
def test_oversized_file_is_refused_with_a_message(monkeypatch):
    monkeypatch.setattr(reader, "MAX_SIZE", 100)
    bilan = run_import([("personnes.csv", csv(PERSONNES * 3))], essai=True)
    (erreur,) = bilan.erreurs
    assert "too large" in erreur.message


@pytest.mark.django_db
def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 1)
    bilan = run_import([("personnes.csv", csv(PERSONNES))], essai=True)
    assert "Too many rows" in bilan.erreurs[0].message


@pytest.mark.django_db
def test_xml_bomb_is_stopped():
    bombe = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>'
    )
    source = zipfile.ZipFile(io.BytesIO(_xlsx({"personnes": [["numero_dossier"]]})))
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for info in source.infolist():
            contenu = source.read(info.filename)
            archive.writestr(info, bombe if info.filename == "xl/worksheets/sheet1.xml" else contenu)
    bilan = run_import([("personnes.xlsx", tampon.getvalue())], essai=True)
    (erreur,) = bilan.erreurs
    assert "cannot be read safely" in erreur.message


@pytest.mark.django_db
def test_zip_bomb_is_refused():
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (50 * 1024 * 1024))
    bilan = run_import([("personnes.xlsx", tampon.getvalue())], essai=True)
    assert "zip bomb" in bilan.erreurs[0].message


@pytest.mark.django_db
def test_not_a_table_is_refused():
    bilan = run_import([("personnes.pdf", b"%PDF-1.4")], essai=True)
    assert "Unsupported file type" in bilan.erreurs[0].message
    bilan = run_import([("inconnu.csv", csv("a;b\n1;2\n"))], essai=True)
    assert "not a known data file" in bilan.erreurs[0].message


@pytest.mark.django_db
def test_command_dry_run_then_real_run(tmp_path):
    chemin = tmp_path / "personnes.csv"
    chemin.write_bytes(csv(PERSONNES, bom=True))
    sortie = io.StringIO()
    call_command("importer_historique", str(chemin), "--dry-run", stdout=sortie)
    assert "Dry run" in sortie.getvalue() and Personne.objects.count() == 0
    call_command("importer_historique", str(chemin), stdout=io.StringIO())
    assert Personne.objects.count() == 2
    mauvais = tmp_path / "donnees.csv"
    mauvais.write_bytes(csv("numero_dossier;nom;date_naissance\nD-3;X;hier\n"))
    with pytest.raises(CommandError, match="1 error"):
        call_command("importer_historique", str(mauvais), "--entite", "personnes", stdout=io.StringIO())


@pytest.mark.django_db
def test_unreadable_csv_line_is_refused_with_its_number():
    contenu = csv("numero_dossier;nom\nD-1;" + "x" * 200_000 + "\n")
    bilan = run_import([("personnes.csv", contenu)], essai=True)
    assert "Line 2 cannot be read" in bilan.erreurs[0].message


@pytest.mark.django_db
def test_command_line_may_raise_the_row_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 1)
    chemin = tmp_path / "personnes.csv"
    chemin.write_bytes(csv(PERSONNES))
    with pytest.raises(CommandError):
        call_command("importer_historique", str(chemin), stdout=io.StringIO(), stderr=io.StringIO())
    call_command("importer_historique", str(chemin), "--lignes-max", "10", stdout=io.StringIO())
    assert Personne.objects.count() == 2


@pytest.mark.django_db
def test_facts_without_some_columns_are_not_duplicated(jeu):
    texte = "numero_dossier;affaire_reference;exploitation_date_debut;departement\nD-2024-001;A-2020-01;01/01/2020;93\n"
    fichiers = [("lieux_exploitation.csv", csv(texte))]
    assert run_import(fichiers, essai=False).entites["lieux_exploitation"].crees == 1
    assert run_import(fichiers, essai=False).entites["lieux_exploitation"].crees == 0
    assert LieuExploitation.objects.filter(departement="93", pays="FR").count() == 1


@pytest.mark.django_db
def test_author_defaults_to_the_importing_user(jeu, make_user):
    from accompagnement.models import EntreeJournal

    texte = "numero_dossier;date;pole;type;texte\nD-2024-001;02/03/2015;accueil;note;Dossier papier repris.\n"
    sans_auteur = run_import([("journal.csv", csv(texte))], essai=True)
    assert [(e.ligne, e.colonne) for e in sans_auteur.erreurs] == [(2, "auteur")]
    admin = make_user("Administrateur")
    assert run_import([("journal.csv", csv(texte))], par=admin, essai=False).applique
    assert EntreeJournal.objects.get().auteur == admin
