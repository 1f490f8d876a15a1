"""Full export in the very format the import reads: one sheet (XLSX) or one CSV per entity.

Link columns carry the target's natural key (never a database id), so an export can be
imported into an empty database. The files are written by `comptes.tableur` (CSV in its French
dialect, which is the import format), which neutralises text cells a spreadsheet would run as a
formula with a leading quote; the import removes it again.
An export made for a user (`lecteur`) leaves out the sealed rows that user may not read
(`Entite.scelle`: the psychologist's content, the existence of a psychological follow-up) and
says so in a README (`LISEZMOI.txt` in a ZIP, a `LISEZMOI` sheet in a workbook).
"""

import datetime
import io
import zipfile
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from comptes import tableur
from comptes.permissions import can

from . import specs
from .importation import formats

LISEZMOI = specs.LISEZMOI
LOT = 2000  # rows fetched (and their many-to-many links looked up) at a time
MEMOISABLES = {str, int, bool, datetime.date, type(None)}  # cell values kept per column (see _cellule_champ)
MEMO = 5000  # distinct values kept per column


def partie_scellee(entite: specs.Entite) -> Q | None:
    """The sealed rows of `entite` (None when it holds nothing sealed)."""
    if entite.scelle is None:
        return None
    _section, lookups = entite.scelle
    return Q(**lookups) if lookups else Q(pk__isnull=False)


def peut_lire_scelle(entite: specs.Entite, lecteur) -> bool:
    return entite.scelle is not None and can(lecteur, entite.scelle[0])


def scelle_pour(entite: specs.Entite, lecteur) -> bool:
    """Whether `entite` holds sealed rows `lecteur` may not read (None, the command line, reads all)."""
    return lecteur is not None and entite.scelle is not None and not peut_lire_scelle(entite, lecteur)


def hors_scelle(entite: specs.Entite, qs, lecteur):
    """`qs` without the sealed rows `lecteur` may not read."""
    return qs.exclude(partie_scellee(entite)) if scelle_pour(entite, lecteur) else qs


def note_scelle(omis) -> str:
    """README paragraph naming the kinds of records whose sealed part was left out."""
    if not omis:
        return ""
    return _(
        "Sealed records are NOT in this export: %(entites)s.\n"
        "They hold the psychologist's notes or reveal a psychological follow-up (health data); only the\n"
        "psychologist may export them (for a right-of-access request: from the person's page).\n"
    ) % {"entites": ", ".join(sorted(omis))}


class Exporteur:
    def __init__(self, *, typed: bool = False, lecteur=None):
        self.typed = typed
        self.lecteur = lecteur  # None: the command line, which exports everything
        self.omis: set[str] = set()  # entities whose sealed part was left out
        self.entites = specs.par_nom()
        self._cles: dict[str, dict[int, dict[str, str]]] = {}
        self._utilisateurs = None

    def utilisateurs(self) -> dict[int, str]:
        if self._utilisateurs is None:
            self._utilisateurs = dict(get_user_model().objects.values_list("pk", "username"))
        return self._utilisateurs

    def cellules_cle(self, entite: specs.Entite) -> dict[int, dict[str, str]]:
        """{pk: {key column: cell text}} of every row of a link target (one query, plus nested targets)."""
        if entite.nom not in self._cles:
            colonnes = [entite.par_nom[nom] for nom in entite.cle]
            attnames = list(dict.fromkeys(["pk", *(self._attname(entite, col) for col in colonnes)]))
            cellules = self.cellules(entite, colonnes, attnames, texte=True)
            self._cles[entite.nom] = {
                rangee[0]: {col.nom: cellule(rangee, None) for col, cellule in zip(colonnes, cellules, strict=True)}
                for rangee in entite.model._default_manager.values_list(*attnames)
            }
        return self._cles[entite.nom]

    @staticmethod
    def _attname(entite: specs.Entite, col) -> str:
        return col.champ.attname if col.champ else entite.model._meta.get_field(col.lien.champ).attname

    def cellules(self, entite, colonnes, attnames: list[str], *, texte: bool = False) -> list:
        """One function per column, (row of `attnames` values, its many-to-many cells) -> cell.
        The field, link and list lookups are resolved here once per sheet, not once per cell."""
        typed = self.typed and not texte
        position = {attname: i for i, attname in enumerate(attnames)}
        fonctions = []
        for col in colonnes:
            if col.champ is not None:
                fonctions.append(self._cellule_champ(col.champ, position[col.champ.attname], typed))
            elif col.lien is not None:
                i = position[self._attname(entite, col)]
                cible = self.cellules_cle(self.entites[col.lien.entite])
                nom = {lc: tc for tc, lc in col.lien.colonnes.items()}[col.nom]
                fonctions.append(lambda rangee, m2m, i=i, cible=cible, nom=nom: cible.get(rangee[i], {}).get(nom, ""))
            elif col.multiple is not None:
                fonctions.append(lambda rangee, m2m, champ=col.multiple.champ: (m2m or {}).get(champ, ""))
        return fonctions

    def _cellule_champ(self, champ, i: int, typed: bool):
        if isinstance(champ, models.ForeignKey):
            noms = self.utilisateurs()
            return lambda rangee, m2m: formats.neutraliser(noms.get(rangee[i], "")) if rangee[i] else ""
        # Codes, dates, towns repeat: the cell of a value already seen in this column is reused.
        memo = {}

        def cellule(rangee, m2m):
            valeur = rangee[i]
            if type(valeur) not in MEMOISABLES:
                return formats.ecrire(champ, valeur, typed=typed)
            try:
                return memo[valeur]
            except KeyError:
                resultat = formats.ecrire(champ, valeur, typed=typed)
                if len(memo) < MEMO:
                    memo[valeur] = resultat
                return resultat

        return cellule

    def multiples(self, entite: specs.Entite, pks) -> dict[int, dict[str, str]]:
        """{pk: {m2m field: 'key|key'}} in one query per many-to-many field."""
        resultat: dict[int, dict[str, str]] = defaultdict(dict)
        for multiple in entite.multiples:
            champ = entite.model._meta.get_field(multiple.champ)
            through = champ.remote_field.through
            source = champ.m2m_field_name()
            cible = champ.m2m_reverse_field_name()
            if multiple.entite is None:
                noms = self.utilisateurs()
            else:
                cible_spec = self.entites[multiple.entite]
                noms = {
                    pk: " / ".join(str(cells[c]) for c in cible_spec.cle)
                    for pk, cells in self.cellules_cle(cible_spec).items()
                }
            groupes = defaultdict(list)
            for src, dst in through.objects.filter(**{f"{source}__in": pks}).values_list(f"{source}_id", f"{cible}_id"):
                groupes[src].append(noms.get(dst, ""))
            for src, elements in groupes.items():
                resultat[src][multiple.champ] = formats.neutraliser(formats.SEPARATEUR_LISTE.join(sorted(elements)))
        return resultat

    def lignes(self, entite: specs.Entite, filtre: Q | None = None):
        """Header then rows of an entity (optionally filtered), in a stable order."""
        qs = entite.model._default_manager.all()
        if filtre is not None:
            qs = qs.filter(pk__in=entite.model._default_manager.filter(filtre).values("pk"))
        if scelle_pour(entite, self.lecteur):
            qs = hors_scelle(entite, qs, self.lecteur)
            self.omis.add(entite.nom)
        attnames = list(dict.fromkeys(["pk", *(self._attname(entite, c) for c in entite.colonnes if not c.multiple)]))
        yield [c.nom for c in entite.colonnes]
        cellules = None  # built at the first row: an empty sheet does not load its link targets' keys
        for rangees in _par_lots(qs.order_by("pk").values_list(*attnames).iterator(chunk_size=LOT)):
            cellules = cellules or self.cellules(entite, entite.colonnes, attnames)
            m2m = self.multiples(entite, [r[0] for r in rangees]) if entite.multiples else {}
            for rangee in rangees:
                liens = m2m.get(rangee[0])
                ligne = [cellule(rangee, liens) for cellule in cellules]
                yield [None if c == "" else c for c in ligne] if self.typed else ligne


def _par_lots(rangees):
    """Rows fetched by the database cursor in chunks, so a table is never held whole in memory."""
    lot = []
    for rangee in rangees:
        lot.append(rangee)
        if len(lot) == LOT:
            yield lot
            lot = []
    if lot:
        yield lot


def filtre_personne(entite: specs.Entite, personne) -> Q | None:
    """Rows of `entite` that concern the person; None when the entity holds nothing personal."""
    if not entite.personne:
        return None
    q = Q()
    for chemin in entite.personne:
        q |= Q(**{chemin: personne.pk})
    return q


def csv_bytes(lignes) -> bytes:
    """UTF-8 with BOM and ';' separators: what French Excel opens correctly with a double click."""
    return tableur.csv_bytes(lignes, dialecte="fr")


def exporter_zip(
    entites=None, *, filtre=None, extra: dict[str, bytes] | None = None, lisezmoi: str = "", exporteur=None
) -> bytes:
    """ZIP of CSV files named like the import expects them ('01-personnes.csv', in import order),
    the `extra` files and a README (`lisezmoi`, plus the note on sealed records left out)."""
    exporteur = exporteur or Exporteur()
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w", zipfile.ZIP_DEFLATED) as archive:
        for rang, entite in enumerate(entites or specs.ENTITES, start=1):
            q = filtre(entite) if filtre else None
            if filtre and q is None:
                continue
            lignes = list(exporteur.lignes(entite, q))
            if filtre and len(lignes) == 1:
                continue
            archive.writestr(f"{rang:02d}-{entite.nom}.csv", csv_bytes(lignes))
        for nom, contenu in (extra or {}).items():
            archive.writestr(nom, contenu)
        texte = lisezmoi + note_scelle(exporteur.omis)
        if texte:
            archive.writestr(f"{LISEZMOI}.txt", texte.encode("utf-8"))
    return tampon.getvalue()


def exporter_xlsx(entites=None, *, lecteur=None) -> bytes:
    """One sheet per entity, named as the import expects; dates and numbers as typed cells."""
    exporteur = Exporteur(typed=True, lecteur=lecteur)

    def feuilles():
        for entite in entites or specs.ENTITES:
            yield tableur.Feuille(entite.nom, exporteur.lignes(entite), figer=None)
        if exporteur.omis:  # known once the other sheets are written
            yield tableur.Feuille(LISEZMOI, ([ligne] for ligne in note_scelle(exporteur.omis).splitlines()), figer=None)

    return tableur.xlsx_bytes(feuilles())
