import datetime
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.db import connection

from accompagnement.models import Accompagnement, Exploitation, Personne
from donnees import exportation, services
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory

TRACES = ["Zorglubovic", "zorglubovic", "ZORGLUBOVIC", "+33 6 12 34 56 78", "0612345678", "amina.zorglubovic@"]


def occurrences(terme: str) -> list[str]:
    """Every table.column of the database (history and logs included) whose text holds `terme`."""
    trouvees = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for colonne in connection.introspection.get_table_description(cursor, table):
                nom = connection.ops.quote_name(colonne.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} "  # noqa: S608
                    f"WHERE LOWER(CAST({nom} AS TEXT)) LIKE %s",
                    [f"%{terme.lower()}%"],
                )
                if cursor.fetchone()[0]:
                    trouvees.append(f"{table}.{colonne.name}")
    return trouvees


def test_an_anonymised_person_leaves_no_trace_in_any_table(jeu_complet, make_user, client):
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    p1 = jeu_complet["p1"]
    admin = make_user("Administrateur")
    p1.telephone = "0612345678"  # an earlier phone, kept by the history
    p1.save()
    p1.telephone = "+33 6 12 34 56 78"
    p1.save()
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(Personne),
        object_id=str(p1.pk),
        object_repr=str(p1),
        action_flag=CHANGE,
    )
    assert occurrences("Zorglubovic")  # the scan does see the traces before
    services.personne_anonymiser(personne=p1, by=admin)
    for terme in TRACES:
        assert occurrences(terme) == [], terme
    assert occurrences("Durand")  # the other person of the case keeps her name


def test_anonymisation_keeps_what_the_figures_need(jeu_complet, make_user):
    p1 = jeu_complet["p1"]
    avant = Personne.objects.filter(pk=p1.pk).values("numero_dossier", "sexe", "annee_naissance", "nationalite").get()
    periodes = list(Accompagnement.objects.filter(personne=p1).values("date_debut", "date_cloture", "motif_cloture"))
    profil = list(Exploitation.objects.filter(personne=p1).values("secteur", "emprise", "remuneration_mensuelle_eur"))
    calcul = pytest.importorskip("rapports.calcul")
    rapports_avant = {annee: calcul.calculer(annee, serie=False).valeurs() for annee in (2019, 2020, 2024)}
    services.personne_anonymiser(personne=p1, by=make_user("Administrateur"))
    p1.refresh_from_db()
    assert Personne.objects.filter(pk=p1.pk).values(*avant).get() == avant
    assert (p1.nom, p1.prenom, p1.date_naissance, p1.telephone, p1.email) == ("ANONYME", "", None, "", "")
    assert p1.anonymise_le is not None
    assert list(Accompagnement.objects.filter(personne=p1).values(*periodes[0])) == periodes
    assert list(Exploitation.objects.filter(personne=p1).values(*profil[0])) == profil
    assert {annee: calcul.calculer(annee, serie=False).valeurs() for annee in (2019, 2020, 2024)} == rapports_avant


def test_retention_dry_run_lists_old_closed_files_only(db, make_user):
    ancienne = AccompagnementFactory(date_debut=datetime.date(2005, 1, 1), cloture=True).personne
    AccompagnementFactory(personne=ancienne, date_debut=datetime.date(2008, 1, 1), cloture=True)
    rouverte = AccompagnementFactory(date_debut=datetime.date(2005, 1, 1), cloture=True).personne
    AccompagnementFactory(personne=rouverte, date_debut=datetime.date(2023, 1, 1))
    recente = AccompagnementFactory(date_debut=datetime.date(2022, 1, 1), cloture=True).personne
    PersonneFactory()  # never supported: not a closed file
    sortie = io.StringIO()
    call_command("appliquer_retention", "--annees-apres-cloture", "10", "--dry-run", stdout=sortie)
    assert ancienne.numero_dossier in sortie.getvalue()
    assert rouverte.numero_dossier not in sortie.getvalue() and recente.numero_dossier not in sortie.getvalue()
    assert "1 file(s) would be anonymised" in sortie.getvalue()
    assert not Personne.objects.filter(anonymise_le__isnull=False).exists()
    call_command("appliquer_retention", "--annees-apres-cloture", "10", stdout=io.StringIO())
    assert list(Personne.objects.filter(anonymise_le__isnull=False)) == [ancienne]


def test_retention_task_runs_the_rule(db):
    from donnees.tasks import appliquer_retention

    personne = AccompagnementFactory(date_debut=datetime.date(2001, 1, 1), cloture=True).personne
    assert appliquer_retention.delay(annees=5, essai=True).get() == [personne.pk]
    assert appliquer_retention.delay(annees=5).get() == [personne.pk]
    personne.refresh_from_db()
    assert personne.nom == "ANONYME"


def test_right_of_access_export_holds_the_persons_records_only(jeu_complet):
    p1, p2 = jeu_complet["p1"], jeu_complet["p2"]
    archive = zipfile.ZipFile(io.BytesIO(services.export_personne(p1, by=None)))
    noms = archive.namelist()
    assert {"LISEZMOI.txt", "journal-acces.csv", "donnees.json", "01-personnes.csv"} <= set(noms)
    personnes = archive.read("01-personnes.csv").decode("utf-8-sig")
    assert "Zorglubovic" in personnes and p2.numero_dossier not in personnes
    donnees = json.loads(archive.read("donnees.json"))
    assert len(donnees["accompagnements"]) == 2
    assert {"hebergements", "aides", "procedures", "titres_sejour", "personnes_signalees"} <= donnees.keys()
    assert all(ligne["numero_dossier"] == p1.numero_dossier for ligne in donnees["exploitations"])


def test_export_filter_covers_every_personal_entity():
    from donnees import specs

    for entite in specs.ENTITES:
        if entite.personne:
            assert exportation.filtre_personne(entite, Personne(pk=1)) is not None


def test_retention_masks_every_person_of_a_batch(db, make_user):
    from tests.signalements.factories import SignalementFactory

    a = AccompagnementFactory(
        date_debut=datetime.date(2001, 1, 1), cloture=True, personne__nom="Quixotarian", personne__prenom="Ana"
    ).personne
    b = AccompagnementFactory(
        date_debut=datetime.date(2002, 1, 1), cloture=True, personne__nom="Wolfenbarger", personne__prenom="Ben"
    ).personne
    s = SignalementFactory(description="Ana Quixotarian et Ben Wolfenbarger travaillaient ensemble.")
    admin = make_user("Administrateur")
    assert services.appliquer_retention(annees=10, essai=False, by=admin) == [a, b]
    s.refresh_from_db()
    assert s.description == "[…] et […] travaillaient ensemble."
    assert occurrences("Quixotarian") == [] and occurrences("Wolfenbarger") == []
    assert a.history.latest().history_user == admin
