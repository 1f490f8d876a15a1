"""Running an import: parse every row, resolve links by natural key, validate, write.

The whole import runs in one transaction. Rows are written entity by entity (so later files
can link to rows created by earlier ones) and the transaction is rolled back at the end when
it is a dry run or when any error was found: a real run is all-or-nothing, and a dry run
reports exactly what the real run would do. Matching on the natural key makes a second run
of the same files update nothing and create nothing.

Per entity: `match_rows` parses every row (`parse_row`: one row's cells → model values) and finds
the record its key names; `check_chunk` then builds and checks the instances CHUNK rows at a time
(`validate`: one row's model rules), the records the rules read loaded once per chunk
(`load_related`); `write` inserts and updates in bulk (`writer.creer`: COPY on PostgreSQL).
"""

import functools
import inspect
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Min
from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.utils.translation import gettext as _
from django_countries.fields import CountryField
from simple_history.utils import bulk_update_with_history

from accompagnement import synthese
from comptes.coherence import AVERTISSEMENT, inconnus, marquer_importe
from comptes.typographie import deux_points
from donnees import specs

from . import formats, writer
from .reader import Limits, RejectedFile, Table, read
from .verification import Verification

CREATION, MISE_A_JOUR, INCHANGE = "creation", "mise_a_jour", "inchange"
BATCH_SIZE = 500
CHUNK = 2000  # rows checked together: one query per link of the chunk for the records the rules read
AMBIGUOUS = object()


@dataclass
class Erreur:
    fichier: str
    ligne: int
    colonne: str
    message: str

    def __str__(self):
        lieu = f"{self.fichier}, " + (_("line %(ligne)s") % {"ligne": self.ligne} if self.ligne else "")
        if self.colonne:
            lieu += ", " + _("column %(colonne)s") % {"colonne": self.colonne}
        return deux_points(lieu.strip(", "), self.message)


Avertissement = Erreur  # same place (file, line, column) and message; it does not block the import


@dataclass
class Operation:
    fichier: str
    ligne: int
    action: str
    libelle: str


@dataclass
class Inconnus:
    """Rows of one file carrying values history lacks ("non renseigné"), and how many per column."""

    lignes: int = 0
    colonnes: dict[str, int] = field(default_factory=dict)


@dataclass
class BilanEntite:
    entite: str
    fichiers: set[str] = field(default_factory=set)
    operations: list[Operation] = field(default_factory=list)
    inconnus: dict[str, Inconnus] = field(default_factory=dict)  # per file

    def noter_inconnus(self, fichier: str, instance) -> None:
        if champs := inconnus(instance):
            compte = self.inconnus.setdefault(fichier, Inconnus())
            compte.lignes += 1
            for champ in champs:
                compte.colonnes[champ] = compte.colonnes.get(champ, 0) + 1

    def compte(self, action: str) -> int:
        return sum(1 for op in self.operations if op.action == action)

    @property
    def crees(self):
        return self.compte(CREATION)

    @property
    def modifies(self):
        return self.compte(MISE_A_JOUR)

    @property
    def inchanges(self):
        return self.compte(INCHANGE)


@dataclass
class Bilan:
    essai: bool
    erreurs: list[Erreur] = field(default_factory=list)
    avertissements: list[Avertissement] = field(default_factory=list)
    entites: dict[str, BilanEntite] = field(default_factory=dict)
    applique: bool = False

    @property
    def lignes(self) -> int:
        return sum(len(b.operations) for b in self.entites.values())

    @property
    def inconnus(self) -> list[tuple[str, str, Inconnus]]:
        """(entity, file, counts) of the files whose rows carry values not recorded."""
        return [(nom, f, i) for nom, b in self.entites.items() for f, i in sorted(b.inconnus.items())]


@dataclass
class Lot:
    """What a chunk of rows leads to: records to create, to update (and which fields), links to set."""

    a_creer: list = field(default_factory=list)
    a_modifier: list = field(default_factory=list)
    champs_modifies: set = field(default_factory=set)
    liens_m2m: list = field(default_factory=list)


class _Rollback(Exception):
    pass


class ErreurLien(formats.ErreurCellule):
    pass


def norm(valeur):
    if isinstance(valeur, list):
        return tuple(valeur)
    if valeur.__class__.__name__ == "Country":
        return str(valeur.code or "")
    return valeur


class Import:
    def __init__(self, *, par=None, essai: bool = True, limites: Limits | None = None):
        self.par = par
        self.limites = limites
        self.bilan = Bilan(essai=essai)
        self.entites = specs.par_nom()
        self._keys: dict[str, dict] = {}
        self._apres_liens: list[tuple[str, int, str, models.Model]] = []
        self._lignes: dict[int, tuple[str, int]] = {}  # id(instance): (file, line), for the database's refusals
        self._verifications: dict[str, Verification] = {}  # per entity, with its checked values
        self._cellules: dict[models.Field, dict] = {}  # per field: {cell: value or error}, read once
        self._etiquettes: dict[int, list[int]] = {}  # id(table): positions of the columns naming a row
        self._plans: dict[int, list] = {}  # id(table): how to read each column (`row_plan`)
        self._ecrits: set[type[models.Model]] = set()  # models this import wrote rows of

    # --- natural keys --------------------------------------------------------------------

    def keys(self, entite: specs.Entite) -> dict:
        """{key tuple: pk} of the rows in the database (AMBIGUOUS when two rows share a key)."""
        if entite.nom not in self._keys:
            table: dict = {}
            for pk, *valeurs in entite.model._default_manager.values_list("pk", *entite.cle_champs):
                cle = tuple(norm(v) for v in valeurs)
                table[cle] = AMBIGUOUS if cle in table else pk
            self._keys[entite.nom] = table
        return self._keys[entite.nom]

    def key_of(self, entite: specs.Entite, brut) -> tuple:
        """Key tuple of `entite` from raw cells (`brut(column)`), resolving nested links."""
        valeurs = {}
        for nom in entite.cle:
            col = entite.par_nom[nom]
            if col.champ is not None:
                valeurs[col.champ.attname] = norm(formats.lire(col.champ, brut(nom)))
            else:
                attname = entite.model._meta.get_field(col.lien.champ).attname
                if attname not in valeurs:
                    valeurs[attname] = self.resolve(col.lien, brut)
        return tuple(valeurs[a] for a in entite.cle_champs)

    def resolve(self, lien: specs.Lien, brut):
        cible = self.entites[lien.entite]
        bruts = {tc: brut(lc) for tc, lc in lien.colonnes.items()}
        if all(formats.texte_cellule(v) == "" for v in bruts.values()):
            return None
        cle = self.key_of(cible, lambda tc: bruts.get(tc))
        pk = self.keys(cible).get(cle)
        libelle = " / ".join(formats.texte_cellule(bruts[c]) for c in cible.cle if c in bruts)
        if pk is None:
            raise ErreurLien(
                _("No %(entite)s “%(cle)s” (neither in the database nor in the files of this import).")
                % {"entite": cible.model._meta.verbose_name, "cle": libelle}
            )
        if pk is AMBIGUOUS:
            raise ErreurLien(
                _("Several %(entite)s match “%(cle)s”: the link is ambiguous.")
                % {"entite": cible.model._meta.verbose_name_plural, "cle": libelle}
            )
        return pk

    # --- running -------------------------------------------------------------------------

    def add_error(self, fichier, ligne, colonne, message):
        self.bilan.erreurs.append(Erreur(fichier, ligne, colonne, str(message)))

    def add_warning(self, fichier, ligne, colonne, message):
        self.bilan.avertissements.append(Avertissement(fichier, ligne, colonne, str(message)))

    def run(self, fichiers: list[tuple[str, bytes]], *, entite: str | None = None) -> Bilan:
        tables: dict[str, list[Table]] = defaultdict(list)
        for nom_fichier, contenu in fichiers:
            try:
                lues = read(nom_fichier, contenu, self.limites)
            except RejectedFile as exc:
                self.add_error(nom_fichier, 0, "", exc)
                continue
            for table in lues:
                nom = entite or table.nom
                if table.nom == specs.LISEZMOI.lower():  # the README of an export
                    continue
                if nom not in self.entites:
                    self.add_error(
                        nom_fichier,
                        0,
                        "",
                        _("“%(nom)s” is not a known data file; expected one of: %(noms)s.")
                        % {"nom": table.nom, "noms": ", ".join(self.entites)},
                    )
                    continue
                tables[nom].append(table)
        try:
            with transaction.atomic():
                for spec in self.entites.values():
                    if tables.get(spec.nom):
                        self.import_entity(spec, tables[spec.nom])
                self.check_links()
                if self.bilan.essai or self.bilan.erreurs:
                    raise _Rollback
                if self._ecrits & set(synthese.SOURCES):  # bulk writes send no signal
                    synthese.actualiser()
                self.bilan.applique = True
        except _Rollback:
            pass
        return self.bilan

    def import_entity(self, spec: specs.Entite, tables: list[Table]) -> None:
        """Parse and match every row of the entity, then check and write it chunk by chunk."""
        bilan = self.bilan.entites.setdefault(spec.nom, BilanEntite(spec.nom))
        lignes = []
        for table in tables:
            bilan.fichiers.add(table.fichier)
            if self.check_headers(spec, table):
                lignes.extend((table, numero, cellules) for numero, cellules in table.lignes)
        parses = self.match_rows(spec, lignes)
        a_creer, a_modifier, champs_modifies, liens_m2m = [], [], set(), []
        for debut in range(0, len(parses), CHUNK):
            lot = self.check_chunk(spec, parses[debut : debut + CHUNK], bilan)
            a_creer += lot.a_creer
            a_modifier += lot.a_modifier
            champs_modifies |= lot.champs_modifies
            liens_m2m += lot.liens_m2m
        self.write(spec, a_creer, a_modifier, champs_modifies, liens_m2m, tables[0].fichier)

    def match_rows(self, spec: specs.Entite, lignes) -> list:
        """[(table, line, cells, values, m2m, pk or None)]: each parsed row and the record its key names."""
        cles = self.keys(spec)
        multiplicite: dict[tuple, list[int]] = defaultdict(list)
        if spec.cle is None:
            for pk, *valeurs in spec.model._default_manager.values_list("pk", *spec.cle_champs).order_by("pk"):
                multiplicite[tuple(norm(v) for v in valeurs)].append(pk)
        vues: dict[tuple, int] = {}
        parses = []
        neuf = spec.model()  # defaults of the columns a file leaves out (they still belong to a whole-row key)
        for table, numero, cellules in lignes:
            resultat = self.parse_row(spec, table, numero, cellules)
            if resultat is None:
                continue
            valeurs, m2m = resultat
            cle = tuple(norm(valeurs[a] if a in valeurs else getattr(neuf, a)) for a in spec.cle_champs)
            if spec.cle is not None:
                if cle in vues:
                    self.add_error(
                        table.fichier,
                        numero,
                        ", ".join(spec.cle),
                        _("Same key as line %(ligne)s of this file.") % {"ligne": vues[cle]},
                    )
                    continue
                vues[cle] = numero
                pk = cles.get(cle)
                if pk is AMBIGUOUS:
                    self.add_error(table.fichier, numero, ", ".join(spec.cle), _("Several records have this key."))
                    continue
            else:
                restants = multiplicite.get(cle) or []
                pk = restants.pop(0) if restants else None
            parses.append((table, numero, cellules, valeurs, m2m, pk))
        return parses

    def check_chunk(self, spec: specs.Entite, parses: list, bilan: BilanEntite) -> "Lot":
        """Instances of a chunk of rows, checked with the model's rules; what to write. The records
        the rules read (the person, the proceeding…) are loaded for the whole chunk first."""
        existants = spec.model._default_manager.in_bulk([p[5] for p in parses if p[5]])
        m2m_actuels = self.current_m2m(spec, list(existants))
        lot = Lot()
        lignes = []
        for table, numero, cellules, valeurs, m2m, pk in parses:
            if pk:
                instance = existants[pk]
                avant = {a: norm(getattr(instance, a)) for a in valeurs}
                for attname, valeur in valeurs.items():
                    setattr(instance, attname, valeur)
            else:
                instance, avant = self.new_instance(spec.model, valeurs), None
                if not self.fill_author(spec, instance, table, numero):
                    continue
                marquer_importe(instance)  # history: may lack what a new entry must give
            specs.preparer(instance)  # derived values first, so that they do not count as changes
            lignes.append((table, numero, cellules, valeurs, m2m, pk, instance, avant))
        instances = [ligne[6] for ligne in lignes]
        self.load_related(spec, instances)
        if spec.nom not in self._verifications:
            self._verifications[spec.nom] = Verification(spec.model, self.not_validated(spec))
        valides = self._verifications[spec.nom].valides(instances)
        for (table, numero, cellules, valeurs, m2m, pk, instance, avant), valide in zip(lignes, valides, strict=True):
            modifies = {a for a in valeurs if norm(getattr(instance, a)) != avant[a]} if pk else set()
            if not self.validate(spec, instance, table, numero, verifiee=valide):
                continue
            bilan.noter_inconnus(table.fichier, instance)
            m2m_modifies = {c: v for c, v in m2m.items() if not pk or m2m_actuels[c].get(pk, set()) != set(v)}
            if not pk:
                action = CREATION
                lot.a_creer.append(instance)
            elif modifies or m2m_modifies:
                action = MISE_A_JOUR
                if modifies:
                    lot.a_modifier.append(instance)
                    lot.champs_modifies |= modifies
            else:
                action = INCHANGE
            if m2m_modifies:
                lot.liens_m2m.append((instance, m2m_modifies))
            self._lignes[id(instance)] = (table.fichier, numero)
            bilan.operations.append(Operation(table.fichier, numero, action, self.row_label(spec, table, cellules)))
        return lot

    def new_instance(self, model, valeurs: dict):
        """`model(**valeurs)` without `Model.__init__`'s work per field: the defaults are computed
        once per model (callable ones per row). Values go through the descriptors that convert them."""
        constantes, appelables, par_descripteur = _gabarit(model)
        if par_descripteur is None:  # init signals or the like: the ordinary way
            instance = model()
            for attname, valeur in valeurs.items():
                setattr(instance, attname, valeur)
            return instance
        instance = model.__new__(model)
        instance._state = ModelState()
        etat = instance.__dict__
        etat.update(constantes)
        for f in appelables:
            etat[f.attname] = f.get_default()
        for attname, valeur in valeurs.items():
            if attname in par_descripteur:
                setattr(instance, attname, valeur)
            else:
                etat[attname] = valeur
        return instance

    def current_m2m(self, spec: specs.Entite, pks: list) -> dict[str, dict[int, set]]:
        """{m2m field: {pk: {target pk}}} of existing records, one query per field."""
        actuels: dict[str, dict[int, set]] = {}
        for multiple in spec.multiples:
            champ = spec.model._meta.get_field(multiple.champ)
            source, cible = champ.m2m_field_name(), champ.m2m_reverse_field_name()
            liens = defaultdict(set)
            if pks:
                through = champ.remote_field.through.objects.filter(**{f"{source}__in": pks})
                for src, dst in through.values_list(f"{source}_id", f"{cible}_id"):
                    liens[src].add(dst)
            actuels[multiple.champ] = liens
        return actuels

    def load_related(self, spec: specs.Entite, instances: list) -> None:
        """Put the records each instance links to in its cache, one query per link for the chunk,
        so that the coherence rules (the person's birth, the proceeding's opening) do not query
        row by row. A person comes with the start of their first support period."""
        from accompagnement.models import Personne

        for f in spec.model._meta.concrete_fields:
            if not f.is_relation or f.related_model is get_user_model():
                continue
            ids = {getattr(i, f.attname) for i in instances} - {None}
            if not ids:
                continue
            qs = f.related_model._base_manager.all()
            if f.related_model is Personne:
                qs = qs.annotate(debut_du_suivi_connu=Min("accompagnements__date_debut"))
            cibles = qs.in_bulk(ids)
            for instance in instances:
                cible = cibles.get(getattr(instance, f.attname))
                if cible is not None:
                    f.set_cached_value(instance, cible)

    def fill_author(self, spec, instance, table, numero) -> bool:
        """A new record whose required author column is absent gets the person running the import."""
        for f in spec.model._meta.concrete_fields:
            if f.is_relation and not f.null and f.related_model is get_user_model():
                if getattr(instance, f.attname) is None:
                    if self.par is None:
                        self.add_error(
                            table.fichier,
                            numero,
                            f.name,
                            _("Give a username (or run the import as a user, who is then the author)."),
                        )
                        return False
                    setattr(instance, f.attname, self.par.pk)
        return True

    def row_label(self, spec, table, cellules) -> str:
        if (index := self._etiquettes.get(id(table))) is None:
            noms = [c for c in (spec.cle or table.entetes[:3]) if c in table.entetes]
            index = self._etiquettes[id(table)] = [table.entetes.index(c) for c in noms]
        return " / ".join(formats.texte_cellule(cellules[i]) for i in index if i < len(cellules))

    def check_headers(self, spec: specs.Entite, table: Table) -> bool:
        ok = True
        vus = set()
        for nom in table.entetes:
            if nom in vus:
                self.add_error(table.fichier, 1, nom, _("This column appears twice."))
                ok = False
            vus.add(nom)
            if nom and nom not in spec.par_nom:
                self.add_error(
                    table.fichier,
                    1,
                    nom,
                    _("Unknown column for %(entite)s (see docs/import.md).") % {"entite": spec.nom},
                )
                ok = False
        for nom in spec.cle or ():
            if nom not in table.entetes:
                self.add_error(
                    table.fichier,
                    1,
                    nom,
                    _("Missing column: it is part of the key of %(entite)s.") % {"entite": spec.nom},
                )
                ok = False
        return ok

    def parse_row(self, spec: specs.Entite, table: Table, numero: int, cellules: list):
        """Model values of one row ({attname: value}, {m2m: [pk]}), or None after reporting errors."""
        index = table.index

        def brut(nom):
            i = index.get(nom)
            return cellules[i] if i is not None and i < len(cellules) else None

        valeurs, m2m, ok = {}, {}, True
        for lien in spec.liens:
            if not any(c in index for c in lien.colonnes.values()):
                continue
            try:
                pk = self.resolve(lien, brut)
                if pk is None and not spec.model._meta.get_field(lien.champ).null:
                    raise formats.ErreurCellule(_("This column is required."))
                valeurs[spec.model._meta.get_field(lien.champ).attname] = pk
            except formats.ErreurCellule as exc:
                self.add_error(table.fichier, numero, ", ".join(lien.colonnes.values()), exc)
                ok = False
        for nom, i, col, lecteur in self.row_plan(spec, table):
            cellule = cellules[i] if i < len(cellules) else None
            try:
                if lecteur is not None:
                    valeurs[col.champ.attname] = lecteur(cellule)
                elif col.champ is not None:
                    auteur = formats.texte_cellule(cellule) == ""
                    valeur = None if auteur else self.read_cell(col.champ, cellule)  # empty: the importing user
                    if valeur is None and not col.champ.null:  # an author: the account, or the importing user
                        valeur = self.par
                        if valeur is None:
                            raise formats.ErreurCellule(
                                _("Give a username (or run the import as a user, who is then the author).")
                            )
                    valeurs[col.champ.attname] = valeur.pk if valeur is not None else None
                elif col.multiple is not None:
                    m2m[col.multiple.champ] = self.read_multiple(col.multiple, cellule)
            except formats.ErreurCellule as exc:
                self.add_error(table.fichier, numero, nom, exc)
                ok = False
        return (valeurs, m2m) if ok else None

    def row_plan(self, spec, table) -> list:
        """[(column, position, Colonne, reader of a value cell or None)] of a table, built once. Authors
        (accounts, the importing user when empty) and lists are read by `parse_row` itself."""
        if (plan := self._plans.get(id(table))) is None:
            plan = self._plans[id(table)] = []
            for nom, i in table.index.items():
                col = spec.par_nom[nom]
                lecteur = None
                if col.champ is not None and not isinstance(col.champ, models.ForeignKey):
                    if formats.texte_libre(col.champ):
                        lecteur = functools.partial(formats.lire_texte, col.champ)
                    else:
                        lecteur = functools.partial(self.read_cell, col.champ)
                plan.append((nom, i, col, lecteur))
        return plan

    def read_cell(self, field, brut):
        """`formats.lire(field, brut)`, once per distinct cell of a field (dates, codes, numbers,
        accounts: few distinct values); a free text is read each time (each one differs)."""
        cache = self._cellules.get(field)
        if cache is None:
            if not _memorisable(field):
                return formats.lire(field, brut)
            cache = self._cellules[field] = {}
        cle = (brut.__class__, brut)
        try:
            resultat = cache[cle]
        except KeyError:
            try:
                resultat = formats.lire(field, brut)
            except formats.ErreurCellule as exc:
                resultat = exc
            cache[cle] = resultat
        except TypeError:  # not hashable
            return formats.lire(field, brut)
        if isinstance(resultat, formats.ErreurCellule):
            raise type(resultat)(*resultat.args)  # a new one each time (a raised error keeps its traceback)
        return resultat

    def read_multiple(self, multiple: specs.Multiple, brut) -> list:
        elements = [e.strip() for e in formats.texte_cellule(brut).split(formats.SEPARATEUR_LISTE) if e.strip()]
        if multiple.entite is None:
            return [formats.lire_utilisateur(e).pk for e in elements]
        cible = self.entites[multiple.entite]
        pks = []
        for element in elements:
            parties = dict(zip(cible.cle, [p.strip() for p in element.split(" / ")], strict=False))
            lien = specs.Lien(multiple.champ, cible.nom, {c: c for c in cible.cle})
            pks.append(self.resolve(lien, parties.get))
        return pks

    def validate(self, spec, instance, table, numero, *, verifiee: bool = False) -> bool:
        """The model's rules on one row: errors refuse it; warnings (coherence.AVERTISSEMENT: a long stay,
        a date before the support began) are listed apart and accepted, since history is what it was.
        `verifiee`: the chunk's `Verification` found no error nor warning (full_clean() would not either)."""
        # Links and countries were checked while parsing (country validation walks ~250 choices per row).
        # Check constraints cost a query each: the database enforces them when the rows are written,
        # and `refused_rows` finds the lines it refused.
        exclus = self.not_validated(spec)
        # Once for the warnings; again, confirmed, when there were some.
        for confirmee in () if verifiee else (False, True):
            instance.coherence_confirmee = confirmee
            try:
                instance.full_clean(exclude=exclus, validate_unique=False, validate_constraints=False)
                break
            except ValidationError as exc:
                erreurs, avertissements = self.split_errors(spec, exc)
                # A report's potential victims may come in a later file: checked once all are written.
                erreurs = [e for e in erreurs if e[2] != "sans_victime"]
                if not confirmee:
                    for colonne, message, _code in avertissements:
                        self.add_warning(table.fichier, numero, colonne, message)
                if erreurs:
                    for colonne, message, _code in erreurs:
                        self.add_error(table.fichier, numero, colonne, message)
                    return False
                if not avertissements:
                    break
        if hasattr(instance, "verifier_victimes"):
            self._apres_liens.append((table.fichier, numero, ", ".join(spec.cle or ()), instance))
        return True

    @staticmethod
    def not_validated(spec) -> list[str]:
        return _not_validated(spec.model)

    def refused_rows(self, spec, instances) -> int:
        """After the database refused a write: the lines whose record breaks a model constraint,
        with the constraint's message (each checked by its own query, only on this path)."""
        trouvees = 0
        for instance in instances:
            try:
                instance.validate_constraints()
            except ValidationError as exc:
                fichier, numero = self._lignes.get(id(instance), ("", 0))
                for colonne, message, _code in self.split_errors(spec, exc)[0]:
                    self.add_error(fichier, numero, colonne, message)
                    trouvees += 1
        return trouvees

    def split_errors(self, spec, exc: ValidationError) -> tuple[list, list]:
        """([(column, message, code)] of the errors, [...] of the warnings) of a full_clean()."""
        erreurs, avertissements = [], []
        for champ, liste in exc.error_dict.items():
            colonne = "" if champ == NON_FIELD_ERRORS else self.column_of_field(spec, champ)
            for erreur in liste:
                for message in erreur.messages:
                    cible = avertissements if erreur.code == AVERTISSEMENT else erreurs
                    cible.append((colonne, message, erreur.code))
        return erreurs, avertissements

    def check_links(self) -> None:
        """Rules that read rows saved after the record, once every file is written: a report imported
        without any potential victim (in the database or in this import's files) is refused."""
        for fichier, numero, colonne, instance in self._apres_liens:
            if instance.pk is None:
                continue  # not written: the import is refused already
            try:
                instance.verifier_victimes(instance.personnes_signalees.all())
            except ValidationError as exc:
                for message in exc.messages:
                    self.add_error(fichier, numero, colonne, message)

    @staticmethod
    def column_of_field(spec, champ: str) -> str:
        for lien in spec.liens:
            if lien.champ == champ:
                return ", ".join(lien.colonnes.values())
        return champ

    def write(self, spec, a_creer, a_modifier, champs, liens_m2m, fichier) -> None:
        model = spec.model
        if a_creer or a_modifier:
            self._ecrits.add(model)
        raison = _("Import of history files")
        try:
            with transaction.atomic():
                writer.creer(model, a_creer, par=self.par, raison=raison, batch_size=BATCH_SIZE)
                if a_modifier:
                    noms = {f.name for f in model._meta.concrete_fields if f.attname in champs}
                    if hasattr(model, "version"):
                        # Open edit forms must notice the import changed the record.
                        noms.add("version")
                        for instance in a_modifier:
                            instance.version += 1
                    noms = sorted(noms | {"cle_recherche"} & {f.name for f in model._meta.concrete_fields})
                    bulk_update_with_history(
                        a_modifier,
                        model,
                        noms,
                        batch_size=BATCH_SIZE,
                        default_user=self.par,
                        default_change_reason=raison,
                    )
                for instance, m2m in liens_m2m:
                    for champ, pks in m2m.items():
                        getattr(instance, champ).set(pks)
        except IntegrityError as exc:
            if not self.refused_rows(spec, a_creer + a_modifier):
                self.add_error(fichier, 0, "", _("The database refused these rows: %(erreur)s") % {"erreur": exc})
        self._keys.pop(spec.nom, None)


@functools.cache
def _not_validated(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation or isinstance(f, CountryField)]


@functools.cache
def _gabarit(model):
    """(constant defaults {attname: value}, fields with a callable default, attnames set through their
    descriptor) of a new `model` instance; (…, None) when `Model.__init__` must run (init signals)."""
    constantes, appelables, par_descripteur = {}, [], set()
    if models.signals.pre_init.has_listeners(model) or models.signals.post_init.has_listeners(model):
        return constantes, appelables, None
    for f in model._meta.concrete_fields:
        descripteur = inspect.getattr_static(model, f.attname, None)
        if hasattr(descripteur, "__set__") and not isinstance(descripteur, ForeignKeyDeferredAttribute):
            par_descripteur.add(f.attname)  # e.g. a country, stored as its code
        if f.has_default() and callable(f.default):
            appelables.append(f)
        else:
            constantes[f.attname] = f.get_default()
    if model._meta.private_fields:  # generic relations: leave them to Model.__init__
        return constantes, appelables, None
    return constantes, appelables, par_descripteur


def _memorisable(field) -> bool:
    """A cell worth reading once per distinct value: not a free text, nor a list (a mutable value)."""
    if isinstance(field, models.JSONField):
        return False
    return bool(field.choices) or not isinstance(field, models.CharField | models.TextField)


def run_import(
    fichiers: list[tuple[str, bytes]],
    *,
    par=None,
    essai: bool = True,
    entite: str | None = None,
    limites: Limits | None = None,
) -> Bilan:
    """Import files [(name, content)]; `essai` = dry run. Nothing is written unless all rows are valid."""
    return Import(par=par, essai=essai, limites=limites).run(fichiers, entite=entite)
