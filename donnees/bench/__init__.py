"""Measurements of `manage.py bench` (see docs/benchmark.md)."""

import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from comptes import tableur
from donnees import specs
from donnees.importation.engine import run_import

# Main pages: (label, url name, kwargs builder (None: no kwargs), query string).
PAGES = [
    ("personnes: first page", "accompagnement:liste", None, ""),
    ("personnes: filtered", "accompagnement:liste", None, "?sexe=F&statut=ouvert"),
    ("personnes: searched", "accompagnement:liste", None, "?q=mar"),
    ("personne: detail", "accompagnement:personne", "accompagnement.Personne", ""),
    ("affaires: first page", "accompagnement:affaires", None, ""),
    ("affaire: detail", "accompagnement:affaire", "accompagnement.Affaire", ""),
    ("signalements: first page", "signalements:liste", None, ""),
    ("signalements: filtered", "signalements:liste", None, "?decision=accompagne"),
    ("signalements: searched", "signalements:liste", None, "?q=mar"),
    ("signalement: detail", "signalements:detail", "signalements.Signalement", ""),
    ("procedures: first page", "juridique:procedures", None, ""),
    ("procedure: detail", "juridique:procedure", "juridique.Procedure", ""),
    ("hebergements: first page", "psychosocial:hebergement_liste", None, ""),
    ("interventions: first page", "sensibilisation:liste", None, ""),
    ("rapport annuel", "rapports:annee", "annee", ""),
    # The global search (issue 17): a name in the other order, a phone as typed, a reference, a short word.
    ("recherche: name", "recherche", None, "?q=Marie+MARTIN"),
    ("recherche: phone", "recherche", None, "?q=06+12+34+56+78"),
    ("recherche: reference", "recherche", None, "?q=A-2020-0001"),
    ("recherche: short word", "recherche", None, "?q=mar"),
]
# Drill-downs of the biggest figures (issue 14): the page (after a warm-up GET, as for the pages
# above, so the report's figures are cached) and its CSV and XLSX downloads (one GET each).
DETAILS = [
    "personnes_accompagnees",
    "signalements_recus",
    "nuitees_urgence",
    "aides_financieres",
    "domiciliation_visites_courrier",
]


def vider_donnees() -> None:
    """Delete every domain record and its history (accounts, groups and reference tables stay)."""
    from rapports.models import ExerciceCloture

    supprimer_clotures(list(ExerciceCloture.objects.values_list("pk", flat=True)))  # snapshots of wiped data
    for entite in reversed(specs.ENTITES):
        if entite.nom == "appartements":
            continue
        model = entite.model
        for champ in model._meta.many_to_many:
            champ.remote_field.through.objects.all().delete()
        model._default_manager.all().delete()
        historique = getattr(model, "history", None)
        if historique is not None:
            historique.model.objects.all().delete()


@contextmanager
def chrono():
    resultat = {}
    reset_queries()  # the query log is capped (9000): start from empty so the count is exact
    with CaptureQueriesContext(connection) as requetes:
        debut = time.perf_counter()
        yield resultat
        resultat["ms"] = round((time.perf_counter() - debut) * 1000, 1)
    # Savepoints are not reads: the page isolates each figure in one inside a transaction (tests).
    resultat["requetes"] = sum(1 for q in requetes if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT")))


def utilisateur_direction() -> User:
    from allauth.mfa.totp.internal.auth import TOTP

    user, cree = User.objects.get_or_create(username="bench-direction", defaults={"first_name": "Bench"})
    if cree:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name="Direction"))
        TOTP.activate(user, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    return user


def comptes_auteurs() -> None:
    """One account per role, with no usable password, to sign the generated records: on a fresh
    database the demo generator would otherwise skip the journal and the units with no author."""
    from comptes.permissions import Role

    utilisateur_direction()
    for role in Role:
        user, cree = User.objects.get_or_create(username=f"bench-{role.value.lower()}")
        if cree:
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=role.value))


def client_direction() -> Client:
    hotes = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    client = Client(
        HTTP_HOST=hotes[0] if hotes else "localhost", secure=not settings.DEBUG, raise_request_exception=False
    )  # a failing page is reported with its status (500), the run goes on
    client.force_login(utilisateur_direction())
    return client


def mesurer_pages(annee: int) -> list[dict]:
    from django.apps import apps

    client = client_direction()
    resultats = []
    for libelle, nom, cible, requete in PAGES:
        kwargs = {}
        if cible == "annee":
            kwargs = {"annee": annee}
        elif cible:
            premier = apps.get_model(cible)._default_manager.order_by("pk").values_list("pk", flat=True).first()
            if premier is None:
                continue
            kwargs = {"pk": premier}
        url = reverse(nom, kwargs=kwargs) + requete
        client.get(url)  # warm-up (templates, caches)
        with chrono() as mesure:
            reponse = client.get(url)
        resultats.append({"page": libelle, "url": url, "statut": reponse.status_code, **mesure})
    return resultats


def mesurer_details(annee: int) -> list[dict]:
    client = client_direction()
    resultats = []
    for cle in DETAILS:
        url = reverse("rapports:detail", kwargs={"annee": annee, "cle": cle})
        client.get(url)  # warm-up (templates, the report's cached figures)
        for format in ("", "csv", "xlsx"):
            if format:
                url = reverse("rapports:detail_export", kwargs={"annee": annee, "cle": cle, "format": format})
            with chrono() as mesure:
                reponse = client.get(url)
            contenu = b"".join(reponse) if reponse.streaming else reponse.content
            resultats.append(
                {"cle": cle, "format": format or "page", "url": url, "statut": reponse.status_code,
                 "octets": len(contenu), **mesure}
            )  # fmt: skip
    return resultats


def fichier_personnes(lignes: int) -> bytes:
    from faker import Faker

    faker = Faker("fr_FR")
    faker.seed_instance(2024)
    entete = ["numero_dossier", "nom", "prenom", "sexe", "date_naissance", "nationalite", "telephone", "interprete"]
    lignes_csv = [entete]
    for i in range(lignes):
        lignes_csv.append([
            f"BENCH-{i:06d}", faker.last_name(), faker.first_name(), "F" if i % 3 else "H",
            faker.date_of_birth(minimum_age=18, maximum_age=70),
            faker.random_element(["PH", "MA", "CI", "IN", "BR", "FR"]), faker.phone_number(), i % 4 != 0,
        ])  # fmt: skip
    return tableur.csv_bytes(lignes_csv)


def mesurer_import(lignes: int) -> dict:
    from accompagnement.models import Personne

    contenu = fichier_personnes(lignes)
    debut = time.perf_counter()
    bilan = run_import([("personnes.csv", contenu)], essai=True)
    essai = time.perf_counter() - debut
    debut = time.perf_counter()
    bilan = run_import([("personnes.csv", contenu)], essai=False)
    reel = time.perf_counter() - debut
    resultat = {
        "lignes": lignes,
        "erreurs": len(bilan.erreurs),
        "essai_s": round(essai, 2),
        "essai_lignes_par_s": round(lignes / essai) if essai else None,
        "import_s": round(reel, 2),
        "lignes_par_s": round(lignes / reel) if reel else None,
        "historique": Personne.history.filter(numero_dossier__startswith="BENCH-").count(),
    }
    supprimer_sans_historique(Personne.objects.filter(numero_dossier__startswith="BENCH-"))
    Personne.history.model.objects.filter(numero_dossier__startswith="BENCH-").delete()
    return resultat


def supprimer_sans_historique(qs) -> None:
    """Delete the bench's own rows in one statement: `QuerySet.delete()` would write a "deleted" history
    row per record, one INSERT each (a quarter of an hour for 100 000 persons on a loaded machine).
    Only for rows nothing links to, such as the persons the import measure created."""
    model = qs.model
    sous_requete, params = qs.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} "
            f"WHERE {connection.ops.quote_name(model._meta.pk.column)} IN ({sous_requete})",
            params,
        )


SQL_PLANCHER = """
SELECT COUNT(DISTINCT a.personne_id),
       COUNT(DISTINCT CASE WHEN p.sexe = 'F' THEN a.personne_id END),
       COUNT(DISTINCT CASE WHEN a.date_debut >= %(debut)s THEN a.personne_id END),
       (SELECT COUNT(*) FROM signalements_signalement s WHERE s.date_reception BETWEEN %(debut)s AND %(fin)s)
FROM accompagnement_accompagnement a
JOIN accompagnement_personne p ON p.id = a.personne_id
WHERE a.date_debut <= %(fin)s AND (a.date_cloture IS NULL OR a.date_cloture >= %(debut)s)
"""


def mesurer_plancher(annee: int) -> dict:
    """A hand-written aggregate over the same tables: the floor the report computation is compared to."""
    params = {"debut": f"{annee}-01-01", "fin": f"{annee}-12-31"}
    with chrono() as mesure, connection.cursor() as cursor:
        cursor.execute(SQL_PLANCHER, params)
        mesure["valeurs"] = list(cursor.fetchone())
    return mesure


def mesurer_indicateurs(annee: int) -> dict:
    """Every indicator, breakdown and precision of the year N alone (the target): the best of three
    runs after a warm-up, then one run on a single connection, which also gives the query count
    (the parallel run's queries are spread over several connections)."""
    from comptes.contexte import Contexte
    from rapports.calcul import calculer_annees

    def annee_seule():
        return calculer_annees((Contexte(annee), True))[0]

    annee_seule()  # warm-up: imports, registry, database caches
    essais = []
    for _essai in range(3):
        with chrono() as mesure:
            resultat = annee_seule()
        essais.append(mesure["ms"])
    with override_settings(RAPPORTS_CALCUL_PARALLELE=1), chrono() as sequentiel:
        annee_seule()
    return {
        "ms": min(essais),
        "essais_ms": essais,
        "connexions": settings.RAPPORTS_CALCUL_PARALLELE,
        "sequentiel_ms": sequentiel["ms"],
        "requetes": sequentiel["requetes"],
        "indicateurs": len(resultat.valeurs),
        "disponibles": sum(1 for valeur, _erreur in resultat.valeurs.values() if valeur is not None),
        "repartitions": len(resultat.repartitions),
        "source": "rapports.calcul.calculer_annees",
    }


def mesurer_rapport(annee: int) -> dict:
    """The whole report as its page computes it: N and N−1 side by side, breakdowns, 11-year series."""
    from rapports.calcul import calculer

    with chrono() as mesure:
        rapport = calculer(annee)
    with override_settings(RAPPORTS_CALCUL_PARALLELE=1), chrono() as sequentiel:
        calculer(annee)
    mesure["sequentiel_ms"], mesure["requetes"] = sequentiel["ms"], sequentiel["requetes"]
    mesure["indicateurs"] = len(rapport.lignes)
    mesure["source"] = "rapports.calcul.calculer"
    return mesure


def supprimer_clotures(pks) -> None:
    """Remove closed years the bench published (a throwaway database): the application itself never
    deletes them, hence the base QuerySet's delete, bypassing the append-only one."""
    from django.db import models

    from rapports.models import ExerciceCloture, GenerationPDF

    GenerationPDF.objects.filter(cloture__in=pks).delete()
    models.QuerySet.delete(ExerciceCloture.objects.filter(pk__in=pks))
    ExerciceCloture.history.filter(id__in=pks).delete()


def mesurer_rapport_clos(annee: int, *, garder_clotures: bool = False) -> dict:
    """The report page's first computation once N−10 … N−1 are closed (`calculer_en_cache` with
    the cache skipped): year N from the records, N−1 and the 11-year series from the published
    snapshots. The bench closes the years it needs (no PDF), measures the best of three runs
    after a warm-up, then removes what it published (`garder_clotures`: keeps it, so that the
    next run of `bench --page-rapport` measures in a minute instead of closing ten years again)."""
    from rapports.calcul import calculer_en_cache, oublier
    from rapports.models import ExerciceCloture
    from rapports.services import exercice_cloturer

    user = utilisateur_direction()
    annees = range(annee - 10, annee)
    deja = set(ExerciceCloture.objects.filter(annee__in=annees).values_list("annee", flat=True))
    crees = []
    debut = time.perf_counter()
    try:
        for a in annees:
            if a not in deja:
                crees.append(exercice_cloturer(annee=a, by=user, avec_pdf=False).pk)
        cloture_s = round(time.perf_counter() - debut, 1)
        calculer_en_cache(annee, actualiser=True)  # warm-up
        essais = []
        for _essai in range(3):
            with chrono() as mesure:
                calculer_en_cache(annee, actualiser=True)
            essais.append(mesure["ms"])
        # The page as a user opens it first (nothing cached): the computation, charts and template.
        client, url = client_direction(), reverse("rapports:annee", kwargs={"annee": annee})
        vues = []
        for _essai in range(3):
            oublier(annee)
            with chrono() as vue:
                statut = client.get(url).status_code
            vues.append(vue["ms"])
    finally:
        if not garder_clotures:
            supprimer_clotures(crees)
        oublier(annee)
    return {
        "ms": min(essais),
        "essais_ms": essais,
        "requetes": mesure["requetes"],  # on the main connection (the batches may use a second one)
        "annees_closes": f"{annees[0]}-{annees[-1]}",
        "cloture_s": cloture_s,
        "premiere_vue_ms": min(vues),
        "premiere_vue_essais_ms": vues,
        "premiere_vue_statut": statut,
        "source": "rapports.calcul.calculer_en_cache",
    }


def mesurer_pdf(annee: int) -> dict:
    from rapports.pdf import rendre

    debut = time.perf_counter()
    contenu = rendre(annee, "fr")
    return {"ms": round((time.perf_counter() - debut) * 1000, 1), "octets": len(contenu)}


def mesurer_export() -> dict:
    """The full XLSX export as the worker builds it (every entity, one sheet each)."""
    from donnees.exportation import exporter_xlsx

    debut, cpu = time.perf_counter(), time.process_time()
    contenu = exporter_xlsx()
    return {
        "xlsx_s": round(time.perf_counter() - debut, 2),
        "cpu_s": round(time.process_time() - cpu, 2),  # this process only: steadier than xlsx_s on a loaded machine
        "octets": len(contenu),
        "lignes": sum(volumes().values()),
    }


def volumes() -> dict:
    return {e.nom: e.model._default_manager.count() for e in specs.ENTITES}


def mesurer(*, annee: int, lignes_import: int, pdf: bool = True, log=print) -> dict:
    resultat = {"volumes": volumes()}
    log("  indicators…")
    resultat["indicateurs"] = mesurer_indicateurs(annee)
    resultat["rapport"] = mesurer_rapport(annee)
    log("  report page with the previous years closed…")
    resultat["rapport_clos"] = mesurer_rapport_clos(annee)
    resultat["plancher_sql"] = mesurer_plancher(annee)
    plancher = resultat["plancher_sql"]["ms"] or 0.001
    resultat["ratio_indicateurs_plancher"] = round(resultat["indicateurs"]["ms"] / plancher, 1)
    if pdf:
        log("  PDF…")
        resultat["pdf"] = mesurer_pdf(annee)
    log("  pages…")
    resultat["pages"] = mesurer_pages(annee)
    log("  drill-downs…")
    resultat["details"] = mesurer_details(annee)
    log("  import…")
    resultat["import"] = mesurer_import(lignes_import)
    log("  full XLSX export…")
    resultat["export"] = mesurer_export()
    return resultat


def mesurer_page_rapport(annee: int, log=print) -> dict:
    """Only what the report page's first view costs, for re-measuring a change in minutes: the SQL
    floor (before and after, to read the machine's load), the year's indicators and the page's
    computation with N−10 … N−1 closed (kept closed for the next run)."""
    resultat = {"plancher_sql": mesurer_plancher(annee)}
    log("  indicators…")
    resultat["indicateurs"] = mesurer_indicateurs(annee)
    log("  report page with the previous years closed…")
    resultat["rapport_clos"] = mesurer_rapport_clos(annee, garder_clotures=True)
    resultat["plancher_sql_apres"] = mesurer_plancher(annee)
    return resultat


def tableau_page_rapport(m: dict) -> str:
    return "\n".join(
        [
            f"Scale {m['echelle']}, report page only",
            f"  {'measure':<34}{'ms':>10}{'queries':>9}",
            f"  {'hand-written SQL floor, before':<34}{m['plancher_sql']['ms']:>10}",
            f"  {'indicators of the year':<34}{m['indicateurs']['ms']:>10}{m['indicateurs']['requetes']:>9}",
            f"  {'  the same on one connection':<34}{m['indicateurs']['sequentiel_ms']:>10}",
            f"  {'report page, N-10..N-1 closed':<34}{m['rapport_clos']['ms']:>10}{m['rapport_clos']['requetes']:>9}",
            f"  {'  first GET of the page':<34}{m['rapport_clos']['premiere_vue_ms']:>10}"
            f"  [{m['rapport_clos']['premiere_vue_statut']}]",
            f"  {'hand-written SQL floor, after':<34}{m['plancher_sql_apres']['ms']:>10}",
        ]
    )


def tableau(m: dict) -> str:
    lignes = [
        f"Scale {m['echelle']}  (generation {m['generation_s']} s; "
        f"{m['volumes'].get('personnes', 0)} persons, {m['volumes'].get('signalements', 0)} reports)",
        f"  {'measure':<34}{'ms':>10}{'queries':>9}",
        f"  {'indicators of the year':<34}{m['indicateurs']['ms']:>10}{m['indicateurs']['requetes']:>9}",
        f"  {'  the same on one connection':<34}{m['indicateurs']['sequentiel_ms']:>10}",
        f"  {'report (N, N-1, 11-year series)':<34}{m['rapport']['ms']:>10}{m['rapport']['requetes']:>9}",
        f"  {'  the same on one connection':<34}{m['rapport']['sequentiel_ms']:>10}",
        f"  {'report page, N-10..N-1 closed':<34}{m['rapport_clos']['ms']:>10}{m['rapport_clos']['requetes']:>9}",
        f"  {'  first GET of the page':<34}{m['rapport_clos']['premiere_vue_ms']:>10}",
        f"  {'hand-written SQL floor':<34}{m['plancher_sql']['ms']:>10}{m['plancher_sql']['requetes']:>9}",
        f"  {'ratio indicators / floor':<34}{m['ratio_indicateurs_plancher']:>10}",
    ]
    if m.get("pdf"):
        lignes.append(f"  {'PDF of the report':<34}{m['pdf']['ms']:>10}")
    for page in m["pages"]:
        lignes.append(f"  {page['page']:<34}{page['ms']:>10}{page['requetes']:>9}  [{page['statut']}]")
    for detail in m.get("details", []):
        libelle = f"detail {detail['cle']} {detail['format']}"
        lignes.append(f"  {libelle:<34}{detail['ms']:>10}{detail['requetes']:>9}  [{detail['statut']}]")
    imp = m["import"]
    lignes.append(
        f"  import of {imp['lignes']} persons: {imp['import_s']} s = {imp['lignes_par_s']} rows/s"
        f" (dry run {imp['essai_s']} s = {imp['essai_lignes_par_s']} rows/s)"
    )
    if m.get("export"):
        exp = m["export"]
        lignes.append(f"  full XLSX export ({exp['lignes']} rows): {exp['xlsx_s']} s, {exp['octets']} bytes")
    return "\n".join(lignes)
