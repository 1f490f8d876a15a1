"""Report figures of the reception unit (indicateurs.md section 1.1, breakdowns B1 and B2).

A report belongs to year N by its reception date. Every report counts, whatever its outcome.
The funnel shares are over the reports received in N; "taken to the interview" means at least
one interview recorded for the report; the share leading to support is per report (a collective
report counts once), the number of new persons is beside it (accompagnement indicators).
"""

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from accompagnement.indicateurs import nouvelles
from accompagnement.models import Accompagnement
from comptes.contexte import Contexte, au_numerateur, pourcentage, un_par_ligne

from . import enums
from .models import Entretien, PersonneSignalee, Signalement

INCONNU = "inconnu"


def _recus(ctx: Contexte):
    return Signalement.objects.filter(date_reception__range=(ctx.debut, ctx.fin))


# The steps that count as "reached the questionnaire" (the figure and its drill-down).
QUESTIONNAIRE_OU_AU_DELA = [enums.Etape.QUESTIONNAIRE, enums.Etape.ENTRETIEN]


def _recus_groupes(ctx: Contexte) -> list[tuple]:
    """The reports of N counted by what the funnel, B1 and B2 read (source, kind of re-referral,
    step, decision, interview held): one grouped query for the three, summed below."""

    def calcul():
        entretien = Exists(Entretien.objects.filter(signalement=OuterRef("pk")))
        return list(
            _recus(ctx)
            .annotate(a_entretien=entretien)
            .values_list("source_type", "type_reorientation", "etape", "decision", "a_entretien")
            .annotate(n=Count("pk"))
            .order_by()
        )

    return ctx.memo("signalements.recus", calcul)


def entonnoir(ctx: Contexte) -> dict:
    """The funnel of the year: reports received, at the questionnaire or beyond, with an
    interview, and per decision (memoised)."""

    def calcul():
        f = {"recus": 0, "questionnaire": 0, "entretien": 0} | {code: 0 for code in enums.Decision.values}
        for _source, _reorientation, etape, decision, entretien, n in _recus_groupes(ctx):
            f["recus"] += n
            if etape in QUESTIONNAIRE_OU_AU_DELA:
                f["questionnaire"] += n
            if entretien:
                f["entretien"] += n
            if decision in enums.Decision.values:
                f[decision] += n
        return f

    return ctx.memo("signalements.entonnoir", calcul)


def signalements_recus(ctx: Contexte) -> int:
    """Reports received in N (by reception date), all outcomes included."""
    return entonnoir(ctx)["recus"]


def signalements_questionnaire_taux(ctx: Contexte) -> float | None:
    """Reports of N that reached the questionnaire step or beyond ÷ reports of N."""
    f = entonnoir(ctx)
    return pourcentage(f["questionnaire"], f["recus"])


def signalements_entretien_taux(ctx: Contexte) -> float | None:
    """Reports of N with at least one interview recorded ÷ reports of N."""
    f = entonnoir(ctx)
    return pourcentage(f["entretien"], f["recus"])


def entretiens_identification(ctx: Contexte) -> int:
    """In-depth and identification interviews dated in N (whatever the report's year)."""
    return ctx.memo(
        "signalements.entretiens",
        lambda: Entretien.objects.filter(
            date__range=(ctx.debut, ctx.fin),
            type__in=[enums.TypeEntretien.APPROFONDISSEMENT, enums.TypeEntretien.IDENTIFICATION],
        ).count(),
    )


def taux_accompagnement_signalements(ctx: Contexte) -> float | None:
    """Reports of N decided "supported" ÷ reports of N (per report, so collective cases count once)."""
    f = entonnoir(ctx)
    return pourcentage(f["accompagnement"], f["recus"])


def signalants_reorientes(ctx: Contexte) -> int:
    """Reports of N re-referred to another structure (split by kind in B2)."""
    return entonnoir(ctx)["reorientation"]


def _par(ctx: Contexte, colonne: int, codes, decision: str | None = None) -> dict:
    """{code: reports of N} of a column of `_recus_groupes` (those of one decision when given)."""
    resultat = {code: 0 for code in codes} | {INCONNU: 0}
    for ligne in _recus_groupes(ctx):
        if decision is None or ligne[3] == decision:
            code = ligne[colonne]
            resultat[code if code in resultat and code != INCONNU else INCONNU] += ligne[-1]
    return resultat


def repartition_b1(ctx: Contexte) -> dict:
    """Sources of all reports received in N."""
    return _par(ctx, 0, enums.SourceType.values)


def repartition_b2(ctx: Contexte) -> dict:
    """Kinds of re-referral of the reports of N decided "re-referred"."""
    return _par(ctx, 1, enums.TypeReorientation.values, decision=enums.Decision.REORIENTATION)


def repartition_b3(ctx: Contexte) -> dict:
    """Sources of the new beneficiaries (a breakdown of P_NEW, computed here where the reports
    are): the source of the report their first support period came from (else the earliest
    report they were linked to), for each person of P_NEW(N)."""

    def calcul():
        personne = OuterRef("pk")
        premiere = (
            Accompagnement.objects.filter(personne=personne, signalement__isnull=False)
            .order_by("date_debut", "pk")
            .values("signalement__source_type")[:1]
        )
        liee = (
            PersonneSignalee.objects.filter(personne=personne)
            .order_by("signalement__date_reception", "pk")
            .values("signalement__source_type")[:1]
        )
        queryset = nouvelles(ctx).annotate(source=Coalesce(Subquery(premiere), Subquery(liee)))
        return dict(queryset.values_list("source").annotate(n=Count("pk")).order_by())

    comptes = ctx.memo("signalements.b3", calcul)
    resultat = {code: 0 for code in enums.SourceType.values} | {INCONNU: 0}
    for code, n in comptes.items():
        resultat[code if code in resultat else INCONNU] += n
    return resultat


# --- Drill-downs: `detail_<key>(ctx)` lists the records each figure counts, with `valeur` -------


def detail_signalements_recus(ctx: Contexte):
    return un_par_ligne(_recus(ctx))


def detail_entretiens_identification(ctx: Contexte):
    types = [enums.TypeEntretien.APPROFONDISSEMENT, enums.TypeEntretien.IDENTIFICATION]
    return un_par_ligne(Entretien.objects.filter(date__range=(ctx.debut, ctx.fin), type__in=types))


def detail_signalants_reorientes(ctx: Contexte):
    return un_par_ligne(_recus(ctx).filter(decision=enums.Decision.REORIENTATION))


def detail_signalements_questionnaire_taux(ctx: Contexte):
    return au_numerateur(_recus(ctx), Q(etape__in=QUESTIONNAIRE_OU_AU_DELA))


def detail_signalements_entretien_taux(ctx: Contexte):
    return au_numerateur(_recus(ctx), Exists(Entretien.objects.filter(signalement=OuterRef("pk"))))


def detail_taux_accompagnement_signalements(ctx: Contexte):
    return au_numerateur(_recus(ctx), Q(decision=enums.Decision.ACCOMPAGNEMENT))
