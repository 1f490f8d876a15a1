"""Export the annual report's figures: `manage.py rapport_annuel --annee 2024 --format json`."""

from django.core.management.base import BaseCommand, CommandError

from comptes import tableur
from comptes.contexte import Contexte
from rapports import exports, populations, registre
from rapports.calcul import COURANTS, PUBLIES, calculer


class Command(BaseCommand):
    help = "Compute every indicator of a year and export them (JSON per the contract of indicateurs.md, CSV, XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("--annee", type=int, required=True, help="year of the report, e.g. 2024")
        parser.add_argument("--format", choices=sorted(exports.FORMATS), default="json")
        parser.add_argument(
            "--detail",
            metavar="KEY",
            help="instead of the figures, the records counted by indicator KEY (csv/xlsx), last column `valeur`",
        )
        parser.add_argument("--output", help="file to write (default: standard output; required for xlsx)")
        parser.add_argument(
            "--dialecte",
            choices=tableur.DIALECTES,
            default="machine",
            help="CSV for scripts (',' and decimal point, the default) or for French spreadsheets (';', BOM)",
        )
        parser.add_argument(
            "--chiffres",
            choices=[PUBLIES, COURANTS],
            default=PUBLIES,
            help="publies (default): a closed year's published figures, and those of closed years in the N-1 "
            "column; courants: every figure computed from the records today",
        )

    def handle(self, *args, annee, format, output, dialecte, chiffres, detail=None, **options):
        if not 1994 <= annee <= 2100:
            raise CommandError("--annee must be a year between 1994 and 2100.")
        if format == "xlsx" and not output:
            raise CommandError("--output is required for the xlsx format.")
        if detail:
            contenu = self._detail(annee, detail, format, dialecte)
        else:
            rapport = calculer(annee, serie=False, chiffres=chiffres)
            contenu = exports.exporter(rapport, format, dialecte=dialecte)
            self.stderr.write(
                f"{annee}: {exports.source(rapport.publication)}; "
                f"{annee - 1}: {exports.source(rapport.publication_precedente)}"
            )
        tableur.ecrire_sortie(self, contenu, output, exports.nom_fichier(annee, format), fin=b"\n")

    def _detail(self, annee: int, cle: str, format: str, dialecte: str) -> bytes:
        ind = registre.PAR_CLE.get(cle)
        if ind is None or registre.detail(ind) is None:
            raise CommandError(f"--detail: no drill-down for {cle!r} (a count indicator key).")
        if format not in ("csv", "xlsx"):
            raise CommandError("--detail prints csv or xlsx.")
        return exports.ecrire_tableau(*populations.tableau(ind, Contexte(annee)), format, dialecte=dialecte)
