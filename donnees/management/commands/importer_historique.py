"""Import history files (CSV or XLSX, one format per entity: see docs/import.md)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from donnees.importation import reader
from donnees.importation.engine import run_import


def imprimer_bilan(bilan, write) -> None:
    for nom, entite in bilan.entites.items():
        write(f"{nom:<22} créés {entite.crees:>7}   modifiés {entite.modifies:>7}   inchangés {entite.inchanges:>7}")
    for nom, fichier, inconnus in bilan.inconnus:  # history lacks them: they stay unknown
        colonnes = ", ".join(f"{c} {n}" for c, n in inconnus.colonnes.items())
        write(f"NON RENSEIGNÉ {fichier} ({nom}) : {inconnus.lignes} ligne(s) — {colonnes}")
    for erreur in bilan.erreurs:
        write(f"ERREUR {erreur}")
    for avertissement in bilan.avertissements:  # accepted: history is what it was
        write(f"AVERTISSEMENT {avertissement}")


class Command(BaseCommand):
    help = "Import history files (CSV/XLSX). The entity comes from the file or sheet name, or --entite."

    def add_arguments(self, parser):
        parser.add_argument("fichiers", nargs="+", help="CSV or XLSX files, e.g. personnes.csv")
        parser.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
        parser.add_argument("--entite", help="entity of every file (default: from the file or sheet name)")
        parser.add_argument("--utilisateur", help="username recorded as author in the history")
        parser.add_argument(
            "--taille-max-mo", type=int, default=reader.MAX_SIZE // 1024 // 1024, help="MB per file (default 20)"
        )
        parser.add_argument("--lignes-max", type=int, default=reader.MAX_ROWS, help="rows per file or sheet")

    def handle(self, *args, fichiers, dry_run, entite, utilisateur, taille_max_mo, lignes_max, **options):
        par = None
        if utilisateur:
            par = get_user_model().objects.filter(username=utilisateur).first()
            if par is None:
                raise CommandError(f"Unknown user {utilisateur!r}.")
        contenus = []
        for chemin in fichiers:
            path = Path(chemin)
            if not path.is_file():
                raise CommandError(f"No such file: {chemin}")
            contenus.append((path.name, path.read_bytes()))
        taille = taille_max_mo * 1024 * 1024
        limites = reader.Limits(taille=taille, lignes=lignes_max, decompresse=max(taille * 12, reader.MAX_UNCOMPRESSED))
        bilan = run_import(contenus, par=par, essai=dry_run, entite=entite, limites=limites)
        imprimer_bilan(bilan, self.stdout.write)
        if bilan.erreurs:
            raise CommandError(f"{len(bilan.erreurs)} error(s): nothing was imported.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {bilan.lignes} row(s)."))
