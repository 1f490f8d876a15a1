"""Values history lacks ("non renseigné"): imported without inventing them, the rows flagged as imported
history, counted per file by the import and by year in the data-quality panel, while new entries still
have to give them."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accompagnement.forms import AffaireForm
from accompagnement.models import Affaire
from comptes.contexte import Contexte
from comptes.permissions import Role
from donnees.importation.engine import run_import
from rapports import qualite
from sensibilisation.models import Intervention
from signalements import indicateurs
from signalements.forms import SignalementForm
from signalements.models import Signalement
from tests.accompagnement.factories import (
    AccompagnementFactory,
    AffaireFactory,
    ExploitationFactory,
    PersonneFactory,
)
from tests.signalements.factories import PersonneSignaleeFactory, SignalementFactory

pytestmark = pytest.mark.django_db

# Line 2: nothing recorded but the date; line 3: "non renseigné" written out, taken to the questionnaire
# without a consent date, closed without a decision date nor a reason; line 4: complete.
SIGNALEMENTS = (
    "reference;date_reception;canal;source_type;etape;decision;date_decision;motif_sans_suite;type_reorientation\n"
    "S-1998-0001;04/02/1998;;;recu;en_cours;;;\n"
    "S-1998-0002;10/03/1998;Non renseigné;inconnu;questionnaire;sans_suite;non renseigné;unknown;\n"
    "S-1998-0003;12/05/1998;telephone;avocat;recu;reorientation;20/05/1998;;hors_mandat\n"
)
VICTIMES = "signalement_reference;sexe\nS-1998-0001;F\nS-1998-0002;H\nS-1998-0003;F\n"
AFFAIRES = "reference;intitule;type_exploiteur\nA-1998-001;Affaire A;Non renseigné\nA-1998-002;Affaire B;diplomate\n"
INTERVENTIONS = (
    "date;titre;type;statut;organisme;departement\n"
    "15/06/1998;Session A;;realisee;;75\n"
    "16/06/1998;Session B;inconnu;realisee;non renseigné;93\n"
    "17/06/1998;Session C;sensibilisation;realisee;Lycée;75\n"
)


def _fichiers(**fichiers):
    return [(f"{nom}.csv", texte.replace("\n", "\r\n").encode()) for nom, texte in fichiers.items()]


def _historique():
    return _fichiers(signalements=SIGNALEMENTS, personnes_signalees=VICTIMES, affaires=AFFAIRES)


@pytest.fixture(autouse=True)
def _en_anglais():
    with translation.override("en"):
        yield


def test_history_imports_with_unknown_values_flagged_and_counted_per_file(make_user):
    fichiers = [*_historique(), *_fichiers(interventions=INTERVENTIONS)]
    essai = run_import(fichiers, par=make_user(Role.ADMINISTRATEUR), essai=True)
    assert not essai.erreurs, [str(e) for e in essai.erreurs]
    signalements = essai.entites["signalements"].inconnus["signalements.csv"]
    assert signalements.lignes == 2
    assert signalements.colonnes == {
        "canal": 2, "source_type": 2, "consentement_date": 1, "date_decision": 1, "motif_sans_suite": 1,
    }  # fmt: skip
    assert essai.entites["affaires"].inconnus["affaires.csv"].lignes == 1
    assert essai.entites["interventions"].inconnus["interventions.csv"].colonnes == {"type": 2, "organisme": 2}
    assert "personnes_signalees.csv" not in essai.entites["personnes_signalees"].inconnus
    assert Signalement.objects.count() == 0

    bilan = run_import(fichiers, par=make_user(Role.ADMINISTRATEUR), essai=False)
    assert bilan.applique and bilan.inconnus == essai.inconnus
    # Nothing invented: the unknown values stay empty.
    s2 = Signalement.objects.get(reference="S-1998-0002")
    assert (s2.canal, s2.source_type, s2.consentement_date, s2.date_decision, s2.motif_sans_suite) == (
        "", "", None, None, "",
    )  # fmt: skip
    assert s2.etape == "questionnaire" and s2.decision == "sans_suite"
    assert Affaire.objects.get(reference="A-1998-001").type_exploiteur == ""
    session = Intervention.objects.get(titre="Session B")
    assert (session.type, session.organisme) == ("", "")
    # Flagged as imported history, complete rows included.
    assert set(Signalement.objects.values_list("importe", flat=True)) == {True}
    assert set(Affaire.objects.values_list("importe", flat=True)) == {True}
    assert set(Intervention.objects.values_list("importe", flat=True)) == {True}
    # Importing the same files again: nothing changes, and the counts are the same.
    encore = run_import(fichiers, par=make_user(Role.ADMINISTRATEUR), essai=False)
    assert sum(b.crees + b.modifies for b in encore.entites.values()) == 0 and encore.inconnus == bilan.inconnus


def test_the_literal_is_not_read_as_unknown_where_it_means_something():
    personnes = "numero_dossier;nom;interprete\nD-1998-001;Inconnu;non\n"
    bilan = run_import(_fichiers(personnes=personnes), essai=False)
    assert bilan.applique and bilan.entites["personnes"].crees == 1  # a name stays a name
    bilan = run_import(_fichiers(personnes="numero_dossier;nom;interprete\nD-1998-002;X;inconnu\n"), essai=True)
    assert [e.colonne for e in bilan.erreurs] == ["interprete"]  # a box with a default is never "unknown"


def test_a_row_entered_in_the_app_cannot_lose_its_values_through_the_import(make_user):
    SignalementFactory(reference="S-2024-0001", date_reception=datetime.date(2024, 2, 1))
    fichiers = _fichiers(signalements="reference;date_reception;canal\nS-2024-0001;01/02/2024;\n")
    bilan = run_import(fichiers, par=make_user(Role.ADMINISTRATEUR), essai=True)
    assert [(e.ligne, e.colonne) for e in bilan.erreurs] == [(2, "canal")]


def test_the_command_and_the_preview_report_the_unknown_values_per_file(tmp_path, make_user, client_for):
    user = make_user(Role.ADMINISTRATEUR)
    chemins = []
    for nom, contenu in _historique():
        (tmp_path / nom).write_bytes(contenu)
        chemins.append(str(tmp_path / nom))
    for option in ("--dry-run", None):
        sortie = io.StringIO()
        call_command("importer_historique", *chemins, *([option] if option else []), "--utilisateur", user.username,
                     stdout=sortie)  # fmt: skip
        lignes = [ligne for ligne in sortie.getvalue().splitlines() if ligne.startswith("NON RENSEIGNÉ")]
        assert lignes == [
            "NON RENSEIGNÉ affaires.csv (affaires) : 1 ligne(s) — type_exploiteur 1",
            "NON RENSEIGNÉ signalements.csv (signalements) : 2 ligne(s) — canal 2, source_type 2, "
            "consentement_date 1, date_decision 1, motif_sans_suite 1",
        ]
    Signalement.objects.all().delete()
    Affaire.objects.all().delete()
    client = client_for(Role.ADMINISTRATEUR)
    envoi = [SimpleUploadedFile(nom, contenu) for nom, contenu in _historique()]
    contenu = client.post(reverse("donnees:importer"), {"fichiers": envoi}).content.decode()
    assert "signalements.csv (signalements) : 2 lignes" in contenu  # French UI
    assert "<code>type_exploiteur</code> 1" in contenu


def test_quality_panel_counts_unknown_values_by_year_imported_and_entered(make_user):
    run_import([*_historique(), *_fichiers(interventions=INTERVENTIONS)], par=make_user(Role.ADMINISTRATEUR),
               essai=False)  # fmt: skip
    # Entered in the app in 1998 too, complete: a total, not an unknown.
    SignalementFactory(date_reception=datetime.date(1998, 6, 1))
    personne = PersonneFactory()
    AccompagnementFactory(personne=personne, date_debut=datetime.date(1998, 9, 1))
    ExploitationFactory(personne=personne, affaire=Affaire.objects.get(reference="A-1998-001"))
    annee = qualite.comptes(Contexte(1998))
    signalements = annee["signalements"]
    assert (signalements["__total"], signalements["__importes"]) == (4, 3)
    assert {code: signalements[code] for code in ("canal", "source", "consentement", "date_decision")} == {
        "canal": 2, "source": 2, "consentement": 1, "date_decision": 1,
    }  # fmt: skip
    assert signalements["motif_sans_suite"] == 1 and signalements["canal__importes"] == 2
    assert (annee["interventions"]["type_intervention"], annee["interventions"]["organisme"]) == (2, 2)
    assert annee["interventions"]["__importes"] == 3
    # Another year has none of them.
    assert qualite.comptes(Contexte(1999))["signalements"]["canal"] == 0
    # The panel shows imported vs entered, and the records behind each count.
    bloc = next(b for b in qualite.panneau(annee) if b["population"] == "signalements")
    canal = next(c for c in bloc["controles"] if c["controle"].code == "canal")
    assert (bloc["importes"], canal["inconnus"], canal["importes"], canal["saisis"]) == (3, 2, 2, 0)
    refs = set(qualite.enregistrements(Contexte(1998), "signalements", "canal").values_list("reference", flat=True))
    assert refs == {"S-1998-0001", "S-1998-0002"}
    assert annee["P_FA"]["type_exploiteur"] == 1
    assert list(qualite.enregistrements(Contexte(1998), "P_FA", "type_exploiteur")) == [personne]


def test_breakdowns_by_source_count_unknown_sources_as_not_recorded(make_user):
    run_import(_historique(), par=make_user(Role.ADMINISTRATEUR), essai=False)
    ctx = Contexte(1998)
    b1 = indicateurs.repartition_b1(ctx)
    assert b1["inconnu"] == 2 and b1["avocat"] == 1
    assert sum(b1.values()) == indicateurs.signalements_recus(ctx) == 3


def test_new_entries_still_require_the_values_and_imported_rows_may_keep_them_unknown():
    form = SignalementForm(data={"date_reception": "2024-02-01", "source_type": "avocat"})
    assert not form.is_valid() and "canal" in form.errors and form.fields["canal"].required
    with pytest.raises(ValidationError) as exc:
        Signalement(date_reception=datetime.date(2024, 2, 1), reference="S-X").full_clean()
    assert {"canal", "source_type"} <= exc.value.error_dict.keys()
    assert AffaireForm(data={"intitule": "A"}).errors.keys() >= {"type_exploiteur"}

    importe = SignalementFactory(canal="", source_type="", importe=True)
    PersonneSignaleeFactory(signalement=importe)
    donnees = {"date_reception": importe.date_reception.isoformat(), "version_attendue": importe.version}
    form = SignalementForm(data=donnees, instance=importe)
    assert form.is_valid(), form.errors
    assert not form.fields["canal"].required and form.fields["canal"].choices[0] == ("", "Not recorded")
    affaire = AffaireFactory(type_exploiteur="", importe=True)
    form = AffaireForm(data={"intitule": "A", "version_attendue": affaire.version}, instance=affaire)
    assert form.is_valid(), form.errors


def test_sources_of_new_persons_count_an_unknown_source_as_not_recorded(make_user):
    fichiers = _fichiers(
        signalements="reference;date_reception;canal;source_type\nS-2024-0001;05/01/2024;;non renseigné\n",
        personnes_signalees="signalement_reference;sexe\nS-2024-0001;F\n",
        personnes="numero_dossier;nom\nD-2024-001;Mendoza\nD-2024-002;Traoré\n",
        accompagnements="numero_dossier;date_debut;signalement_reference\nD-2024-001;01/03/2024;S-2024-0001\n"
        "D-2024-002;01/04/2024;\n",
    )
    assert run_import(fichiers, par=make_user(Role.ADMINISTRATEUR), essai=False).applique
    b3 = indicateurs.repartition_b3(Contexte(2024))
    assert b3["inconnu"] == 2 and sum(b3.values()) == 2  # unknown source, and no report at all


def test_every_value_history_may_lack_can_be_stored_empty_and_is_flagged_by_one_mechanism():
    from django.apps import apps

    from comptes.coherence import Historique
    from donnees import specs

    modeles = {e.model for e in specs.ENTITES}
    historiques = [m for m in apps.get_models() if issubclass(m, Historique)]
    assert {m._meta.label for m in historiques} >= {
        "signalements.Signalement", "accompagnement.Affaire", "sensibilisation.Intervention",
    }  # fmt: skip
    for model in apps.get_models():
        if getattr(model, "regles_requis", None):
            assert issubclass(model, Historique), model  # one flag, one rule for forms, import and panel
    for model in historiques:
        assert model in modeles, model  # the import creates them, so it can flag them
        colonnes = {c.nom for e in specs.ENTITES if e.model is model for c in e.colonnes}
        assert "importe" not in colonnes and not model._meta.get_field("importe").editable
        for champ in model.regles_requis:
            field = model._meta.get_field(champ)
            assert field.null or field.blank, (model, champ)
            assert champ in colonnes, (model, champ)


def test_the_data_quality_page_shows_imported_and_entered_unknowns(make_user, client_for):
    run_import([*_historique(), *_fichiers(interventions=INTERVENTIONS)], par=make_user(Role.ADMINISTRATEUR),
               essai=False)  # fmt: skip
    with translation.override("fr"):
        page = client_for(Role.DIRECTION).get(reverse("rapports:qualite_annee", args=[1998])).content.decode()
    assert "Canal du signalement non renseigné" in page
    assert "Signalements reçus (3, dont 3 importés de l'historique)" in page
    assert 'href="/rapports/1998/qualite/signalements/canal/">2</a>' in page
    assert "importés 2 · saisis 0" in page


def test_every_check_of_the_panel_lists_its_records(make_user, client_for):
    run_import(_historique(), par=make_user(Role.ADMINISTRATEUR), essai=False)
    client = client_for(Role.DIRECTION)
    for controle in qualite.CONTROLES:
        for population in controle.populations:
            reponse = client.get(reverse("rapports:qualite", args=[1998, population, controle.code]))
            assert reponse.status_code == 200, (population, controle.code)
    page = client.get(reverse("rapports:qualite", args=[1998, "signalements", "source"])).content.decode()
    assert "S-1998-0001" in page and "S-1998-0002" in page and "S-1998-0003" not in page
