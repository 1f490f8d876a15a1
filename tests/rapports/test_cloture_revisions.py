"""A closed year whose records change: every revised figure, breakdown line, precision and
data-quality count is marked beside the published one, and the changes behind it are listed."""

import datetime
import hashlib

import pytest

from accompagnement import services as accompagnement_services
from accompagnement.enums import Sexe
from comptes import suppression
from comptes.models import Correction, JournalAcces
from comptes.permissions import Role
from psychosocial import enums as psy_enums
from psychosocial import services as psy_services
from rapports import calcul, services
from rapports.calcul import Courant, Ligne, Precision, Rapport, calculer
from rapports.models import GenerationPDF
from rapports.registre import PAR_CLE
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory
from tests.psychosocial.factories import AideFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def direction(make_user):
    """2024: four persons supported (one of unknown sex), a food aid and a transport aid; a Direction account."""
    personnes = [PersonneFactory() for _ in range(3)] + [PersonneFactory(sexe="")]
    for personne in personnes:
        AccompagnementFactory(personne=personne, date_debut=datetime.date(2024, 2, 1))
    AideFactory(personne=personnes[0], type=psy_enums.TypeAide.ALIMENTATION)
    AideFactory(personne=personnes[1], type=psy_enums.TypeAide.TRANSPORT)
    return make_user(Role.DIRECTION, username="directrice")


def fermer(direction) -> None:
    services.exercice_cloturer(annee=2024, by=direction, avec_pdf=False)


def page(client, url="/rapports/2024/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def bloc(html: str, marqueur: str, fin: str) -> str:
    debut = html.index(marqueur)
    return html[debut : html.index(fin, debut)]


def fichier(generation: GenerationPDF) -> bytes:
    with generation.fichier.open("rb") as f:
        return f.read()


def aide_alimentation():
    from psychosocial.models import AideFinanciere

    return AideFinanciere.objects.get(type=psy_enums.TypeAide.ALIMENTATION)


def test_an_edited_record_marks_its_breakdown_lines_and_the_pdf_stays(
    direction, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        exercice = services.exercice_cloturer(annee=2024, by=direction)
    pdfs = list(exercice.generations.all())
    empreintes = [hashlib.sha256(fichier(g)).hexdigest() for g in pdfs]
    assert len(pdfs) == 2

    aide = aide_alimentation()
    aide.type = psy_enums.TypeAide.TRANSPORT  # recorded under the wrong kind
    psy_services.aide_enregistrer(aide=aide, version_attendue=aide.version, by=direction)

    client = client_for("Direction")
    html = page(client)
    graphique = bloc(html, 'id="graphique-aides_par_type"', "</figure>")
    revisees = bloc(graphique, 'class="table table-sm mb-0 mt-2 small lignes-revisees"', "</table>")
    alimentation = bloc(revisees, 'data-code="alimentation"', "</tr>")
    transport = bloc(revisees, 'data-code="transport"', "</tr>")
    assert "révisé" in alimentation and '">1</td>' in alimentation and '">0</td>' in alimentation
    assert "révisé" in transport and '">1</td>' in transport and '">2</td>' in transport
    resume = bloc(html, 'id="resume-revisions"', "</a></span>")
    assert "2 lignes de ventilation" in resume
    # The indicators of the kind (food aid 1 → 0) are revised too, and the badge opens the difference.
    ligne = bloc(html, 'id="aides_alimentation"', "</tr>")
    assert 'href="/rapports/2024/revisions/?cle=aides_alimentation"' in ligne

    for generation, empreinte in zip(pdfs, empreintes, strict=True):  # the PDFs of record never change
        generation.refresh_from_db()
        assert hashlib.sha256(fichier(generation)).hexdigest() == empreinte
    assert calculer(2024).repartitions["aides_par_type"] == exercice.resultat["repartitions"]["aides_par_type"]

    difference = page(client, "/rapports/2024/revisions/?cle=aides_alimentation")
    carte = bloc(difference, 'id="difference"', "</section>")
    assert "Publié" in carte and "Aujourd" in carte and ">-1<" in carte
    changements = bloc(difference, 'id="changements"', "</section>")
    assert "modifié" in changements and str(aide) in changements


def test_a_deletion_shows_the_year_revised_with_its_reason_listed_for_those_who_may_see_it(direction, client_for):
    fermer(direction)
    correction = suppression.element_supprimer(obj=aide_alimentation(), motif="recorded twice", by=direction)
    assert 2024 in correction.annees

    client = client_for("Psycho-social")
    html = page(client)
    assert 'id="resume-revisions"' in html
    assert "révisé" in bloc(html, 'id="aides_financieres"', "</tr>")
    dernier = JournalAcces.objects.order_by("-pk").values_list("pk", flat=True).first()
    revisions = page(client, "/rapports/2024/revisions/")
    corrections = bloc(revisions, 'id="corrections"', "</section>")
    assert "recorded twice" in corrections and (direction.get_full_name() or direction.username) in corrections
    journal = JournalAcces.objects.filter(pk__gt=dernier)
    assert [(j.action, j.content_type.model_class()) for j in journal] == [(JournalAcces.Action.LISTE, Correction)]

    # A role that may not see psycho-social records reads the revised figure, not the record.
    autre = page(client_for("Sensibilisation"), "/rapports/2024/revisions/")
    assert "recorded twice" not in autre and "révisé" in autre


def test_a_data_quality_count_change_shows_beside_the_published_count(direction, client_for):
    fermer(direction)
    personne = PersonneFactory._meta.model.objects.get(sexe="")
    personne.sexe = Sexe.FEMME
    accompagnement_services.personne_modifier(personne=personne, version_attendue=personne.version, by=direction)

    rapport = calcul.calculer_en_cache(2024)
    assert rapport.qualite_courante["P_FA"]["sexe"] == 0 and rapport.qualite["P_FA"]["sexe"] == 1
    html = page(client_for("Direction"))
    qualite = bloc(html, 'id="qualite"', "</section>")
    assert "révisé" in qualite
    assert "2 décomptes de qualité des données —" in bloc(html, 'id="resume-revisions"', "</a></span>")
    assert "Revised data-quality" not in html  # French page
    assert 'id="qualite-revisee"' in page(client_for("Direction"), "/rapports/2024/revisions/")


def test_the_next_year_prints_the_published_figures_after_revisions(direction, client_for):
    fermer(direction)
    publie = calculer(2024)
    suppression.element_supprimer(obj=aide_alimentation(), motif="recorded twice", by=direction)
    rapport = calculer(2025)
    for cle in ("aides_financieres", "aides_alimentation", "personnes_accompagnees"):
        assert rapport.lignes[cle].precedent == publie.lignes[cle].valeur
    assert rapport.lignes["aides_alimentation"].precedent == 1
    html = page(client_for("Direction"), "/rapports/2025/")
    assert 'id="resume-revisions"' not in html


def test_revised_precisions_are_marked():
    ind = PAR_CLE["personnes_accompagnees"]
    ligne = Ligne(ind, 10, None, disponible=True, precisions=[Precision("femmes", "women", 4, 4)])
    rapport = Rapport(2024, {ind.cle: ligne}, {"sexe_file_active": {"femme": 4, "homme": 6}})
    rapport.qualite = {"P_FA": {"__total": 10, "sexe": 0}}
    courant = Courant(
        {ind.cle: 10},
        {ind.cle: [Precision("femmes", "women", 5, 5)]},
        {"sexe_file_active": {"femme": 5, "homme": 6}},
        {"P_FA": {"__total": 11, "sexe": 0}},
    )
    calcul.marquer_revisions(rapport, courant)
    assert not ligne.revise and ligne.precisions_courantes[0].valeur == 5
    assert rapport.repartitions_courantes == {"sexe_file_active": {"femme": 5}}
    assert rapport.qualite_courante == {"P_FA": {"__total": 11}}
    assert rapport.nombre_revisions() == {"indicateurs": 0, "precisions": 1, "repartitions": 1, "qualite": 1}
    # Nothing changed: nothing marked (an empty precision list today is a failure, not a revision).
    rapport = Rapport(2024, {ind.cle: Ligne(ind, 10, None, disponible=True, precisions=ligne.precisions)}, {})
    calcul.marquer_revisions(rapport, Courant({ind.cle: 10}, {ind.cle: []}, {}, None))
    assert not rapport.revise


def test_an_open_year_has_nothing_to_compare(client_for):
    html = page(client_for("Accueil"), "/rapports/2024/revisions/")
    assert "2024 n'est pas clôturé" in html


def test_the_changes_since_publication_cost_no_query_per_row(direction, client_for):
    """The history and corrections lists read a fixed number of queries, whatever the number of rows."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rapports import revisions

    fermer(direction)
    depuis = calculer(2024).publication.cloture_le

    def compter(n):
        for _ in range(n):
            aide = AideFactory(montant=40)
            aide.montant = 50
            psy_services.aide_enregistrer(aide=aide, version_attendue=aide.version, by=direction)
        with CaptureQueriesContext(connection) as requetes:
            lignes = revisions.changements(direction, 2024, depuis)
            revisions.corrections(direction, 2024, depuis)
            [(c.par, c.url, str(c.objet)) for c in lignes]
        return len(requetes), len(lignes)

    (avant, lignes_avant), (apres, lignes_apres) = compter(3), compter(3)
    assert lignes_apres > lignes_avant >= 6
    assert apres == avant


def test_a_report_cached_before_the_closing_is_computed_again(direction, client_for):
    from django.core.cache import cache

    ouvert = calcul.calculer_en_cache(2024)
    fermer(direction)
    cache.set("rapports:calcul:2024", ouvert)  # a page cached elsewhere before the closing
    html = page(client_for("Direction"), "/rapports/2024/revisions/")
    assert "Chiffres publiés, version 1" in html
