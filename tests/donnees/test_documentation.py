import datetime
from pathlib import Path

import pytest
from django.conf import settings

from accompagnement.models import (
    Accompagnement,
    ConsentementTransfert,
    EvenementTraite,
    Exploitation,
    LieuExploitation,
    Personne,
)
from donnees import specs
from donnees.importation.engine import run_import
from psychosocial.enums import TYPES_CVA
from psychosocial.models import Activite, Demarche, Hebergement, Participation
from signalements.models import Signalement

DOCS = Path(settings.BASE_DIR) / "docs"


def test_import_doc_documents_every_column_of_every_format():
    texte = (DOCS / "import.md").read_text(encoding="utf-8")
    for entite in specs.ENTITES:
        section = texte.split(f"## `{entite.nom}`", 1)
        assert len(section) == 2, entite.nom
        corps = section[1].split("\n## ", 1)[0]
        for colonne in entite.colonnes:
            assert f"| `{colonne.nom}` |" in corps, (entite.nom, colonne.nom)


def test_import_doc_is_the_generated_one():
    """docs/import.md is regenerated whenever a format changes: `manage.py documenter_formats > docs/import.md`."""
    from donnees.documentation import markdown

    assert (DOCS / "import.md").read_text(encoding="utf-8") == markdown()


@pytest.mark.django_db
def test_example_files_import_dry_run_then_for_real(make_user):
    fichiers = [(p.name, p.read_bytes()) for p in sorted((DOCS / "exemples-import").glob("*.csv"))]
    assert len(fichiers) == len(specs.ENTITES)
    par = make_user("Direction")  # the author of the records whose author column is left empty
    essai = run_import(fichiers, essai=True, par=par)
    assert not essai.erreurs, [str(e) for e in essai.erreurs]
    assert Personne.objects.count() == 0
    bilan = run_import(fichiers, essai=False, par=par)
    assert bilan.applique
    assert Personne.objects.count() == 3 and Accompagnement.objects.count() == 4
    assert LieuExploitation.objects.filter(pays="QA").count() == 1
    assert Personne.objects.get(numero_dossier="D-2003-102").nationalite == "CI"
    assert Hebergement.objects.filter(sortie_vers="autre", auteur=par).count() == 1
    assert Demarche.objects.get(type="recherche_emploi").date_fin == datetime.date(2005, 9, 30)
    assert Demarche.objects.filter(resultat="sans_reponse").count() == 1
    assert Activite.objects.get(type="scolaire_cva").nb_classes == 4
    assert Participation.objects.filter(activite__type__in=TYPES_CVA).count() == 3
    # The survey's and HTCDS's facts, codes given by their French labels too (issue 18).
    santos = Personne.objects.get(numero_dossier="D-1998-014")
    assert (santos.statut_admin_accueil, santos.addiction, santos.identifie_par) == ("irregulier", None, "police")
    assert Personne.objects.get(numero_dossier="D-2003-102").identification_statut == "presumee"
    rahman = Exploitation.objects.get(personne__numero_dossier="D-2011-057")
    assert rahman.formes == ["travail_force"] and rahman.relations_exploiteur == ["ami_connaissance", "famille"]
    assert (rahman.recrutement_mode, rahman.recrutement_pays.code) == ("offre_emploi", "BD")
    assert "gains_confisques" in rahman.emprise

    assert Signalement.objects.get(reference="S-1997-0004").formes_presumees == [
        "servitude_domestique",
        "travail_force",
    ]
    assert EvenementTraite.objects.filter(exploitation__personne=santos).count() == 3
    assert EvenementTraite.objects.get(type="transit", pays="QA").date_debut is None
    assert [c.valide for c in ConsentementTransfert.objects.order_by("date_consentement")] == [False, True]
    # They show history's unknown values, imported as such ("non renseigné", docs/migration.md).
    assert {fichier for _nom, fichier, _inconnus in bilan.inconnus} == {
        "02-affaires.csv", "03-signalements.csv", "26-interventions.csv",
    }  # fmt: skip
    ecrits = {nom: b.crees + b.modifies for nom, b in bilan.entites.items()}
    assert all(ecrits[e.nom] for e in specs.ENTITES if e.nom != "appartements")
    encore = run_import(fichiers, essai=False, par=par)
    assert sum(b.crees + b.modifies for b in encore.entites.values()) == 0
