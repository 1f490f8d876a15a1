"""Computing the report of a year: every indicator of the registry, N and N−1, breakdowns.

One `Contexte` per year: indicator functions share their aggregates through `ctx.memo`, so the
number of queries of a whole year does not grow with the data (pinned by a test).
An exception in a figure propagates (PDF, exports, tests), except on the report page, which
computes with `isolate_errors=True`: there a failing figure shows as in error (value None) beside
the others. A test computes a generated demo year and fails on any figure in error.
"""

import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from comptes.contexte import Contexte

from . import qualite, registre
from .models import SaisieAnnuelle
from .registre import Indicateur, Unite

logger = logging.getLogger(__name__)

Nombre = int | float | None
ANNEES_EVOLUTION = (5, 10)
DUREE_CACHE = 10 * 60  # seconds


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

    @property
    def cle(self) -> str:
        return self.indicateur.cle

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

    def valeurs(self) -> dict[str, Nombre]:
        return {cle: ligne.valeur for cle, ligne in self.lignes.items()}

    def contrat(self) -> dict:
        """The JSON contract of indicateurs.md: every key, null where absent."""
        return {"annee": self.annee, "indicateurs": self.valeurs(), "repartitions": self.repartitions}

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
# separate database connections when they may (see `_in_parallel`).
BATCHES = (("accompagnement", "signalements"), ("psychosocial", "juridique", "sensibilisation"))


@dataclass
class Annee:
    """Everything computed for one year."""

    valeurs: dict[str, tuple[Nombre, str]] = field(default_factory=dict)  # key → (value, error)
    repartitions: dict[str, dict[str, int]] = field(default_factory=dict)
    erreurs_repartitions: dict[str, str] = field(default_factory=dict)
    precisions: dict[str, list[Precision]] = field(default_factory=dict)


def _batch_index(app: str) -> int:
    return next(i for i, apps in enumerate(BATCHES) if app in apps)


def _batches(indicateurs: list[Indicateur], complet: bool) -> list[list[tuple[str, str, object]]]:
    """(kind, key, function) to call, in batches. `complet`: breakdowns and precisions too (N)."""
    batches = [[] for _ in BATCHES]
    for ind in indicateurs:
        fn = None if ind.manuel else registre.fonction(ind)
        if fn is None:
            continue
        batches[_batch_index(ind.app)].append(("valeur", ind.cle, fn))
        precisions = registre.precisions(ind) if complet else None
        if precisions is not None:
            batches[_batch_index(ind.app)].append(("precisions", ind.cle, precisions))
    if complet:
        for rep in registre.REPARTITIONS:
            for cle, fn in registre.fonctions_repartition(rep).items():
                batches[_batch_index(rep.app)].append(("repartition", cle, _comptes(fn)))
    return [batch for batch in batches if batch]


def _run_batch(ctx: Contexte, batch, isolate_errors: bool) -> list[tuple[str, str, tuple]]:
    return [(genre, cle, _call(fn, ctx, isolate_errors)) for genre, cle, fn in batch]


def _in_parallel(tasks: list) -> list:
    """Run the callables, each on its own database connection when the rows they read are
    committed (autocommit: the report page, the PDF task, the benchmark). Inside a transaction (a
    test, a caller's atomic block) another connection would not see its rows: one after the other."""
    if len(tasks) < 2 or connection.in_atomic_block or settings.RAPPORTS_CALCUL_PARALLELE < 2:
        return [task() for task in tasks]

    def run(task):
        try:
            return task()
        finally:
            connection.close()  # the thread's own connection

    with ThreadPoolExecutor(max_workers=min(len(tasks), settings.RAPPORTS_CALCUL_PARALLELE)) as pool:
        return list(pool.map(run, tasks))


def calculer_annees(
    *demandes: tuple[Contexte, bool], indicateurs: list[Indicateur] | None = None, isolate_errors: bool = False
) -> list[Annee]:
    """Compute years: (context, complet) each; `complet` adds the breakdowns and precisions."""
    return _calculer(demandes, indicateurs, {}, isolate_errors)[0]


def _calculer(demandes, indicateurs, extra: dict, isolate_errors: bool) -> tuple[list[Annee], dict]:
    """The years asked, and the results of `extra` ({name: callable}) run in the same pool.

    With `isolate_errors`, a function that raises has its error kept beside its key (value None)."""
    indicateurs = registre.INDICATEURS if indicateurs is None else indicateurs
    tasks, owners = [], []
    for index, (ctx, complet) in enumerate(demandes):
        for batch in _batches(indicateurs, complet):
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
    annee: int, *, indicateurs: list[Indicateur] | None = None, serie: bool = True, isolate_errors: bool = False
) -> Rapport:
    """The report of a year: its indicators beside those of N−1, its breakdowns, the file-active series.
    `isolate_errors`: a failing figure shows as in error instead of raising (the report page)."""
    indicateurs = registre.INDICATEURS if indicateurs is None else indicateurs
    ctx = Contexte(annee)
    extra = {"qualite": partial(_call, qualite.comptes, ctx, isolate_errors)}
    if serie:
        extra["serie"] = partial(serie_file_active, ctx, isolate_errors=isolate_errors)
    demandes = ((ctx, True), (ctx.precedent(), False))
    (actuelle, precedente), done = _calculer(demandes, indicateurs, extra, isolate_errors)
    saisies = SaisieAnnuelle.objects.de_annees(annee, annee - 1)
    lignes = {}
    for ind in indicateurs:
        if ind.manuel:
            saisie, saisie_prec = saisies.get((annee, ind.cle)), saisies.get((annee - 1, ind.cle))
            lignes[ind.cle] = Ligne(
                ind,
                _nombre(saisie.valeur) if saisie else None,
                _nombre(saisie_prec.valeur) if saisie_prec else None,
                disponible=saisie is not None and saisie.valeur is not None,
                note_saisie=saisie.note if saisie else "",
            )
        elif ind.cle not in actuelle.valeurs:
            lignes[ind.cle] = Ligne(ind, None, None, disponible=False)
        else:
            (valeur, erreur), (precedent, erreur_prec) = actuelle.valeurs[ind.cle], precedente.valeurs[ind.cle]
            lignes[ind.cle] = Ligne(
                ind,
                valeur,
                precedent,
                disponible=True,
                erreur=erreur or erreur_prec,
                precisions=actuelle.precisions.get(ind.cle, []),
            )
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
    )
    rapport.qualite = done["qualite"][0] or {}
    rapport.serie_file_active = done.get("serie", {})
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

    PDFs and exports always compute afresh; saving yearly inputs forgets the cached years.
    """
    cle = f"rapports:calcul:{annee}"
    rapport = None if actualiser else cache.get(cle)
    if rapport is None:
        rapport = calculer(annee, isolate_errors=True)
        rapport.calcule_le = timezone.now()
        cache.set(cle, rapport, DUREE_CACHE)
    return rapport


def oublier(*annees: int) -> None:
    cache.delete_many([f"rapports:calcul:{a}" for a in annees])
