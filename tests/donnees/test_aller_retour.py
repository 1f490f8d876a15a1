"""The import format is complete: what the application holds survives export → fresh database → import.

Walks every entity of `donnees.specs`: the example files show every column, and a generated demo
database (every unit, every kind of record) comes back byte for byte through the CSV files."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accompagnement import enums
from accompagnement.models import ConsentementTransfert, EvenementTraite, Exploitation, Personne
from comptes.permissions import Role
from donnees import bench, exportation, specs
from donnees.importation import reader
from donnees.importation.engine import run_import
from signalements.models import Signalement

EXEMPLES = Path(settings.BASE_DIR) / "docs" / "exemples-import"
NOUVELLES_COLONNES = {
    "personnes": [
        "statut_admin_accueil", "mna", "ase", "addiction", "poursuivie", "hors_exploitation_accueil",
        "identification_statut", "identifie_par",
    ],
    "exploitations": ["formes", "relations_exploiteur", "recrutement_mode", "recrutement_pays", "recrutement_date"],
    "signalements": ["formes_presumees"],
    "evenements_traite": [c.nom for c in specs.par_nom()["evenements_traite"].colonnes],
    "consentements_transfert": [c.nom for c in specs.par_nom()["consentements_transfert"].colonnes],
}  # fmt: skip


def _fichiers_zip(contenu: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(contenu))
    return {nom: archive.read(nom) for nom in archive.namelist()}


def test_example_files_show_every_column_of_every_entity():
    entetes = {}
    for chemin in EXEMPLES.glob("*.csv"):
        table = reader.read(chemin.name, chemin.read_bytes())[0]
        entetes[table.nom] = set(table.entetes)
    manquants = {
        entite.nom: [c.nom for c in entite.colonnes if c.nom not in entetes.get(entite.nom, set())]
        for entite in specs.ENTITES
    }
    assert {nom: colonnes for nom, colonnes in manquants.items() if colonnes} == {}


def _faits_enquete_ctdc_htcds():
    """Fill the survey's, CTDC's and HTCDS's facts (issue 18) on some of the generated records, every
    column given, whatever the generator already fills: the round trip must carry each of them."""
    personnes = list(Personne.objects.order_by("pk")[:6])
    for n, personne in enumerate(personnes):
        Personne.objects.filter(pk=personne.pk).update(
            statut_admin_accueil=enums.StatutAdministratif.values[n % 5],
            mna=n % 3 == 0,
            ase=[True, False, None][n % 3],
            addiction=n % 2 == 0,
            poursuivie=[None, False, True][n % 3],
            hors_exploitation_accueil=n % 2 == 1,
            identification_statut=enums.StatutIdentification.values[n % 2],
            identifie_par=enums.Identificateur.values[n % 6],
        )
        ConsentementTransfert.objects.create(
            personne=personne,
            destinataire=f"=Partenaire {n}",  # neutralised on export, read back as written
            date_consentement=datetime.date(2024, 6, 1 + n),
            recueilli_par=get_user_model().objects.order_by("pk").first(),
            retire_le=datetime.date(2024, 9, 1) if n % 2 else None,
            precision="Transfert ; dossier complet" if n % 2 else "",
        )
    exploitations = list(Exploitation.objects.exclude(date_debut=None).order_by("pk")[:6])
    assert exploitations
    for n, exploitation in enumerate(exploitations):
        Exploitation.objects.filter(pk=exploitation.pk).update(
            formes=enums.FormeExploitation.values[n % 7 :][:2],
            relations_exploiteur=[enums.RelationExploiteur.values[n % 5]],
            recrutement_mode=enums.ModeRecrutement.values[n % 6],
            recrutement_pays="PH",
            recrutement_date=exploitation.date_debut,
            emprise=["substances_psychoactives", "horaires_excessifs"],
            emprise_renseignee=True,
        )
        for type_ in enums.TypeEvenement.values:
            EvenementTraite.objects.create(
                exploitation=exploitation,
                type=type_,
                pays="FR" if type_ == "exploitation" else "PH",
                lieu="Paris" if type_ == "exploitation" else "",
                date_debut=exploitation.date_debut if type_ != "transit" else None,
                date_fin=exploitation.date_fin if type_ == "exploitation" else None,
            )
    Signalement.objects.filter(pk__in=Signalement.objects.order_by("pk").values("pk")[:5]).update(
        formes_presumees=["mendicite_forcee", "criminalite_forcee"]
    )


@pytest.mark.django_db
def test_a_generated_database_round_trips_byte_for_byte(make_user):
    for role in Role:
        make_user(role)
    call_command("generer_donnees_demo", annees="2024-2024", echelle=1, graine=11, stdout=io.StringIO())
    _faits_enquete_ctdc_htcds()
    premier = _fichiers_zip(exportation.exporter_zip())
    vides = [nom for nom, contenu in premier.items() if contenu.count(b"\r\n") < 2]
    assert len(vides) <= 3, vides  # the generator fills (almost) every kind of record
    bench.vider_donnees()
    assert not any(e.model._default_manager.exists() for e in specs.ENTITES if e.nom != "appartements")
    bilan = run_import(sorted(premier.items()), essai=False, limites=reader.Limits.default())
    assert bilan.applique, [str(e) for e in bilan.erreurs[:20]]
    second = _fichiers_zip(exportation.exporter_zip())
    assert second.keys() == premier.keys()
    differents = [nom for nom in premier if second[nom] != premier[nom]]
    assert differents == []
    # Every column of the new facts came back filled somewhere (not only as empty cells).
    for nom, colonnes in NOUVELLES_COLONNES.items():
        fichier = next(contenu for f, contenu in second.items() if f.endswith(f"-{nom}.csv"))
        table = reader.read(f"{nom}.csv", fichier)[0]
        for colonne in colonnes:
            i = table.entetes.index(colonne)
            assert any(len(cellules) > i and cellules[i] not in ("", None) for _n, cellules in table.lignes), colonne
