"""Every data file that holds a person's records says how to find them (`Entite.personne`), so the
right of access, erasure and retention reach them: walked over every entity, the next one included."""

import datetime
import io
import zipfile

import pytest
from django.db import models

from accompagnement.models import ConsentementTransfert, EvenementTraite, Personne
from donnees import exportation, services, specs
from donnees.importation import reader


def _mene_a_la_personne(model, profondeur: int = 3) -> bool:
    """Whether a chain of foreign keys leads from `model` to Personne (a person's own records)."""
    if model is Personne:
        return True
    if profondeur == 0:
        return False
    return any(
        _mene_a_la_personne(f.related_model, profondeur - 1)
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey)
    )


def test_every_entity_whose_records_belong_to_a_person_says_how_to_find_them():
    sans_chemin = [e.nom for e in specs.ENTITES if _mene_a_la_personne(e.model) and not e.personne]
    assert sans_chemin == []
    assert {"evenements_traite", "consentements_transfert"} <= {e.nom for e in specs.ENTITES if e.personne}


def test_the_walk_sees_a_person_reached_through_an_exploitation():
    assert _mene_a_la_personne(EvenementTraite) and _mene_a_la_personne(ConsentementTransfert)
    assert not _mene_a_la_personne(specs.par_nom()["avocats"].model)


@pytest.mark.django_db
def test_right_of_access_export_holds_every_file_of_the_person_and_nobody_else(jeu_complet):
    p1, p2 = jeu_complet["p1"], jeu_complet["p2"]
    # The other person has records of every new kind too: none may leak into p1's export.
    EvenementTraite.objects.create(exploitation=p2.exploitations.get(), type="exploitation", pays="FR", lieu="Lyon")
    ConsentementTransfert.objects.create(personne=p2, destinataire="Autre", date_consentement=datetime.date(2024, 1, 2))
    complet = zipfile.ZipFile(io.BytesIO(exportation.exporter_zip()))
    archive = zipfile.ZipFile(io.BytesIO(services.export_personne(p1, by=None)))
    for nom in complet.namelist():
        table = reader.read(nom, complet.read(nom))[0]
        if "numero_dossier" not in table.entetes:
            continue
        i = table.entetes.index("numero_dossier")
        if not any(cellules[i] == p1.numero_dossier for _n, cellules in table.lignes):
            continue
        assert nom in archive.namelist(), nom  # a file holding p1's records is in her export…
        sienne = reader.read(nom, archive.read(nom))[0]
        dossiers = {cellules[sienne.entetes.index("numero_dossier")] for _n, cellules in sienne.lignes}
        assert dossiers == {p1.numero_dossier}, nom  # …with her records only
    assert {"30-evenements_traite.csv", "31-consentements_transfert.csv"} <= set(archive.namelist())
