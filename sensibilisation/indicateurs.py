"""Report figures of section 5 (awareness & training) and breakdowns B30–B31.

Population: interventions **held** (status "held") and dated in year N (1 January – 31 December).
Planned or cancelled sessions and the CCEM's own events (symposium, open day…) are not counted.
Every figure of a year comes from two aggregate queries (plus two for year N−1 when the change is asked).
"""

from django.db.models import Count, Min, Q, Sum

from accompagnement.indicateurs import ACTIVITE_SCOLAIRE_CVA
from accompagnement.models import Personne
from comptes.contexte import Contexte, au_numerateur, deux_listes, entre_annees, pourcentage, rapport_de, un_par_ligne

from .models import CATEGORIES, PARIS, Intervention, somme


def _annee(annee: int) -> dict:
    """One aggregate over the year's held interventions: count, places, participants per category."""
    qs = Intervention.objects.realisees().de_l_annee(annee)
    aggregats = {c.champ: Sum(c.champ, default=0) for c in CATEGORIES}
    return qs.aggregate(
        nombre=Count("pk"),
        paris=Count("pk", filter=Q(departement=PARIS)),
        etranger=Count("pk", filter=~Q(pays="")),
        departements=Count("departement", distinct=True, filter=~Q(departement="")),
        **aggregats,
    )


def _donnees(ctx: Contexte) -> dict:
    return ctx.memo("sensibilisation.annee", lambda: _annee(ctx.annee))


def _par_lieu(ctx: Contexte) -> dict:
    def calcul():
        rows = (
            Intervention.objects.realisees()
            .de_l_annee(ctx.annee)
            .values("departement", "pays")
            .annotate(n=Count("pk"))
            .order_by("departement", "pays")
        )
        return list(rows)

    return ctx.memo("sensibilisation.lieux", calcul)


def _categorie(ctx: Contexte, code: str) -> int:
    champ = next(c.champ for c in CATEGORIES if c.code == code)
    return _donnees(ctx)[champ]


def interventions(ctx: Contexte) -> int:
    """Interventions held in N."""
    return _donnees(ctx)["nombre"]


def participants(ctx: Contexte) -> int:
    """Sum of the participants of all categories (including "audience not specified") of N's interventions."""
    donnees = _donnees(ctx)
    return sum(donnees[c.champ] for c in CATEGORIES)


def participants_evol(ctx: Contexte) -> float | None:
    """participants(N) / participants(N−1) − 1, in percent; None when N−1 had no participant."""
    precedent = participants(ctx.precedent())
    if not precedent:
        return None
    return pourcentage(participants(ctx) - precedent, precedent)


def participants_professionnels(ctx: Contexte) -> int:
    """Labour Inspectorate, Gendarmerie, Police/OCLTI, legal, social, health and other professionals."""
    donnees = _donnees(ctx)
    return sum(donnees[c.champ] for c in CATEGORIES if c.professionnel)


def part_professionnels(ctx: Contexte) -> float | None:
    """Professionals ÷ participants whose audience is known (audience not specified left out)."""
    connus = participants(ctx) - _categorie(ctx, "inconnu")
    return pourcentage(participants_professionnels(ctx), connus)


def agents_services_enquete(ctx: Contexte) -> int:
    """Officers of investigation services: Labour Inspectorate + Gendarmerie + Police/OCLTI."""
    donnees = _donnees(ctx)
    return sum(donnees[c.champ] for c in CATEGORIES if c.service_enquete)


def agents_inspection_travail(ctx: Contexte) -> int:
    """Participants of category "Labour Inspectorate" (initial and continuing training alike)."""
    return _categorie(ctx, "inspection_travail")


def agents_gendarmerie(ctx: Contexte) -> int:
    """Participants of category "Gendarmerie"."""
    return _categorie(ctx, "gendarmerie")


def professionnels_droit(ctx: Contexte) -> int:
    """Participants of category "legal professionals" (lawyers, judges)."""
    return _categorie(ctx, "professionnels_droit")


def autres_professionnels(ctx: Contexte) -> int:
    """Other professionals as the report groups them: social workers, health professionals and others."""
    return sum(
        _categorie(ctx, code) for code in ("travailleurs_sociaux", "professionnels_sante", "autres_professionnels")
    )


def eleves(ctx: Contexte) -> int:
    """Pupils (primary to upper secondary school)."""
    return _categorie(ctx, "eleves")


def grand_public_autres(ctx: Contexte) -> int:
    """General-public participants other than pupils (audience not specified is not included)."""
    return _categorie(ctx, "grand_public")


def departements_interventions(ctx: Contexte) -> int:
    """Distinct French départements where interventions of N were held (abroad not counted)."""
    return _donnees(ctx)["departements"]


def interventions_etranger(ctx: Contexte) -> int:
    """Interventions of N held abroad (a country given instead of a département)."""
    return _donnees(ctx)["etranger"]


def part_interventions_paris(ctx: Contexte) -> float | None:
    """Interventions held in Paris (75) ÷ all interventions of N, abroad included."""
    donnees = _donnees(ctx)
    return pourcentage(donnees["paris"], donnees["nombre"])


def repartition_b30(ctx: Contexte) -> dict[str, int]:
    """Participants of N by audience; "inconnu" holds the participants whose audience is not known."""
    donnees = _donnees(ctx)
    return {c.code: donnees[c.champ] for c in CATEGORIES}


def repartition_b31(ctx: Contexte) -> dict[str, int]:
    """Interventions of N by département code; "etranger" for abroad, "inconnu" when no place was given."""
    repartition: dict[str, int] = {}
    etranger = inconnu = 0
    for row in _par_lieu(ctx):
        if row["departement"]:
            repartition[row["departement"]] = repartition.get(row["departement"], 0) + row["n"]
        elif row["pays"]:
            etranger += row["n"]
        else:
            inconnu += row["n"]
    return {**repartition, "etranger": etranger, "inconnu": inconnu}


def pays_etranger(ctx: Contexte) -> dict[str, int]:
    """Interventions of N abroad by country code (shown on the yearly summary, not exported)."""
    return {row["pays"]: row["n"] for row in _par_lieu(ctx) if row["pays"] and not row["departement"]}


def _membres_cva_scolaires(ctx: Contexte):
    """CVA members who testified before classes in N: at an awareness session with classes, or at
    a psycho-social activity of kind "testimony in a school" (its attendances, children aside;
    reached through the reverse relation, not by importing the unit's models)."""
    seances = Intervention.objects.filter(date__range=(ctx.debut, ctx.fin), nb_classes__gt=0)
    activites = Personne.objects.filter(
        participations_activites__activite__type=ACTIVITE_SCOLAIRE_CVA,
        participations_activites__activite__date__range=(ctx.debut, ctx.fin),
        participations_activites__enfant=False,
    ).values("pk")
    temoins = Personne.objects.filter(temoignages__in=seances).values("pk")
    return Personne.objects.filter(Q(pk__in=temoins) | Q(pk__in=activites), membre_cva=True)


def cva_interventions_scolaires(ctx: Contexte) -> int:
    """Distinct CVA members who testified before classes in N: at an awareness session with
    classes, or at a psycho-social activity of kind "CVA members' testimony in a school" (a
    figure of the CVA, section 1.3, computed here where the sessions are)."""
    return ctx.memo("sensibilisation.cva_scolaires", lambda: _membres_cva_scolaires(ctx).count())


# --- Drill-downs: `detail_<key>(ctx)` lists the records each figure counts, with `valeur` -------


def _tenues(ctx: Contexte):
    return Intervention.objects.realisees().de_l_annee(ctx.annee)


def _participants_de(ctx: Contexte, categories):
    """The sessions of N, each with its participants of the given categories."""
    return _tenues(ctx).annotate(valeur=somme(c.champ for c in categories))


def _par_code(*codes: str):
    return [c for c in CATEGORIES if c.code in codes]


def detail_interventions(ctx: Contexte):
    return un_par_ligne(_tenues(ctx))


def detail_participants(ctx: Contexte):
    return _participants_de(ctx, CATEGORIES)


def detail_participants_professionnels(ctx: Contexte):
    return _participants_de(ctx, [c for c in CATEGORIES if c.professionnel])


def detail_agents_services_enquete(ctx: Contexte):
    return _participants_de(ctx, [c for c in CATEGORIES if c.service_enquete])


def detail_agents_inspection_travail(ctx: Contexte):
    return _participants_de(ctx, _par_code("inspection_travail"))


def detail_agents_gendarmerie(ctx: Contexte):
    return _participants_de(ctx, _par_code("gendarmerie"))


def detail_professionnels_droit(ctx: Contexte):
    return _participants_de(ctx, _par_code("professionnels_droit"))


def detail_autres_professionnels(ctx: Contexte):
    return _participants_de(ctx, _par_code("travailleurs_sociaux", "professionnels_sante", "autres_professionnels"))


def detail_eleves(ctx: Contexte):
    return _participants_de(ctx, _par_code("eleves"))


def detail_grand_public_autres(ctx: Contexte):
    return _participants_de(ctx, _par_code("grand_public"))


def detail_departements_interventions(ctx: Contexte):
    """One row per département: its first session of N."""
    premieres = _tenues(ctx).exclude(departement="").values("departement").annotate(premiere=Min("pk"))
    return un_par_ligne(Intervention.objects.filter(pk__in=premieres.values("premiere")))


def detail_interventions_etranger(ctx: Contexte):
    return un_par_ligne(_tenues(ctx).exclude(pays=""))


def detail_cva_interventions_scolaires(ctx: Contexte):
    return un_par_ligne(_membres_cva_scolaires(ctx))


def detail_part_interventions_paris(ctx: Contexte):
    return au_numerateur(_tenues(ctx), Q(departement=PARIS))


@deux_listes(evolution=True)
def detail_participants_evol(ctx: Contexte):
    """The sessions of N and of N−1, each with its participants (negative for N−1)."""
    return entre_annees(ctx, 1, _tenues, somme(c.champ for c in CATEGORIES))


@deux_listes()
def detail_part_professionnels(ctx: Contexte):
    """The sessions of N twice: with their professionals (numerator), then with their
    participants whose audience is known (denominator)."""
    professionnels = somme(c.champ for c in CATEGORIES if c.professionnel)
    connus = somme(c.champ for c in CATEGORIES if c.code != "inconnu")
    return rapport_de((_tenues(ctx), professionnels), (_tenues(ctx), connus))
