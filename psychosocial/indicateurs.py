"""Figures of the psycho-social unit (catalogue section 3, breakdowns B18–B23).

Each function takes a `comptes.contexte.Contexte` and returns an int (or a percent, or
None when the population is empty). Figures sharing records share one aggregate through
`ctx.memo`, so a whole year costs 11 queries whatever the volume.

Rules fixed here (see docs/psychosocial.md):
- A night belongs to the day it starts: a stay from 20/12/N-1 to 10/01/N has 12 nights in N-1
  and 9 in N. An open stay counts up to today.
- A step is "filed in N" by its filing date; an outcome is "in N" by its outcome date; a step
  is "open during N" when filed by 31/12/N, not closed (outcome other than pending,
  job-seeking) before 01/01/N and not ended (end date) before 01/01/N.
- Aid counts aid handovers; service vouchers (tickets-services) are counted apart, in vouchers.
"""

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from accompagnement.enums import Pole, Sexe
from accompagnement.models import Personne, Suivi
from comptes.contexte import Contexte, au_numerateur, pourcentage, un_par_ligne, une_ligne_par_personne, union_personnes

from . import enums
from .models import (
    Activite,
    AideFinanciere,
    ConsultationPsy,
    Demarche,
    Domiciliation,
    Hebergement,
    OrientationSoins,
    Participation,
    PassageCourrier,
    elements_psychosociaux,
    expression_nuits,
    q_nuits_dans,
)

D, T, R = enums.Dispositif, enums.TypeDemarche, enums.Resultat

# --- P_PSY ----------------------------------------------------------------------------------


def personnes_psychosocial(ctx):
    """P_PSY(N) as a queryset of persons: a follow-up (`Suivi`) of the psycho-social unit or of
    the psychologist overlapping N, or any psycho-social record dated in N: a shelter night, a
    step filed or concluded, an aid, a domiciliation started, a mail-collection visit, a
    consultation or referral, an attendance at a collective activity."""
    suivis = Suivi.objects.filter(pole__in=[Pole.PSYCHOSOCIAL, Pole.PSY]).chevauchant(ctx.annee)
    return Personne.objects.filter(pk__in=union_personnes(suivis, *elements_psychosociaux(ctx.debut, ctx.fin)))


def _population(ctx) -> dict:
    """|P_PSY(N)| and its women (one query, memoised)."""

    def calcul():
        return personnes_psychosocial(ctx).aggregate(
            total=Count("pk"), femmes=Count("pk", filter=Q(sexe=Sexe.FEMME)), connus=Count("pk", filter=~Q(sexe=""))
        )

    return ctx.memo("psychosocial.population", calcul)


def psychosocial_personnes(ctx) -> int:
    """|P_PSY(N)| (see `_population`)."""
    return _population(ctx)["total"]


def psychosocial_part_femmes(ctx) -> float | None:
    """Women among P_PSY(N) whose sex is known, in percent."""
    p = _population(ctx)
    return pourcentage(p["femmes"], p["connus"])


# --- Emergency shelter ----------------------------------------------------------------------


def _nuits(ctx) -> dict:
    """Nights within N by arrangement × sex (one query), plus distinct persons (one query)."""

    def calcul():
        lignes = (
            Hebergement.objects.filter(q_nuits_dans(ctx.debut, ctx.fin))
            .values("dispositif", "personne__sexe")
            .annotate(nuits=Sum(expression_nuits(ctx.debut, ctx.fin)))
            .order_by()
        )
        nuits = {(row["dispositif"], row["personne__sexe"]): row["nuits"].days for row in lignes}
        q = q_nuits_dans(ctx.debut, ctx.fin)
        personnes = Hebergement.objects.aggregate(
            toutes=Count("personne", distinct=True, filter=q),
            appartements=Count("personne", distinct=True, filter=q & Q(dispositif__in=enums.APPARTEMENTS)),
            hommes=Count("personne", distinct=True, filter=q & Q(dispositif=D.APPARTEMENT_HOMMES)),
            enfants=Sum("nb_enfants", filter=q),
            sorties_structure=Count(
                "personne",
                distinct=True,
                filter=Q(
                    dispositif=D.APPARTEMENT_HOMMES,
                    date_sortie__range=(ctx.debut, ctx.fin),
                    sortie_vers=enums.SortieHebergement.STRUCTURE,
                ),
            ),
        )
        return {"nuits": nuits, "personnes": personnes}

    return ctx.memo("psychosocial.nuits", calcul)


def _somme_nuits(ctx, dispositifs=None) -> int:
    return sum(
        n for (dispositif, _sexe), n in _nuits(ctx)["nuits"].items() if not dispositifs or dispositif in dispositifs
    )


def nuitees_urgence(ctx) -> int:
    """Nights within N over every arrangement: min(exit, 01/01/N+1) − max(entry, 01/01/N)."""
    return _somme_nuits(ctx)


def nuitees_urgence_personnes(ctx) -> int:
    """Distinct persons with at least one night in N."""
    return _nuits(ctx)["personnes"]["toutes"]


def nuitees_appartements_urgence(ctx) -> int:
    """Nights within N in the CCEM's flats (women's and men's)."""
    return _somme_nuits(ctx, enums.APPARTEMENTS)


def appartements_urgence_personnes(ctx) -> int:
    """Distinct persons with a night in N in one of the CCEM's flats."""
    return _nuits(ctx)["personnes"]["appartements"]


def nuitees_hotel(ctx) -> int:
    """Hotel nights within N (accompanying children are not counted as nights)."""
    return _somme_nuits(ctx, {D.HOTEL})


def nuitees_hebergement_solidaire(ctx) -> int:
    """Nights within N in solidarity housing with a host."""
    return _somme_nuits(ctx, {D.SOLIDAIRE})


def appartement_hommes_personnes(ctx) -> int:
    """Distinct persons with a night in N in the men's flat (its capacity is a separate parameter)."""
    return _nuits(ctx)["personnes"]["hommes"]


def appartement_hommes_sorties_vers_structure(ctx) -> int:
    """Distinct persons who left the men's flat in N for another shelter ("moved on to": another structure)."""
    return _nuits(ctx)["personnes"]["sorties_structure"]


def hebergement_enfants(ctx) -> int:
    """Children sheltered with their parent (sum over the stays with a night in N; beyond the
    catalogue: the reports mention them beside the nights, "1 woman with a baby")."""
    return _nuits(ctx)["personnes"]["enfants"] or 0


def repartition_b18(ctx) -> dict:
    """Nights within N by arrangement (sums to `nuitees_urgence`)."""
    nuits = {code: 0 for code in D.values}
    for (dispositif, _sexe), n in _nuits(ctx)["nuits"].items():
        nuits[dispositif] += n
    return {**nuits, "inconnu": 0}


# --- Steps: housing, health rights, integration ---------------------------------------------


def q_ouverte(ctx) -> Q:
    """Steps open during N: filed by 31/12/N, neither closed by an outcome nor ended before 01/01/N."""
    return (
        Q(date_depot__lte=ctx.fin)
        & ~Q(resultat__in=enums.RESULTATS_CLOS, date_resultat__lt=ctx.debut)
        & ~Q(date_fin__lt=ctx.debut)
    )


def q_recherche_active(ctx) -> Q:
    """Job-seeking in N: an integration follow-up whose current outcome is "actively job-seeking"
    since a date up to 31/12/N (a stock), or a job-seeking period (`type = recherche d'emploi`,
    from its start to its end) open during N."""
    statut = Q(type=T.INSERTION, resultat=R.RECHERCHE, date_resultat__lte=ctx.fin)
    return statut | (Q(type=T.RECHERCHE_EMPLOI) & q_ouverte(ctx))


def _demarches(ctx) -> dict:
    """Every step figure in one aggregate query."""

    def calcul():
        depot = Q(date_depot__range=(ctx.debut, ctx.fin))
        resultat = Q(date_resultat__range=(ctx.debut, ctx.fin))
        ouverte = q_ouverte(ctx)
        abouti = Q(resultat__in=enums.RESULTATS_ABOUTIS)
        insertion = Q(type__in=enums.types_du_domaine(enums.Domaine.INSERTION))
        sante = Q(type__in=enums.types_du_domaine(enums.Domaine.SANTE))

        def n(q):
            return Count("pk", filter=q)

        def personnes(q):
            return Count("personne", distinct=True, filter=q)

        recherche = q_recherche_active(ctx)
        # Every filter below implies one of these: the steps closed before N are not read by each.
        lues = depot | resultat | ouverte | recherche
        return Demarche.objects.filter(lues).aggregate(
            siao=n(Q(type=T.SIAO) & depot),
            siao_abouties=n(Q(type=T.SIAO) & depot & abouti),
            acse=personnes(Q(type=T.ACSE) & abouti & resultat),
            dalo=n(Q(type=T.DALO) & ouverte),
            dalo_favorables=n(Q(type=T.DALO, resultat=R.POSITIF) & resultat),
            logement_social=n(Q(type=T.LOGEMENT_SOCIAL) & ouverte),
            logement_social_abouties=n(Q(type=T.LOGEMENT_SOCIAL) & abouti & resultat),
            mise_abri_it=personnes(Q(type=T.MISE_ABRI_IT) & depot),
            intermediation=personnes(Q(type=T.INTERMEDIATION, resultat=R.ENTREE) & resultat),
            insertion=personnes(Q(type=T.INSERTION) & ouverte),
            emploi=personnes(insertion & Q(resultat=R.EMPLOI) & resultat),
            recherche=personnes(recherche),
            formation=personnes(Q(type=T.FORMATION, resultat=R.ENTREE) & resultat),
            fle=personnes(Q(type=T.FLE) & depot),
            numerique=n(Q(type=T.NUMERIQUE) & depot),
            sante=n(sante & depot),
            ame_nouvelles=n(Q(type=T.AME, nature=enums.Nature.NOUVELLE) & depot),
            ame_renouvellements=n(Q(type=T.AME, nature=enums.Nature.RENOUVELLEMENT) & depot),
            css_nouvelles=n(Q(type=T.CSS, nature=enums.Nature.NOUVELLE) & depot),
            css_renouvellements=n(Q(type=T.CSS, nature=enums.Nature.RENOUVELLEMENT) & depot),
            sante_autre=n(Q(type=T.SANTE_AUTRE) & depot),
        )

    return ctx.memo("psychosocial.demarches", calcul)


def demandes_hebergement(ctx) -> int:
    """SIAO / social-residence applications filed in N."""
    return _demarches(ctx)["siao"]


def demandes_hebergement_abouties(ctx) -> int:
    """Of the SIAO applications filed in N, those successful (by the filing date, so that the
    successful ones are a subset of `demandes_hebergement`)."""
    return _demarches(ctx)["siao_abouties"]


def mises_abri_acse(ctx) -> int:
    """Distinct persons placed through Ac.Sé: successful Ac.Sé request with its outcome dated in N."""
    return _demarches(ctx)["acse"]


def procedures_dalo(ctx) -> int:
    """DALO/DAHO procedures open during N (not only filed in N): filed by 31/12/N, neither
    concluded nor ended before 01/01/N."""
    return _demarches(ctx)["dalo"]


def demandes_logement_social(ctx) -> int:
    """Social-housing applications open during N (filed by 31/12/N, neither concluded nor ended
    before 01/01/N)."""
    return _demarches(ctx)["logement_social"]


def mises_abri_inspection_travail(ctx) -> int:
    """Distinct persons sheltered with the Labour Inspectorate, step dated (filed) in N."""
    return _demarches(ctx)["mise_abri_it"]


def intermediation_locative_entrees(ctx) -> int:
    """Distinct persons who moved into housing through rental intermediation, entry dated in N."""
    return _demarches(ctx)["intermediation"]


def insertion_pro_personnes(ctx) -> int:
    """Distinct persons with a job-integration follow-up (`type = insertion`) open during N: filed
    by 31/12/N and neither concluded nor ended before 01/01/N. Training, French classes and digital-skills steps
    have their own figures and do not count here."""
    return _demarches(ctx)["insertion"]


def insertion_emploi_trouve(ctx) -> int:
    """Distinct persons with an integration step whose outcome "job found" is dated in N."""
    return _demarches(ctx)["emploi"]


def insertion_recherche_active(ctx) -> int:
    """Distinct persons whose integration follow-up is "actively job-seeking" since a date up to
    31/12/N (a stock read from the current outcome: a later outcome replaces it), or with a
    job-seeking period open during N (started by 31/12/N, not ended before 01/01/N)."""
    return _demarches(ctx)["recherche"]


def insertion_formation(ctx) -> int:
    """Distinct persons entering vocational training in N (outcome "entered" dated in N)."""
    return _demarches(ctx)["formation"]


def cours_francais(ctx) -> int:
    """Distinct persons referred to / starting French classes, step filed in N."""
    return _demarches(ctx)["fle"]


def orientations_numerique(ctx) -> int:
    """Referrals to digital-skills courses filed in N."""
    return _demarches(ctx)["numerique"]


def droits_sante(ctx) -> int:
    """Health-right applications filed in N (AME, CSS, other coverage; new and renewals)."""
    return _demarches(ctx)["sante"]


def ame_nouvelles(ctx) -> int:
    """New AME applications filed in N."""
    return _demarches(ctx)["ame_nouvelles"]


def ame_renouvellements(ctx) -> int:
    """AME renewals filed in N."""
    return _demarches(ctx)["ame_renouvellements"]


def css_nouvelles(ctx) -> int:
    """New CSS applications filed in N."""
    return _demarches(ctx)["css_nouvelles"]


def css_renouvellements(ctx) -> int:
    """CSS renewals filed in N."""
    return _demarches(ctx)["css_renouvellements"]


def repartition_b20(ctx) -> dict:
    """Health-right applications filed in N by kind × nature (sums to `droits_sante`)."""
    d = _demarches(ctx)
    return {
        "ame_nouvelles": d["ame_nouvelles"],
        "ame_renouvellements": d["ame_renouvellements"],
        "css_nouvelles": d["css_nouvelles"],
        "css_renouvellements": d["css_renouvellements"],
        "autre": d["sante_autre"],
        "inconnu": 0,
    }


def repartition_b21(ctx) -> dict:
    """Housing steps by kind and outcome, each with the rule of its indicator (not a partition)."""
    d = _demarches(ctx)
    return {
        "siao": d["siao"],
        "siao_abouties": d["siao_abouties"],
        "acse": d["acse"],
        "dalo": d["dalo"],
        "dalo_favorables": d["dalo_favorables"],
        "logement_social": d["logement_social"],
        "logement_social_abouties": d["logement_social_abouties"],
        "mise_abri_it": d["mise_abri_it"],
        "intermediation": d["intermediation"],
        "inconnu": 0,
    }


def repartition_b22(ctx) -> dict:
    """Integration: persons followed, job found, job-seeking, training, French, digital,
    labour-law workshop participants (each with its indicator's rule; not a partition)."""
    d = _demarches(ctx)
    return {
        "suivis": d["insertion"],
        "emploi": d["emploi"],
        "recherche_active": d["recherche"],
        "formation": d["formation"],
        "francais": d["fle"],
        "numerique": d["numerique"],
        "atelier_droit_travail": ateliers_droit_travail_participants(ctx),
        "inconnu": 0,
    }


# --- Financial aid --------------------------------------------------------------------------


def _aides(ctx) -> dict:
    def calcul():
        hors_tickets = ~Q(type=enums.TypeAide.TICKETS_SERVICES)
        # Every figure counts aid dated in N: filtered once, through the date index.
        return _aides_de(ctx).aggregate(
            total=Count("pk", filter=hors_tickets),
            primo=Count("pk", filter=hors_tickets & Q(primo_sortante=True)),
            alimentation=Count("pk", filter=Q(type=enums.TypeAide.ALIMENTATION)),
            transport=Count("pk", filter=Q(type=enums.TypeAide.TRANSPORT)),
            exceptionnelle=Count("pk", filter=Q(type=enums.TypeAide.EXCEPTIONNELLE)),
            autre=Count("pk", filter=Q(type=enums.TypeAide.AUTRE)),
            tickets=Sum("nb_tickets", filter=Q(type=enums.TypeAide.TICKETS_SERVICES)),
        )

    return ctx.memo("psychosocial.aides", calcul)


def aides_financieres(ctx) -> int:
    """Aid handovers dated in N, service vouchers excluded (they are counted apart, INC-2)."""
    return _aides(ctx)["total"]


def aides_primo_sortantes(ctx) -> int:
    """Aid handovers dated in N flagged "primo-sortante" (a flag, not a type; vouchers excluded)."""
    return _aides(ctx)["primo"]


def aides_alimentation(ctx) -> int:
    """Food aid handovers dated in N."""
    return _aides(ctx)["alimentation"]


def aides_transport(ctx) -> int:
    """Transport aid handovers dated in N."""
    return _aides(ctx)["transport"]


def aides_exceptionnelles(ctx) -> int:
    """Exceptional aid handovers dated in N (whatever the reason)."""
    return _aides(ctx)["exceptionnelle"]


def tickets_services(ctx) -> int:
    """Service vouchers handed out in N: the sum of the quantities, outside `aides_financieres`."""
    return _aides(ctx)["tickets"] or 0


def repartition_b19(ctx) -> dict:
    """Aid handovers dated in N by kind (sums to `aides_financieres`; vouchers are apart)."""
    a = _aides(ctx)
    return {
        "alimentation": a["alimentation"],
        "transport": a["transport"],
        "exceptionnelle": a["exceptionnelle"],
        "autre": a["autre"],
        "inconnu": 0,
    }


# --- Domiciliation --------------------------------------------------------------------------


def _domiciliation(ctx) -> dict:
    def calcul():
        chevauche = Q(date_debut__lte=ctx.fin) & (Q(date_fin__isnull=True) | Q(date_fin__gte=ctx.debut))
        domiciliations = Domiciliation.objects.aggregate(
            beneficiaires=Count("personne", distinct=True, filter=chevauche),
            nouveaux=Count("personne", distinct=True, filter=Q(date_debut__range=(ctx.debut, ctx.fin))),
        )
        passages = PassageCourrier.objects.filter(date__range=(ctx.debut, ctx.fin)).aggregate(
            visites=Count("pk"), courriers=Sum("nb_courriers")
        )
        return {**domiciliations, **passages}

    return ctx.memo("psychosocial.domiciliation", calcul)


def domiciliation_beneficiaires(ctx) -> int:
    """Distinct persons with a domiciliation overlapping N."""
    return _domiciliation(ctx)["beneficiaires"]


def domiciliation_nouveaux(ctx) -> int:
    """Distinct persons whose domiciliation starts in N."""
    return _domiciliation(ctx)["nouveaux"]


def domiciliation_visites_courrier(ctx) -> int:
    """Mail-collection visits dated in N."""
    return _domiciliation(ctx)["visites"]


def domiciliation_courriers(ctx) -> int:
    """Letters handed over during the visits dated in N."""
    return _domiciliation(ctx)["courriers"] or 0


# --- Psychologist ---------------------------------------------------------------------------


def _psy(ctx) -> dict:
    def calcul():
        annee = (ctx.debut, ctx.fin)
        consultations = ConsultationPsy.objects.filter(date__range=annee).aggregate(
            consultations=Count("pk"),
            evaluations=Count("pk", filter=Q(type=enums.TypeConsultation.EVALUATION)),
            suivis=Count("pk", filter=Q(type=enums.TypeConsultation.SUIVI)),
            lien_juridique=Count("personne", distinct=True, filter=Q(lien_juridique=True)),
        )
        # Persons counted from their records' ids alone (no scan of the persons' table).
        orientations = OrientationSoins.objects.filter(date__range=annee)
        beneficiaires = union_personnes(ConsultationPsy.objects.filter(date__range=annee), orientations).count()
        reorientes = orientations.filter(type=enums.TypeOrientation.SANTE_MENTALE).aggregate(
            n=Count("personne", distinct=True)
        )["n"]
        return {**consultations, "beneficiaires": beneficiaires, "reorientes": reorientes}

    return ctx.memo("psychosocial.psy", calcul)


def psy_consultations(ctx) -> int:
    """Consultations with the psychologist dated in N."""
    return _psy(ctx)["consultations"]


def psy_evaluations(ctx) -> int:
    """Of which assessments / exploratory interviews."""
    return _psy(ctx)["evaluations"]


def psy_beneficiaires(ctx) -> int:
    """Distinct persons with a consultation OR a referral to care dated in N (INC-11: the wider
    scope, consultations and referrals)."""
    return _psy(ctx)["beneficiaires"]


def psy_reorientations_soins(ctx) -> int:
    """Distinct persons referred to mental-health care in N."""
    return _psy(ctx)["reorientes"]


def psy_soutien_lien_juridique(ctx) -> int:
    """Distinct persons with a consultation linked to a legal proceeding dated in N."""
    return _psy(ctx)["lien_juridique"]


def repartition_b23(ctx) -> dict:
    """Consultations dated in N by kind (sums to `psy_consultations`)."""
    p = _psy(ctx)
    return {"evaluation": p["evaluations"], "suivi": p["suivis"], "inconnu": 0}


# --- Collective activities ------------------------------------------------------------------


def _activites(ctx) -> dict:
    def calcul():
        annee = Q(date__range=(ctx.debut, ctx.fin))
        A = enums.TypeActivite
        activites = Activite.objects.aggregate(
            ateliers=Count("pk", filter=annee & Q(type=A.ATELIER)),
            socioculturelles=Count("pk", filter=annee & Q(type=A.SOCIOCULTURELLE)),
            accompagnants=Sum("nb_accompagnants", filter=annee & Q(type=A.SOCIOCULTURELLE)),
        )
        dans_annee = Q(activite__date__range=(ctx.debut, ctx.fin))
        # A child's attendance counts among the attendances, never among the distinct persons.
        personne = dans_annee & Q(enfant=False)
        socioculturelles = dans_annee & Q(activite__type=A.SOCIOCULTURELLE)
        participations = Participation.objects.aggregate(
            ateliers=Count("personne", distinct=True, filter=personne & Q(activite__type=A.ATELIER)),
            socioculturelles=Count("pk", filter=socioculturelles),
            socioculturelles_enfants=Count("pk", filter=socioculturelles & Q(enfant=True)),
            droit_travail=Count(
                "personne", distinct=True, filter=personne & Q(activite__theme=enums.Theme.DROIT_TRAVAIL)
            ),
        )
        return {"activites": activites, "participations": participations}

    return ctx.memo("psychosocial.activites", calcul)


def ateliers_collectifs(ctx) -> int:
    """Group workshops dated in N."""
    return _activites(ctx)["activites"]["ateliers"]


def ateliers_collectifs_participants(ctx) -> int:
    """Distinct persons of the file who attended at least one group workshop in N
    ("51 personnes ont participé à 10 ateliers"); extras and children's attendances are not persons."""
    return _activites(ctx)["participations"]["ateliers"]


def activites_socioculturelles(ctx) -> int:
    """Social & cultural activities dated in N."""
    return _activites(ctx)["activites"]["socioculturelles"]


def activites_socioculturelles_participants(ctx) -> int:
    """Attendances at the social & cultural activities of N: one per person present at each
    activity (children's attendances included), plus the other attendees recorded as a number, as
    the reports count them ("118 incl. 5 children"). The children and the other attendees are
    printed beside it (`precisions_…`); `activites_socioculturelles_accompagnants` gives the latter."""
    return _activites(ctx)["participations"]["socioculturelles"] + activites_socioculturelles_accompagnants(ctx)


def precisions_activites_socioculturelles_participants(ctx) -> list[tuple[str, str, int, int]]:
    """Of the attendances, the children's (attendances flagged "child") and the other attendees
    (companions recorded as a number): children are not companions."""
    enfants = _activites(ctx)["participations"]["socioculturelles_enfants"]
    accompagnants = activites_socioculturelles_accompagnants(ctx)
    return [
        ("dont enfants", "of which children", enfants, enfants),
        ("dont autres accompagnants", "of which other attendees", accompagnants, accompagnants),
    ]


def activites_socioculturelles_accompagnants(ctx) -> int:
    """Other attendees recorded as a number at the social & cultural activities of N (beyond the
    catalogue); children recorded with an attendance are not among them."""
    return _activites(ctx)["activites"]["accompagnants"] or 0


def ateliers_droit_travail_participants(ctx) -> int:
    """Distinct persons (children's attendances aside) who attended an activity on labour law in N."""
    return _activites(ctx)["participations"]["droit_travail"]


# Every key of catalogue section 3, in its order (for the registry and the tests).
INDICATEURS = [
    "psychosocial_personnes",
    "psychosocial_part_femmes",
    "nuitees_urgence",
    "nuitees_urgence_personnes",
    "nuitees_appartements_urgence",
    "appartements_urgence_personnes",
    "nuitees_hotel",
    "nuitees_hebergement_solidaire",
    "demandes_hebergement",
    "demandes_hebergement_abouties",
    "mises_abri_acse",
    "procedures_dalo",
    "demandes_logement_social",
    "mises_abri_inspection_travail",
    "intermediation_locative_entrees",
    "appartement_hommes_personnes",
    "appartement_hommes_sorties_vers_structure",
    "insertion_pro_personnes",
    "insertion_emploi_trouve",
    "insertion_recherche_active",
    "insertion_formation",
    "cours_francais",
    "orientations_numerique",
    "ateliers_droit_travail_participants",
    "droits_sante",
    "ame_nouvelles",
    "ame_renouvellements",
    "css_nouvelles",
    "css_renouvellements",
    "aides_financieres",
    "aides_primo_sortantes",
    "aides_alimentation",
    "aides_transport",
    "aides_exceptionnelles",
    "tickets_services",
    "domiciliation_beneficiaires",
    "domiciliation_nouveaux",
    "domiciliation_visites_courrier",
    "domiciliation_courriers",
    "psy_consultations",
    "psy_evaluations",
    "psy_beneficiaires",
    "psy_reorientations_soins",
    "psy_soutien_lien_juridique",
    "ateliers_collectifs",
    "ateliers_collectifs_participants",
    "activites_socioculturelles",
    "activites_socioculturelles_participants",
]
REPARTITIONS = {
    "repartition_b18": "nuitees_par_dispositif",
    "repartition_b19": "aides_par_type",
    "repartition_b20": "droits_sante",
    "repartition_b21": "demarches_logement",
    "repartition_b22": "insertion",
    "repartition_b23": "suivi_psychologique",
}


# --- 1.3 CVA meetings (a figure of the CVA, computed here where the activities are) ----------------


def _activites_cva(ctx):
    return Activite.objects.filter(type=enums.TypeActivite.REUNION_CVA, date__range=(ctx.debut, ctx.fin))


def cva_reunions(ctx: Contexte) -> int:
    """CVA working meetings dated in N (psycho-social activities of kind "CVA meeting")."""
    return ctx.memo("psychosocial.cva_reunions", _activites_cva(ctx).count)


def _participants_cva(ctx):
    return Participation.objects.filter(activite__in=_activites_cva(ctx), enfant=False)


def cva_reunions_participants(ctx: Contexte) -> int:
    """Distinct persons (children's attendances aside) attending at least one CVA meeting in N."""
    return ctx.memo(
        "psychosocial.cva_participants", lambda: _participants_cva(ctx).values("personne").distinct().count()
    )


# --- Drill-downs: `detail_<key>(ctx)` lists the records each figure counts, with `valeur` -------
# (what the row adds to the figure; rapports' test checks that the rows sum to the figure).


def detail_psychosocial_personnes(ctx):
    return un_par_ligne(personnes_psychosocial(ctx))


def _sejours(ctx, dispositifs=None):
    """Stays with nights in N, each with its nights within N."""
    sejours = Hebergement.objects.filter(q_nuits_dans(ctx.debut, ctx.fin))
    if dispositifs:
        sejours = sejours.filter(dispositif__in=dispositifs)
    return sejours.annotate(valeur=expression_nuits(ctx.debut, ctx.fin))


def detail_nuitees_urgence(ctx):
    return _sejours(ctx)


def detail_nuitees_appartements_urgence(ctx):
    return _sejours(ctx, enums.APPARTEMENTS)


def detail_nuitees_hotel(ctx):
    return _sejours(ctx, {D.HOTEL})


def detail_nuitees_hebergement_solidaire(ctx):
    return _sejours(ctx, {D.SOLIDAIRE})


def detail_nuitees_urgence_personnes(ctx):
    return une_ligne_par_personne(Hebergement.objects.filter(q_nuits_dans(ctx.debut, ctx.fin)))


def detail_appartements_urgence_personnes(ctx):
    return une_ligne_par_personne(_sejours(ctx, enums.APPARTEMENTS))


def detail_appartement_hommes_personnes(ctx):
    return une_ligne_par_personne(_sejours(ctx, {D.APPARTEMENT_HOMMES}))


def detail_appartement_hommes_sorties_vers_structure(ctx):
    return une_ligne_par_personne(
        Hebergement.objects.filter(
            dispositif=D.APPARTEMENT_HOMMES,
            date_sortie__range=(ctx.debut, ctx.fin),
            sortie_vers=enums.SortieHebergement.STRUCTURE,
        )
    )


def _etapes(ctx, quand: str, **filtres):
    """Steps of the given kind filed in N ("depot"), concluded in N ("resultat") or open during N."""
    if quand == "depot":
        q = Q(date_depot__range=(ctx.debut, ctx.fin))
    elif quand == "resultat":
        q = Q(date_resultat__range=(ctx.debut, ctx.fin))
    else:
        q = q_ouverte(ctx)
    return Demarche.objects.filter(q, **filtres)


def detail_demandes_hebergement(ctx):
    return un_par_ligne(_etapes(ctx, "depot", type=T.SIAO))


def detail_demandes_hebergement_abouties(ctx):
    return un_par_ligne(_etapes(ctx, "depot", type=T.SIAO, resultat__in=enums.RESULTATS_ABOUTIS))


def detail_mises_abri_acse(ctx):
    return une_ligne_par_personne(_etapes(ctx, "resultat", type=T.ACSE, resultat__in=enums.RESULTATS_ABOUTIS))


def detail_procedures_dalo(ctx):
    return un_par_ligne(_etapes(ctx, "ouverte", type=T.DALO))


def detail_demandes_logement_social(ctx):
    return un_par_ligne(_etapes(ctx, "ouverte", type=T.LOGEMENT_SOCIAL))


def detail_mises_abri_inspection_travail(ctx):
    return une_ligne_par_personne(_etapes(ctx, "depot", type=T.MISE_ABRI_IT))


def detail_intermediation_locative_entrees(ctx):
    return une_ligne_par_personne(_etapes(ctx, "resultat", type=T.INTERMEDIATION, resultat=R.ENTREE))


def detail_insertion_emploi_trouve(ctx):
    insertion = enums.types_du_domaine(enums.Domaine.INSERTION)
    return une_ligne_par_personne(_etapes(ctx, "resultat", type__in=insertion, resultat=R.EMPLOI))


def detail_insertion_recherche_active(ctx):
    return une_ligne_par_personne(Demarche.objects.filter(q_recherche_active(ctx)))


def detail_insertion_formation(ctx):
    return une_ligne_par_personne(_etapes(ctx, "resultat", type=T.FORMATION, resultat=R.ENTREE))


def detail_cours_francais(ctx):
    return une_ligne_par_personne(_etapes(ctx, "depot", type=T.FLE))


def detail_orientations_numerique(ctx):
    return un_par_ligne(_etapes(ctx, "depot", type=T.NUMERIQUE))


def detail_droits_sante(ctx):
    return un_par_ligne(_etapes(ctx, "depot", type__in=enums.types_du_domaine(enums.Domaine.SANTE)))


def detail_ame_nouvelles(ctx):
    return un_par_ligne(_etapes(ctx, "depot", type=T.AME, nature=enums.Nature.NOUVELLE))


def detail_ame_renouvellements(ctx):
    return un_par_ligne(_etapes(ctx, "depot", type=T.AME, nature=enums.Nature.RENOUVELLEMENT))


def detail_css_nouvelles(ctx):
    return un_par_ligne(_etapes(ctx, "depot", type=T.CSS, nature=enums.Nature.NOUVELLE))


def detail_css_renouvellements(ctx):
    return un_par_ligne(_etapes(ctx, "depot", type=T.CSS, nature=enums.Nature.RENOUVELLEMENT))


def _aides_de(ctx, **filtres):
    return AideFinanciere.objects.filter(date__range=(ctx.debut, ctx.fin), **filtres)


def detail_aides_financieres(ctx):
    return un_par_ligne(_aides_de(ctx).exclude(type=enums.TypeAide.TICKETS_SERVICES))


def detail_aides_primo_sortantes(ctx):
    return un_par_ligne(_aides_de(ctx, primo_sortante=True).exclude(type=enums.TypeAide.TICKETS_SERVICES))


def detail_aides_alimentation(ctx):
    return un_par_ligne(_aides_de(ctx, type=enums.TypeAide.ALIMENTATION))


def detail_aides_transport(ctx):
    return un_par_ligne(_aides_de(ctx, type=enums.TypeAide.TRANSPORT))


def detail_aides_exceptionnelles(ctx):
    return un_par_ligne(_aides_de(ctx, type=enums.TypeAide.EXCEPTIONNELLE))


def detail_tickets_services(ctx):
    return _aides_de(ctx, type=enums.TypeAide.TICKETS_SERVICES).annotate(valeur=F("nb_tickets"))


def detail_domiciliation_beneficiaires(ctx):
    chevauche = Q(date_debut__lte=ctx.fin) & (Q(date_fin__isnull=True) | Q(date_fin__gte=ctx.debut))
    return une_ligne_par_personne(Domiciliation.objects.filter(chevauche))


def detail_domiciliation_nouveaux(ctx):
    return une_ligne_par_personne(Domiciliation.objects.filter(date_debut__range=(ctx.debut, ctx.fin)))


def _passages(ctx):
    return PassageCourrier.objects.filter(date__range=(ctx.debut, ctx.fin))


def detail_domiciliation_visites_courrier(ctx):
    return un_par_ligne(_passages(ctx))


def detail_domiciliation_courriers(ctx):
    return _passages(ctx).annotate(valeur=F("nb_courriers"))


def _consultations(ctx, **filtres):
    return ConsultationPsy.objects.filter(date__range=(ctx.debut, ctx.fin), **filtres)


def detail_psy_consultations(ctx):
    return un_par_ligne(_consultations(ctx))


def detail_psy_evaluations(ctx):
    return un_par_ligne(_consultations(ctx, type=enums.TypeConsultation.EVALUATION))


def detail_psy_beneficiaires(ctx):
    orientations = OrientationSoins.objects.filter(date__range=(ctx.debut, ctx.fin))
    return un_par_ligne(Personne.objects.filter(pk__in=union_personnes(_consultations(ctx), orientations)))


def detail_psy_reorientations_soins(ctx):
    orientations = OrientationSoins.objects.filter(
        date__range=(ctx.debut, ctx.fin), type=enums.TypeOrientation.SANTE_MENTALE
    )
    return une_ligne_par_personne(orientations)


def detail_psy_soutien_lien_juridique(ctx):
    return une_ligne_par_personne(_consultations(ctx, lien_juridique=True))


def _activites_de(ctx, type_):
    return Activite.objects.filter(date__range=(ctx.debut, ctx.fin), type=type_)


def detail_ateliers_collectifs(ctx):
    return un_par_ligne(_activites_de(ctx, enums.TypeActivite.ATELIER))


def detail_activites_socioculturelles(ctx):
    return un_par_ligne(_activites_de(ctx, enums.TypeActivite.SOCIOCULTURELLE))


def _participants(ctx, **filtres):
    return une_ligne_par_personne(
        Participation.objects.filter(activite__date__range=(ctx.debut, ctx.fin), enfant=False, **filtres)
    )


def detail_ateliers_collectifs_participants(ctx):
    return _participants(ctx, activite__type=enums.TypeActivite.ATELIER)


def detail_ateliers_droit_travail_participants(ctx):
    return _participants(ctx, activite__theme=enums.Theme.DROIT_TRAVAIL)


def detail_activites_socioculturelles_participants(ctx):
    """One row per activity: its attendances (persons present) plus its other attendees."""
    presents = Count("participations")
    return _activites_de(ctx, enums.TypeActivite.SOCIOCULTURELLE).annotate(
        valeur=presents + Coalesce("nb_accompagnants", 0)
    )


def detail_cva_reunions(ctx):
    return un_par_ligne(_activites_cva(ctx))


def detail_cva_reunions_participants(ctx):
    return une_ligne_par_personne(_participants_cva(ctx))


def detail_psychosocial_part_femmes(ctx):
    return au_numerateur(personnes_psychosocial(ctx).exclude(sexe=""), Q(sexe=Sexe.FEMME))


def detail_insertion_pro_personnes(ctx):
    """The catalogue's rule (job-integration follow-ups, `type = insertion`, open during N), which
    issue 14 item 4 gives the figure itself; until then they differ (tests/rapports/test_detail_exact.py)."""
    return une_ligne_par_personne(_etapes(ctx, "ouverte", type=T.INSERTION))
