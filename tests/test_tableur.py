"""One spreadsheet writer: every CSV and XLSX the application produces neutralises formulas.

The exports are found from the URL resolver and the management commands, not from a list kept by
hand; a formula is planted in every free-text field of every record, and no cell of any file may
come out as a formula. A test also fails on any code that writes CSV or XLSX outside the writer.
"""

import csv
import datetime
import inspect
import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.apps import apps
from django.core.management import call_command, get_commands, load_command_class
from django.db import models
from django.urls import reverse

from comptes import tableur
from comptes.permissions import Role
from tests.permission_matrix import load_matrix
from tests.test_permission_matrix import _named_urls

RACINE = Path(__file__).resolve().parent.parent
MATRIX = load_matrix()
DOMAINE = ("signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation")
FORMULE = '={pk}+HYPERLINK("http://x.invalid";"clic")'


# --- The writer ---------------------------------------------------------------------------------


@pytest.mark.parametrize("debut", ["=", "+", "-", "@", "\t", "\r"])
def test_text_starting_like_a_formula_gets_a_quote_in_csv_and_xlsx(debut):
    texte = debut + "1+1"
    lignes = list(csv.reader(io.StringIO(tableur.csv_bytes([["titre"], [texte]]).decode("utf-8-sig")), delimiter=";"))
    assert lignes[1] == ["'" + texte]
    feuille = openpyxl.load_workbook(
        io.BytesIO(tableur.xlsx_bytes([tableur.Feuille("f", [["titre"], [texte]])]))
    ).active
    assert feuille["A2"].value == "'" + texte and feuille["A2"].data_type == "s"


def test_french_csv_has_semicolons_decimal_commas_french_dates_and_a_bom():
    contenu = tableur.csv_bytes([["a", "b", "c", "d"], [Decimal("3.50"), 12.5, datetime.date(2024, 3, 1), -4]])
    assert contenu.startswith(b"\xef\xbb\xbf")
    assert contenu.decode("utf-8-sig").splitlines()[1] == "3,50;12,5;01/03/2024;-4"


def test_machine_csv_has_commas_decimal_points_iso_dates_and_no_bom():
    contenu = tableur.csv_bytes(
        [["a", "b", "c"], [Decimal("3.50"), datetime.date(2024, 3, 1), "=1"]], dialecte="machine"
    )
    assert contenu.decode("utf-8").splitlines()[1] == "3.50,2024-03-01,'=1"


def test_xlsx_cells_are_numbers_and_dates_not_text():
    contenu = tableur.xlsx_bytes(
        [tableur.Feuille("f", [["n", "d", "x", "date"], [3, Decimal("2.5"), -1.5, datetime.date(2024, 1, 2)]])]
    )
    ligne = next(openpyxl.load_workbook(io.BytesIO(contenu)).active.iter_rows(min_row=2, values_only=True))
    assert ligne[:3] == (3, 2.5, -1.5) and ligne[3].date() == datetime.date(2024, 1, 2)


def test_xlsx_values_read_back_as_written():
    """Every kind of value the application writes, read back by openpyxl in both of its modes."""
    from django.utils import timezone
    from django.utils.safestring import mark_safe

    naif = datetime.datetime(2024, 1, 2, 3, 4, 5)  # noqa: DTZ001 (what a sheet holds)
    soir = timezone.make_aware(datetime.datetime(2024, 7, 1, 22, 30))  # noqa: DTZ001 (local time matters)
    paires = [  # (written, read back)
        ('a & b <c> "d"', 'a & b <c> "d"'), ("  indented ", "  indented "), ("line\r\nbreak", "line\r\nbreak"),
        ("bell\x07", "bell"), (True, True), (False, False), (0, 0), (-12, -12), (2**40, 2**40), (1.25, 1.25),
        (Decimal("3.50"), 3.5), (datetime.date(1994, 3, 1), datetime.datetime(1994, 3, 1)),  # noqa: DTZ001
        (naif, naif), (soir, timezone.localtime(soir).replace(tzinfo=None)), (datetime.time(13, 45),) * 2,
        (None, None), ("", None), (mark_safe("safe"), "safe"), ("é€😀", "é€😀"), ("=1+1", "'=1+1"),
    ]  # fmt: skip
    entete = [f"c{i}" for i in range(len(paires))]
    contenu = tableur.xlsx_bytes([tableur.Feuille("f", [entete, [ecrit for ecrit, _lu in paires]])])
    for lecture_seule in (False, True):
        lignes = list(openpyxl.load_workbook(io.BytesIO(contenu), read_only=lecture_seule)["f"].values)
        assert lignes == [tuple(entete), tuple(lu for _ecrit, lu in paires)]
    feuille = openpyxl.load_workbook(io.BytesIO(contenu))["f"]
    assert feuille["A1"].font.b and not feuille["A2"].font.b and feuille.freeze_panes == "A2"
    assert feuille["L2"].number_format == "DD/MM/YYYY" and feuille["M2"].number_format == "DD/MM/YYYY HH:MM"
    assert feuille["G2"].data_type == "n" and feuille["E2"].data_type == "b" and feuille["A2"].data_type == "s"


def test_xlsx_sheets_keep_their_titles_widths_and_frozen_panes():
    feuilles = [
        tableur.Feuille("Interventions & co", [["a", "b", "c"], [1, 2, 3]], largeurs={"B": 50, "AA": 12}, figer="C2"),
        tableur.Feuille("x" * 40, [["a"]], figer=None),
        tableur.Feuille("colonnes", [["a"], list(range(800))]),
    ]
    classeur = openpyxl.load_workbook(io.BytesIO(tableur.xlsx_bytes(iter(feuilles))))
    assert classeur.sheetnames == ["Interventions & co", "x" * 31, "colonnes"]
    premiere = classeur["Interventions & co"]
    assert premiere.freeze_panes == "C2"
    assert premiere.column_dimensions["B"].width == 50 and premiere.column_dimensions["AA"].width == 12
    assert classeur["x" * 31].freeze_panes is None and classeur["colonnes"].freeze_panes == "A2"
    assert classeur["colonnes"].cell(row=2, column=800).value == 799
    with pytest.raises(ValueError):
        tableur.xlsx_bytes([tableur.Feuille("a", [["x"]]), tableur.Feuille("A", [["y"]])])
    with pytest.raises(ValueError):
        tableur.xlsx_bytes([tableur.Feuille("a/b", [["x"]])])


def test_no_csv_or_xlsx_is_written_outside_the_writer():
    """A new export must go through comptes/tableur.py: writing CSV or a workbook elsewhere fails here."""
    interdit = re.compile(r"csv\.writer\(|csv\.DictWriter\(|Workbook\(|\.writerows?\(|xlsxwriter")
    fautifs = []
    for chemin in RACINE.rglob("*.py"):
        relatif = chemin.relative_to(RACINE)
        if relatif.parts[0] in {".venv", "tests", "node_modules"} or relatif == Path("comptes/tableur.py"):
            continue
        for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), start=1):
            if interdit.search(ligne):
                fautifs.append(f"{relatif}:{numero}: {ligne.strip()}")
    assert not fautifs, "CSV/XLSX written outside comptes/tableur.py:\n" + "\n".join(fautifs)


# --- Every export URL and command -----------------------------------------------------------------


def _est_un_export(nom: str) -> bool:
    """Named like an export, or its path names a spreadsheet file."""
    return bool(re.search(r"export|csv|xlsx|\.zip", nom + " " + _route(nom)))


def _route(nom: str) -> str:
    from django.urls import get_resolver

    namespace, _sep, court = nom.rpartition(":")
    resolver = get_resolver()
    for partie in namespace.split(":") if namespace else []:
        _prefixe, resolver = resolver.namespace_dict[partie]
    possibilites = resolver.reverse_dict.getlist(court)
    return " ".join(str(p[1]) for p in possibilites)


EXPORTS = sorted(nom for nom in _named_urls() if _est_un_export(nom))


def _fichier_termine(user, format_):
    from donnees import services
    from donnees.models import Exportation

    demande = services.export_executer(exportation_id=Exportation.objects.create(format=format_, demande_par=user).pk)
    return {"pk": demande.pk}


def _avec_consultation(kwargs: dict) -> dict:
    """The sealed part of a right of access holds the psychologist's consultations: give it one."""
    from tests.psychosocial.factories import ConsultationFactory

    ConsultationFactory(personne_id=kwargs["pk"])
    return kwargs


def _personne_suivie_cette_annee() -> int:
    """A person of this year's file active, so the drill-down of personnes_accompagnees lists one."""
    from django.utils import timezone

    from tests.accompagnement.factories import AccompagnementFactory

    AccompagnementFactory(date_debut=timezone.localdate().replace(month=1, day=1))
    return timezone.localdate().year


# How to reach the files of each export; a new export URL without an entry fails the test.
PREPARATIONS = {
    "donnees:exporter": None,  # the page that requests a full export; its files are export_telecharger's
    "donnees:export_telecharger": lambda user: [_fichier_termine(user, "zip"), _fichier_termine(user, "xlsx")],
    "donnees:modele_csv": lambda user: [{"entite": "personnes"}],
    "donnees:personne_export": lambda user: [MATRIX["donnees:personne_export"].args()],
    "donnees:personne_export_scelle": lambda user: [
        _avec_consultation(MATRIX["donnees:personne_export_scelle"].args())
    ],
    "rapports:detail_export": lambda user: [
        {"annee": annee, "cle": "personnes_accompagnees", "format": f}
        for annee in [_personne_suivie_cette_annee()]
        for f in ("csv", "xlsx")
    ],
    "juridique:titres_export": lambda user: [{}],
    "rapports:enquete_export": lambda user: [
        {"annee": 2024, "partie": p, "format": f} for p in ("socle", "victimes") for f in ("csv", "xlsx")
    ],
    "sensibilisation:export": lambda user: [{}],
    "rapports:export": lambda user: [{"annee": 2024, "format": f} for f in ("csv", "xlsx", "json")],
    "donnees:ctdc_export": lambda user: [{"debut": 1994, "fin": 2100, "k": 5}],
}
# Files with no free text in them: a formula cannot be planted there (figures and column names only).
SANS_TEXTE_LIBRE = {
    "donnees:modele_csv",
    "rapports:export",
    "rapport_annuel",
    "rapports:enquete_export",
    "enquete_traite",
    "donnees:ctdc_export",
    "export_ctdc",
}
# Files in another organisation's own format, for its scripts: the machine dialect (docs/ctdc.md).
DIALECTE_MACHINE = {"donnees:ctdc_export"}


def _planter():
    """A formula in every free-text field of every domain record (unique per row: some fields are)."""
    for model in apps.get_models():
        if model._meta.app_label not in DOMAINE or model.__name__.startswith("Historical"):
            continue
        champs = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices and not f.primary_key
        ]
        for pk in model._base_manager.values_list("pk", flat=True):
            valeur = FORMULE.format(pk=pk)
            model._base_manager.filter(pk=pk).update(**{f.attname: valeur[: f.max_length] for f in champs})


def _donnees():
    from tests.accompagnement.factories import EntreeJournalFactory, ExploitationFactory, SuiviFactory
    from tests.juridique.factories import EtapeFactory, TitreSejourFactory
    from tests.psychosocial.factories import AideFactory, HebergementFactory
    from tests.sensibilisation.factories import InterventionFactory
    from tests.signalements.factories import PersonneSignaleeFactory

    for _i in range(2):
        InterventionFactory()
        TitreSejourFactory()
        EtapeFactory()
        ExploitationFactory()
        SuiviFactory()
        EntreeJournalFactory()
        AideFactory()
        HebergementFactory()
        PersonneSignaleeFactory()


def _cellules(nom: str, contenu: bytes):
    """(file, cell value, is a formula) of every cell of a CSV, an XLSX or a ZIP of them."""
    if nom.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            for membre in archive.namelist():
                yield from _cellules(membre, archive.read(membre))
    elif nom.endswith(".xlsx"):
        for feuille in openpyxl.load_workbook(io.BytesIO(contenu)).worksheets:
            for ligne in feuille.iter_rows():
                for cellule in ligne:
                    yield nom, cellule.value, cellule.data_type == "f"
    elif nom.endswith(".csv"):
        texte = contenu.decode("utf-8-sig")
        separateur = ";" if ";" in texte.partition("\n")[0] else ","
        for ligne in csv.reader(io.StringIO(texte, newline=""), delimiter=separateur):
            for valeur in ligne:
                yield nom, valeur, False


def _verifier(nom_export: str, fichiers: list[tuple[str, bytes]]):
    plantees = 0
    assert fichiers, f"{nom_export}: no file"
    for nom, contenu in fichiers:
        for fichier, valeur, formule in _cellules(nom, contenu):
            assert not formule, f"{nom_export} {fichier}: formula cell {valeur!r}"
            if isinstance(valeur, str):
                assert not valeur.startswith(tableur.NEUTRALISES), f"{nom_export} {fichier}: {valeur!r}"
                plantees += valeur.startswith("'=")
    if nom_export not in SANS_TEXTE_LIBRE:
        assert plantees, f"{nom_export}: the planted formula is not in the file (planting missed it)"


def _nom_du_fichier(reponse) -> str:
    disposition = reponse.get("Content-Disposition", "")
    trouve = re.search(r'filename="?([^";]+)', disposition)
    assert trouve, f"not a download: {reponse.status_code} {reponse.get('Content-Type')}"
    return trouve.group(1)


def test_every_export_url_is_known():
    assert EXPORTS, "no export found: the discovery is broken"
    inconnus = sorted(set(EXPORTS) - PREPARATIONS.keys())
    assert not inconnus, f"export URLs without a way to check their files here: {inconnus}"


@pytest.mark.django_db
@pytest.mark.parametrize("nom", [n for n in EXPORTS if PREPARATIONS.get(n)])
def test_a_planted_formula_comes_out_as_text_from_every_export_url(client, make_user, nom):
    expect = MATRIX[nom]
    role = Role.ADMINISTRATEUR if Role.ADMINISTRATEUR in expect.allowed else sorted(expect.allowed)[0]
    user = make_user(role)
    client.force_login(user)
    _donnees()
    _planter()
    arguments = PREPARATIONS[nom](user)
    _planter()
    fichiers = []
    for kwargs in arguments:
        reponse = client.get(reverse(nom, kwargs=kwargs))
        assert reponse.status_code == 200, reponse.status_code
        contenu = b"".join(reponse.streaming_content) if reponse.streaming else reponse.content
        fichiers.append((_nom_du_fichier(reponse), contenu))
    _verifier(nom, fichiers)
    for fichier, contenu in _csv(fichiers):  # downloads are for people: French dialect
        if nom in DIALECTE_MACHINE:
            assert not contenu.startswith(b"\xef\xbb\xbf") and b"," in contenu.partition(b"\n")[0], f"{nom} {fichier}"
            continue
        assert contenu.startswith(b"\xef\xbb\xbf") and b";" in contenu.partition(b"\n")[0], f"{nom} {fichier}"


def _csv(fichiers):
    for nom, contenu in fichiers:
        if nom.endswith(".zip"):
            with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
                yield from _csv([(m, archive.read(m)) for m in archive.namelist()])
        elif nom.endswith(".csv"):
            yield nom, contenu


def _commandes_d_export() -> list[str]:
    """Our management commands whose code mentions CSV or XLSX files."""
    projet = {a.name for a in apps.get_app_configs() if not a.name.startswith(("django.", "allauth"))}
    trouvees = []
    for nom, app in get_commands().items():
        if app in projet:
            source = inspect.getsource(type(load_command_class(app, nom)))
            if re.search(r"csv|xlsx", source, re.IGNORECASE):
                trouvees.append(nom)
    return sorted(trouvees)


# How to run each command that handles spreadsheets; one that only reads them maps to None.
COMMANDES = {
    "exporter_donnees": [["{dossier}/tout.xlsx"], ["{dossier}/tout.zip"]],
    "rapport_annuel": [
        ["--annee", "2024", "--format", "csv", "--output", "{dossier}/r.csv"],
        ["--annee", "2024", "--format", "csv", "--dialecte", "fr", "--output", "{dossier}/r-fr.csv"],
        ["--annee", "2024", "--format", "xlsx", "--output", "{dossier}/r.xlsx"],
    ],
    "enquete_traite": [
        ["--annee", "2024", "--partie", p, "--format", f, "--sortie", f"{{dossier}}/{p}.{f}"]
        for p in ("socle", "victimes")
        for f in ("csv", "xlsx")
    ],
    "importer_historique": None,  # reads files only
    "bench": None,  # times the exports (through the writer) and writes no spreadsheet file
    "export_ctdc": [["--annees", "1994-2100", "--k", "5", "--sortie", "{dossier}/ctdc.csv"]],
}


def test_every_spreadsheet_command_is_known():
    inconnues = sorted(set(_commandes_d_export()) - COMMANDES.keys())
    assert not inconnues, f"commands writing spreadsheets without a check here: {inconnues}"


@pytest.mark.django_db
@pytest.mark.parametrize("commande", [c for c, a in COMMANDES.items() if a])
def test_a_planted_formula_comes_out_as_text_from_every_export_command(commande, tmp_path):
    _donnees()
    _planter()
    fichiers = []
    for arguments in COMMANDES[commande]:
        arguments = [a.format(dossier=tmp_path) for a in arguments]
        call_command(commande, *arguments, stderr=io.StringIO())
        sortie = Path(next(a for a in arguments if a.startswith(str(tmp_path))))
        fichiers.append((sortie.name, sortie.read_bytes()))
    _verifier(commande, fichiers)
