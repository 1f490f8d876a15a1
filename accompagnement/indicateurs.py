"""Report figures of the file active (indicateurs.md sections 1.2, 1.3, 2 and breakdowns B3–B17).

Rules fixed here (see also docs/accompagnement.md):
- P_FA(N): distinct persons with a support period overlapping N (started by 31/12/N, not closed
  before 01/01/N). P_NEW(N): persons whose *first* support period starts in N; a re-opened file
  is not new again.
- Main exploitation: a person's attributes of exploitation (hours, days, pay, housing, sector,
  control methods, violence, debt) are those of their **most recent exploitation** (latest start
  date; undated ones come last; then the highest id). Age at the start of exploitation uses the
  **earliest** exploitation start; the length of exploitation is the person's **longest**
  exploitation (days ÷ 30.44); places count **all** exploitations of the person.
- Ages are in completed years (from the year alone when only the year of birth is known), at the
  start of the first exploitation and at the start of the first support period.
- Percentages are over the persons whose attribute is known (pay 0 = no pay at all; housing
  dependence = on site, at the exploiter's home or housing controlled by the exploiter; violence
  shares are over persons whose violence questionnaire is filled in).
- Île-de-France = 75, 77, 78, 91, 92, 93, 94, 95. A person counts as outside Île-de-France when at
  least one place of exploitation is outside it (a place abroad is outside it); the denominator is
  the persons with at least one place recorded.

Each population is aggregated once per `Contexte` (ctx.memo), so the whole set costs a fixed
number of queries whatever the volume.
"""

import datetime
import functools
import json
import operator
from collections import Counter
from decimal import Decimal

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Min,
    OuterRef,
    Q,
    StringAgg,
    Sum,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, RowNumber

from ccem.referentiels import CARAIBES_AMERIQUE_LATINE, ILE_DE_FRANCE
from comptes.contexte import (
    Contexte,
    au_numerateur,
    deux_listes,
    entre_annees,
    moyenne,
    pourcentage,
    un_par_ligne,
    une_ligne_par_personne,
)

from . import enums
from .models import Accompagnement, Affaire, Exploitation, LieuExploitation, Personne, Synthese, periode_chevauchant
from .synthese import age

INCONNU = "inconnu"
JOURS_PAR_MOIS = 30.44


def _mois_en_duree(mois: int) -> datetime.timedelta:
    return datetime.timedelta(days=mois * JOURS_PAR_MOIS)


TRANCHES_DUREE = [
    ("moins_12_mois", None, 12),
    ("12_35_mois", 12, 36),
    ("36_59_mois", 36, 60),
    ("60_119_mois", 60, 120),
    ("120_mois_plus", 120, None),
]
TRANCHES_AGE = [
    ("moins_18", None, 18),
    ("18_21", 18, 22),
    ("22_25", 22, 26),
    ("26_35", 26, 36),
    ("36_45", 36, 46),
    ("46_plus", 46, None),
]
TRANCHES_REMUNERATION = [
    ("0", 0, 0),
    ("1_100", Decimal("0.01"), 100),
    ("101_300", Decimal("100.01"), 300),
    ("301_500", Decimal("300.01"), 500),
    ("501_1000", Decimal("500.01"), 1000),
    ("plus_1000", Decimal("1000.01"), None),
]
TRANCHES_HEURES = [
    ("8_ou_moins", None, 8),
    ("9_13", Decimal("8.01"), 13),
    ("14_16", Decimal("13.01"), 16),
    ("plus_16", Decimal("16.01"), None),
]


# --- Populations -------------------------------------------------------------------------------


def file_active(ctx: Contexte):
    """P_FA(N) as a Personne queryset."""
    return Personne.objects.filter(pk__in=ids_file_active(ctx))


def ids_file_active(ctx: Contexte):
    """The ids of P_FA(N), to filter other records by their person (`personne__in=`) without
    reading the persons' table as `file_active` would."""
    return Accompagnement.objects.chevauchant(ctx.annee).values("personne_id")


def file_active_par_annee(ctx: Contexte, annees: int) -> dict[int, int]:
    """|P_FA| of N−annees … N in one query: per year, the distinct persons of the periods overlapping
    it. The same definition as `personnes_accompagnees`, but plain counts, so that eleven years stay
    cheap whatever the figure aggregates besides (the report's 5- and 10-year evolution)."""
    return _tailles(range(ctx.annee - annees, ctx.annee + 1))


def _tailles(annees) -> dict[int, int]:
    """|P_FA| of each of these years, in one query."""
    comptes = Accompagnement.objects.order_by().aggregate(
        **{str(annee): Count("personne", distinct=True, filter=periode_chevauchant(annee)) for annee in annees}
    )
    return {int(annee): n for annee, n in comptes.items()}


def nouvelles(ctx: Contexte):
    """P_NEW(N): first support period starting in N, i.e. one starting in N and none before."""
    return Personne.objects.filter(pk__in=ids_nouvelles(ctx))


def ids_nouvelles(ctx: Contexte):
    """The ids of P_NEW(N): the persons whose first support period starts in N, as their summary holds
    it (`Synthese`, kept equal to their support periods)."""
    return Synthese.objects.filter(premier_accompagnement__range=(ctx.debut, ctx.fin)).values("personne_id")


POPULATIONS = {"file_active": file_active, "nouvelles": nouvelles}


def principales(personnes):
    """The main exploitation of each of these persons, one row per person who has one: the one
    marked main (`principale`), else the latest started.

    Each row also carries the person's earliest exploitation start (`debut_exploitation`, with
    `age_debut`) and longest exploitation (`duree_max`). All three are read from the person's
    summary (`Synthese`), which holds them as the records give them: choosing among every
    exploitation of every person on each report cost a third of the page at scale 100.
    """
    synthese = "synthese_principale__"
    return Exploitation.objects.filter(**{f"{synthese}personne__in": personnes}).annotate(
        debut_exploitation=F(f"{synthese}debut_exploitation"),
        age_debut=F(f"{synthese}age_debut_exploitation"),
        duree_max=F(f"{synthese}duree_exploitation_max"),
    )


def _fait_hebergement(champ: str, par_le_type, exploitation: str = "") -> tuple[Q, Q]:
    """(known, true) of a housing fact: the fact when recorded, else what the kind of housing says
    (`par_le_type`: the kinds that mean yes), as the figures read it before the two facts existed.
    `exploitation` prefixes the fields when the query is not over Exploitation."""
    champ, hebergement = f"{exploitation}{champ}", f"{exploitation}hebergement"
    inconnu = Q(**{f"{champ}__isnull": True})
    connu = ~inconnu | ~Q(**{hebergement: ""})
    vrai = Q(**{champ: True}) | (inconnu & Q(**{f"{hebergement}__in": par_le_type}))
    return connu, vrai


DEPENDANCE_CONNUE, DEPENDANCE = _fait_hebergement("hebergement_par_exploiteur", enums.DEPENDANCE_HEBERGEMENT)
LOGE_SUR_LIEU_CONNU, LOGE_SUR_LIEU = _fait_hebergement("loge_sur_lieu", enums.LOGE_SUR_LIEU)


class ContientCode(Func):
    """True when the JSON list of codes in `champ` holds `code`. PostgreSQL asks the jsonb itself
    (`@>`: no text made of it on every row); SQLite looks for the quoted code in the stored text."""

    output_field = BooleanField()

    def __init__(self, champ: str, code: str):
        super().__init__(F(champ), Value(code))

    def _parts(self, compiler):
        champ, code = self.get_source_expressions()
        sql, params = compiler.compile(champ)
        return sql, tuple(params), code.value

    def as_sql(self, compiler, connection, **extra):
        sql, params, code = self._parts(compiler)
        return f"(INSTR({sql}, %s) > 0)", (*params, json.dumps(code))

    def as_postgresql(self, compiler, connection, **extra):
        sql, params, code = self._parts(compiler)
        return f"({sql} @> %s::jsonb)", (*params, json.dumps([code]))


def _code(champ: str, code: str) -> Q:
    return Q(ContientCode(champ, code))


def _tranches(champ: str, tranches, cle: str = "", compte: str = "pk") -> dict:
    """Counts of `compte` per bracket of `champ` (keys "<cle>:<bracket>"), with the unknown ones."""
    cle = cle or champ
    aggregats = {}
    for code, bas, haut in tranches:
        q = Q()
        if bas is not None:
            q &= Q(**{f"{champ}__gte": bas})
        if haut is not None:
            q &= Q(**{f"{champ}__lt" if cle.startswith("age") else f"{champ}__lte": haut})
        aggregats[f"{cle}:{code}"] = Count(compte, filter=q)
    aggregats[f"{cle}:{INCONNU}"] = Count(compte, filter=Q(**{f"{champ}__isnull": True}))
    return aggregats


def _profil_personnes(ctx: Contexte, personnes) -> tuple[dict, dict]:
    """(P_FA's, P_NEW's) aggregates, in one pass over the persons of P_FA grouped by whether they are
    of P_NEW (their first support period starts in N; P_NEW ⊂ P_FA): what is held on the person
    (sex, nationality, visa, death, age when support began) and on their main exploitation
    (through their summary). P_NEW's are its group's, P_FA's the two groups' together: each
    aggregate is computed once per person, whichever population reads it."""
    nouvelle = ExpressionWrapper(Q(synthese__premier_accompagnement__gte=ctx.debut), output_field=BooleanField())
    aggregats = _agregats_personnes(ctx) | _agregats_exploitations()
    additifs = _additifs(aggregats)
    lignes = personnes.order_by().annotate(nouvelle=nouvelle).values("nouvelle").annotate(**additifs)
    groupes = {ligne.pop("nouvelle"): ligne for ligne in lignes}
    fa, nouvelles = _ensemble(additifs, groupes.values()), _ensemble(additifs, [groupes.get(True, {})])
    for p in (fa, nouvelles):
        _moyennes(p, aggregats)
        for champ, codes in CODES.items():
            p |= {f"{champ}:{code}": n for code, n in _par_code(p.pop(champ + LISTES), codes).items()}
        p["par_nationalite"] = _par_nationalite(p.pop("nationalites" + LISTES))
        p["nb_pays"] = len(p["par_nationalite"].keys() - {""})
    return fa, nouvelles


SOMME, NOMBRE = "|somme", "|nombre"  # a mean's parts, which add up across the groups
LISTES = "|listes"  # a list per group, counted in Python: nationalities, the JSON lists of a multi-valued field
CODES = {"emprise": enums.Emprise, "violences": enums.Violence}


def _additifs(aggregats: dict) -> dict:
    """The aggregates as parts that add up across groups: a mean becomes its sum and its count."""
    resultat = {}
    for cle, aggregat in aggregats.items():
        if isinstance(aggregat, Avg):
            expression, filtre = aggregat.get_source_expressions()[0], aggregat.filter
            resultat[cle + SOMME] = Sum(expression, filter=filtre.condition if filtre else None)
            resultat[cle + NOMBRE] = Count(expression, filter=filtre.condition if filtre else None)
        else:
            resultat[cle] = aggregat
    return resultat


def _ensemble(additifs: dict, groupes) -> dict:
    """The groups' values added up, the lists put end to end; over no group, what an aggregate over
    nobody gives (0 counted, no sum, no list)."""
    listes = {cle for cle, a in additifs.items() if isinstance(a, StringAgg)}
    resultat = {cle: None if isinstance(a, Sum | StringAgg) else 0 for cle, a in additifs.items()}
    for groupe in groupes:
        for cle, valeur in groupe.items():
            avant = resultat[cle]
            if valeur is None or avant is None:
                resultat[cle] = avant if valeur is None else valeur
            else:
                resultat[cle] = avant + SEPARATEUR + valeur if cle in listes else avant + valeur
    return resultat


def _par_code(listes: str | None, codes) -> dict[str, int]:
    """{code: rows whose list holds it} for each of `codes`, from comma-separated JSON lists."""
    comptes = Counter(code for liste in json.loads(f"[{listes or ''}]") for code in set(liste or []))
    return {code: comptes[code] for code in codes.values}


def _moyennes(p: dict, aggregats: dict) -> None:
    """Each mean from its sum and count (None over nobody)."""
    for cle, aggregat in aggregats.items():
        if isinstance(aggregat, Avg):
            somme, nombre = p.pop(cle + SOMME, None), p.pop(cle + NOMBRE, 0)
            p[cle] = somme / nombre if nombre else None


SEPARATEUR = ","  # of the lists: nationalities are ISO codes, and a JSON list reads as one element


def _par_nationalite(liste: str | None) -> dict[str, int]:
    """{nationality: persons} from an aggregated list ("" for unknown; None: no person)."""
    return dict(Counter(liste.split(SEPARATEUR))) if liste is not None else {}


def _agregats_personnes(ctx: Contexte) -> dict:
    nationalite = Coalesce("nationalite", Value(""), output_field=CharField())
    return dict(
        n=Count("pk"),
        sexe_connu=Count("pk", filter=~Q(sexe="")),
        femmes=Count("pk", filter=Q(sexe=enums.Sexe.FEMME)),
        nationalite_connue=Count("pk", filter=~Q(nationalite="")),
        caraibes_amlat=Count("pk", filter=Q(nationalite__in=CARAIBES_AMERIQUE_LATINE)),
        philippines=Count("pk", filter=Q(nationalite="PH")),
        philippines_femmes=Count("pk", filter=Q(nationalite="PH", sexe=enums.Sexe.FEMME)),
        visa_connu=Count("pk", filter=~Q(type_visa_entree="")),
        visa_saisonnier=Count("pk", filter=Q(type_visa_entree=enums.TypeVisa.SAISONNIER)),
        deces=Count("pk", filter=Q(date_deces__range=(ctx.debut, ctx.fin))),
        # Nationalities as one list, counted in Python (`_par_nationalite`): no grouped query.
        **{"nationalites" + LISTES: StringAgg(nationalite, Value(SEPARATEUR))},
        age_pec_connu=Count("pk", filter=Q(synthese__age_premier_accompagnement__isnull=False)),
        age_pec_moins_26=Count("pk", filter=Q(synthese__age_premier_accompagnement__lt=26)),
        **_tranches("synthese__age_premier_accompagnement", TRANCHES_AGE, "age_prise_en_charge"),
        **{f"sexe:{code}": Count("pk", filter=Q(sexe=code)) for code in enums.Sexe.values},
        **{f"type_visa_entree:{code}": Count("pk", filter=Q(type_visa_entree=code)) for code in enums.TypeVisa.values},
    )


# The main exploitation's fields and the summary's, from a person (`_agregats_exploitations`).
EXPLOITATION, AGE_DEBUT, DUREE = (
    "synthese__exploitation_principale__", "synthese__age_debut_exploitation", "synthese__duree_exploitation_max"
)  # fmt: skip


def _agregats_exploitations() -> dict:
    """What is held on each person's main exploitation (module rules), read from the person. Counts
    count the exploitation (NULL for a person without one, left out as by the means), so they are
    over the persons who have one (`avec_exploitation`; `_assembler` adds the others as unknown)."""
    e, un = EXPLOITATION, f"{EXPLOITATION}id"
    femme, sexe_connu = Q(sexe=enums.Sexe.FEMME), ~Q(sexe="")
    homme = Q(sexe=enums.Sexe.HOMME)
    sans_remuneration = Q(**{f"{e}remuneration_mensuelle_eur": 0})
    heures, duree_connue = f"{e}heures_par_jour", Q(**{f"{DUREE}__isnull": False})
    dependance_connue, dependance = _fait_hebergement("hebergement_par_exploiteur", enums.DEPENDANCE_HEBERGEMENT, e)
    loge_connu, loge = _fait_hebergement("loge_sur_lieu", enums.LOGE_SUR_LIEU, e)
    emprise, violences = Q(**{f"{e}emprise_renseignee": True}), Q(**{f"{e}violences_renseignees": True})
    aggregats = {
        "avec_exploitation": Count(un),
        "age_debut_connu": Count(un, filter=Q(**{f"{AGE_DEBUT}__isnull": False})),
        "age_debut_moins_26": Count(un, filter=Q(**{f"{AGE_DEBUT}__lt": 26})),
        "heures_connues": Count(un, filter=Q(**{f"{heures}__isnull": False})),
        "heures_moy": Avg(heures),
        "plus_13h": Count(un, filter=Q(**{f"{heures}__gt": 13})),
        "plus_16h": Count(un, filter=Q(**{f"{heures}__gt": 16})),
        "jours_connus": Count(un, filter=Q(**{f"{e}jours_par_semaine__isnull": False})),
        "sept_jours": Count(un, filter=Q(**{f"{e}jours_par_semaine": 7})),
        "remuneration_connue": Count(un, filter=Q(**{f"{e}remuneration_mensuelle_eur__isnull": False})),
        "sans_remuneration": Count(un, filter=sans_remuneration),
        "sans_remuneration_sexe_connu": Count(un, filter=sans_remuneration & sexe_connu),
        "sans_remuneration_femmes": Count(un, filter=sans_remuneration & femme),
        "secteur_connu": Count(un, filter=~Q(**{f"{e}secteur": ""})),
        "travail_domestique": Count(un, filter=Q(**{f"{e}secteur": enums.Secteur.DOMESTIQUE})),
        "hebergement_connu": Count(un, filter=dependance_connue),
        "dependance": Count(un, filter=dependance),
        "loge_sur_lieu_connu": Count(un, filter=loge_connu),
        "loge_sur_lieu": Count(un, filter=loge),
        "emprise_connue": Count(un, filter=emprise),
        "emprise_aucune": Count(un, filter=emprise & Q(**{f"{e}emprise": []})),
        "violences_connues": Count(un, filter=violences),
        "violences_aucune": Count(un, filter=violences & Q(**{f"{e}violences": []})),
        "dette_connue": Count(un, filter=Q(**{f"{e}dette_recrutement_eur__isnull": False})),
        "dette_positive": Count(un, filter=Q(**{f"{e}dette_recrutement_eur__gt": 0})),
        "duree_connue": Count(un, filter=duree_connue),
        "duree_moy": Avg(DUREE),
        "duree_moy_femmes": Avg(DUREE, filter=femme),
        "duree_moy_hommes": Avg(DUREE, filter=homme),
        "duree_moy_mineurs": Avg(DUREE, filter=Q(**{f"{AGE_DEBUT}__lt": 18})),
        "duree_connue_femmes": Count(un, filter=duree_connue & femme),
        "duree_connue_hommes": Count(un, filter=duree_connue & homme),
        "duree_connue_mineurs": Count(un, filter=duree_connue & Q(**{f"{AGE_DEBUT}__lt": 18})),
    }
    for code in enums.Secteur.values:
        aggregats[f"m_secteur:{code}"] = Count(un, filter=Q(**{f"{e}secteur": code}))
    for code in enums.Hebergement.values:
        aggregats[f"m_hebergement:{code}"] = Count(un, filter=Q(**{f"{e}hebergement": code}))
    # The recorded lists of codes, counted in Python (`_par_code`): one aggregate each instead of a
    # containment test per code and row.
    for champ, renseigne in (("emprise", emprise), ("violences", violences)):
        texte = Cast(f"{e}{champ}", output_field=TextField())
        aggregats[champ + LISTES] = StringAgg(texte, Value(SEPARATEUR), filter=renseigne)
    for code, bas, haut in TRANCHES_DUREE:
        q = duree_connue
        if bas is not None:
            q &= Q(**{f"{DUREE}__gte": _mois_en_duree(bas)})
        if haut is not None:
            q &= Q(**{f"{DUREE}__lt": _mois_en_duree(haut)})
        aggregats[f"duree:{code}"] = Count(un, filter=q)
    aggregats.update(_tranches(AGE_DEBUT, TRANCHES_AGE, "age_debut", un))
    aggregats.update(_tranches(f"{e}remuneration_mensuelle_eur", TRANCHES_REMUNERATION, "m_remuneration", un))
    aggregats.update(_tranches(heures, TRANCHES_HEURES, "m_heures", un))
    return aggregats


CLES_EXPLOITATION = frozenset(_agregats_exploitations())


HORS_IDF = ~Q(pays="FR", departement__in=ILE_DE_FRANCE)  # a place outside Île-de-France, abroad included


def _lieux(ctx: Contexte) -> dict:
    """The places of exploitation of P_FA(N), read in one query (P_FA only: no figure of P_NEW
    counts places): persons with a place (`lieu_connu`), with one outside Île-de-France
    (`hors_idf`), with one abroad (`etranger`), and persons per département of France
    (`departements`). A row per place; the sets are counted here, as a person counts once in each."""

    def calcul():
        lignes = list(
            LieuExploitation.objects.filter(exploitation__personne__in=ids_file_active(ctx))
            .annotate(hors_idf=ExpressionWrapper(HORS_IDF, output_field=BooleanField()))
            .values_list("exploitation__personne_id", "pays", "departement", "hors_idf")
            .order_by()
        )
        departements = {}
        for personne, pays, departement, _hors in lignes:
            if pays == "FR" and departement:
                departements.setdefault(departement, set()).add(personne)
        return {
            "lieu_connu": len({ligne[0] for ligne in lignes}),
            "hors_idf": len({ligne[0] for ligne in lignes if ligne[3]}),
            "etranger": len({ligne[0] for ligne in lignes if ligne[1] != "FR"}),
            "departements": {code: len(personnes) for code, personnes in departements.items()},
        }

    return ctx.memo("accompagnement.lieux", calcul)


def profil(ctx: Contexte, population: str = "file_active") -> dict:
    """Every count and mean of P_FA(N) or P_NEW(N), both computed together in two queries over
    P_FA (memoised per context): P_NEW ⊂ P_FA, so its aggregates are those of its persons' group.
    Places are counted for P_FA only.

    Persons without any exploitation count in `n` and in every "unknown" of the exploitation
    attributes."""

    def calcul():
        fa, nouvelles = _profil_personnes(ctx, file_active(ctx))
        lieux = _lieux(ctx)
        return {
            "file_active": _assembler(fa) | {cle: lieux[cle] for cle in ("lieu_connu", "hors_idf")},
            "nouvelles": _assembler(nouvelles),
        }

    return ctx.memo("accompagnement.profil", calcul)[population]


def _assembler(p: dict) -> dict:
    """One population's profile from its aggregates: a person without an exploitation is unknown in
    each of the exploitation's brackets."""
    sans_exploitation = p["n"] - p.pop("avec_exploitation")
    for cle in CLES_EXPLOITATION & p.keys():
        if cle.endswith(f":{INCONNU}"):
            p[cle] += sans_exploitation
    for champ, codes in A_PROFIL.items():
        p[f"{champ}:{INCONNU}"] = p["n"] - sum(p[f"{champ}:{code}"] for code in codes)
    return p


# Single-valued attributes with a closed list of codes, broken down within the profile's queries.
A_PROFIL = {
    "sexe": enums.Sexe.values,
    "type_visa_entree": enums.TypeVisa.values,
    "m_secteur": enums.Secteur.values,
    "m_hebergement": enums.Hebergement.values,
}


def _repartition(ctx: Contexte, population: str, champ: str, codes) -> dict:
    """{code: persons} over a population for a single-valued attribute, with "inconnu"."""

    def calcul():  # counted with the profile: a closed list of codes, or the nationalities' list
        p = profil(ctx, population)
        if champ == "nationalite":
            return p["par_nationalite"]
        return {code: p[f"{champ}:{code}"] for code in [*codes, INCONNU]}

    comptes = ctx.memo(f"accompagnement.repartition.{population}.{champ}", calcul)
    resultat = {code: 0 for code in codes}
    for code, n in comptes.items():
        cle = str(code) if code not in (None, "") else INCONNU
        resultat[cle] = resultat.get(cle, 0) + n
    resultat.setdefault(INCONNU, 0)
    return resultat


def _mois(duree: datetime.timedelta | None) -> float | None:
    if duree is None:
        return None
    if not isinstance(duree, datetime.timedelta):  # some backends answer microseconds
        duree = datetime.timedelta(microseconds=float(duree))
    return moyenne(duree.total_seconds() / 86400 / JOURS_PAR_MOIS)


def _tranches_resultat(p: dict, champ: str, tranches) -> dict:
    return {code: p[f"{champ}:{code}"] for code, *_ in tranches} | {INCONNU: p[f"{champ}:{INCONNU}"]}


# --- 1.2 New beneficiaries ------------------------------------------------------------------------


def nouvelles_personnes_accompagnees(ctx: Contexte) -> int:
    """|P_NEW(N)|: persons whose first support period starts in N (re-opened files are not new)."""
    return profil(ctx, "nouvelles")["n"]


def _exploitations_nouvelles(ctx: Contexte):
    """The exploitations of P_NEW(N) that belong to a case (the new cases and their drill-down)."""
    return Exploitation.objects.filter(personne__in=ids_nouvelles(ctx), affaire__isnull=False)


def nouvelles_affaires(ctx: Contexte) -> int:
    """Distinct cases with at least one person of P_NEW(N); a collective case counts once."""
    return ctx.memo(
        "accompagnement.nouvelles_affaires",
        lambda: _exploitations_nouvelles(ctx).aggregate(n=Count("affaire", distinct=True))["n"],
    )


def nouvelles_part_femmes(ctx: Contexte) -> float | None:
    """P_NEW with sex F ÷ P_NEW with known sex."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["femmes"], p["sexe_connu"])


def nouvelles_nb_pays_origine(ctx: Contexte) -> int:
    """Distinct nationalities in P_NEW(N)."""
    return profil(ctx, "nouvelles")["nb_pays"]


def nouvelles_moins_26_debut_taux(ctx: Contexte) -> float | None:
    """P_NEW aged < 26 at the start of their first exploitation ÷ P_NEW with that age known."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["age_debut_moins_26"], p["age_debut_connu"])


def nouvelles_moins_26_prise_en_charge_taux(ctx: Contexte) -> float | None:
    """P_NEW aged < 26 at the start of their first support period ÷ known."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["age_pec_moins_26"], p["age_pec_connu"])


def nouvelles_heures_jour_moy(ctx: Contexte) -> float | None:
    """Mean hours per day of the main exploitation over P_NEW with a value."""
    return moyenne(profil(ctx, "nouvelles")["heures_moy"])


def nouvelles_plus_16h_taux(ctx: Contexte) -> float | None:
    """P_NEW working more than 16 hours a day (main exploitation) ÷ P_NEW with the hours known."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["plus_16h"], p["heures_connues"])


def nouvelles_plus_13h_taux(ctx: Contexte) -> float | None:
    """P_NEW working more than 13 hours a day (main exploitation) ÷ P_NEW with the hours known."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["plus_13h"], p["heures_connues"])


def nouvelles_sans_remuneration_taux(ctx: Contexte) -> float | None:
    """P_NEW whose main exploitation paid 0 € ÷ P_NEW with the pay known."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["sans_remuneration"], p["remuneration_connue"])


def nouvelles_travail_domestique_taux(ctx: Contexte) -> float | None:
    """P_NEW whose main exploitation is domestic work ÷ P_NEW with the sector known."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["travail_domestique"], p["secteur_connu"])


def nouvelles_dependance_hebergement_taux(ctx: Contexte) -> float | None:
    """Housed by the exploiter ÷ known: the fact when recorded, else the kind of housing (on site, at the
    exploiter's home or in housing the exploiter controls)."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["dependance"], p["hebergement_connu"])


def nouvelles_logees_sur_lieu_taux(ctx: Contexte) -> float | None:
    """Housed on the place of exploitation ÷ known: the fact when recorded, else the kind of housing (on
    the exploitation site or at the exploiter's home)."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["loge_sur_lieu"], p["loge_sur_lieu_connu"])


def _emprise_taux(ctx, code):
    p = profil(ctx, "nouvelles")
    return pourcentage(p[f"emprise:{code}"], p["emprise_connue"])


def nouvelles_emprise_hebergement_taux(ctx: Contexte) -> float | None:
    """P_NEW whose control methods include promises about accommodation ÷ P_NEW with methods recorded."""
    return _emprise_taux(ctx, enums.Emprise.PROMESSE_HEBERGEMENT)


def nouvelles_emprise_remuneration_taux(ctx: Contexte) -> float | None:
    """P_NEW whose control methods include false promises of pay ÷ P_NEW with methods recorded."""
    return _emprise_taux(ctx, enums.Emprise.PROMESSE_REMUNERATION)


def nouvelles_emprise_regularisation_taux(ctx: Contexte) -> float | None:
    """P_NEW whose control methods include false promises of legal status ÷ P_NEW with methods recorded."""
    return _emprise_taux(ctx, enums.Emprise.PROMESSE_REGULARISATION)


def nouvelles_emprise_mariage(ctx: Contexte) -> int:
    """Count of P_NEW under promise of marriage or in a servile marriage (two codes, added)."""
    p = profil(ctx, "nouvelles")
    return p[f"emprise:{enums.Emprise.PROMESSE_MARIAGE}"] + p[f"emprise:{enums.Emprise.MARIAGE_SERVILE}"]


def nouvelles_adoption_exploitation(ctx: Contexte) -> int:
    """Persons of P_NEW whose control methods include adoption for exploitation."""
    return profil(ctx, "nouvelles")[f"emprise:{enums.Emprise.ADOPTION}"]


def nouvelles_visa_saisonnier_taux(ctx: Contexte) -> float | None:
    """P_NEW who entered France on a seasonal work visa ÷ P_NEW with the visa known."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["visa_saisonnier"], p["visa_connu"])


def nouvelles_dette_recrutement(ctx: Contexte) -> float | None:
    """Share of P_NEW with a recruitment debt > 0 € ÷ P_NEW with the debt known (0 included)."""
    p = profil(ctx, "nouvelles")
    return pourcentage(p["dette_positive"], p["dette_connue"])


# --- 1.3 CVA ---------------------------------------------------------------------------------------


ACTIVITES_CVA, ACTIVITE_SCOLAIRE_CVA = enums.ACTIVITES_CVA, enums.ACTIVITE_SCOLAIRE_CVA


def membres_cva_actifs(ctx: Contexte):
    """CVA members who attended a CVA activity (psycho-social activity of kind CVA meeting, CVA
    event or testimony in a school) dated in N, or testified at an awareness session dated in N.

    Both units build on this one: their rows are reached through the reverse relations
    (`participations_activites`, `temoignages`), not by importing their models."""
    reunions = Personne.objects.filter(
        participations_activites__activite__type__in=ACTIVITES_CVA,
        participations_activites__activite__date__range=(ctx.debut, ctx.fin),
    ).values("pk")
    temoins = Personne.objects.filter(temoignages__date__range=(ctx.debut, ctx.fin)).values("pk")
    return Personne.objects.filter(Q(pk__in=reunions) | Q(pk__in=temoins), membre_cva=True)


def cva_membres(ctx: Contexte) -> int:
    """Persons flagged as CVA members who took part in at least one CVA activity in N: attended a
    psycho-social activity of kind CVA meeting, CVA event or testimony in a school dated in N, or
    testified at an awareness session dated in N. A member who did nothing with the CVA during N is
    not counted, whether or not they are in the file active."""
    return ctx.memo("accompagnement.cva_membres", membres_cva_actifs(ctx).count)


def detail_cva_membres(ctx: Contexte):
    """The CVA members counted: those who took part in a CVA activity in N."""
    return membres_cva_actifs(ctx)


# --- 2. File active ----------------------------------------------------------------------------------


def personnes_accompagnees(ctx: Contexte) -> int:
    """|P_FA(N)|: distinct persons with a support period overlapping N.

    A plain count, not the full profile: the 5- and 10-year changes need it for N−5 and N−10 only."""
    return ctx.memo("accompagnement.file_active.n", lambda: ids_file_active(ctx).distinct().count())


def _evolution(ctx: Contexte, k: int) -> float | None:
    # The three bases (N−1, N−5, N−10) in one query.
    bases = ctx.memo("accompagnement.file_active.bases", lambda: _tailles(ctx.annee - k for k in (1, 5, 10)))
    base = bases[ctx.annee - k]
    if not base:
        return None
    return pourcentage(personnes_accompagnees(ctx) - base, base)


def personnes_accompagnees_evol_1an(ctx: Contexte) -> float | None:
    """P_FA(N) / P_FA(N−1) − 1, in percent."""
    return _evolution(ctx, 1)


def personnes_accompagnees_evol_5ans(ctx: Contexte) -> float | None:
    """P_FA(N) / P_FA(N−5) − 1, in percent (base year N−5, printed beside the figure)."""
    return _evolution(ctx, 5)


def personnes_accompagnees_evol_10ans(ctx: Contexte) -> float | None:
    """P_FA(N) / P_FA(N−10) − 1, in percent."""
    return _evolution(ctx, 10)


def personnes_accompagnees_cumul(ctx: Contexte) -> int:
    """Distinct persons with a support period started by 31/12/N (archives included once loaded): the
    first start of their summary."""
    depuis_le_debut = Synthese.objects.filter(premier_accompagnement__lte=ctx.fin)
    return ctx.memo("accompagnement.cumul", depuis_le_debut.count)


def file_active_part_femmes(ctx: Contexte) -> float | None:
    """Women in P_FA ÷ P_FA with the sex known."""
    p = profil(ctx)
    return pourcentage(p["femmes"], p["sexe_connu"])


def file_active_nb_pays_origine(ctx: Contexte) -> int:
    """Distinct nationalities in P_FA(N), France included."""
    return profil(ctx)["nb_pays"]


def file_active_part_caraibes_amlat(ctx: Contexte) -> float | None:
    """P_FA from the Caribbean and Latin America ÷ P_FA with nationality known."""
    p = profil(ctx)
    return pourcentage(p["caraibes_amlat"], p["nationalite_connue"])


def file_active_part_femmes_philippines(ctx: Contexte) -> float | None:
    """Women among the persons of P_FA of Philippine nationality."""
    p = profil(ctx)
    return pourcentage(p["philippines_femmes"], p["philippines"])


def file_active_heures_jour_moy(ctx: Contexte) -> float | None:
    """Mean hours worked per day over P_FA (main exploitation, hours known)."""
    return moyenne(profil(ctx)["heures_moy"])


def file_active_7j_sur_7_taux(ctx: Contexte) -> float | None:
    """P_FA working 7 days a week (main exploitation) ÷ P_FA with the days known."""
    p = profil(ctx)
    return pourcentage(p["sept_jours"], p["jours_connus"])


def file_active_dependance_hebergement_taux(ctx: Contexte) -> float | None:
    """P_FA housed on the site, at the exploiter's home or in housing the exploiter controlled (main exploitation)
    ÷ P_FA with the housing known."""
    p = profil(ctx)
    return pourcentage(p["dependance"], p["hebergement_connu"])


def file_active_sans_remuneration_taux(ctx: Contexte) -> float | None:
    """P_FA paid nothing (main exploitation, 0 €) ÷ P_FA with the pay known."""
    p = profil(ctx)
    return pourcentage(p["sans_remuneration"], p["remuneration_connue"])


def file_active_sans_remuneration_part_femmes(ctx: Contexte) -> float | None:
    """Women among the unpaid persons of P_FA whose sex is known."""
    p = profil(ctx)
    return pourcentage(p["sans_remuneration_femmes"], p["sans_remuneration_sexe_connu"])


def _violence_taux(ctx, code):
    p = profil(ctx)
    return pourcentage(p[f"violences:{code}"], p["violences_connues"])


def file_active_violences_sexuelles_taux(ctx: Contexte) -> float | None:
    """P_FA reporting sexual violence ÷ P_FA whose violence questionnaire is filled in."""
    return _violence_taux(ctx, enums.Violence.SEXUELLES)


def file_active_violences_physiques_taux(ctx: Contexte) -> float | None:
    """P_FA reporting physical violence ÷ P_FA whose violence questionnaire is filled in."""
    return _violence_taux(ctx, enums.Violence.PHYSIQUES)


def file_active_violences_psychologiques_taux(ctx: Contexte) -> float | None:
    """P_FA reporting psychological or verbal violence ÷ P_FA whose violence questionnaire is filled in."""
    return _violence_taux(ctx, enums.Violence.PSYCHOLOGIQUES)


def file_active_privation_nourriture_taux(ctx: Contexte) -> float | None:
    """P_FA reporting extreme food deprivation ÷ P_FA whose violence questionnaire is filled in."""
    return _violence_taux(ctx, enums.Violence.PRIVATION_NOURRITURE)


def file_active_duree_exploitation_moy(ctx: Contexte) -> float | None:
    """Mean over P_FA of each person's longest exploitation, in months (days ÷ 30.44)."""
    return _mois(profil(ctx)["duree_moy"])


def file_active_hors_idf_taux(ctx: Contexte) -> float | None:
    """P_FA with at least one place outside Île-de-France (abroad included) ÷ P_FA with a place."""
    p = profil(ctx)
    return pourcentage(p["hors_idf"], p["lieu_connu"])


def _departements(ctx: Contexte) -> dict:
    return _lieux(ctx)["departements"]


def file_active_nb_departements(ctx: Contexte) -> int:
    """Distinct départements (France only) of the places of exploitation of P_FA(N)."""
    return len(_departements(ctx))


def deces_en_cours_accompagnement(ctx: Contexte) -> int:
    """Persons of P_FA(N) who died in N."""
    return profil(ctx)["deces"]


def _clotures(ctx):
    return ctx.memo(
        "accompagnement.clotures",
        lambda: dict(
            Accompagnement.objects.filter(date_cloture__range=(ctx.debut, ctx.fin))
            .values_list("motif_cloture")
            .annotate(n=Count("pk"))
            .order_by()
        ),
    )


def dossiers_clotures(ctx: Contexte) -> int:
    """Support periods closed in N (all reasons)."""
    return sum(_clotures(ctx).values())


def dossiers_clotures_par_motif(ctx: Contexte) -> dict:
    """Support periods closed in N by closing reason."""
    comptes = _clotures(ctx)
    return {code: comptes.get(code, 0) for code in enums.MotifCloture.values} | {
        INCONNU: sum(n for code, n in comptes.items() if code not in enums.MotifCloture.values)
    }


# --- Breakdowns B3–B17 ------------------------------------------------------------------------------


def repartition_b4(ctx: Contexte, population: str = "file_active") -> dict:
    """Sex (F, H, X) of P_FA(N), or of P_NEW(N) with population="nouvelles"."""
    return _repartition(ctx, population, "sexe", enums.Sexe.values)


def repartition_b5(ctx: Contexte, population: str = "file_active") -> dict:
    """Countries of origin (ISO codes) of P_FA(N) or P_NEW(N); the report prints the top ones."""
    return _repartition(ctx, population, "nationalite", [])


def repartition_b6(ctx: Contexte, population: str = "file_active") -> dict:
    """Age at the start of the first exploitation: <18, 18-21, 22-25, 26-35, 36-45, ≥46."""
    return _tranches_resultat(profil(ctx, population), "age_debut", TRANCHES_AGE)


def repartition_b7(ctx: Contexte, population: str = "file_active") -> dict:
    """Age at the start of the first support period, same brackets as B6."""
    return _tranches_resultat(profil(ctx, population), "age_prise_en_charge", TRANCHES_AGE)


def repartition_b8(ctx: Contexte, population: str = "file_active") -> dict:
    """Monthly pay of the main exploitation: 0, 1-100, 101-300, 301-500, 501-1000, >1000 €."""
    return _tranches_resultat(profil(ctx, population), "m_remuneration", TRANCHES_REMUNERATION)


def repartition_b9(ctx: Contexte, population: str = "file_active") -> dict:
    """Sector of the main exploitation."""
    return _repartition(ctx, population, "m_secteur", enums.Secteur.values)


def repartition_b10(ctx: Contexte) -> dict:
    """Persons of P_FA(N) by département of exploitation (a person counts once per département,
    so the total can exceed |P_FA|); "etranger": persons with a place abroad; "inconnu": no place."""
    p = profil(ctx)
    etranger = _lieux(ctx)["etranger"]
    return dict(sorted(_departements(ctx).items())) | {"etranger": etranger, INCONNU: p["n"] - p["lieu_connu"]}


def repartition_b11(ctx: Contexte) -> dict:
    """Île-de-France / outside (rule of file_active_hors_idf_taux) / no place recorded."""
    p = profil(ctx)
    return {
        "ile_de_france": p["lieu_connu"] - p["hors_idf"],
        "hors_ile_de_france": p["hors_idf"],
        INCONNU: p["n"] - p["lieu_connu"],
    }


def repartition_b12(ctx: Contexte) -> dict:
    """Control methods of P_NEW(N) (multi-valued: persons per method); "aucun": recorded as none;
    "inconnu": control methods not recorded."""
    p = profil(ctx, "nouvelles")
    return (
        {code: p[f"emprise:{code}"] for code in enums.Emprise.values}
        | {"aucun": p["emprise_aucune"]}
        | {INCONNU: p["n"] - p["emprise_connue"]}
    )


def repartition_b13(ctx: Contexte) -> dict:
    """Violence reported by P_FA(N) (multi-valued); "aucune": questionnaire filled, none reported;
    "inconnu": questionnaire not filled in."""
    p = profil(ctx)
    return (
        {code: p[f"violences:{code}"] for code in enums.Violence.values}
        | {"aucune": p["violences_aucune"]}
        | {INCONNU: p["n"] - p["violences_connues"]}
    )


def repartition_b14(ctx: Contexte) -> dict:
    """Persons of P_FA(N) by length of their longest exploitation: < 12 months, 12–35, 36–59,
    60–119, ≥ 120 months (days ÷ 30.44); "inconnu": no exploitation with both dates.
    The means by sex and for minors at the start are printed beside the mean (`precisions_…`)."""
    p = profil(ctx)
    return {code: p[f"duree:{code}"] for code, *_ in TRANCHES_DUREE} | {INCONNU: p["n"] - p["duree_connue"]}


def precisions_file_active_duree_exploitation_moy(ctx: Contexte) -> list[tuple[str, str, float | None, int]]:
    """B14, printed beside the mean length of exploitation: the mean in months for women, men and
    minors at the start of exploitation, each with the persons it is computed over."""
    p = profil(ctx)
    return [
        ("femmes", "women", _mois(p["duree_moy_femmes"]), p["duree_connue_femmes"]),
        ("hommes", "men", _mois(p["duree_moy_hommes"]), p["duree_connue_hommes"]),
        ("mineurs au début", "minors at the start", _mois(p["duree_moy_mineurs"]), p["duree_connue_mineurs"]),
    ]


def repartition_b15(ctx: Contexte, population: str = "file_active") -> dict:
    """Hours per day of the main exploitation: ≤8, 9-13, 14-16, >16 (classes over decimal hours)."""
    return _tranches_resultat(profil(ctx, population), "m_heures", TRANCHES_HEURES)


def repartition_b16(ctx: Contexte, population: str = "file_active") -> dict:
    """Housing during the main exploitation."""
    return _repartition(ctx, population, "m_hebergement", enums.Hebergement.values)


def repartition_b17(ctx: Contexte, population: str = "nouvelles") -> dict:
    """Visa at entry into France of P_NEW(N) (or P_FA with population="file_active")."""
    return _repartition(ctx, population, "type_visa_entree", enums.TypeVisa.values)


# --- Drill-downs: `detail_<key>(ctx)` lists the records each figure counts, with `valeur` -------


def detail_nouvelles_personnes_accompagnees(ctx: Contexte):
    return un_par_ligne(nouvelles(ctx))


def detail_nouvelles_affaires(ctx: Contexte):
    return un_par_ligne(Affaire.objects.filter(pk__in=_exploitations_nouvelles(ctx).values("affaire_id")))


def _un_par_nationalite(personnes):
    """One person per distinct nationality (the first recorded), for "number of countries"."""
    premiers = personnes.exclude(nationalite="").values("nationalite").annotate(premier=Min("pk")).order_by()
    return un_par_ligne(Personne.objects.filter(pk__in=premiers.values("premier")))


def detail_nouvelles_nb_pays_origine(ctx: Contexte):
    return _un_par_nationalite(nouvelles(ctx))


def detail_file_active_nb_pays_origine(ctx: Contexte):
    return _un_par_nationalite(file_active(ctx))


def _emprise(ctx: Contexte, population: str, *codes: str):
    """Persons of the population whose main exploitation carries one of the control methods;
    `valeur` is how many of `codes` it carries (the figure adds the codes)."""
    personnes = POPULATIONS[population](ctx)
    par_code = [Q(pk__in=[e.personne_id for e in principales(personnes) if code in e.emprise]) for code in codes]
    valeur = sum((Case(When(q, then=1), default=0, output_field=IntegerField()) for q in par_code[1:]),
                 Case(When(par_code[0], then=1), default=0, output_field=IntegerField()))  # fmt: skip
    return personnes.filter(functools.reduce(operator.or_, par_code)).annotate(valeur=valeur)


def detail_nouvelles_emprise_mariage(ctx: Contexte):
    return _emprise(ctx, "nouvelles", enums.Emprise.PROMESSE_MARIAGE, enums.Emprise.MARIAGE_SERVILE)


def detail_nouvelles_adoption_exploitation(ctx: Contexte):
    return _emprise(ctx, "nouvelles", enums.Emprise.ADOPTION)


def detail_personnes_accompagnees(ctx: Contexte):
    return un_par_ligne(file_active(ctx))


def detail_personnes_accompagnees_cumul(ctx: Contexte):
    return une_ligne_par_personne(Accompagnement.objects.filter(date_debut__lte=ctx.fin))


def detail_file_active_nb_departements(ctx: Contexte):
    """One exploitation per distinct département (the one of its first recorded place);
    `valeur` is the number of départements it stands for."""
    lieux = LieuExploitation.objects.filter(exploitation__personne__in=file_active(ctx), pays="FR").exclude(
        departement=""
    )
    premiers = lieux.values("departement").annotate(premier=Min("pk")).order_by().values("premier")
    return Exploitation.objects.filter(lieux__pk__in=premiers).annotate(
        valeur=Count("lieux", filter=Q(lieux__pk__in=premiers))
    )


def detail_deces_en_cours_accompagnement(ctx: Contexte):
    return un_par_ligne(file_active(ctx).filter(date_deces__range=(ctx.debut, ctx.fin)))


def detail_dossiers_clotures(ctx: Contexte):
    return un_par_ligne(Accompagnement.objects.filter(date_cloture__range=(ctx.debut, ctx.fin)))


# Rates and means: the denominator's records, `valeur` 1 at the numerator (or the value averaged).


def _personnes_taux(ctx: Contexte, population: str, connu: Q, compte: Q):
    return au_numerateur(POPULATIONS[population](ctx).filter(connu), compte)


def detail_nouvelles_part_femmes(ctx: Contexte):
    return _personnes_taux(ctx, "nouvelles", ~Q(sexe=""), Q(sexe=enums.Sexe.FEMME))


def detail_file_active_part_femmes(ctx: Contexte):
    return _personnes_taux(ctx, "file_active", ~Q(sexe=""), Q(sexe=enums.Sexe.FEMME))


def detail_file_active_part_caraibes_amlat(ctx: Contexte):
    return _personnes_taux(ctx, "file_active", ~Q(nationalite=""), Q(nationalite__in=CARAIBES_AMERIQUE_LATINE))


def detail_file_active_part_femmes_philippines(ctx: Contexte):
    return _personnes_taux(ctx, "file_active", Q(nationalite="PH"), Q(sexe=enums.Sexe.FEMME))


def detail_nouvelles_visa_saisonnier_taux(ctx: Contexte):
    return _personnes_taux(ctx, "nouvelles", ~Q(type_visa_entree=""), Q(type_visa_entree=enums.TypeVisa.SAISONNIER))


def _principales_de(ctx: Contexte, population: str, connu: Q):
    """The main exploitation of each person of the population, where `connu` holds.

    The ids are read first: as a subquery, PostgreSQL re-ran the window query for every row
    (minutes on a few hundred rows); a drill-down can afford the one extra query."""
    lignes = list(principales(POPULATIONS[population](ctx)).values_list("pk", flat=True))
    return Exploitation.objects.filter(pk__in=lignes).filter(connu)


def _exploitations_taux(ctx: Contexte, population: str, connu: Q, compte: Q):
    return au_numerateur(_principales_de(ctx, population, connu), compte)


def _heures_moy(ctx: Contexte, population: str):
    return _principales_de(ctx, population, Q(heures_par_jour__isnull=False)).annotate(valeur=F("heures_par_jour"))


def detail_nouvelles_heures_jour_moy(ctx: Contexte):
    return _heures_moy(ctx, "nouvelles")


def detail_file_active_heures_jour_moy(ctx: Contexte):
    return _heures_moy(ctx, "file_active")


_HEURES = Q(heures_par_jour__isnull=False)
_REMUNERATION = Q(remuneration_mensuelle_eur__isnull=False)


def detail_nouvelles_plus_16h_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "nouvelles", _HEURES, Q(heures_par_jour__gt=16))


def detail_nouvelles_plus_13h_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "nouvelles", _HEURES, Q(heures_par_jour__gt=13))


def detail_nouvelles_sans_remuneration_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "nouvelles", _REMUNERATION, Q(remuneration_mensuelle_eur=0))


def detail_file_active_sans_remuneration_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "file_active", _REMUNERATION, Q(remuneration_mensuelle_eur=0))


def detail_file_active_sans_remuneration_part_femmes(ctx: Contexte):
    connu = Q(remuneration_mensuelle_eur=0) & ~Q(personne__sexe="")
    return _exploitations_taux(ctx, "file_active", connu, Q(personne__sexe=enums.Sexe.FEMME))


def detail_nouvelles_travail_domestique_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "nouvelles", ~Q(secteur=""), Q(secteur=enums.Secteur.DOMESTIQUE))


def detail_nouvelles_dependance_hebergement_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "nouvelles", DEPENDANCE_CONNUE, DEPENDANCE)


def detail_file_active_dependance_hebergement_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "file_active", DEPENDANCE_CONNUE, DEPENDANCE)


def detail_nouvelles_logees_sur_lieu_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "nouvelles", LOGE_SUR_LIEU_CONNU, LOGE_SUR_LIEU)


def detail_file_active_7j_sur_7_taux(ctx: Contexte):
    return _exploitations_taux(ctx, "file_active", Q(jours_par_semaine__isnull=False), Q(jours_par_semaine=7))


def detail_nouvelles_dette_recrutement(ctx: Contexte):
    connue = Q(dette_recrutement_eur__isnull=False)
    return _exploitations_taux(ctx, "nouvelles", connue, Q(dette_recrutement_eur__gt=0))


def _violences_detail(ctx: Contexte, code: str):
    connues = Q(violences_renseignees=True)
    return _exploitations_taux(ctx, "file_active", connues, _code("violences", code))


def detail_file_active_violences_sexuelles_taux(ctx: Contexte):
    return _violences_detail(ctx, enums.Violence.SEXUELLES)


def detail_file_active_violences_physiques_taux(ctx: Contexte):
    return _violences_detail(ctx, enums.Violence.PHYSIQUES)


def detail_file_active_violences_psychologiques_taux(ctx: Contexte):
    return _violences_detail(ctx, enums.Violence.PSYCHOLOGIQUES)


def detail_file_active_privation_nourriture_taux(ctx: Contexte):
    return _violences_detail(ctx, enums.Violence.PRIVATION_NOURRITURE)


def detail_file_active_hors_idf_taux(ctx: Contexte):
    lieux = LieuExploitation.objects.filter(exploitation__personne=OuterRef("pk"))
    hors_idf = lieux.filter(HORS_IDF)
    return au_numerateur(file_active(ctx).filter(Exists(lieux)), Exists(hors_idf))


def _age_taux(ctx: Contexte, debut: str):
    """P_NEW with the age at `debut` (the earliest of those dates) known, 1 for those under 26:
    the persons themselves, not their main exploitation, since the age reads all their records."""
    personnes = nouvelles(ctx).annotate(debut=Min(debut)).annotate(age=age("debut"))
    return au_numerateur(personnes.filter(age__isnull=False), Q(age__lt=26))


def detail_nouvelles_moins_26_debut_taux(ctx: Contexte):
    """The persons of P_NEW with the age at their first exploitation known, 1 for those under 26."""
    return _age_taux(ctx, "exploitations__date_debut")


def detail_nouvelles_moins_26_prise_en_charge_taux(ctx: Contexte):
    """The persons of P_NEW with the age at their first support period known, 1 for those under 26."""
    return _age_taux(ctx, "accompagnements__date_debut")


def _emprise_detail(ctx: Contexte, code: str):
    return _exploitations_taux(ctx, "nouvelles", Q(emprise_renseignee=True), _code("emprise", code))


def detail_nouvelles_emprise_hebergement_taux(ctx: Contexte):
    return _emprise_detail(ctx, enums.Emprise.PROMESSE_HEBERGEMENT)


def detail_nouvelles_emprise_remuneration_taux(ctx: Contexte):
    return _emprise_detail(ctx, enums.Emprise.PROMESSE_REMUNERATION)


def detail_nouvelles_emprise_regularisation_taux(ctx: Contexte):
    return _emprise_detail(ctx, enums.Emprise.PROMESSE_REGULARISATION)


class _Jours(Func):
    """Days from the second date to the first, as a number (Django has no portable difference
    of dates as a number). PostgreSQL: date − date is an integer of days."""

    arg_joiner = " - "
    template = "(%(expressions)s)"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s))", arg_joiner=") - julianday(", **extra_context
        )


def detail_file_active_duree_exploitation_moy(ctx: Contexte):
    """The longest exploitation (both dates known) of each person of P_FA(N), `valeur` its length
    in months (days ÷ 30.44)."""
    # The ids are read first, as in `_principales_de`: PostgreSQL re-ran a window subquery per row.
    duree = ExpressionWrapper(F("date_fin") - F("date_debut"), output_field=DurationField())
    plus_longues = (
        Exploitation.objects.filter(personne__in=file_active(ctx), date_debut__isnull=False, date_fin__isnull=False)
        .annotate(rang=Window(RowNumber(), partition_by=F("personne_id"), order_by=[duree.desc(), F("pk")]))
        .filter(rang=1)
    )
    jours = Cast(_Jours(F("date_fin"), F("date_debut")), FloatField())
    return Exploitation.objects.filter(pk__in=list(plus_longues.values_list("pk", flat=True))).annotate(
        valeur=ExpressionWrapper(jours / Value(JOURS_PAR_MOIS), output_field=FloatField())
    )


def _evolution_detail(ctx: Contexte, k: int):
    return entre_annees(ctx, k, file_active)


@deux_listes(evolution=True)
def detail_personnes_accompagnees_evol_1an(ctx: Contexte):
    """The persons of P_FA(N) (1 each), then of P_FA(N−1) (−1 each): a person of both years twice."""
    return _evolution_detail(ctx, 1)


@deux_listes(evolution=True)
def detail_personnes_accompagnees_evol_5ans(ctx: Contexte):
    """The persons of P_FA(N) (1 each), then of P_FA(N−5) (−1 each): a person of both years twice."""
    return _evolution_detail(ctx, 5)


@deux_listes(evolution=True)
def detail_personnes_accompagnees_evol_10ans(ctx: Contexte):
    """The persons of P_FA(N) (1 each), then of P_FA(N−10) (−1 each): a person of both years twice."""
    return _evolution_detail(ctx, 10)
