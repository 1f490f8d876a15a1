"""Demo data of the legal unit, shaped on the published figures (2023–2024) × gen.echelle.

Uses the persons and cases created before (`gen.store["personnes"]`, `gen.store["affaires"]`, objects
or ids); a person belongs to a case through an exploitation recorded in it. Per year at scale 1 it
aims at about 30 new criminal cases (≈150 open, long proceedings), 30 labour-court proceedings,
a few compensation and asylum proceedings, 40 first L425-1 applications with renewals, and hearings
and deadlines in the coming weeks so that the calendar is alive.
"""

import datetime
from collections import defaultdict

from django.db.models import Min
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accompagnement.models import Accompagnement, Affaire, Exploitation

from . import enums
from .models import Avocat, Decision, Etape, Procedure, TitreSejour, reference_procedure

E, T, N = enums.TypeEtape, enums.TypeProcedure, enums.NatureDecision
BATCH = 2000
BARREAUX = ["Paris", "Paris", "Paris", "Versailles", "Bobigny", "Créteil", "Nanterre", "Pontoise", "Lyon", "Marseille"]
DOMAINES = ["pénal", "droit du travail", "pénal, droit du travail", "droit des étrangers", "asile", "indemnisation"]
TRIBUNAUX = [
    "Tribunal judiciaire de Paris",
    "Tribunal judiciaire de Bobigny",
    "Tribunal judiciaire de Nanterre",
    "Tribunal judiciaire de Créteil",
    "Tribunal judiciaire de Versailles",
    "Tribunal judiciaire de Marseille",
]
CPH = ["CPH de Paris", "CPH de Bobigny", "CPH de Nanterre", "CPH de Créteil", "CPH de Versailles"]


def _ids(values) -> list[int]:
    return [getattr(v, "pk", v) for v in values or []]


class _Builder:
    def __init__(self, gen):
        self.gen = gen
        self.rng = gen.rng
        self.today = timezone.localdate()
        self.procedures: list[Procedure] = []
        self.personnes: list[list[int]] = []
        self.avocats: list[list[int]] = []
        self.etapes: list[list[Etape]] = []
        self.decisions: list[list[Decision]] = []
        self.titres: list[TitreSejour] = []
        self.references: dict[int, str] = {}  # case id -> case reference
        self.numeros: dict[int, int] = defaultdict(int)  # proceedings numbered per case

    def jours(self, date: datetime.date, lo: int, hi: int) -> datetime.date:
        return date + datetime.timedelta(days=self.rng.randint(lo, hi))

    def procedure(self, *, affaire_id, personnes, type_, debut, juridiction, avocats, **extra):
        self.numeros[affaire_id] += 1
        self.procedures.append(
            Procedure(
                reference=reference_procedure(self.references[affaire_id], self.numeros[affaire_id]),
                affaire_id=affaire_id,
                type=type_,
                date_ouverture=debut,
                juridiction=juridiction,
                numero_juridiction=f"{debut.year % 100:02d}/{self.rng.randint(10000, 99999)}",
                **extra,
            )
        )
        self.personnes.append(personnes)
        self.avocats.append(avocats)
        self.etapes.append([])
        self.decisions.append([])
        return len(self.procedures) - 1

    def etape(self, i, type_, date, **extra):
        if date <= self.today or type_ in enums.AUDIENCES or type_ == E.ECHEANCE:
            self.etapes[i].append(Etape(type=type_, date=date, **extra))

    def decision(self, i, date, niveau, nature, **extra):
        if date <= self.today:
            self.decisions[i].append(Decision(date=date, niveau=niveau, nature=nature, **extra))
            return True
        return False

    def audience(self, i, type_, date):
        heure = datetime.time(self.rng.choice([9, 9, 10, 13, 14, 14]), self.rng.choice([0, 0, 30]))
        self.etape(i, type_, date, heure=heure, salle=f"Salle {self.rng.randint(1, 6)}.{self.rng.randint(1, 20):02d}")

    def close(self, i, date):
        if date <= self.today:
            self.procedures[i].date_cloture = date


def _penal(b: _Builder, affaire_id, personnes, debut, avocats):
    rng = b.rng
    i = b.procedure(
        affaire_id=affaire_id,
        personnes=personnes,
        type_=T.PENAL,
        debut=debut,
        juridiction=rng.choice(TRIBUNAUX),
        avocats=avocats,
        partie_civile_ccem=rng.random() < 0.3,
        inspection_travail=rng.random() < 0.1,
    )
    if rng.random() < 0.1:
        b.etape(i, E.PREPARATION_PLAINTE, debut)
        if rng.random() < 0.5:
            return
    b.etape(i, E.PLAINTE, debut)
    date = b.jours(debut, 30, 200)
    if rng.random() < 0.1:
        b.etape(i, E.CLASSEMENT_SANS_SUITE, date)
        b.decision(i, date, enums.NiveauDecision.ADMINISTRATIVE, N.CLASSEMENT)
        b.close(i, date)
        return
    b.etape(i, E.ENQUETE_PRELIMINAIRE, date)
    date = b.jours(date, 500, 1800)
    if rng.random() < 0.35:
        b.etape(i, E.PCPC, date)
        b.etape(i, E.INSTRUCTION, b.jours(date, 60, 200))
        date = b.jours(date, 700, 1500)
        if rng.random() < 0.5:
            b.etape(i, E.ORDONNANCE_RENVOI, b.jours(date, -200, -60))
    elif rng.random() < 0.05:
        b.etape(i, E.CITATION_DIRECTE, b.jours(date, -200, -60))
    if rng.random() < 0.35:
        b.audience(i, E.AUDIENCE_1RE_INSTANCE, date)
        fin = b.jours(date, 20, 90)
        nature = rng.choice([N.CONDAMNATION_TRAITE, N.CONDAMNATION_TRAITE, N.CONDAMNATION_AUTRE, N.RELAXE])
        if b.decision(
            i,
            fin,
            enums.NiveauDecision.PREMIERE_INSTANCE,
            nature,
            montant_demande=rng.choice([None, 50000, 120000]),
            montant_accorde=rng.choice([None, 30000]),
        ):
            if rng.random() < 0.3:
                b.etape(i, E.APPEL, b.jours(fin, 5, 10))
                b.audience(i, E.AUDIENCE_APPEL, b.jours(fin, 300, 700))
            else:
                b.close(i, b.jours(fin, 11, 30))
    elif rng.random() < 0.2:
        b.etape(i, E.ECHEANCE, b.jours(b.today, 3, 60), precision="Observations au parquet")


def _cph(b: _Builder, affaire_id, personnes, debut, avocats):
    rng = b.rng
    i = b.procedure(
        affaire_id=affaire_id,
        personnes=personnes,
        type_=T.CPH,
        debut=debut,
        juridiction=rng.choice(CPH),
        avocats=avocats,
        inspection_travail=rng.random() < 0.3,
        partie_adverse=b.gen.faker.company() if rng.random() < 0.5 else b.gen.faker.name(),
        # Some labour-court claims were filed before the CCEM recorded them (history sheets).
        date_saisine=b.jours(debut, -120, -10) if rng.random() < 0.05 and debut.year > 1994 else None,
    )
    if rng.random() < 0.3:
        b.audience(i, E.REFERE, b.jours(debut, 15, 60))
    b.etape(i, E.SAISINE_CPH, b.jours(debut, 10, 90))
    audience = b.jours(debut, 500, 2500)
    b.audience(i, E.AUDIENCE_CPH, audience)
    fin = b.jours(audience, 30, 120)
    if b.decision(
        i,
        fin,
        enums.NiveauDecision.PREMIERE_INSTANCE,
        rng.choice([N.FAVORABLE, N.EMPLOYEUR_CONDAMNE, N.REJET]),
        montant_demande=rng.randint(20, 400) * 1000,
        montant_accorde=rng.randint(5, 150) * 1000,
    ):
        b.etape(i, E.JUGEMENT, fin, stade_apres=enums.Stade.PREMIERE_INSTANCE if rng.random() < 0.1 else "")
        b.close(i, b.jours(fin, 30, 60))
    elif audience > b.today:
        b.etape(i, E.ECHEANCE, b.jours(b.today, 3, 45), precision="Conclusions à communiquer")


def _indemnisation(b: _Builder, affaire_id, personnes, debut, avocats):
    rng = b.rng
    tirage = rng.random()
    type_ = T.CIVI if tirage < 0.75 else T.SARVI if tirage < 0.9 else T.INDEMNISATION_AUTRE
    juridiction = {T.CIVI: "CIVI de Paris", T.SARVI: "SARVI", T.INDEMNISATION_AUTRE: ""}[type_]
    i = b.procedure(
        affaire_id=affaire_id, personnes=personnes, type_=type_, debut=debut, juridiction=juridiction, avocats=avocats
    )
    if type_ == T.INDEMNISATION_AUTRE:  # the body is not chosen yet: the application is being prepared
        b.etape(i, E.PREPARATION_DEMANDE, debut)
        return
    b.etape(i, E.DEMANDE_INDEMNISATION, debut)
    fin = b.jours(debut, 200, 700)
    if b.decision(
        i,
        fin,
        enums.NiveauDecision.ADMINISTRATIVE,
        N.FAVORABLE,
        montant_demande=rng.randint(10, 90) * 1000,
        montant_accorde=rng.randint(5, 60) * 1000,
        montant_recouvre=rng.choice([None, 3000, 10000]),
    ):
        if rng.random() < 0.3:
            b.decision(i, b.jours(fin, 30, 120), enums.NiveauDecision.ADMINISTRATIVE, N.INDEMNISATION_VERSEE)
        b.close(i, fin)


def _asile(b: _Builder, affaire_id, personne, debut):
    rng = b.rng
    i = b.procedure(
        affaire_id=affaire_id, personnes=[personne], type_=T.ASILE, debut=debut, juridiction="OFPRA", avocats=[]
    )
    b.etape(i, E.DEMANDE_OFPRA, debut)
    b.audience(i, E.ENTRETIEN_OFPRA, b.jours(debut, 90, 240))
    fin = b.jours(debut, 200, 500)
    issue = rng.choice([N.PROTECTION_SUBSIDIAIRE, N.PROTECTION_SUBSIDIAIRE, N.STATUT_REFUGIE, N.REJET])
    b.etape(i, E.DECISION_OFPRA, fin)
    if issue != N.REJET:
        if b.decision(i, fin, enums.NiveauDecision.ADMINISTRATIVE, issue):
            b.close(i, fin)
        return
    if b.decision(i, fin, enums.NiveauDecision.ADMINISTRATIVE, N.REJET):
        b.etape(i, E.RECOURS_CNDA, b.jours(fin, 10, 30))
        cnda = b.jours(fin, 200, 500)
        b.audience(i, E.AUDIENCE_CNDA, cnda)
        fin = b.jours(cnda, 15, 30)
        if b.decision(i, fin, enums.NiveauDecision.CNDA, rng.choice([N.PROTECTION_SUBSIDIAIRE, N.REJET])):
            b.etape(i, E.DECISION_CNDA, fin)
            b.close(i, fin)


def _titres(b: _Builder, personne_id, debut):
    """A first L425-1 application, then yearly renewals while valid; waits grow since the ANEF (2024)."""
    rng = b.rng
    demande = debut
    premier = True
    while demande <= b.today:
        attente = rng.randint(40, 200) if demande.year < 2024 else rng.randint(90, 480)
        decision = demande + datetime.timedelta(days=attente)
        type_ = enums.TypeTitre.L425_1 if rng.random() < 0.85 else enums.TypeTitre.AUTRE
        if decision > b.today:
            b.titres.append(
                TitreSejour(
                    personne_id=personne_id, type=type_, premier=premier, date_demande=demande, prefecture="Paris"
                )
            )
            if rng.random() < 0.5:
                b.titres.append(
                    TitreSejour(
                        personne_id=personne_id,
                        type=enums.TypeTitre.RECEPISSE,
                        premier=premier,
                        date_demande=demande,
                        date_decision=demande,
                        issue=enums.IssueTitre.ACCORDE,
                        date_fin_validite=demande + datetime.timedelta(days=180),
                    )
                )
            return
        refus = rng.random() < 0.05
        fin_validite = None if refus else decision + datetime.timedelta(days=365 if premier else 730)
        b.titres.append(
            TitreSejour(
                personne_id=personne_id,
                type=type_,
                premier=premier,
                date_demande=demande,
                date_decision=decision,
                issue=enums.IssueTitre.REFUSE if refus else enums.IssueTitre.ACCORDE,
                date_fin_validite=fin_validite,
                prefecture=rng.choice(["Paris", "Paris", "Seine-Saint-Denis", "Hauts-de-Seine", "Val-de-Marne"]),
            )
        )
        if refus or rng.random() < 0.3:
            return
        if not premier and rng.random() < 0.25:
            # Resident card after the exploiters' conviction: ten years, no more renewals to follow.
            carte = b.jours(fin_validite, -60, -10)
            if carte > b.today:  # an application is recorded once it is filed
                return
            obtenue = carte + datetime.timedelta(days=attente)
            titre = TitreSejour(personne_id=personne_id, type=enums.TypeTitre.L423_3, premier=True, date_demande=carte)
            if obtenue <= b.today:
                titre.date_decision, titre.issue = obtenue, enums.IssueTitre.ACCORDE
            b.titres.append(titre)
            return
        premier = False
        demande = fin_validite - datetime.timedelta(days=rng.randint(30, 90))


def generer(gen) -> None:
    personne_ids, affaire_ids = _ids(gen.store.get("personnes")), _ids(gen.store.get("affaires"))
    if not personne_ids or not affaire_ids:
        gen.log("juridique: no persons or cases in gen.store, nothing generated")
        return
    rng, annees = gen.rng, gen.annees
    avocats = bulk_create_with_history(
        [
            Avocat(
                nom=gen.faker.last_name(),
                prenom=gen.faker.first_name(),
                barreau=rng.choice(BARREAUX),
                telephone=gen.faker.phone_number(),
                email=f"avocat{i}@barreau.invalid",
                domaines=rng.choice(DOMAINES),
                actif=rng.random() < 0.9,
            )
            for i in range(30)
        ],
        Avocat,
    )
    avocat_ids = [a.pk for a in avocats if a.actif]

    # Persons of each case, and when the exploitation ended (the legal work starts after).
    membres: dict[int, list[int]] = defaultdict(list)
    fin_exploitation: dict[int, datetime.date] = {}
    liens = Exploitation.objects.filter(affaire_id__in=affaire_ids, personne_id__in=personne_ids)
    for personne_id, affaire_id, date_fin in liens.values_list("personne_id", "affaire_id", "date_fin"):
        if personne_id not in membres[affaire_id]:
            membres[affaire_id].append(personne_id)
        if date_fin and (affaire_id not in fin_exploitation or date_fin > fin_exploitation[affaire_id]):
            fin_exploitation[affaire_id] = date_fin
    if not membres:
        gen.log("juridique: no person is linked to a case by an exploitation, only lawyers generated")
        return

    b = _Builder(gen)
    b.references = dict(Affaire.objects.filter(pk__in=list(membres)).values_list("pk", "reference"))
    debut_suivi = dict(
        Accompagnement.objects.filter(personne_id__in=personne_ids)
        .values("personne_id")
        .annotate(debut=Min("date_debut"))
        .values_list("personne_id", "debut")
    )
    debut_min, fin_max = datetime.date(annees.start, 1, 1), min(datetime.date(annees.stop - 1, 12, 31), b.today)
    if fin_max < debut_min:
        return
    annees_n = len(annees)
    n_affaires = len(membres)

    def proba(par_an: float) -> float:
        return min(1.0, par_an * gen.echelle * annees_n / n_affaires)

    def date_debut(affaire_id) -> datetime.date:
        base = fin_exploitation.get(affaire_id)
        if base is None or not debut_min <= base <= fin_max:
            base = debut_min + datetime.timedelta(days=rng.randint(0, (fin_max - debut_min).days))
        return min(b.jours(base, 15, 120), fin_max)

    def choix_avocats():
        return rng.sample(avocat_ids, k=min(len(avocat_ids), rng.choice([1, 1, 1, 2])))

    for affaire_id, personnes in membres.items():
        debut = date_debut(affaire_id)
        if rng.random() < proba(22):
            _penal(b, affaire_id, personnes if rng.random() < 0.8 else personnes[:1], debut, choix_avocats())
            if rng.random() < 0.15:
                indemnisation = b.jours(debut, 700, 2000)
                if indemnisation <= b.today:  # proceedings are recorded once opened
                    _indemnisation(b, affaire_id, personnes, indemnisation, choix_avocats())
        if rng.random() < proba(14):
            groupes = [personnes] if rng.random() < 0.6 else [[p] for p in personnes]
            for groupe in groupes:
                saisine = b.jours(debut, 0, 200)
                if saisine <= b.today:
                    _cph(b, affaire_id, groupe, saisine, choix_avocats())
        for personne_id in personnes:
            if rng.random() < proba(3) / max(1, len(personnes)):
                demande_asile = b.jours(debut, 0, 60)
                if demande_asile <= b.today:
                    _asile(b, affaire_id, personne_id, demande_asile)
            if rng.random() < proba(32) / max(1, len(personnes)) * 1.3:
                # A permit application is filed once the person is supported.
                _titres(b, personne_id, max(b.jours(debut, 20, 200), debut_suivi.get(personne_id, debut)))

    _enregistrer(b)
    gen.log(
        f"juridique: {len(avocats)} lawyers, {len(b.procedures)} proceedings, "
        f"{sum(len(e) for e in b.etapes)} stages, {len(b.titres)} residence permits"
    )


def _enregistrer(b: _Builder) -> None:
    procedures = bulk_create_with_history(b.procedures, Procedure, batch_size=BATCH)
    liens_personnes, liens_avocats, etapes, decisions = [], [], [], []
    for procedure, personnes, avocats, ses_etapes, ses_decisions in zip(
        procedures, b.personnes, b.avocats, b.etapes, b.decisions, strict=True
    ):
        liens_personnes += [Procedure.personnes.through(procedure_id=procedure.pk, personne_id=p) for p in personnes]
        liens_avocats += [Procedure.avocats.through(procedure_id=procedure.pk, avocat_id=a) for a in avocats]
        for etape in ses_etapes:
            etape.procedure_id = procedure.pk
        for decision in ses_decisions:
            decision.procedure_id = procedure.pk
        etapes += ses_etapes
        decisions += ses_decisions
    Procedure.personnes.through.objects.bulk_create(liens_personnes, batch_size=BATCH)
    Procedure.avocats.through.objects.bulk_create(liens_avocats, batch_size=BATCH)
    bulk_create_with_history(etapes, Etape, batch_size=BATCH)
    bulk_create_with_history(decisions, Decision, batch_size=BATCH)
    bulk_create_with_history(b.titres, TitreSejour, batch_size=BATCH)
