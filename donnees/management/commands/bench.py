"""Benchmark: indicators, PDF, main pages and import throughput at several data scales.

For each scale the domain data of the configured database are wiped (user accounts kept)
and regenerated with `generer_donnees_demo --echelle K`: run it on a throwaway database.
"""

import json
import os
import platform
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from donnees import bench


class Command(BaseCommand):
    help = "Time indicators, PDF, list/detail pages, import and full export at several scales (wipes the domain data)."

    def add_arguments(self, parser):
        parser.add_argument("--echelles", default="1,10", help="comma-separated scales, e.g. 1,10,100")
        parser.add_argument("--annee", type=int, default=2024, help="year of the report")
        parser.add_argument("--annees", default="2015-2025", help="years of demo data generated at each scale")
        parser.add_argument("--sortie", default="bench-results/bench.json", help="JSON output file")
        parser.add_argument("--lignes-import", type=int, default=100_000, help="rows of the generated persons file")
        parser.add_argument("--sans-pdf", action="store_true", help="skip the PDF timing")
        parser.add_argument(
            "--garder", action="store_true", help="measure the data already present (no wipe, no generation)"
        )
        parser.add_argument("--no-input", action="store_true", help="do not ask before wiping the data")
        parser.add_argument(
            "--page-rapport",
            action="store_true",
            help="with --garder: time only the report page's first view (SQL floor, indicators, N-10..N-1 "
            "closed, the closings kept for the next run)",
        )
        parser.add_argument(
            "--export", action="store_true", help="with --garder: time only the full XLSX export of the data present"
        )
        parser.add_argument(
            "--seulement",
            choices=["import"],
            help="import: time only the import of the generated persons file (dry run, then real run), on the "
            "data present (nothing wiped; the bench's own rows are deleted afterwards)",
        )

    def handle(
        self,
        *args,
        echelles,
        annee,
        annees,
        sortie,
        lignes_import,
        sans_pdf,
        garder,
        no_input,
        page_rapport,
        seulement,
        **options,
    ):
        if seulement == "import":
            self.stdout.write(f"— import of {lignes_import} persons (dry run, then real run)…")
            mesure = mesurer_import_seul(lignes_import)
            self.stdout.write(json.dumps(mesure, indent=2))
            chemin = Path(sortie)
            chemin.parent.mkdir(parents=True, exist_ok=True)
            chemin.write_text(json.dumps({"import": mesure}, indent=2), encoding="utf-8")
            return
        base = settings.DATABASES["default"]["NAME"]
        if not garder and not no_input and sys.stdin.isatty():
            reponse = input(f"The benchmark wipes every record of {base} (accounts kept). Continue? [y/N] ")
            if reponse.strip().lower() not in ("y", "yes", "o", "oui"):
                raise CommandError("Cancelled.")
        if page_rapport and not garder:
            raise CommandError("--page-rapport measures the data already present: add --garder.")
        if options["export"] and not garder:
            raise CommandError("--export measures the data already present: add --garder.")
        try:
            liste = [int(e) for e in echelles.split(",") if e.strip()]
        except ValueError as exc:
            raise CommandError("--echelles takes integers, e.g. 1,10") from exc
        resultats = {
            "base": connection.vendor,
            "nom_base": str(settings.DATABASES["default"]["NAME"]),
            "machine": platform.platform(),
            "python": platform.python_version(),
            "annee": annee,
            "annees_generees": annees,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "echelles": [],
        }
        # The generator signs records with the staff accounts present: on a fresh database there
        # are none, and whole units (psycho-social, the journal) would stay empty.
        bench.comptes_auteurs()
        for echelle in liste:
            generation = 0.0
            if not garder:
                self.stdout.write(f"— scale {echelle}: wiping and generating the demo data…")
                bench.vider_donnees()
                debut = time.perf_counter()
                call_command("generer_donnees_demo", echelle=echelle, annees=annees, stdout=self.stdout)
                generation = time.perf_counter() - debut
            if page_rapport:
                mesure = {"echelle": echelle, **bench.mesurer_page_rapport(annee, log=self.stdout.write)}
                resultats["echelles"].append(mesure)
                self.stdout.write(bench.tableau_page_rapport(mesure))
                continue
            if options["export"]:
                exp = bench.mesurer_export()
                resultats["echelles"].append({"echelle": echelle, "export": exp})
                self.stdout.write(
                    f"Scale {echelle}: full XLSX export ({exp['lignes']} rows) {exp['xlsx_s']} s "
                    f"(CPU {exp['cpu_s']} s), {exp['octets']} bytes"
                )
                continue
            mesure = bench.mesurer(annee=annee, lignes_import=lignes_import, pdf=not sans_pdf, log=self.stdout.write)
            mesure = {"echelle": echelle, "generation_s": round(generation, 1), **mesure}
            resultats["echelles"].append(mesure)
            self.stdout.write(bench.tableau(mesure))
        chemin = Path(sortie)
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(json.dumps(resultats, indent=2, ensure_ascii=False), encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Results written to {chemin}"))


def mesurer_import_seul(lignes: int) -> dict:
    """The import measure alone, for re-measuring an import change in minutes: the dry run, then the
    real run and its commit's deferred checks (`SET CONSTRAINTS ALL IMMEDIATE`) in a transaction rolled
    back afterwards, so that nothing is left to delete (deleting 100 000 persons takes longer than
    importing them). The load average before and after tells how busy the machine was."""
    from accompagnement.models import Personne
    from donnees.importation.engine import run_import

    contenu = bench.fichier_personnes(lignes)
    charge = os.getloadavg()[0]
    debut = time.perf_counter()
    essai = run_import([("personnes.csv", contenu)], essai=True)
    duree_essai = time.perf_counter() - debut
    with transaction.atomic():
        debut = time.perf_counter()
        bilan = run_import([("personnes.csv", contenu)], essai=False)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        duree = time.perf_counter() - debut
        historique = Personne.history.filter(numero_dossier__startswith="BENCH-").count()
        transaction.set_rollback(True)
    return {
        "lignes": lignes,
        "erreurs": len(essai.erreurs) + len(bilan.erreurs),
        "essai_s": round(duree_essai, 2),
        "essai_lignes_par_s": round(lignes / duree_essai),
        "import_s": round(duree, 2),
        "lignes_par_s": round(lignes / duree),
        "historique": historique,
        "charge_avant": round(charge, 1),
        "charge_apres": round(os.getloadavg()[0], 1),
    }
