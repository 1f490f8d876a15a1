# ruff: noqa: E501 (a table of checks reads better on one line each)
"""Data-quality panel: per population, how many records lack a value the figures need.

Percentages are computed over known values only (catalogue, "Definitions"), so a coordinator
must see how many are unknown, and reach those records to fix them. All checks of one
population are counted in a single aggregate query.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Count, Exists, OuterRef, Q

from comptes.coherence import Coherent, Historique, q_incoherents, q_inconnu
from comptes.contexte import Contexte

from . import populations
from .registre import choisir


@dataclass(frozen=True)
class Controle:
    code: str
    libelle_fr: str
    libelle_en: str
    indicateurs: tuple[str, ...]  # keys whose figure leaves these records out
    populations: tuple[str, ...] = ("P_NEW", "P_FA")
    importes: bool = False  # values history may lack: the panel says how many of them were imported

    @property
    def libelle(self) -> str:
        return choisir(self.libelle_fr, self.libelle_en)


def _exploitation(*exclus: Q, **filtre):
    """Exists an exploitation of the person matching `filtre` and none of `exclus`."""
    Exploitation = apps.get_model("accompagnement.Exploitation")
    exploitations = Exploitation.objects.filter(personne=OuterRef("pk"), **filtre)
    for q in exclus:
        exploitations = exploitations.exclude(q)
    return Exists(exploitations)


def _mineur_a_l_accueil() -> Q:
    """Persons under 18 when a support period began: the facts only a minor at intake has (MNA, ASE)."""
    from accompagnement.synthese import age  # the one rule for an age at a date

    Accompagnement = apps.get_model("accompagnement.Accompagnement")
    debuts = Accompagnement.objects.filter(personne=OuterRef("pk")).annotate(age=age("date_debut", "personne__"))
    return Q(Exists(debuts.filter(age__lt=18)))


def _faits_enquete() -> dict[str, Q]:
    """The facts the national survey, CTDC and HTCDS read (issue 18), unknown: an empty list of codes,
    a blank code, a yes/no left unanswered (None). A relation "unknown" says nothing either."""
    return {
        "formes": ~Q(_exploitation(Q(formes=[]))),
        "relation_exploiteur": ~Q(_exploitation(Q(relations_exploiteur=[]), Q(relations_exploiteur=["inconnu"]))),
        "recrutement": ~Q(_exploitation(recrutement_mode__gt="")),
        "statut_admin": Q(statut_admin_accueil=""),
        "identification": Q(identification_statut=""),
        "identifie_par": Q(identification_statut="identifiee", identifie_par=""),
        "mna": Q(mna__isnull=True) & _mineur_a_l_accueil(),
        "ase": Q(ase__isnull=True) & _mineur_a_l_accueil(),
        "addiction": Q(addiction__isnull=True),
        "poursuivie": Q(poursuivie__isnull=True),
        "hors_exploitation": Q(hors_exploitation_accueil__isnull=True),
        "formes_presumees": Q(formes_presumees=[]),
    }


def _incoherents_de_la_personne() -> Q:
    """Persons whose own dates, or the dates of a record about them, break a coherence rule."""
    q = q_incoherents(apps.get_model("accompagnement.Personne"))
    for model in apps.get_models():
        if issubclass(model, Coherent) and model.coherence_personne:
            chemin = model.coherence_personne.replace(".", "__")
            q |= Exists(model._default_manager.filter(q_incoherents(model), **{chemin: OuterRef("pk")}))
    return q


def _signalements_incoherents() -> Q:
    Entretien = apps.get_model("signalements.Entretien")
    entretiens = Entretien.objects.filter(q_incoherents(Entretien), signalement=OuterRef("pk"))
    return q_incoherents(apps.get_model("signalements.Signalement")) | Q(Exists(entretiens))


def _inconnu(modele: str, champ: str, *, importe: bool = False) -> Q:
    """Records whose `champ` is "non renseigné" (comptes.coherence.Requis); `importe`: imported ones only."""
    model = apps.get_model(modele)
    q = q_inconnu(model, champ)
    return q & Q(importe=True) if importe else q


def _exploiteur_inconnu(*, importe: bool = False) -> Q:
    """Persons with an exploitation whose case does not say the kind of exploiter."""
    Affaire = apps.get_model("accompagnement.Affaire")
    affaires = Affaire.objects.filter(_inconnu("accompagnement.Affaire", "type_exploiteur", importe=importe))
    return Q(_exploitation(affaire__in=affaires))


def _non_renseignes(*, importe: bool = False) -> dict[str, Q]:
    """The values imported history may lack, per check code (`importe`: the imported records only)."""
    S, INT = "signalements.Signalement", "sensibilisation.Intervention"
    return {
        "canal": _inconnu(S, "canal", importe=importe),
        "source": _inconnu(S, "source_type", importe=importe),
        "consentement": _inconnu(S, "consentement_date", importe=importe),
        "date_decision": _inconnu(S, "date_decision", importe=importe),
        "motif_sans_suite": _inconnu(S, "motif_sans_suite", importe=importe),
        "type_intervention": _inconnu(INT, "type", importe=importe),
        "organisme": _inconnu(INT, "organisme", importe=importe),
        "type_exploiteur": _exploiteur_inconnu(importe=importe),
    }


def conditions() -> dict[str, Q]:
    """Q selecting the records whose value is unknown, per check code (on the population's model)."""
    LieuExploitation = apps.get_model("accompagnement.LieuExploitation")
    lieu = Exists(LieuExploitation.objects.filter(exploitation__personne=OuterRef("pk")))
    PersonneSignalee = apps.get_model("signalements.PersonneSignalee")
    return {
        "sexe": Q(sexe=""),
        "nationalite": Q(nationalite=""),
        "naissance": Q(date_naissance__isnull=True, annee_naissance__isnull=True),
        "exploitation": ~Q(_exploitation()),
        "debut_exploitation": ~Q(_exploitation(date_debut__isnull=False)),
        "secteur": ~Q(_exploitation(secteur__gt="")),
        "heures": ~Q(_exploitation(heures_par_jour__isnull=False)),
        "remuneration": ~Q(_exploitation(remuneration_mensuelle_eur__isnull=False)),
        "hebergement": ~Q(_exploitation(hebergement__gt=""))
        & ~Q(_exploitation(hebergement_par_exploiteur__isnull=False)),
        "emprise": ~Q(_exploitation(emprise_renseignee=True)),
        "violences": ~Q(_exploitation(violences_renseignees=True)),
        "lieu": ~Q(lieu),
        # Reports of the year still without a decision: the share leading to support is provisional.
        "decision": Q(decision="en_cours"),
        # Sessions whose audience was not split into categories.
        "public": Q(nb_public_non_precise__gt=0),
        # The coherence rules of comptes/coherence.py (future dates, before 1994 or birth, end before start).
        "dates": _incoherents_de_la_personne(),
        "dates_signalement": _signalements_incoherents(),
        "dates_intervention": q_incoherents(apps.get_model("sensibilisation.Intervention")),
        "sans_victime": ~Q(Exists(PersonneSignalee.objects.filter(signalement=OuterRef("pk")))),
        **_non_renseignes(),
        **_faits_enquete(),
    }


C = Controle
CONTROLES = [
    C("sexe", "Sexe non renseigné", "Sex not recorded", ("nouvelles_part_femmes", "file_active_part_femmes")),
    C("nationalite", "Nationalité non renseignée", "Nationality not recorded", ("nouvelles_nb_pays_origine", "file_active_nb_pays_origine")),
    C("naissance", "Date ou année de naissance inconnue", "Date or year of birth unknown", ("nouvelles_moins_26_debut_taux", "nouvelles_moins_26_prise_en_charge_taux")),
    C("exploitation", "Aucune exploitation enregistrée", "No exploitation recorded", ("file_active_duree_exploitation_moy",)),
    C("debut_exploitation", "Début de l'exploitation inconnu", "Start of exploitation unknown", ("nouvelles_moins_26_debut_taux", "file_active_duree_exploitation_moy")),
    C("secteur", "Secteur non renseigné", "Sector not recorded", ("nouvelles_travail_domestique_taux",)),
    C("heures", "Heures de travail par jour inconnues", "Daily working hours unknown", ("nouvelles_heures_jour_moy", "file_active_heures_jour_moy")),
    C("remuneration", "Rémunération inconnue", "Pay unknown", ("nouvelles_sans_remuneration_taux", "file_active_sans_remuneration_taux")),
    C("hebergement", "Hébergement pendant l'exploitation inconnu", "Housing during exploitation unknown", ("nouvelles_dependance_hebergement_taux", "file_active_dependance_hebergement_taux")),
    C("emprise", "Moyens d'emprise non renseignés", "Control methods not recorded", ("nouvelles_emprise_hebergement_taux", "nouvelles_emprise_remuneration_taux", "nouvelles_emprise_regularisation_taux")),
    C("violences", "Questionnaire sur les violences non rempli", "Violence questionnaire not filled in", ("file_active_violences_sexuelles_taux",)),
    C("lieu", "Lieu d'exploitation inconnu", "Place of exploitation unknown", ("file_active_hors_idf_taux", "file_active_nb_departements")),
    C("decision", "Signalements sans décision", "Reports without a decision", ("taux_accompagnement_signalements",), ("signalements",)),
    C("public", "Interventions dont le public n'est pas ventilé", "Sessions whose audience is not broken down", ("part_professionnels",), ("interventions",)),
    C("dates", "Dates incohérentes (dans le futur, avant 1994 ou la naissance, fin avant début)", "Incoherent dates (in the future, before 1994 or birth, end before start)", ("nouvelles_personnes_accompagnees", "personnes_accompagnees")),
    C("dates_signalement", "Dates incohérentes (dans le futur, avant 1994, avant la réception)", "Incoherent dates (in the future, before 1994, before receipt)", ("signalements_recus",), ("signalements",)),
    C("sans_victime", "Signalements sans victime potentielle", "Reports without a potential victim", ("signalements_recus",), ("signalements",)),
    C("dates_intervention", "Interventions réalisées datées dans le futur ou avant 1994", "Held sessions dated in the future or before 1994", ("part_professionnels",), ("interventions",)),
    # Values imported history may lack ("non renseigné"); new entries must give them. No figure leaves
    # these records out: the breakdowns count them under "Non renseigné" (B1, B3).
    C("canal", "Canal du signalement non renseigné", "Channel of the report not recorded", (), ("signalements",), True),
    C("source", "Type de source non renseigné", "Source type not recorded", (), ("signalements",), True),
    C("consentement", "Date du consentement non renseignée (signalement approfondi)", "Consent date not recorded (report taken further)", (), ("signalements",), True),
    C("date_decision", "Date de décision non renseignée", "Decision date not recorded", (), ("signalements",), True),
    C("motif_sans_suite", "Motif du classement sans suite non renseigné", "Reason for no follow-up not recorded", (), ("signalements",), True),
    C("type_exploiteur", "Type d'exploiteur non renseigné (affaire)", "Kind of exploiter not recorded (case)", ()),
    C("type_intervention", "Type d'intervention non renseigné", "Kind of session not recorded", (), ("interventions",), True),
    C("organisme", "Organisme demandeur non renseigné", "Requesting organisation not recorded", (), ("interventions",), True),
    # What the national survey, CTDC and HTCDS read (issue 18): no figure of the annual report leaves these
    # records out; those files say "unknown" for them (docs/migration.md).
    C("formes", "Forme d'exploitation non renseignée", "Form of exploitation not recorded", ()),
    C("relation_exploiteur", "Lien avec l'exploiteur non renseigné ou inconnu", "Relation to the exploiter not recorded or unknown", ()),
    C("recrutement", "Mode de recrutement non renseigné", "How the person was recruited not recorded", ()),
    C("statut_admin", "Situation administrative à l'accueil non renseignée", "Administrative status at intake not recorded", ()),
    C("identification", "Statut de l'identification non renseigné (présumée ou identifiée)", "Identification status not recorded (presumed or identified)", ()),
    C("identifie_par", "Auteur de l'identification non renseigné (victimes identifiées)", "Who identified the person not recorded (identified victims)", ()),
    C("mna", "Statut de mineur non accompagné non renseigné (mineurs à l'accueil)", "Unaccompanied-minor status not recorded (minors at intake)", ()),
    C("ase", "Placement à l'ASE non renseigné (mineurs à l'accueil)", "Child-welfare (ASE) placement not recorded (minors at intake)", ()),
    C("addiction", "Addiction non renseignée", "Addiction not recorded", ()),
    C("poursuivie", "Poursuites contre la personne non renseignées", "Whether the person was also prosecuted not recorded", ()),
    C("hors_exploitation", "Sortie de l'exploitation à l'accueil non renseignée", "Out of exploitation at intake not recorded", ()),
    C("formes_presumees", "Formes d'exploitation présumées non renseignées", "Presumed forms of exploitation not recorded", (), ("signalements",)),
]  # fmt: skip
PAR_CODE = {c.code: c for c in CONTROLES}
POPULATIONS_CONTROLEES = ["P_NEW", "P_FA", "signalements", "interventions"]


def comptes(ctx: Contexte) -> dict[str, dict[str, int]]:
    """{population: {"__total": n, check code: unknown}}, one query per population. Plain counts,
    so they are cached with the report and labelled in the reader's language (`panneau`)."""
    conds = conditions()
    importes = _non_renseignes(importe=True)
    resultat = {}
    for code in POPULATIONS_CONTROLEES:
        controles = [c for c in CONTROLES if code in c.populations]
        queryset = populations.POPULATIONS[code][3](ctx)
        # Imported history vs entered records: "__importes" and "<check>__importes".
        historiques = {}
        if issubclass(queryset.model, Historique):
            historiques = {"__importes": Count("pk", filter=Q(importe=True))} | {
                f"{c.code}__importes": Count("pk", filter=importes[c.code]) for c in controles if c.importes
            }
        agregats = {"__total": Count("pk"), **{c.code: Count("pk", filter=conds[c.code]) for c in controles}}
        # Aliases kept apart from the field names the filters read ("decision", "canal"…).
        bruts = queryset.aggregate(**{f"n_{k}": v for k, v in (agregats | historiques).items()})
        resultat[code] = {k.removeprefix("n_"): v for k, v in bruts.items()}
    return resultat


def panneau(comptes_: dict[str, dict[str, int]], courants: dict[str, dict[str, int]] | None = None) -> list[dict]:
    """[{population, libelle, total, controles: [{controle, inconnus}]}] for the page and the PDF.
    `courants` (a published year's page): the counts the records give otherwise today, beside them."""
    blocs = []
    for code, comptes_population in comptes_.items():
        fr, en, _label, _fn = populations.POPULATIONS[code]
        controles = [c for c in CONTROLES if code in c.populations]
        revises = (courants or {}).get(code, {})
        blocs.append(
            {
                "population": code,
                "libelle": choisir(fr, en),
                "total": comptes_population["__total"],
                "total_courant": revises.get("__total"),
                "importes": comptes_population.get("__importes"),
                # A report cached before a check was added has no count for it.
                "controles": [
                    {
                        "controle": c,
                        "inconnus": comptes_population[c.code],
                        "courant": revises.get(c.code),
                        "importes": comptes_population.get(f"{c.code}__importes"),
                        "saisis": comptes_population[c.code] - comptes_population.get(f"{c.code}__importes", 0),
                    }
                    for c in controles
                    if c.code in comptes_population
                ],
            }
        )
    return blocs


def enregistrements(ctx: Contexte, population: str, code: str):
    """Unscoped queryset of the records of `population` whose `code` value is unknown."""
    return populations.POPULATIONS[population][3](ctx).filter(conditions()[code])
