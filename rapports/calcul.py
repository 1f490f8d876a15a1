"""Computing the report of a year: every indicator of the registry, N and N−1, breakdowns.

One `Contexte` per year: indicator functions share their aggregates through `ctx.memo`, so the
number of queries of a whole year does not grow with the data (pinned by a test).
An exception in a figure propagates (PDF, exports, tests), except on the report page, which
computes with `isolate_errors=True`: there a failing figure shows as in error (value None) beside
the others. A test computes a generated demo year and fails on any figure in error.

A closed year (`ExerciceCloture`) is read from its published snapshot, not computed: its page and
PDF, the N−1 column of the next year and its point of the file-active series print the published
figures (`chiffres=PUBLIES`, the default); `chiffres=COURANTS` computes everything from the records.
"""

import datetime
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from comptes.contexte import Contexte, pourcentage

from . import qualite, registre
from .models import ExerciceCloture, SaisieAnnuelle
from .registre import Indicateur, Unite

logger = logging.getLogger(__name__)

Nombre = int | float | None
ANNEES_EVOLUTION = (5, 10)
DUREE_CACHE = 10 * 60  # seconds
PUBLIES, COURANTS = "publies", "courants"  # --chiffres: the published figures of closed years, or live ones


@dataclass
class Precision:
    """A figure printed beside an indicator of year N, e.g. the mean for women (B14)."""

    libelle_fr: str
    libelle_en: str
    valeur: Nombre
    effectif: int  # persons it is computed over: the public edition hides small groups

    @property
    def libelle(self) -> str:  # at display time: a cached report serves both languages
        return registre.choisir(self.libelle_fr, self.libelle_en)


@dataclass
class Ligne:
    indicateur: Indicateur
    valeur: Nombre
    precedent: Nombre
    disponible: bool  # function written (or manual value entered)
    erreur: str = ""
    note_saisie: str = ""
    precisions: list[Precision] = field(default_factory=list)
    # A published year's page: the value computed from the records today, when it differs.
    courant: Nombre = None
    revise: bool = False
    precisions_courantes: list[Precision] | None = None  # the same, for the precisions

    def __setstate__(self, etat):  # a line cached by an earlier release lacks the newer fields
        self.__dict__.update({"precisions_courantes": None} | etat)

    @property
    def cle(self) -> str:
        return self.indicateur.cle

    @property
    def ecart(self) -> Nombre:
        """Today's value minus the published one, for a revised line."""
        if not self.revise or self.courant is None or self.valeur is None:
            return None
        return round(self.courant - self.valeur, 1)

    @property
    def variation(self) -> Nombre:
        """Change from N−1: in points for a percentage, else relative in % (one decimal)."""
        if self.valeur is None or self.precedent is None:
            return None
        if self.indicateur.unite == Unite.POURCENT:
            return round(self.valeur - self.precedent, 1)
        if not self.precedent:
            return None
        return round((self.valeur - self.precedent) * 100 / self.precedent, 1)


@dataclass
class Rapport:
    annee: int
    lignes: dict[str, Ligne]
    repartitions: dict[str, dict[str, int]]
    serie_file_active: dict[int, Nombre] = field(default_factory=dict)
    qualite: dict[str, dict[str, int]] = field(default_factory=dict)  # see rapports.qualite.comptes
    repartitions_manquantes: list[str] = field(default_factory=list)
    erreurs_repartitions: dict[str, str] = field(default_factory=dict)
    calcule_le: object = None
    chiffres: str = PUBLIES  # what was asked: published figures where a year is closed, or current ones
    publication: "Publication | None" = None  # the published version printed for N (None: computed)
    publication_precedente: "Publication | None" = None  # the same for the N−1 column
    # A published year's page: what the records give today where it differs (`marquer_revisions`):
    # {breakdown: {category: count today}} and {population: {check: count today}}, changed ones only.
    repartitions_courantes: dict[str, dict[str, int]] = field(default_factory=dict)
    qualite_courante: dict[str, dict[str, int]] = field(default_factory=dict)

    def __setstate__(self, etat):  # a report cached by an earlier release lacks the newer fields
        self.__dict__.update({"repartitions_courantes": {}, "qualite_courante": {}} | etat)

    def valeurs(self) -> dict[str, Nombre]:
        return {cle: ligne.valeur for cle, ligne in self.lignes.items()}

    def contrat(self) -> dict:
        """The JSON contract of indicateurs.md: every key, null where absent; then which figures
        these are (`publication.version`: the published version of N, null for current figures)."""
        return {
            "annee": self.annee,
            "indicateurs": self.valeurs(),
            "repartitions": self.repartitions,
            "publication": {
                "chiffres": self.chiffres,
                "version": self.publication.version if self.publication else None,
                "cloture_le": self.publication.cloture_le.isoformat() if self.publication else None,
                "version_precedente": self.publication_precedente.version if self.publication_precedente else None,
            },
        }

    @property
    def revisions(self) -> list[Ligne]:
        """Lines of a published year whose records have changed since (see `marquer_revisions`)."""
        return [ligne for ligne in self.lignes.values() if ligne.revise]

    def nombre_revisions(self) -> dict[str, int]:
        """What the revision summary counts: revised figures, precisions, breakdown lines, quality counts."""
        return {
            "indicateurs": len(self.revisions),
            "precisions": sum(1 for ligne in self.lignes.values() if ligne.precisions_courantes is not None),
            "repartitions": sum(len(codes) for codes in self.repartitions_courantes.values()),
            "qualite": sum(len(codes) for codes in self.qualite_courante.values()),
        }

    @property
    def revise(self) -> bool:
        return any(self.nombre_revisions().values())

    def instantane(self) -> dict:
        """Everything the page and the PDF print, as JSON: the `resultat` of a closed year."""
        return {
            "format": 1,
            "annee": self.annee,
            "lignes": {
                cle: {
                    "valeur": ligne.valeur,
                    "precedent": ligne.precedent,
                    "disponible": ligne.disponible,
                    "erreur": ligne.erreur,
                    "note_saisie": ligne.note_saisie,
                    "precisions": [[p.libelle_fr, p.libelle_en, p.valeur, p.effectif] for p in ligne.precisions],
                }
                for cle, ligne in self.lignes.items()
            },
            "repartitions": self.repartitions,
            "serie_file_active": {str(a): n for a, n in self.serie_file_active.items()},
            "qualite": self.qualite,
            "repartitions_manquantes": self.repartitions_manquantes,
            "erreurs_repartitions": self.erreurs_repartitions,
            "calcule_le": self.calcule_le.isoformat() if self.calcule_le else None,
            "publication_precedente": self.publication_precedente.en_json() if self.publication_precedente else None,
        }

    def par_partie(self) -> list[dict]:
        """Parts of the published report, each with its groups of lines, in registry order."""
        parties = []
        for partie, (fr, en) in registre.PARTIES.items():
            groupes = []
            for code, (p, gfr, gen) in registre.GROUPES.items():
                if p != partie:
                    continue
                lignes = [ligne for ligne in self.lignes.values() if ligne.indicateur.groupe == code]
                if lignes:
                    groupes.append({"code": code, "titre": registre.choisir(gfr, gen), "lignes": lignes})
            reps = [r for r in registre.REPARTITIONS if r.partie == partie]
            parties.append(
                {"code": partie.value, "titre": registre.choisir(fr, en), "groupes": groupes, "repartitions": reps}
            )
        return parties

    def evolutions(self) -> list[dict]:
        """File active over 5 and 10 years, with the base year printed (catalogue INC-16)."""
        actuel = self.serie_file_active.get(self.annee)
        result = []
        for k in ANNEES_EVOLUTION:
            base = self.serie_file_active.get(self.annee - k)
            ligne = self.lignes.get(f"personnes_accompagnees_evol_{k}ans")
            valeur = ligne.valeur if ligne and ligne.valeur is not None else None
            if valeur is None and actuel is not None and base:
                valeur = round((actuel - base) * 100 / base, 1)
            result.append({"ans": k, "annee_base": self.annee - k, "base": base, "actuel": actuel, "valeur": valeur})
        return result

    @property
    def manquants(self) -> list[Ligne]:
        return [ligne for ligne in self.lignes.values() if ligne.indicateur.requis and not ligne.disponible]

    @property
    def en_erreur(self) -> list[Ligne]:
        return [ligne for ligne in self.lignes.values() if ligne.erreur]


@dataclass(frozen=True)
class Publication:
    """A published version of a year, as printed beside its figures."""

    pk: int
    annee: int
    version: int
    cloture_le: object
    cloture_par: str

    @classmethod
    def de(cls, exercice: ExerciceCloture) -> "Publication":
        par = exercice.cloture_par
        return cls(
            exercice.pk, exercice.annee, exercice.version, exercice.cloture_le, par.get_full_name() or par.username
        )

    def en_json(self) -> dict:
        return {**asdict(self), "cloture_le": self.cloture_le.isoformat()}

    @classmethod
    def depuis_json(cls, donnees: dict | None) -> "Publication | None":
        if not donnees:
            return None
        return cls(**{**donnees, "cloture_le": datetime.datetime.fromisoformat(donnees["cloture_le"])})


def depuis_instantane(exercice: ExerciceCloture) -> Rapport:
    """The report of a closed year as published. A key added to the registry since is "not computed"."""
    donnees = exercice.resultat
    lignes = {}
    for ind in registre.INDICATEURS:
        ligne = donnees["lignes"].get(ind.cle)
        if ligne is None:
            lignes[ind.cle] = Ligne(ind, None, None, disponible=False)
            continue
        lignes[ind.cle] = Ligne(
            ind,
            ligne["valeur"],
            ligne["precedent"],
            disponible=ligne["disponible"],
            erreur=ligne["erreur"],
            note_saisie=ligne["note_saisie"],
            precisions=[Precision(*p) for p in ligne["precisions"]],
        )
    calcule_le = donnees.get("calcule_le")
    return Rapport(
        exercice.annee,
        lignes,
        donnees["repartitions"],
        serie_file_active={int(a): n for a, n in donnees["serie_file_active"].items()},
        qualite=donnees["qualite"],
        repartitions_manquantes=donnees["repartitions_manquantes"],
        erreurs_repartitions=donnees["erreurs_repartitions"],
        calcule_le=datetime.datetime.fromisoformat(calcule_le) if calcule_le else None,
        publication=Publication.de(exercice),
        publication_precedente=Publication.depuis_json(donnees.get("publication_precedente")),
    )


def _nombre(valeur) -> Nombre:
    if valeur is None:
        return None
    if isinstance(valeur, Decimal):
        return int(valeur) if valeur == valeur.to_integral_value() else float(valeur)
    return valeur


def _comptes(fn):
    """A breakdown function whose result is checked: {code: integer count}."""

    def appel(ctx):
        comptes = {}
        for code, n in (fn(ctx) or {}).items():
            if isinstance(n, bool) or not isinstance(n, int | float | Decimal) or n != int(n):
                raise TypeError(f"category {code!r}: {n!r} is not a count")
            comptes[str(code)] = int(n)
        return comptes

    appel.__name__ = getattr(fn, "__name__", "repartition")
    return appel


def _call(fn, ctx: Contexte, isolate_errors: bool):
    """(value, error) of an indicator function. With `isolate_errors` (the page) a failure becomes
    an error message; on PostgreSQL a savepoint keeps a failed query from poisoning the transaction."""
    if not isolate_errors:
        return _nombre(fn(ctx)), ""
    guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
    try:
        with guard:
            return _nombre(fn(ctx)), ""
    except Exception as exc:  # noqa: BLE001 — on the page, one broken figure must not hide the others
        logger.exception("Indicator %s failed for %s", getattr(fn, "__name__", fn), ctx.annee)
        return None, f"{type(exc).__name__}: {exc}"


# Units whose figures share aggregates (ctx.memo) are computed together; the batches run on
# separate database connections when they may (see `_in_parallel`). Balanced by their time at
# scale 100 (docs/benchmark.md): the file active's profile weighs about as much as the legal unit. A
# figure or breakdown with queries of its own may be named to go with another unit's batch: the
# memo is only a cache, so where a figure runs changes its time, never its value.
BATCHES = (
    ("accompagnement", "sensibilisation", "signalements"),
    ("psychosocial", "juridique"),
)


@dataclass
class Annee:
    """Everything computed for one year."""

    valeurs: dict[str, tuple[Nombre, str]] = field(default_factory=dict)  # key → (value, error)
    repartitions: dict[str, dict[str, int]] = field(default_factory=dict)
    erreurs_repartitions: dict[str, str] = field(default_factory=dict)
    precisions: dict[str, list[Precision]] = field(default_factory=dict)


def _batch_index(app: str, cle: str) -> int:
    """The batch naming the key, else the one of its unit."""
    par_cle = [i for i, noms in enumerate(BATCHES) if cle in noms]
    return par_cle[0] if par_cle else next(i for i, noms in enumerate(BATCHES) if app in noms)


def _batches(
    indicateurs: list[Indicateur], complet: bool, sauter: frozenset = frozenset()
) -> list[list[tuple[str, str, object]]]:
    """(kind, key, function) to call, in batches. `complet`: breakdowns and precisions too (N).
    `sauter`: keys not to compute (their value comes from elsewhere)."""
    batches = [[] for _ in BATCHES]
    for ind in indicateurs:
        fn = None if ind.manuel or ind.cle in sauter else registre.fonction(ind)
        if fn is None:
            continue
        batches[_batch_index(ind.app, ind.cle)].append(("valeur", ind.cle, fn))
        precisions = registre.precisions(ind) if complet else None
        if precisions is not None:
            batches[_batch_index(ind.app, ind.cle)].append(("precisions", ind.cle, precisions))
    if complet:
        for rep in registre.REPARTITIONS:
            for cle, fn in registre.fonctions_repartition(rep).items():
                batches[_batch_index(rep.app, cle)].append(("repartition", cle, _comptes(fn)))
    return [batch for batch in batches if batch]


def _run_batch(ctx: Contexte, batch, isolate_errors: bool) -> list[tuple[str, str, tuple]]:
    return [(genre, cle, _call(fn, ctx, isolate_errors)) for genre, cle, fn in batch]


def _in_parallel(tasks: list) -> list:
    """Run the callables, each on its own database connection when the rows they read are
    committed (autocommit: the report page, the PDF task, the benchmark). Inside a transaction (a
    test, a caller's atomic block) another connection would not see its rows: one after the other."""
    if len(tasks) < 2 or connection.in_atomic_block or settings.RAPPORTS_CALCUL_PARALLELE < 2:
        return [task() for task in tasks]

    threads = min(len(tasks), settings.RAPPORTS_CALCUL_PARALLELE)
    workers = _workers_par_requete(threads)

    def run(task):
        try:
            if workers is not None:
                with connection.cursor() as cursor:
                    cursor.execute(f"SET max_parallel_workers_per_gather = {workers}")
                    # The year's reports and P_JUR's starts are sorted and hashed in memory: at 4 MB
                    # (PostgreSQL's default) both spilled to disk at scale 100 (docs/benchmark.md).
                    cursor.execute(f"SET work_mem = '{MEMOIRE_PAR_REQUETE}'")
            return task()
        finally:
            connection.close()  # the thread's own connection

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return list(pool.map(run, tasks))


MEMOIRE_PAR_REQUETE = "16MB"  # per sort or hash of a batch's connection (PostgreSQL's work_mem)


def _workers_par_requete(threads: int) -> int | None:
    """PostgreSQL's parallel workers per query while `threads` batches run at once: the cores the
    batches leave free, shared. On two cores the two batches already use both, and a query's
    workers would only take turns with the other batch (measured: docs/benchmark.md)."""
    if connection.vendor != "postgresql":
        return None
    return max(0, ((os.cpu_count() or 1) - threads) // threads)


def calculer_annees(
    *demandes: tuple[Contexte, bool], indicateurs: list[Indicateur] | None = None, isolate_errors: bool = False
) -> list[Annee]:
    """Compute years: (context, complet) each; `complet` adds the breakdowns and precisions. A third
    element, a set of keys, leaves those figures out of that year (absent from its `valeurs`)."""
    return _calculer(demandes, indicateurs, {}, isolate_errors)[0]


def _calculer(demandes, indicateurs, extra: dict, isolate_errors: bool) -> tuple[list[Annee], dict]:
    """The years asked, and the results of `extra` ({name: callable}) run in the same pool.

    With `isolate_errors`, a function that raises has its error kept beside its key (value None)."""
    indicateurs = registre.INDICATEURS if indicateurs is None else indicateurs
    tasks, owners = [], []
    for index, (ctx, complet, *sauter) in enumerate(demandes):
        for batch in _batches(indicateurs, complet, *sauter):
            tasks.append(partial(_run_batch, ctx, batch, isolate_errors))
            owners.append(index)
    noms = list(extra)
    done = _in_parallel([extra[nom] for nom in noms] + tasks)
    annees = [Annee() for _ in demandes]
    for index, resultats in zip(owners, done[len(noms) :], strict=True):
        annee = annees[index]
        for genre, cle, (valeur, erreur) in resultats:
            if genre == "valeur":
                annee.valeurs[cle] = (valeur, erreur)
            elif genre == "precisions":  # a failure is logged; the main figure stays
                annee.precisions[cle] = [Precision(fr, en, _nombre(v), n) for fr, en, v, n in valeur or []]
            else:
                annee.repartitions[cle] = valeur or {}
                if erreur:
                    annee.erreurs_repartitions[cle] = erreur
    return annees, dict(zip(noms, done, strict=False))


def repartitions_manquantes() -> list[str]:
    """Breakdowns of the catalogue with no function yet (no chart)."""
    return [rep.cle for rep in registre.REPARTITIONS if not registre.fonctions_repartition(rep)]


def calculer(
    annee: int,
    *,
    indicateurs: list[Indicateur] | None = None,
    serie: bool = True,
    isolate_errors: bool = False,
    chiffres: str = PUBLIES,
    avec_qualite: bool = True,
) -> Rapport:
    """The report of a year: its indicators beside those of N−1, its breakdowns, the file-active series.
    `isolate_errors`: a failing figure shows as in error instead of raising (the report page).
    `chiffres=PUBLIES`: a closed year is its latest published version, and the N−1 column and the
    series read the published figures of closed years; `COURANTS`: everything from the records.
    `avec_qualite=False`: an open year without its data-quality counts (the page asks for them apart)."""
    publiees = annees_publiees(annee) if chiffres == PUBLIES and indicateurs is None else {}
    if annee in publiees:
        return depuis_instantane(publiees[annee])
    return _calculer_rapport(annee, indicateurs, serie, isolate_errors, publiees, chiffres, avec_qualite)


def annees_publiees(annee: int) -> dict[int, ExerciceCloture]:
    """The latest published version of each closed year the report of `annee` prints (N−10 … N)."""
    return ExerciceCloture.objects.select_related("cloture_par").dernieres(
        range(annee - max(ANNEES_EVOLUTION), annee + 1)
    )


def calculer_pour_cloture(annee: int) -> Rapport:
    """What closing `annee` publishes: N from the records (errors raise), N−1 and the series as
    published where those years are closed."""
    publiees = {a: e for a, e in annees_publiees(annee).items() if a != annee}
    rapport = _calculer_rapport(annee, None, True, False, publiees, PUBLIES)
    rapport.calcule_le = timezone.now()
    return rapport


EVOLUTIONS = {1: "personnes_accompagnees_evol_1an"} | {
    k: f"personnes_accompagnees_evol_{k}ans" for k in ANNEES_EVOLUTION
}


def _evolutions_sur_publiees(annee: int, publiees: dict[int, ExerciceCloture]) -> frozenset:
    """The file active's changes whose base year is closed: `_evolutions_publiees` counts them from
    the published base, so year N does not compute them from the records (a query per base year)."""
    return frozenset(cle for k, cle in EVOLUTIONS.items() if annee - k in publiees)


def _evolutions_publiees(annee: int, lignes: dict[str, Ligne], publiees: dict[int, ExerciceCloture]) -> None:
    """The file active's change since a closed year is counted from that year's published figure
    (as the series prints it), not from its records today."""
    actuel = lignes.get("personnes_accompagnees")
    for k, cle in EVOLUTIONS.items():
        ligne, exercice = lignes.get(cle), publiees.get(annee - k)
        if ligne is None or exercice is None or actuel is None or ligne.erreur:
            continue
        if actuel.valeur is None:  # the file active failed: so does its change
            ligne.valeur, ligne.erreur = None, actuel.erreur
            continue
        base = _valeur_serie(exercice)
        ligne.valeur = pourcentage(actuel.valeur - base, base) if base else None


def _valeur_serie(exercice: ExerciceCloture) -> Nombre:
    return exercice.resultat["serie_file_active"].get(str(exercice.annee))


def _calculer_rapport(
    annee, indicateurs, serie: bool, isolate_errors: bool, publiees: dict, chiffres: str, avec_qualite: bool = True
) -> Rapport:
    indicateurs = registre.INDICATEURS if indicateurs is None else indicateurs
    ctx = Contexte(annee)
    precedente_publiee = publiees.get(annee - 1)
    # The series' query is needed only while a year of N−10 … N−1 is not closed; N's own point is
    # the file active of N (the same definition as `personnes_accompagnees`).
    series_manquantes = [a for a in range(annee - max(ANNEES_EVOLUTION), annee) if a not in publiees]
    extra = {"qualite": partial(_call, qualite.comptes, ctx, isolate_errors)} if avec_qualite else {}
    if serie and series_manquantes:
        extra["serie"] = partial(serie_file_active, ctx, isolate_errors=isolate_errors)
    sur_publiees = _evolutions_sur_publiees(annee, publiees)
    demandes = [(ctx, True, sur_publiees)]
    if not precedente_publiee:
        demandes.append((ctx.precedent(), False))
    annees, done = _calculer(demandes, indicateurs, extra, isolate_errors)
    actuelle = annees[0]
    if precedente_publiee:
        lignes_prec = precedente_publiee.resultat["lignes"]
        valeurs_prec = {cle: (ligne["valeur"], "") for cle, ligne in lignes_prec.items()}
    else:
        valeurs_prec = annees[1].valeurs
    saisies = SaisieAnnuelle.objects.de_annees(annee, annee - 1)
    lignes = {}
    for ind in indicateurs:
        if ind.manuel:
            saisie, saisie_prec = saisies.get((annee, ind.cle)), saisies.get((annee - 1, ind.cle))
            if precedente_publiee:
                precedent = valeurs_prec.get(ind.cle, (None, ""))[0]
            else:
                precedent = _nombre(saisie_prec.valeur) if saisie_prec else None
            lignes[ind.cle] = Ligne(
                ind,
                _nombre(saisie.valeur) if saisie else None,
                precedent,
                disponible=saisie is not None and saisie.valeur is not None,
                note_saisie=saisie.note if saisie else "",
            )
        elif ind.cle in sur_publiees:  # its value: `_evolutions_publiees` below
            precedent, erreur_prec = valeurs_prec.get(ind.cle, (None, ""))
            disponible = registre.fonction(ind) is not None
            lignes[ind.cle] = Ligne(ind, None, precedent, disponible=disponible, erreur=erreur_prec)
        elif ind.cle not in actuelle.valeurs:
            lignes[ind.cle] = Ligne(ind, None, None, disponible=False)
        else:
            (valeur, erreur), (precedent, erreur_prec) = (
                actuelle.valeurs[ind.cle],
                valeurs_prec.get(ind.cle, (None, "")),
            )
            lignes[ind.cle] = Ligne(
                ind,
                valeur,
                precedent,
                disponible=True,
                erreur=erreur or erreur_prec,
                precisions=actuelle.precisions.get(ind.cle, []),
            )
    _evolutions_publiees(annee, lignes, publiees)
    manquantes = repartitions_manquantes()
    repartitions = {  # in the catalogue's order
        cle: actuelle.repartitions.get(cle, {})
        for rep in registre.REPARTITIONS
        for cle in registre.fonctions_repartition(rep) or [rep.cle]
    }
    rapport = Rapport(
        annee,
        lignes,
        repartitions,
        repartitions_manquantes=manquantes,
        erreurs_repartitions=actuelle.erreurs_repartitions,
        chiffres=chiffres,
        publication_precedente=Publication.de(precedente_publiee) if precedente_publiee else None,
    )
    rapport.qualite = (done["qualite"][0] or {}) if avec_qualite else {}
    if serie:
        file_active = lignes.get("personnes_accompagnees")
        serie_n = done.get("serie") or {annee: file_active.valeur if file_active else None}
        publiee = {a: _valeur_serie(e) for a, e in publiees.items() if a < annee}
        rapport.serie_file_active = {
            a: publiee.get(a, serie_n.get(a)) for a in range(annee - max(ANNEES_EVOLUTION), annee + 1)
        }
    return rapport


def serie_file_active(
    ctx: Contexte, annees: int = max(ANNEES_EVOLUTION), isolate_errors: bool = False
) -> dict[int, Nombre]:
    """P_FA for N−10 … N (accompagnement's `file_active_par_annee`, through the registry)."""
    fn = registre.resolve(*registre.SERIE_FILE_ACTIVE)
    comptes, _erreur = _call(partial(fn, annees=annees), ctx, isolate_errors)
    return {ctx.annee - k: (comptes or {}).get(ctx.annee - k) for k in range(annees, -1, -1)}


def calculer_en_cache(annee: int, *, actualiser: bool = False) -> Rapport:
    """The report of a year for the web page, kept a few minutes (it costs seconds to compute).
    A closed year is read from its snapshot, and its figures are compared with the records of
    today (`marquer_revisions`).

    An open year comes without its data-quality counts: they read every record of every year (the
    coherence rules) and cost more than the year's figures, so the page counts them only when asked
    (`qualite_en_cache`, the year's data-quality page). A closed year has them in its snapshot.

    PDFs and exports always compute afresh; saving yearly inputs or closing a year forgets the cached years.
    """
    cle = f"rapports:calcul:{annee}"
    rapport = None if actualiser else cache.get(cle)
    if rapport is None:
        rapport = calculer(annee, isolate_errors=True, avec_qualite=False)
        if rapport.publication:
            marquer_revisions(rapport, etat_courant(annee, isolate_errors=True))
        else:
            rapport.calcule_le = timezone.now()
        cache.set(cle, rapport, DUREE_CACHE)
    return rapport


@dataclass
class Courant:
    """A year as its records give it today (manual inputs included): what a published year is compared with.
    None where a figure failed: unknown, not revised."""

    valeurs: dict[str, Nombre]
    precisions: dict[str, list[Precision]]
    repartitions: dict[str, dict[str, int]]
    qualite: dict[str, dict[str, int]] | None


def etat_courant(annee: int, *, isolate_errors: bool = False) -> Courant:
    """Every indicator, precision, breakdown and data-quality count of year N alone, from today's records."""
    ctx = Contexte(annee)
    extra = {"qualite": partial(_call, qualite.comptes, ctx, isolate_errors)}
    (actuelle,), done = _calculer([(ctx, True)], None, extra, isolate_errors)
    valeurs = {cle: valeur for cle, (valeur, erreur) in actuelle.valeurs.items() if not erreur}
    saisies = SaisieAnnuelle.objects.de_annees(annee)
    for ind in registre.INDICATEURS:
        if ind.manuel:
            saisie = saisies.get((annee, ind.cle))
            valeurs[ind.cle] = _nombre(saisie.valeur) if saisie else None
    repartitions = {c: n for c, n in actuelle.repartitions.items() if c not in actuelle.erreurs_repartitions}
    comptes_qualite, erreur = done["qualite"]
    return Courant(valeurs, actuelle.precisions, repartitions, None if erreur else comptes_qualite)


def _imprime(precisions: list[Precision]) -> list[tuple]:
    return [(p.libelle_fr, p.valeur) for p in precisions]


def _ecarts(publies: dict[str, int], courants: dict[str, int]) -> dict[str, int]:
    """{code: count today} for every code whose count differs (a code absent on one side counts 0)."""
    return {
        code: courants.get(code, 0)
        for code in sorted(publies.keys() | courants.keys())
        if courants.get(code, 0) != publies.get(code, 0)
    }


def marquer_revisions(rapport: Rapport, courant: Courant) -> None:
    """Flag what the records of a published year no longer give: figures, precisions, breakdown
    lines and data-quality counts, each with today's value beside the published one."""
    for cle, ligne in rapport.lignes.items():
        if not ligne.disponible:
            continue
        if cle in courant.valeurs and courant.valeurs[cle] != ligne.valeur:
            ligne.courant, ligne.revise = courant.valeurs[cle], True
        # An empty list today is a failed precision (logged), not a revision.
        precisions = courant.precisions.get(cle)
        if precisions and _imprime(precisions) != _imprime(ligne.precisions):
            ligne.precisions_courantes = precisions
    for cle, publies in rapport.repartitions.items():
        if cle in courant.repartitions and cle not in rapport.erreurs_repartitions:
            if ecarts := _ecarts(publies, courant.repartitions[cle]):
                rapport.repartitions_courantes[cle] = ecarts
    for population, publies in rapport.qualite.items():
        courants = (courant.qualite or {}).get(population)
        if courants is not None:
            ecarts = {code: courants[code] for code, n in publies.items() if code in courants and courants[code] != n}
            if ecarts:
                rapport.qualite_courante[population] = ecarts


def qualite_en_cache(annee: int, *, calculer: bool = True) -> tuple[dict[str, dict[str, int]] | None, str]:
    """(data-quality counts of year N from today's records, error), kept as the report is.
    `calculer=False`: only what is cached (None when nothing is), for the report page."""
    cle = f"rapports:qualite:{annee}"
    comptes = cache.get(cle)
    if comptes is not None or not calculer:
        return comptes, ""
    comptes, erreur = _call(qualite.comptes, Contexte(annee), True)
    if not erreur:
        cache.set(cle, comptes, DUREE_CACHE)
    return comptes, erreur


def oublier(*annees: int) -> None:
    cache.delete_many([f"rapports:{genre}:{a}" for a in annees for genre in ("calcul", "qualite")])
