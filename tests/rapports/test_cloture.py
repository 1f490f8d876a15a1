"""Closing a year: published figures frozen with their PDFs, revisions, the next year's N−1 column."""

import datetime
import hashlib
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from accompagnement import services as accompagnement_services
from comptes.contexte import pourcentage
from comptes.models import JournalAcces
from comptes.permissions import Role
from rapports import calcul, services
from rapports.calcul import COURANTS, calculer
from rapports.models import ExerciceCloture, GenerationPDF, SaisieAnnuelle
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.permission_matrix import ALL_ROLES

pytestmark = pytest.mark.django_db


def texte(contenu: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(contenu)).pages).replace("\n", " ")


@pytest.fixture
def direction(make_user):
    """Seven persons supported since 2023, three more from 2024 (file active 2024: 10), one yearly
    input; a Direction account."""
    for i in range(7):
        AccompagnementFactory(personne=PersonneFactory(), date_debut=f"2023-0{i + 1}-10")
    for _i in range(3):
        AccompagnementFactory(personne=PersonneFactory(), date_debut="2024-02-01")
    SaisieAnnuelle.objects.create(annee=2024, cle="benevoles", valeur=71)
    return make_user(Role.DIRECTION, username="directrice")


def fichier(generation: GenerationPDF) -> bytes:
    with generation.fichier.open("rb") as f:
        return f.read()


def corriger_2024(by):
    """A record of 2024 changes after the closing: one more person supported in 2024 (a service)."""
    accompagnement_services.accompagnement_ouvrir(
        personne=PersonneFactory(), date_debut=datetime.date(2024, 9, 1), by=by
    )


def fa(rapport, attribut="valeur"):
    return getattr(rapport.lignes["personnes_accompagnees"], attribut)


def test_closing_then_editing_a_record_keeps_published_figures_and_pdf(
    direction, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        exercice = services.exercice_cloturer(annee=2024, by=direction)
    assert (exercice.annee, exercice.version, exercice.cloture_par) == (2024, 1, direction)
    assert exercice.resultat["lignes"]["personnes_accompagnees"]["valeur"] == 10
    pdfs = {g.langue: g for g in exercice.generations.all()}
    assert set(pdfs) == {"fr", "en"} and all(g.statut == GenerationPDF.Statut.TERMINEE for g in pdfs.values())
    empreintes = {langue: hashlib.sha256(fichier(g)).hexdigest() for langue, g in pdfs.items()}
    assert "Published figures, version 1" in texte(fichier(pdfs["en"]))
    assert "Chiffres publiés, version 1" in texte(fichier(pdfs["fr"]))

    corriger_2024(direction)

    assert fa(calculer(2024, chiffres=COURANTS)) == 11  # the records changed…
    assert fa(calculer(2024)) == 10  # …the published figure did not
    exercice.refresh_from_db()
    assert exercice.resultat["lignes"]["personnes_accompagnees"]["valeur"] == 10
    for langue, generation in pdfs.items():
        generation.refresh_from_db()
        assert hashlib.sha256(fichier(generation)).hexdigest() == empreintes[langue]

    page = client_for("Accueil").get("/rapports/2024/").content.decode()
    assert 'id="publie"' in page and "Chiffres publiés, version 1" in page
    ligne = page[page.index('id="personnes_accompagnees"') :]
    ligne = ligne[: ligne.index("</tr>")]
    assert "révisé" in ligne and '<a href="/rapports/2024/detail/personnes_accompagnees/">11</a>' in ligne
    assert ">10</a>" in ligne  # the published figure stays, linked to its records
    assert "Publier une révision" not in page  # not for reception


def test_revised_is_marked_in_english(direction, client_for, settings):
    services.exercice_cloturer(annee=2024, by=direction, avec_pdf=False)
    corriger_2024(direction)
    client = client_for("Direction")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/rapports/2024/").content.decode()
    assert "Published figures, version 1" in page
    assert "revised" in page and "Publish a revision" in page


def test_next_year_prints_the_published_figures_as_n_minus_1(direction, client_for):
    services.exercice_cloturer(annee=2024, by=direction, avec_pdf=False)
    corriger_2024(direction)
    rapport = calculer(2025)
    assert fa(rapport, "precedent") == 10
    assert rapport.publication is None and rapport.publication_precedente.version == 1
    assert rapport.serie_file_active[2024] == 10
    assert rapport.lignes["benevoles"].precedent == 71
    courant = calculer(2025, chiffres=COURANTS)
    assert fa(courant, "precedent") == 11 and courant.serie_file_active[2024] == 11
    # 11 persons in 2025: +10 % on the published 2024, ±0 on the records of 2024 today.
    assert rapport.lignes["personnes_accompagnees_evol_1an"].valeur == 10.0
    assert courant.lignes["personnes_accompagnees_evol_1an"].valeur == 0.0
    page = client_for("Juridique").get("/rapports/2025/").content.decode()
    assert "La colonne 2024 reprend les chiffres publiés de 2024 (version 1)." in page


def test_a_revision_creates_version_2_and_keeps_version_1(direction, client_for):
    v1 = services.exercice_cloturer(annee=2024, by=direction, avec_pdf=False)
    corriger_2024(direction)
    with pytest.raises(ValidationError):
        services.exercice_cloturer(annee=2024, by=direction, avec_pdf=False)  # already closed
    with pytest.raises(ValidationError):
        services.exercice_cloturer(annee=2023, by=direction, revision=True, avec_pdf=False)  # never closed
    v2 = services.exercice_cloturer(annee=2024, by=direction, revision=True, motif="late record", avec_pdf=False)
    assert v2.version == 2 and v2.resultat["lignes"]["personnes_accompagnees"]["valeur"] == 11
    v1.refresh_from_db()
    assert v1.resultat["lignes"]["personnes_accompagnees"]["valeur"] == 10
    assert fa(calculer(2024)) == 11 and calculer(2024).publication.version == 2
    assert fa(calculer(2025), "precedent") == 11
    page = client_for("Direction").get("/rapports/2024/").content.decode()
    versions = page[page.index('id="versions"') :]
    assert "late record" in versions and versions.count("<tr>") == 3  # header, v2, v1
    assert "révisé" not in page[: page.index('id="versions"')]


def test_published_figures_are_never_updated_or_deleted(direction):
    exercice = services.exercice_cloturer(annee=2024, by=direction, avec_pdf=False)
    with pytest.raises(PermissionError):
        ExerciceCloture.objects.filter(pk=exercice.pk).update(version=9)
    with pytest.raises(PermissionError):
        ExerciceCloture.objects.all().delete()
    with pytest.raises(PermissionError):
        exercice.delete()
    exercice.motif = "changed"
    with pytest.raises(PermissionError):
        exercice.save()
    assert ExerciceCloture.history.filter(id=exercice.pk, history_type="+").count() == 1


def test_only_direction_closes_a_year(make_user):
    for role in ALL_ROLES:
        if role != Role.DIRECTION:
            with pytest.raises(PermissionDenied):
                services.exercice_cloturer(annee=2024, by=make_user(role), avec_pdf=False)
    assert not ExerciceCloture.objects.exists()


@pytest.mark.parametrize("role", ALL_ROLES)
def test_closing_by_post_for_every_role(client_for, role):
    client = client_for(role)
    response = client.post("/rapports/2024/cloturer/", {"confirmer": "on"})
    if role == Role.DIRECTION:
        assert response.status_code == 302 and response["Location"] == "/rapports/2024/"
        exercice = ExerciceCloture.objects.get()
        assert exercice.cloture_par == client.user
        assert JournalAcces.objects.filter(
            utilisateur=client.user, action=JournalAcces.Action.MODIFICATION, object_id=str(exercice.pk)
        ).exists()
    else:
        assert response.status_code == 403
        assert not ExerciceCloture.objects.exists()


def test_closing_needs_a_confirmation_and_a_revision_a_reason(client_for):
    client = client_for("Direction")
    page = client.get("/rapports/2024/cloturer/").content.decode()
    assert "Clôturer l'exercice 2024" in page
    assert client.post("/rapports/2024/cloturer/", {}).status_code == 200  # not confirmed
    assert not ExerciceCloture.objects.exists()
    assert client.post("/rapports/2024/cloturer/", {"confirmer": "on"}).status_code == 302
    assert "Publier une révision de 2024" in client.get("/rapports/2024/cloturer/").content.decode()
    assert client.post("/rapports/2024/cloturer/", {"confirmer": "on"}).status_code == 200  # no reason
    assert client.post("/rapports/2024/cloturer/", {"confirmer": "on", "motif": "fix"}).status_code == 302
    assert list(ExerciceCloture.objects.values_list("version", flat=True)) == [2, 1]


def rapport_json(tmp_path, *options) -> dict:
    sortie = tmp_path / "r.json"
    call_command("rapport_annuel", "--annee", "2024", "--format", "json", "--output", str(sortie), *options)
    return json.loads(sortie.read_text(encoding="utf-8"))


def test_rapport_annuel_prints_published_or_current_figures(direction, tmp_path, capsys):
    services.exercice_cloturer(annee=2024, by=direction, avec_pdf=False)
    corriger_2024(direction)
    publies = rapport_json(tmp_path)
    assert publies["indicateurs"]["personnes_accompagnees"] == 10
    assert publies["publication"]["chiffres"] == "publies" and publies["publication"]["version"] == 1
    assert "2024: publies v1" in capsys.readouterr().err
    courants = rapport_json(tmp_path, "--chiffres", "courants")
    assert courants["indicateurs"]["personnes_accompagnees"] == 11
    assert courants["publication"] == {
        "chiffres": "courants",
        "version": None,
        "cloture_le": None,
        "version_precedente": None,
    }
    assert "2024: courants" in capsys.readouterr().err
    sortie = tmp_path / "r.csv"
    call_command("rapport_annuel", "--annee", "2025", "--format", "csv", "--output", str(sortie))
    assert "chiffres_2024" in sortie.read_text(encoding="utf-8-sig").splitlines()[0]
    assert ",courants,publies v1" in sortie.read_text(encoding="utf-8-sig").splitlines()[1]


def test_cloturer_exercice_command(direction, make_user, capsys):
    accueil = make_user(Role.ACCUEIL, username="accueil")
    with pytest.raises(CommandError, match="not a Direction account"):
        call_command("cloturer_exercice", "--annee", "2024", "--par", "accueil", "--sans-pdf")
    with pytest.raises(CommandError, match="No active account"):
        call_command("cloturer_exercice", "--annee", "2024", "--par", "personne", "--sans-pdf")
    assert not ExerciceCloture.objects.exists() and accueil
    call_command("cloturer_exercice", "--annee", "2024", "--par", "directrice")
    assert "2024 closed: version 1" in capsys.readouterr().out
    exercice = ExerciceCloture.objects.get()
    assert exercice.generations.count() == 2  # PDFs of record requested (run on commit)
    assert JournalAcces.objects.filter(
        utilisateur=direction, action=JournalAcces.Action.MODIFICATION, object_id=str(exercice.pk)
    ).exists()
    with pytest.raises(CommandError, match="already closed"):
        call_command("cloturer_exercice", "--annee", "2024", "--par", "directrice")
    call_command("cloturer_exercice", "--annee", "2024", "--par", "directrice", "--revision", "--sans-pdf")
    assert sorted(ExerciceCloture.objects.values_list("version", flat=True)) == [1, 2]


def test_open_year_computes_itself_only_when_earlier_years_are_closed(direction, fausses_fonctions, monkeypatch):
    """The first computation of an open year whose ten previous years are closed: year N's
    functions, no N−1, no series query (the published points and N's file active), and no change
    of the file active from a closed base year (counted from its published figure)."""
    annees, evolutions = [], []

    def personnes_accompagnees(ctx):
        annees.append(ctx.annee)
        return ctx.annee - 2000

    def evolution(ctx):
        evolutions.append(ctx.annee)
        return 0.0

    fausses_fonctions(
        {"personnes_accompagnees": personnes_accompagnees} | dict.fromkeys(calcul.EVOLUTIONS.values(), evolution)
    )
    for annee in range(2014, 2024):
        services.exercice_cloturer(annee=annee, by=direction, avec_pdf=False)
    annees.clear()
    evolutions.clear()

    def interdite(*args, **kwargs):
        raise AssertionError("the series' query should not run")

    monkeypatch.setattr(calcul, "serie_file_active", interdite)
    rapport = calculer(2024)
    assert annees == [2024] and evolutions == []
    assert fa(rapport) == 24 and fa(rapport, "precedent") == 23
    # From the published points of 2023, 2019 and 2014 (the series of the records when they were closed).
    bases = [rapport.serie_file_active[2024 - k] for k in calcul.EVOLUTIONS]
    attendues = [pourcentage(24 - base, base) if base else None for base in bases]
    assert [rapport.lignes[cle].valeur for cle in calcul.EVOLUTIONS.values()] == attendues
    assert attendues[0] is not None
    assert rapport.serie_file_active[2024] == 24
    assert set(rapport.serie_file_active) == set(range(2014, 2025))
