"""Erasure leaves nothing (docs/securite.md, section 7): after anonymisation, no form of the
person's identifiers in any text column of any table (history included), nor in any file
under MEDIA_ROOT or the private import folder."""

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from accompagnement import enums
from donnees import services
from donnees.models import Exportation
from tests.accompagnement.factories import EntreeJournalFactory, PersonneFactory
from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

# Every form the person's identifiers take in the seeded texts (regular expressions).
FORMES = {
    "surname": r"zorglubovi",
    "first name alone": r"\bamina\b",
    "used name": r"zorgaline",
    "name in a report": r"zorglubovitch",
    "phone in any spacing": r"6\W{0,3}12\W{0,3}34\W{0,3}56\W{0,3}78",
    "older phone": r"7\W{0,3}98\W{0,3}76\W{0,3}54\W{0,3}32",
    "e-mail": r"amina\.zorglubovic@",
    "birth date ISO": r"1985-03-07",
    "birth date French": r"0?7/0?3/1985",
    "birth date in words": r"7 mars 1985",
    "address": r"rue des lilas",
}
MOTIFS = {forme: re.compile(motif, re.IGNORECASE) for forme, motif in FORMES.items()}


def formes_dans(texte: str) -> list[str]:
    return [forme for forme, motif in MOTIFS.items() if motif.search(texte)]


def traces_en_base() -> list[str]:
    """table.column: form, for every text column of every table (history and logs included)."""
    trouvees = []
    for model in apps.get_models(include_auto_created=True):
        champs = [f.column for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        if not champs:
            continue
        table = connection.ops.quote_name(model._meta.db_table)
        colonnes = ", ".join(connection.ops.quote_name(c) for c in champs)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {colonnes} FROM {table}")  # noqa: S608 — names from the model registry
            for ligne in cursor.fetchall():
                for colonne, valeur in zip(champs, ligne, strict=True):
                    trouvees += [f"{model._meta.db_table}.{colonne}: {f}" for f in formes_dans(str(valeur or ""))]
    return trouvees


def _textes_fichier(nom: str, contenu: bytes) -> list[tuple[str, str]]:
    parts = [(nom, contenu.decode("utf-8", "ignore"))]
    if contenu[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            for membre in archive.namelist():
                parts += _textes_fichier(f"{nom}/{membre}", archive.read(membre))
    return parts


def traces_en_fichiers() -> list[str]:
    trouvees = []
    for racine in (Path(settings.MEDIA_ROOT), services.DOSSIER_IMPORTS):
        if not racine.exists():
            continue
        for chemin in racine.rglob("*"):
            if chemin.is_file():
                for nom, texte in _textes_fichier(str(chemin), chemin.read_bytes()):
                    trouvees += [f"{nom}: {f}" for f in formes_dans(f"{nom}\n{texte}")]
    return trouvees


@pytest.fixture
def traces(jeu_complet, make_user):
    """Amina Zorglubovic's identifiers, written every way people write them, everywhere."""
    p1 = jeu_complet["p1"]
    p1.telephone = "07 98 76 54 32"  # an earlier phone, kept by the history
    p1.save()
    p1.telephone = "+33 6 12 34 56 78"
    p1.nom_usage = "Zorgaline"
    p1.date_naissance = datetime.date(1985, 3, 7)
    p1.adresse = "12 rue des Lilas\n75011 Paris"
    p1.save()
    PersonneSignaleeFactory(nom="Zorglubovitch", prenom="Amina", personne=p1)  # her birth name, in a report
    signalement = SignalementFactory(description="Une femme, née le 07/03/1985, appelle du 06 12 34 56 78.")
    signalement.description += " Elle écrit à amina.zorglubovic@example.org, habite 12 rue des Lilas."
    signalement.save()  # two history rows
    autre = PersonneFactory(nom="Durand", prenom="Léa")
    EntreeJournalFactory(personne=autre, texte="Amina est passée avec Léa ; née le 7 mars 1985 (1985-03-07).")
    EntreeJournalFactory(personne=autre, pole=enums.Pole.PSY, texte="Parle d'Amina, 06.12.34.56.78")
    for n in range(30):  # many rows of one table: masked in a bounded number of queries
        EntreeJournalFactory(personne=autre, texte=f"Appel {n} : Mme Zorgaline (07 98 76 54 32)")
    admin = make_user("Administrateur")
    services.export_executer(exportation_id=Exportation.objects.create(format="zip", demande_par=admin).pk)
    upload = services.DOSSIER_IMPORTS / "jeton"
    upload.mkdir(parents=True)
    (upload / "000-personnes.csv").write_text("nom;prenom\nZorglubovic;Amina\n")
    return {"p1": p1, "admin": admin}


def test_the_scan_sees_every_seeded_trace_before_erasure(traces):
    trouvees = "\n".join(traces_en_base() + traces_en_fichiers())
    for forme in FORMES:
        assert f": {forme}" in trouvees, forme


def test_erasure_leaves_no_trace_in_any_table_nor_any_file(traces):
    services.personne_anonymiser(personne=traces["p1"], by=traces["admin"])
    assert traces_en_base() == []
    assert traces_en_fichiers() == []
    assert Exportation.objects.filter(fichier="").count() == 1  # the record of who exported stays
    assert PersonneFactory._meta.model.objects.filter(nom="Durand", prenom="Léa").exists()  # others keep names


def test_masking_runs_a_bounded_number_of_queries_per_table(traces):
    with CaptureQueriesContext(connection) as requetes:
        services.personne_anonymiser(personne=traces["p1"], by=traces["admin"])
    table = '"accompagnement_entreejournal"'
    ecritures = [q["sql"] for q in requetes.captured_queries if q["sql"].startswith("UPDATE") and table in q["sql"]]
    assert len(ecritures) <= 2, len(ecritures)  # the person's own entries, then one bulk update of 30+ rows
    lectures = [q["sql"] for q in requetes.captured_queries if q["sql"].startswith("SELECT") and table in q["sql"]]
    assert len(lectures) <= 3, lectures


def test_retention_erases_several_persons_the_same_way(traces):
    services.personnes_anonymiser(personnes=[traces["p1"]], by=traces["admin"])
    assert traces_en_base() == []
    assert traces_en_fichiers() == []
