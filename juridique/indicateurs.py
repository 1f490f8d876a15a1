"""Report figures of the legal unit (indicateurs.md §4 and breakdowns B24–B29).

Rules fixed here (docs/juridique.md repeats them):
- A proceeding is *open during N* when opened by 31/12/N and not closed before 01/01/N.
- Complaints, PCPC, referrals, hearings and decisions are *events*, counted when dated in N.
- A proceeding's *stage* is its latest stage dated on or before 31/12/N (ties: the last recorded);
  a filed complaint puts it at the preliminary-investigation stage, a committal order (renvoi) at
  first instance (enums.STADE_PENAL); a step that states the stage reached (`stade_apres`) wins;
  a person with several criminal proceedings counts once, at their most advanced stage, so the
  stage counts partition the persons in criminal proceedings (INC-13).
- P_JUR(N): persons with a legal-unit follow-up (Suivi) overlapping N, or in proceedings open
  during N, or with a stage, decision, permit application/decision or legal journal entry dated in N.
- A permit is *held during N* when granted by 31/12/N and valid on some day of N (no end = valid).

Every figure reads shared aggregates through `ctx.memo`: a whole year costs a fixed number of queries.
"""

import datetime
import functools
import operator
from collections import Counter

from django.db import connection
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When

from accompagnement.enums import Pole
from accompagnement.indicateurs import file_active, personnes_accompagnees
from accompagnement.models import Affaire, EntreeJournal, Personne, Suivi
from comptes.contexte import (
    Contexte,
    au_numerateur,
    deux_listes,
    pourcentage,
    rapport_de,
    un_par_ligne,
    une_ligne_par_personne,
    union_personnes,
)

from . import enums
from .enums import IssueTitre as Issue
from .enums import TypeEtape as E
from .enums import TypeProcedure as T
from .enums import TypeTitre as TT
from .models import Decision, Etape, Procedure, TitreSejour

PersonneProcedure = Procedure.personnes.through

# --- Shared populations and aggregates ------------------------------------------------------


def _ouverte_pendant(ctx: Contexte, prefix: str = "") -> Q:
    return Q(**{f"{prefix}date_ouverture__lte": ctx.fin}) & (
        Q(**{f"{prefix}date_cloture__isnull": True}) | Q(**{f"{prefix}date_cloture__gte": ctx.debut})
    )


def _liens_ouverts(ctx: Contexte):
    """(person, proceeding) pairs of proceedings open during N."""
    return PersonneProcedure.objects.filter(_ouverte_pendant(ctx, "procedure__"))


def _dans_annee(ctx: Contexte, champ: str = "date") -> Q:
    return Q(**{f"{champ}__gte": ctx.debut, f"{champ}__lte": ctx.fin})


def _ouvertes(ctx: Contexte) -> dict:
    """Persons, cases and proceedings per kind of proceedings open during N (one query)."""

    def compute():
        def personnes(*types):
            return Count("personne", distinct=True, filter=Q(procedure__type__in=types))

        def affaires(*types):
            return Count("procedure__affaire", distinct=True, filter=Q(procedure__type__in=types))

        return _liens_ouverts(ctx).aggregate(
            penal_personnes=personnes(T.PENAL),
            penal_affaires=affaires(T.PENAL),
            cph_personnes=personnes(T.CPH),
            cph_procedures=Count("procedure", distinct=True, filter=Q(procedure__type=T.CPH)),
            indemnisation_personnes=personnes(*enums.INDEMNISATION),
            indemnisation_affaires=affaires(*enums.INDEMNISATION),
            civi=personnes(T.CIVI),
            sarvi=personnes(T.SARVI),
            indemnisation_autre=personnes(T.INDEMNISATION_AUTRE),
            asile_personnes=personnes(T.ASILE),
        )

    return ctx.memo("juridique.ouvertes", compute)


def _evenements(ctx: Contexte) -> dict:
    """Events dated in N (one query). A complaint counts once per person of its proceedings."""

    def compute():
        def etapes(*types):
            return Count("pk", distinct=True, filter=Q(type__in=types))

        return Etape.objects.filter(_dans_annee(ctx)).aggregate(
            plaintes_personnes=Count("procedure__personnes", filter=Q(type=E.PLAINTE)),
            pcpc=etapes(E.PCPC),
            audiences_1re_instance=Count(
                "pk", distinct=True, filter=Q(type=E.AUDIENCE_1RE_INSTANCE, procedure__type=T.PENAL)
            ),
            audiences_appel=Count("pk", distinct=True, filter=Q(type=E.AUDIENCE_APPEL, procedure__type=T.PENAL)),
            saisines_cph=Count(
                "pk", distinct=True, filter=Q(type__in=[E.SAISINE_CPH, E.REFERE], procedure__type=T.CPH)
            ),
            audiences_cnda=etapes(E.AUDIENCE_CNDA),
        )

    return ctx.memo("juridique.evenements", compute)


def stade_etape(stades: dict) -> Case:
    """The stage after a step: the one it states (`stade_apres`), else the one its kind implies."""
    return Case(
        When(~Q(stade_apres=""), then=F("stade_apres")),
        *[When(type=type_, then=Value(stade)) for type_, stade in stades.items()],
        default=Value(""),
    )


def _dernier_stade(ctx: Contexte, stades: dict) -> Subquery:
    """Stage after the latest step dated by 31/12/N that moves or states one (`stades`: step kind ->
    stage), for the proceeding of the outer row."""
    return Subquery(
        Etape.objects.filter(Q(type__in=list(stades)) | ~Q(stade_apres=""))
        .filter(procedure=OuterRef("procedure_id"), date__lte=ctx.fin)
        .order_by("-date", "-pk")
        .annotate(stade=stade_etape(stades))
        .values("stade")[:1]
    )


def _stades_penal(ctx: Contexte) -> dict:
    """Persons in criminal proceedings open during N by their most advanced latest stage (one query)."""

    def compute():
        rows = (
            _liens_ouverts(ctx)
            .filter(procedure__type=T.PENAL)
            .annotate(stade=_dernier_stade(ctx, enums.STADE_PENAL))
            .values_list("personne_id", "stade")
        )
        rang = {code: i for i, code in enumerate(enums.RANG_STADE_PENAL)}
        meilleur: dict[int, int] = {}
        en_preparation: set[int] = set()
        for personne_id, stade in rows:
            position = rang[stade] if stade else -1
            meilleur[personne_id] = max(meilleur.get(personne_id, -1), position)
            if stade == enums.Stade.PREPARATION_PLAINTE:
                en_preparation.add(personne_id)
        categories = Counter(enums.RANG_STADE_PENAL[p] if p >= 0 else "inconnu" for p in meilleur.values())
        # A complaint being prepared counts only while nothing more advanced exists for the person.
        en_preparation = {p for p in en_preparation if meilleur[p] == rang["preparation_plainte"]}
        par_personne = {p: enums.RANG_STADE_PENAL[r] if r >= 0 else "inconnu" for p, r in meilleur.items()}
        return {
            "categories": categories,
            "plainte_en_preparation": len(en_preparation),
            "en_preparation": en_preparation,
            "par_personne": par_personne,
        }

    return ctx.memo("juridique.stades_penal", compute)


def _decisions(ctx: Contexte) -> dict:
    """Decisions dated in N (one query)."""

    def compute():
        traite = Q(nature=enums.NatureDecision.CONDAMNATION_TRAITE)
        asile = Q(procedure__type=T.ASILE)
        return Decision.objects.filter(_dans_annee(ctx)).aggregate(
            condamnations_traite=Count("procedure__affaire", distinct=True, filter=traite),
            condamnations_traite_definitives=Count(
                "procedure__affaire", distinct=True, filter=traite & Q(definitive=True)
            ),
            cph_1re_instance=Count(
                "pk", distinct=True, filter=Q(procedure__type=T.CPH, niveau=enums.NiveauDecision.PREMIERE_INSTANCE)
            ),
            protections_subsidiaires=Count(
                "procedure__personnes",
                distinct=True,
                filter=asile & Q(nature=enums.NatureDecision.PROTECTION_SUBSIDIAIRE),
            ),
            statuts_refugie=Count(
                "procedure__personnes", distinct=True, filter=asile & Q(nature=enums.NatureDecision.STATUT_REFUGIE)
            ),
        )

    return ctx.memo("juridique.decisions", compute)


def _cph_en_1re_instance(ctx: Contexte) -> Q:
    """Referred by 31/12/N (a referral or summary step, or an earlier referral date recorded on the
    proceedings) and no first-instance decision before 01/01/N."""
    saisine = Etape.objects.filter(procedure=OuterRef("pk"), type__in=[E.SAISINE_CPH, E.REFERE], date__lte=ctx.fin)
    jugee_avant = Decision.objects.filter(
        procedure=OuterRef("pk"), niveau=enums.NiveauDecision.PREMIERE_INSTANCE, date__lt=ctx.debut
    )
    return (Exists(saisine) | Q(date_saisine__lte=ctx.fin)) & ~Exists(jugee_avant)


def _procedures(ctx: Contexte) -> dict:
    """States of proceedings (one query): CPH at first instance, cases started with the Labour Inspectorate."""

    def compute():
        return Procedure.objects.filter(Q(date_ouverture__lte=ctx.fin)).aggregate(
            cph_1re_instance=Count("pk", filter=_ouverte_pendant(ctx) & Q(type=T.CPH) & _cph_en_1re_instance(ctx)),
            inspection_travail=Count(
                "affaire", distinct=True, filter=Q(inspection_travail=True) & _dans_annee(ctx, "date_ouverture")
            ),
        )

    return ctx.memo("juridique.procedures", compute)


def _asile(ctx: Contexte) -> dict:
    """Persons whose asylum application is still at OFPRA on 31/12/N (one query)."""

    def compute():
        decidee = Decision.objects.filter(procedure=OuterRef("procedure_id"), date__lte=ctx.fin)
        ouverte_au_31 = Q(procedure__date_cloture__isnull=True) | Q(procedure__date_cloture__gt=ctx.fin)
        return (
            _liens_ouverts(ctx)
            .filter(procedure__type=T.ASILE)
            .annotate(stade=_dernier_stade(ctx, enums.STADE_ASILE), decidee=Exists(decidee))
            .aggregate(
                ofpra=Count(
                    "personne",
                    distinct=True,
                    filter=ouverte_au_31 & Q(stade=enums.Stade.OFPRA, decidee=False),
                )
            )
        )

    return ctx.memo("juridique.asile", compute)


def _titre_detenu(ctx: Contexte) -> Q:
    return Q(issue=Issue.ACCORDE, date_decision__lte=ctx.fin) & (
        Q(date_fin_validite__isnull=True) | Q(date_fin_validite__gte=ctx.debut)
    )


def _sans_decision_au_31(ctx: Contexte) -> Q:
    return (Q(date_decision__isnull=True) | Q(date_decision__gt=ctx.fin)) & ~Q(issue=Issue.ABANDONNE)


def _titres_traites(ctx: Contexte) -> Q:
    """Applications pending at some point of N, decided in N, or permits held during N."""
    en_cours = Q(date_demande__lte=ctx.fin) & (Q(date_decision__isnull=True) | Q(date_decision__gte=ctx.debut))
    return (en_cours & ~Q(issue=Issue.ABANDONNE)) | _titre_detenu(ctx)


def _titres(ctx: Contexte) -> dict:
    """Persons per kind of residence permit (one query)."""

    def compute():
        detenu = _titre_detenu(ctx)
        obtenu_en_n = Q(issue=Issue.ACCORDE) & _dans_annee(ctx, "date_decision")
        l425_avant = TitreSejour.objects.filter(type=TT.L425_1, issue=Issue.ACCORDE, date_decision__lt=ctx.debut)
        seuil_attente = ctx.fin - datetime.timedelta(days=330)

        def personnes(condition):
            return Count("personne", distinct=True, filter=condition)

        # Every count reads permits handled during N or granted in N: only those rows are read.
        return TitreSejour.objects.filter(_titres_traites(ctx) | obtenu_en_n).aggregate(
            l425_premier=personnes(Q(type=TT.L425_1, premier=True) & obtenu_en_n),
            l425_hors_premier=personnes(Q(type=TT.L425_1) & detenu & Q(personne__in=l425_avant.values("personne_id"))),
            l423_3=personnes(Q(type=TT.L423_3) & detenu),
            l423_3_en_cours=personnes(Q(type=TT.L423_3, date_demande__lte=ctx.fin) & _sans_decision_au_31(ctx)),
            autres=personnes(Q(type__in=[TT.AUTRE, TT.RECEPISSE]) & detenu),
            autres_premiers=personnes(Q(type__in=[TT.AUTRE, TT.RECEPISSE], premier=True) & obtenu_en_n),
            attente_long=personnes(
                Q(premier=True, date_demande__lte=seuil_attente) & ~Q(type=TT.RECEPISSE) & _sans_decision_au_31(ctx)
            ),
        )

    return ctx.memo("juridique.titres", compute)


def personnes_juridique(ctx: Contexte):
    """P_JUR(N) as a queryset of persons (see the module docstring)."""
    return Personne.objects.filter(pk__in=_p_jur_ids(ctx))


def _p_jur_ids(ctx: Contexte):
    """The ids of P_JUR(N): one UNION of the five kinds of records that put a person in it."""
    suivis = Suivi.objects.filter(pole=Pole.JURIDIQUE, date_debut__lte=ctx.fin).filter(
        Q(date_fin__isnull=True) | Q(date_fin__gte=ctx.debut)
    )
    # Two sets of proceedings, not a join of every stage and decision filtered afterwards.
    activite = Q(procedure__in=Etape.objects.filter(_dans_annee(ctx)).values("procedure_id")) | Q(
        procedure__in=Decision.objects.filter(_dans_annee(ctx)).values("procedure_id")
    )
    titres = TitreSejour.objects.filter(
        _dans_annee(ctx, "date_demande") | _dans_annee(ctx, "date_decision") | _titres_traites(ctx)
    )
    journal = EntreeJournal.objects.filter(pole=Pole.JURIDIQUE).filter(_dans_annee(ctx))
    return union_personnes(suivis, _liens_ouverts(ctx), PersonneProcedure.objects.filter(activite), titres, journal)


def _debuts_juridiques(limite: datetime.date | None = None) -> tuple:
    """The records whose date can start a person's legal follow-up, as (personne_id, debut): legal
    Suivis and proceedings (their opening); only those dated before `limite` when given. The
    follow-up starts at the earliest of them."""
    suivis = Suivi.objects.filter(pole=Pole.JURIDIQUE)
    procedures = PersonneProcedure.objects.all()
    if limite is not None:
        suivis = suivis.filter(date_debut__lt=limite)
        procedures = procedures.filter(procedure__date_ouverture__lt=limite)
    return (
        suivis.order_by().values("personne_id", debut=F("date_debut")),
        procedures.order_by().values("personne_id", debut=F("procedure__date_ouverture")),
    )


def depuis_avant(limite: datetime.date) -> Q:
    """Persons whose legal follow-up started before `limite` (earliest legal Suivi or proceeding)."""
    # Uncorrelated IN: each set is read once and hashed, not probed once per person.
    return functools.reduce(operator.or_, [Q(pk__in=q.values("personne_id")) for q in _debuts_juridiques(limite)])


def _p_jur(ctx: Contexte) -> dict:
    """|P_JUR(N)| and how long they have been followed (one query): persons whose legal follow-up
    started before 01/01/N+1 (`connu`), 31/12/N−5 and 31/12/N−10 (`depuis_avant`'s rule).

    Written as SQL around the ORM's own queries: P_JUR's ids joined to each person's earliest
    start, one grouped pass over the legal records. The ORM has no join to a grouped UNION, and
    testing each person against `depuis_avant`'s six sets cost a third more at scale 100."""

    def compute():
        limites = {
            "connu": ctx.fin + datetime.timedelta(days=1),
            "plus_5_ans": datetime.date(ctx.annee - 5, 12, 31),
            "plus_10_ans": datetime.date(ctx.annee - 10, 12, 31),
        }
        population, params_population = _p_jur_ids(ctx).order_by().query.sql_with_params()
        suivis, procedures = _debuts_juridiques()
        debuts, params_debuts = suivis.union(procedures, all=True).order_by().query.sql_with_params()
        filtres = "".join(", COUNT(*) FILTER (WHERE d.debut < %s)" for _ in limites)
        sql = (
            f"SELECT COUNT(*){filtres} FROM ({population}) p LEFT JOIN "
            f"(SELECT x.personne_id, MIN(x.debut) AS debut FROM ({debuts}) x GROUP BY x.personne_id) d "
            "ON d.personne_id = p.personne_id"
        )
        dates = [connection.ops.adapt_datefield_value(limite) for limite in limites.values()]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*dates, *params_population, *params_debuts])
            total, *comptes = cursor.fetchone()
        return {"total": total} | dict(zip(limites, comptes, strict=True))

    return ctx.memo("juridique.p_jur", compute)


# --- Section 4 ------------------------------------------------------------------------------


def juridique_personnes(ctx: Contexte) -> int:
    """|P_JUR(N)|: persons followed by the legal unit during N (any kind of proceedings or activity)."""
    return _p_jur(ctx)["total"]


def juridique_part_file_active(ctx: Contexte) -> float | None:
    """|P_JUR(N)| ÷ |P_FA(N)| (persons with a support period overlapping N), in percent."""
    return pourcentage(juridique_personnes(ctx), personnes_accompagnees(ctx))


def juridique_suivi_plus_5ans_taux(ctx: Contexte) -> float | None:
    """Share of P_JUR(N) whose legal follow-up started before 31/12/(N−5) (earliest Suivi or proceeding)."""
    p = _p_jur(ctx)
    return pourcentage(p["plus_5_ans"], p["total"])


def juridique_suivi_plus_10ans_taux(ctx: Contexte) -> float | None:
    """Same with 10 years (started before 31/12/(N−10))."""
    p = _p_jur(ctx)
    return pourcentage(p["plus_10_ans"], p["total"])


def penal_personnes(ctx: Contexte) -> int:
    """Distinct persons in criminal proceedings open during N."""
    return _ouvertes(ctx)["penal_personnes"]


def penal_affaires(ctx: Contexte) -> int:
    """Distinct cases (Affaire) with criminal proceedings open during N."""
    return _ouvertes(ctx)["penal_affaires"]


def plainte_deposee(ctx: Contexte) -> int:
    """Complaints filed in N, one per person of the proceedings (an individual complaint each)."""
    return _evenements(ctx)["plaintes_personnes"]


def plainte_en_preparation(ctx: Contexte) -> int:
    """Persons whose complaint is being prepared on 31/12/N (latest stage, nothing more advanced)."""
    return _stades_penal(ctx)["plainte_en_preparation"]


def plaintes_deposees(ctx: Contexte) -> int:
    """Complaints filed in N (per person) plus complaints being prepared on 31/12/N (per person)."""
    return plainte_deposee(ctx) + plainte_en_preparation(ctx)


def penal_enquetes_preliminaires(ctx: Contexte) -> int:
    """Persons whose most advanced criminal proceedings are at the preliminary-investigation stage on
    31/12/N: latest stage a preliminary investigation or a complaint filed (a filed complaint opens the
    prosecutor's investigation; the complaint itself is counted as an event of its year)."""
    return _stades_penal(ctx)["categories"]["enquete_preliminaire"]


def penal_instructions(ctx: Contexte) -> int:
    """Persons whose most advanced criminal proceedings are at the instruction stage (or PCPC filed) on 31/12/N."""
    return _stades_penal(ctx)["categories"]["instruction"]


def pcpc_deposees(ctx: Contexte) -> int:
    """Civil-party complaints (PCPC) filed in N (one per stage recorded)."""
    return _evenements(ctx)["pcpc"]


def penal_audiences(ctx: Contexte) -> int:
    """Criminal first-instance and appeal hearings held in N (split: penal_audiences_1re_instance / _appel)."""
    return penal_audiences_1re_instance(ctx) + penal_audiences_appel(ctx)


def penal_audiences_1re_instance(ctx: Contexte) -> int:
    return _evenements(ctx)["audiences_1re_instance"]


def penal_audiences_appel(ctx: Contexte) -> int:
    return _evenements(ctx)["audiences_appel"]


def condamnations_traite(ctx: Contexte) -> int:
    """Cases with a conviction for trafficking dated in N (one per case, any level)."""
    return _decisions(ctx)["condamnations_traite"]


def condamnations_traite_definitives(ctx: Contexte) -> int:
    """Of which final (no further appeal)."""
    return _decisions(ctx)["condamnations_traite_definitives"]


def dossiers_inspection_travail(ctx: Contexte) -> int:
    """Cases with proceedings opened in N and flagged "initiated with the Labour Inspectorate"."""
    return _procedures(ctx)["inspection_travail"]


def cph_personnes(ctx: Contexte) -> int:
    """Distinct persons with labour-court proceedings open during N."""
    return _ouvertes(ctx)["cph_personnes"]


def cph_affaires(ctx: Contexte) -> int:
    """Labour-court proceedings (one per claimant group and employer) open during N (INC-6)."""
    return _ouvertes(ctx)["cph_procedures"]


def cph_nouvelles_saisines(ctx: Contexte) -> int:
    """Referrals to the labour court dated in N, summary proceedings (référé) included."""
    return _evenements(ctx)["saisines_cph"]


def cph_en_cours_1ere_instance(ctx: Contexte) -> int:
    """CPH proceedings open during N, referred by 31/12/N, with no first-instance decision before 01/01/N."""
    return _procedures(ctx)["cph_1re_instance"]


def cph_decisions_1ere_instance(ctx: Contexte) -> int:
    """First-instance decisions on labour-court proceedings dated in N."""
    return _decisions(ctx)["cph_1re_instance"]


def indemnisation_personnes(ctx: Contexte) -> int:
    """Distinct persons with compensation proceedings (CIVI, SARVI, other body or being prepared) open during N."""
    return _ouvertes(ctx)["indemnisation_personnes"]


def indemnisation_affaires(ctx: Contexte) -> int:
    """Distinct cases with compensation proceedings (CIVI, SARVI, other body or being prepared) open during N."""
    return _ouvertes(ctx)["indemnisation_affaires"]


def civi(ctx: Contexte) -> int:
    """Persons with CIVI proceedings open during N."""
    return _ouvertes(ctx)["civi"]


def sarvi(ctx: Contexte) -> int:
    """Persons with SARVI proceedings open during N."""
    return _ouvertes(ctx)["sarvi"]


def sejour_personnes(ctx: Contexte) -> int:
    """Persons with residence-status proceedings open during N, or a permit application pending or
    decided in N, or a permit held during N."""

    def compute():
        procedures = _liens_ouverts(ctx).filter(procedure__type=T.SEJOUR)
        titres = TitreSejour.objects.filter(_titres_traites(ctx))
        return union_personnes(procedures, titres).count()  # ids alone: no need of the persons' table

    return ctx.memo("juridique.sejour", compute)


def titre_l425_1_premier(ctx: Contexte) -> int:
    """Persons granted a first L425-1 permit in N (decision date in N)."""
    return _titres(ctx)["l425_premier"]


def titre_l425_1_beneficiaires_hors_premier(ctx: Contexte) -> int:
    """Persons holding an L425-1 during N whose first L425-1 was granted before N (renewals)."""
    return _titres(ctx)["l425_hors_premier"]


def carte_resident_l423_3(ctx: Contexte) -> int:
    """Persons holding an L423-3 resident card during N."""
    return _titres(ctx)["l423_3"]


def carte_resident_l423_3_en_cours(ctx: Contexte) -> int:
    """Persons with an L423-3 application filed by 31/12/N and not decided on that day."""
    return _titres(ctx)["l423_3_en_cours"]


def autres_titres_recepisses(ctx: Contexte) -> int:
    """Persons holding another permit or a receipt during N."""
    return _titres(ctx)["autres"]


def autres_titres_recepisses_premiers(ctx: Contexte) -> int:
    """Of which first permits or receipts granted in N."""
    return _titres(ctx)["autres_premiers"]


def attente_premier_titre_long(ctx: Contexte) -> int:
    """Persons whose first-permit application was filed 330+ days before 31/12/N and is undecided then."""
    return _titres(ctx)["attente_long"]


def asile_personnes(ctx: Contexte) -> int:
    """Distinct persons with asylum proceedings open during N."""
    return _ouvertes(ctx)["asile_personnes"]


def asile_ofpra_en_cours(ctx: Contexte) -> int:
    """Persons whose asylum proceedings, open on 31/12/N, are at the OFPRA stage with no decision yet."""
    return _asile(ctx)["ofpra"]


def asile_audiences_cnda(ctx: Contexte) -> int:
    """CNDA hearings dated in N."""
    return _evenements(ctx)["audiences_cnda"]


def asile_protections_subsidiaires(ctx: Contexte) -> int:
    """Persons granted subsidiary protection by a decision dated in N."""
    return _decisions(ctx)["protections_subsidiaires"]


def asile_statuts_refugie(ctx: Contexte) -> int:
    """Persons granted refugee status by a decision dated in N."""
    return _decisions(ctx)["statuts_refugie"]


def asile_protections_obtenues(ctx: Contexte) -> int:
    """Subsidiary protections + refugee statuses granted in N."""
    return asile_protections_subsidiaires(ctx) + asile_statuts_refugie(ctx)


# --- Breakdowns B24–B29 ---------------------------------------------------------------------


def repartition_b24(ctx: Contexte) -> dict[str, int]:
    """Persons in criminal proceedings open during N by most advanced stage on 31/12/N (a partition
    of penal_personnes; "inconnu" = no stage recorded yet). Complaints of the year are a flow, apart."""
    categories = _stades_penal(ctx)["categories"]
    return {code: categories.get(code, 0) for code in [*enums.RANG_STADE_PENAL, "inconnu"]}


def repartition_b25(ctx: Contexte) -> dict[str, int]:
    """Labour court: referrals of N, proceedings at first instance, first-instance decisions of N
    (flows and states, as printed: not a partition of cph_personnes)."""
    return {
        "nouvelles_saisines": cph_nouvelles_saisines(ctx),
        "en_cours_1ere_instance": cph_en_cours_1ere_instance(ctx),
        "decisions_1ere_instance": cph_decisions_1ere_instance(ctx),
    }


def repartition_b26(ctx: Contexte) -> dict[str, int]:
    """Persons in compensation proceedings by body; "autre" = proceedings before another body or whose
    application is being prepared (INC-7). A person before several bodies appears under each."""
    o = _ouvertes(ctx)
    return {"civi": o["civi"], "sarvi": o["sarvi"], "autre": o["indemnisation_autre"]}


def repartition_b27(ctx: Contexte) -> dict[str, int]:
    """Residence permits by kind (persons). Not a partition: "autre" is what remains of sejour_personnes
    after the four main lines (persons still waiting for a permit, refusals…), never below 0."""
    t = _titres(ctx)
    return {
        "l425_1_premier": t["l425_premier"],
        "l425_1_hors_premier": t["l425_hors_premier"],
        "l423_3": t["l423_3"],
        "l423_3_en_cours": t["l423_3_en_cours"],
        "autres_recepisses": t["autres"],
        "autres_recepisses_premiers": t["autres_premiers"],
        "autre": max(0, sejour_personnes(ctx) - t["l425_premier"] - t["l425_hors_premier"] - t["l423_3"] - t["autres"]),
    }


def repartition_b28(ctx: Contexte) -> dict[str, int]:
    """Asylum: pending at OFPRA, CNDA hearings, protections granted; "autre" = the rest of asile_personnes."""
    valeurs = {
        "ofpra_en_cours": asile_ofpra_en_cours(ctx),
        "audiences_cnda": asile_audiences_cnda(ctx),
        "protections_subsidiaires": asile_protections_subsidiaires(ctx),
        "statuts_refugie": asile_statuts_refugie(ctx),
    }
    valeurs["autre"] = max(0, asile_personnes(ctx) - sum(valeurs.values()))
    return valeurs


def repartition_b29(ctx: Contexte) -> dict[str, int]:
    """P_JUR(N) by years since the start of legal follow-up (partition; "inconnu" = no Suivi nor proceeding)."""
    p = _p_jur(ctx)
    return {
        "moins_5_ans": p["connu"] - p["plus_5_ans"],
        "5_10_ans": p["plus_5_ans"] - p["plus_10_ans"],
        "plus_10_ans": p["plus_10_ans"],
        "inconnu": p["total"] - p["connu"],
    }


# --- Drill-downs: `detail_<key>(ctx)` lists the records each figure counts, with `valeur` -------


def detail_juridique_personnes(ctx: Contexte):
    return un_par_ligne(personnes_juridique(ctx))


def _personnes_ouvertes(ctx: Contexte, *types):
    return une_ligne_par_personne(_liens_ouverts(ctx).filter(procedure__type__in=types))


def _affaires_ouvertes(ctx: Contexte, *types):
    procedures = Procedure.objects.filter(_ouverte_pendant(ctx), type__in=types, personnes__isnull=False)
    return un_par_ligne(Affaire.objects.filter(pk__in=procedures.values("affaire_id")))


def detail_penal_personnes(ctx: Contexte):
    return _personnes_ouvertes(ctx, T.PENAL)


def detail_penal_affaires(ctx: Contexte):
    return _affaires_ouvertes(ctx, T.PENAL)


def detail_cph_personnes(ctx: Contexte):
    return _personnes_ouvertes(ctx, T.CPH)


def detail_cph_affaires(ctx: Contexte):
    procedures = Procedure.objects.filter(_ouverte_pendant(ctx), type=T.CPH, personnes__isnull=False)
    return un_par_ligne(Procedure.objects.filter(pk__in=procedures.values("pk")))


def detail_indemnisation_personnes(ctx: Contexte):
    return _personnes_ouvertes(ctx, *enums.INDEMNISATION)


def detail_indemnisation_affaires(ctx: Contexte):
    return _affaires_ouvertes(ctx, *enums.INDEMNISATION)


def detail_civi(ctx: Contexte):
    return _personnes_ouvertes(ctx, T.CIVI)


def detail_sarvi(ctx: Contexte):
    return _personnes_ouvertes(ctx, T.SARVI)


def detail_asile_personnes(ctx: Contexte):
    return _personnes_ouvertes(ctx, T.ASILE)


def _etapes_de(ctx: Contexte, *types, **filtres):
    return Etape.objects.filter(_dans_annee(ctx), type__in=types, **filtres)


def detail_pcpc_deposees(ctx: Contexte):
    return un_par_ligne(_etapes_de(ctx, E.PCPC))


def detail_penal_audiences(ctx: Contexte):
    return un_par_ligne(_etapes_de(ctx, E.AUDIENCE_1RE_INSTANCE, E.AUDIENCE_APPEL, procedure__type=T.PENAL))


def detail_cph_nouvelles_saisines(ctx: Contexte):
    return un_par_ligne(_etapes_de(ctx, E.SAISINE_CPH, E.REFERE, procedure__type=T.CPH))


def detail_asile_audiences_cnda(ctx: Contexte):
    return un_par_ligne(_etapes_de(ctx, E.AUDIENCE_CNDA))


def _decisions_de(ctx: Contexte, **filtres):
    return Decision.objects.filter(_dans_annee(ctx), **filtres)


def detail_condamnations_traite(ctx: Contexte):
    decisions = _decisions_de(ctx, nature=enums.NatureDecision.CONDAMNATION_TRAITE)
    return un_par_ligne(Affaire.objects.filter(pk__in=decisions.values("procedure__affaire_id")))


def detail_cph_decisions_1ere_instance(ctx: Contexte):
    return un_par_ligne(_decisions_de(ctx, procedure__type=T.CPH, niveau=enums.NiveauDecision.PREMIERE_INSTANCE))


def detail_dossiers_inspection_travail(ctx: Contexte):
    procedures = Procedure.objects.filter(_dans_annee(ctx, "date_ouverture"), inspection_travail=True)
    return un_par_ligne(Affaire.objects.filter(pk__in=procedures.values("affaire_id")))


def detail_cph_en_cours_1ere_instance(ctx: Contexte):
    return un_par_ligne(Procedure.objects.filter(_ouverte_pendant(ctx), type=T.CPH).filter(_cph_en_1re_instance(ctx)))


def _protegees(ctx: Contexte, nature):
    decisions = _decisions_de(ctx, procedure__type=T.ASILE, nature=nature)
    liens = PersonneProcedure.objects.filter(procedure__in=decisions.values("procedure_id"))
    return Q(pk__in=liens.values("personne_id"))


def detail_asile_protections_subsidiaires(ctx: Contexte):
    return un_par_ligne(Personne.objects.filter(_protegees(ctx, enums.NatureDecision.PROTECTION_SUBSIDIAIRE)))


def detail_asile_statuts_refugie(ctx: Contexte):
    return un_par_ligne(Personne.objects.filter(_protegees(ctx, enums.NatureDecision.STATUT_REFUGIE)))


def detail_asile_protections_obtenues(ctx: Contexte):
    """One row per person; `valeur` 2 for a person granted both kinds in N (the figure adds them)."""
    sub = _protegees(ctx, enums.NatureDecision.PROTECTION_SUBSIDIAIRE)
    ref = _protegees(ctx, enums.NatureDecision.STATUT_REFUGIE)
    un = IntegerField()
    return Personne.objects.filter(sub | ref).annotate(
        valeur=Case(When(sub, then=1), default=0, output_field=un) + Case(When(ref, then=1), default=0, output_field=un)
    )


def _titres_de(ctx: Contexte, condition: Q):
    return une_ligne_par_personne(TitreSejour.objects.filter(condition))


def detail_titre_l425_1_premier(ctx: Contexte):
    return _titres_de(ctx, Q(type=TT.L425_1, premier=True, issue=Issue.ACCORDE) & _dans_annee(ctx, "date_decision"))


def detail_titre_l425_1_beneficiaires_hors_premier(ctx: Contexte):
    avant = TitreSejour.objects.filter(type=TT.L425_1, issue=Issue.ACCORDE, date_decision__lt=ctx.debut)
    return _titres_de(ctx, Q(type=TT.L425_1, personne__in=avant.values("personne_id")) & _titre_detenu(ctx))


def detail_carte_resident_l423_3(ctx: Contexte):
    return _titres_de(ctx, Q(type=TT.L423_3) & _titre_detenu(ctx))


def detail_autres_titres_recepisses(ctx: Contexte):
    return _titres_de(ctx, Q(type__in=[TT.AUTRE, TT.RECEPISSE]) & _titre_detenu(ctx))


def detail_attente_premier_titre_long(ctx: Contexte):
    seuil = ctx.fin - datetime.timedelta(days=330)
    attente = Q(premier=True, date_demande__lte=seuil) & ~Q(type=TT.RECEPISSE) & _sans_decision_au_31(ctx)
    return _titres_de(ctx, attente)


def detail_sejour_personnes(ctx: Contexte):
    procedures = _liens_ouverts(ctx).filter(procedure__type=T.SEJOUR).values("personne_id")
    titres = TitreSejour.objects.filter(_titres_traites(ctx)).values("personne_id")
    return un_par_ligne(Personne.objects.filter(Q(pk__in=procedures) | Q(pk__in=titres)))


def detail_asile_ofpra_en_cours(ctx: Contexte):
    decidee = Decision.objects.filter(procedure=OuterRef("procedure_id"), date__lte=ctx.fin)
    ouverte_au_31 = Q(procedure__date_cloture__isnull=True) | Q(procedure__date_cloture__gt=ctx.fin)
    liens = (
        _liens_ouverts(ctx)
        .filter(procedure__type=T.ASILE)
        .annotate(stade=_dernier_stade(ctx, enums.STADE_ASILE), decidee=Exists(decidee))
        .filter(ouverte_au_31, stade=enums.Stade.OFPRA, decidee=False)
    )
    return une_ligne_par_personne(liens)


def detail_juridique_suivi_plus_5ans_taux(ctx: Contexte):
    return au_numerateur(personnes_juridique(ctx), depuis_avant(datetime.date(ctx.annee - 5, 12, 31)))


def detail_juridique_suivi_plus_10ans_taux(ctx: Contexte):
    return au_numerateur(personnes_juridique(ctx), depuis_avant(datetime.date(ctx.annee - 10, 12, 31)))


def _personnes_au_stade(ctx: Contexte, categorie: str):
    """The persons counted at a criminal stage: read from the same rows as the figure (_stades_penal)."""
    ids = [p for p, c in _stades_penal(ctx)["par_personne"].items() if c == categorie]
    return un_par_ligne(Personne.objects.filter(pk__in=ids))


def detail_penal_enquetes_preliminaires(ctx: Contexte):
    return _personnes_au_stade(ctx, "enquete_preliminaire")


def detail_penal_instructions(ctx: Contexte):
    return _personnes_au_stade(ctx, "instruction")


def detail_plaintes_deposees(ctx: Contexte):
    """One row per person: the complaints filed in N for them (one per complaint stage and person),
    plus 1 when their complaint is being prepared on 31/12/N."""
    from django.db.models import Value
    from django.db.models.functions import Coalesce

    plaintes = Etape.objects.filter(_dans_annee(ctx), type=E.PLAINTE)
    par_personne = (
        plaintes.filter(procedure__personnes=OuterRef("pk"))
        .values("procedure__personnes")
        .annotate(n=Count("pk"))
        .values("n")
    )
    en_preparation = list(_stades_penal(ctx)["en_preparation"])
    return Personne.objects.filter(
        Q(pk__in=plaintes.values("procedure__personnes")) | Q(pk__in=en_preparation)
    ).annotate(
        valeur=Coalesce(Subquery(par_personne, output_field=IntegerField()), Value(0))
        + Case(When(pk__in=en_preparation, then=1), default=0, output_field=IntegerField())
    )


@deux_listes()
def detail_juridique_part_file_active(ctx: Contexte):
    """The persons of P_JUR(N) (numerator) and of P_FA(N) (denominator): P_JUR is not inside
    P_FA (a legal follow-up may outlast the support period), so two lists."""
    un = Value(1, output_field=IntegerField())
    return rapport_de((personnes_juridique(ctx), un), (file_active(ctx), un))
