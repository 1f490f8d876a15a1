"""Demo data of the psycho-social unit, shaped on the published figures (2023–2024) × gen.echelle.

Attaches records to the persons of gen.store["personnes"] (objects or ids; nothing happens
without them), choosing each year among the persons whose support overlaps it. Per year at
scale 1: ≈2 750 shelter nights for ≈23 persons (women's flat all along, men's flat from June
2024), ≈30 SIAO applications, DALO and social-housing follow-ups, ≈65–80 health-right
applications, ≈56 persons in integration, ≈616 aid handovers and 700 service vouchers,
≈140 domiciliations (36 new) with ≈766 mail visits / 1 716 letters, ≈187 consultations with the
psychologist for ≈41 persons, 10 workshops and 10 social & cultural outings, 3 CVA meetings, a CVA event and a testimony
in a school.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accompagnement.models import Accompagnement, Personne
from comptes.permissions import Role

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
)

BATCH = 2000
D, T, R = enums.Dispositif, enums.TypeDemarche, enums.Resultat
OUVERTURE_APPARTEMENT_HOMMES = datetime.date(2024, 6, 15)
ATELIERS = [
    (enums.Theme.DROIT_TRAVAIL, "Atelier droit du travail : qu'est-ce qu'un CDI ?"),
    (enums.Theme.DROIT_TRAVAIL, "Atelier droit du travail : lire sa fiche de paie"),
    (enums.Theme.DROIT_TRAVAIL, "Atelier droit du travail : les prud'hommes"),
    (enums.Theme.IMPOTS, "Déclaration d'impôts avec les agents des finances publiques"),
    (enums.Theme.SANTE, "Atelier santé sexuelle (Casavia)"),
    (enums.Theme.LOGEMENT, "Chercher un logement : SIAO, DALO, logement social"),
    (enums.Theme.EMPLOI, "Préparer un entretien d'embauche"),
    (enums.Theme.NUMERIQUE, "Premiers pas sur les démarches en ligne"),
    (enums.Theme.FRANCAIS, "Conversation en français"),
    (enums.Theme.AUTRE, "Ouvrir un compte bancaire"),
]
SORTIES = [
    (enums.Theme.CULTURE, "Visite du Musée du Louvre"),
    (enums.Theme.CULTURE, "Cité des Sciences"),
    (enums.Theme.CONVIVIALITE, "Déjeuner au restaurant solidaire Refettorio"),
    (enums.Theme.CONVIVIALITE, "Marchés de Noël"),
    (enums.Theme.CONVIVIALITE, "Goûter de Noël"),
    (enums.Theme.CULTURE, "Pique-nique au parc de la Villette"),
    (enums.Theme.CULTURE, "Festival « Le 13e pour les Droits Humains »"),
]


def _ids(values) -> list[int]:
    return [getattr(v, "pk", v) for v in values or []]


class _Generateur:
    def __init__(self, gen, ids: list[int]):
        self.gen, self.rng, self.k = gen, gen.rng, gen.echelle
        self.aujourd_hui = timezone.localdate()
        self.sexe = dict(Personne.objects.filter(pk__in=ids).values_list("pk", "sexe"))
        self.cva = set(Personne.objects.filter(pk__in=ids, membre_cva=True).values_list("pk", flat=True))
        self.naissance = dict(
            Personne.objects.filter(pk__in=ids, date_naissance__isnull=False).values_list("pk", "date_naissance")
        )
        self.periodes: dict[int, list[tuple]] = {}
        for pk, debut, fin in Accompagnement.objects.filter(personne_id__in=ids).values_list(
            "personne_id", "date_debut", "date_cloture"
        ):
            self.periodes.setdefault(pk, []).append((debut, fin))
        autres = [u for users in gen.utilisateurs.values() for u in users]
        self.travailleurs = gen.utilisateurs.get(Role.PSYCHOSOCIAL) or gen.utilisateurs.get(Role.DIRECTION) or autres
        self.psychologues = gen.utilisateurs.get(Role.PSYCHOLOGUE) or self.travailleurs
        self.libre_des: dict[int, datetime.date] = {}  # a person's next stay starts after this date
        # Records of a person start with their support (the coherence rules warn otherwise).
        self.debut_suivi = {pk: min(d for d, _c in periodes) for pk, periodes in self.periodes.items()}

    # -- helpers --------------------------------------------------------------------------

    def n(self, base: float) -> int:
        return max(0, round(base * self.k * self.rng.uniform(0.85, 1.15)))

    def auteur(self) -> User:
        return self.rng.choice(self.travailleurs)

    def jour(self, annee: int, debut: datetime.date | None = None, pk: int | None = None) -> datetime.date:
        lo = max(datetime.date(annee, 1, 1), debut or datetime.date.min, self.debut_suivi.get(pk, datetime.date.min))
        hi = min(datetime.date(annee, 12, 31), self.aujourd_hui)
        return lo + datetime.timedelta(days=self.rng.randint(0, max((hi - lo).days, 0)))

    def plus(self, date: datetime.date, lo: int, hi: int) -> datetime.date:
        return date + datetime.timedelta(days=self.rng.randint(lo, hi))

    def actifs(self, annee: int) -> list[int]:
        debut, fin = datetime.date(annee, 1, 1), datetime.date(annee, 12, 31)
        return sorted(
            pk
            for pk, periodes in self.periodes.items()
            if any(d <= fin and (c is None or c >= debut) for d, c in periodes)
        )

    def mineur(self, pk: int, jour: datetime.date) -> bool:
        naissance = self.naissance.get(pk)
        if naissance is None:
            return False
        return (jour.year - naissance.year, jour.month, jour.day) < (18, naissance.month, naissance.day)

    def choisir(self, population: list[int], n: int) -> list[int]:
        return self.rng.sample(population, min(n, len(population)))

    def resultat(self, depot, positif: float, *, succes=R.POSITIF, lo=20, hi=150):
        """An outcome some weeks after filing; still pending when that date is not reached yet."""
        date = self.plus(depot, lo, hi)
        if date > self.aujourd_hui:
            return R.EN_ATTENTE, None
        return (succes if self.rng.random() < positif else R.NEGATIF), date

    # -- shelter --------------------------------------------------------------------------

    def hebergements(self, annee: int, actifs: list[int]) -> list[Hebergement]:
        femmes = [p for p in actifs if self.sexe.get(p) == "F"] or actifs
        hommes = [p for p in actifs if self.sexe.get(p) == "H"] or actifs
        plan = [
            (D.APPARTEMENT_FEMMES, femmes, 11, (60, 260)),
            (D.HOTEL, actifs, 4, (3, 25)),
            (D.SOLIDAIRE, hommes, 3, (20, 70)),
            (D.ACSE, actifs, 1, (30, 120)),
        ]
        if annee >= OUVERTURE_APPARTEMENT_HOMMES.year:
            plan.append((D.APPARTEMENT_HOMMES, hommes, 5, (40, 150)))
        sejours = []
        for dispositif, population, base, (lo, hi) in plan:
            debut_min = OUVERTURE_APPARTEMENT_HOMMES if dispositif == D.APPARTEMENT_HOMMES else None
            for pk in self.choisir(population, self.n(base)):
                entree = self.jour(annee, debut_min, pk)
                if entree <= self.libre_des.get(pk, datetime.date.min):
                    continue
                sortie = self.plus(entree, lo, hi)
                en_cours = sortie > self.aujourd_hui
                self.libre_des[pk] = datetime.date.max if en_cours else sortie
                sortie_vers = ""
                if not en_cours:
                    sortie_vers = self.rng.choice(
                        [enums.SortieHebergement.STRUCTURE] * 3
                        + [enums.SortieHebergement.LOGEMENT, enums.SortieHebergement.TIERS]
                        + [enums.SortieHebergement.AUTRE]
                    )
                sejours.append(
                    Hebergement(
                        personne_id=pk, auteur=self.auteur(), dispositif=dispositif, date_entree=entree,
                        date_sortie=None if en_cours else sortie, sortie_vers=sortie_vers,
                        nb_enfants=1 if dispositif == D.HOTEL and self.rng.random() < 0.2 else 0,
                    )
                )  # fmt: skip
        return sejours

    # -- steps ----------------------------------------------------------------------------

    def demarches(self, annee: int, actifs: list[int]) -> list[Demarche]:
        rows = []

        def ajouter(type_, n, positif, *, succes=R.POSITIF, nature="", lo=20, hi=150, population=None, fin=False):
            for pk in self.choisir(population or actifs, n):
                depot = self.jour(annee, pk=pk)
                resultat, date = self.resultat(depot, positif, succes=succes, lo=lo, hi=hi)
                rows.append(
                    Demarche(personne_id=pk, auteur=self.auteur(), type=type_, nature=nature, date_depot=depot,
                             resultat=resultat, date_resultat=date, date_fin=date if fin else None)
                )  # fmt: skip

        ajouter(T.SIAO, self.n(28), 0.67)
        ajouter(T.ACSE, self.n(4), 0.95, lo=1, hi=10)
        ajouter(T.DALO, self.n(2), 0.2, lo=180, hi=700)
        ajouter(T.LOGEMENT_SOCIAL, self.n(5), 0.05, lo=300, hi=1500)
        if annee >= 2024:
            ajouter(T.MISE_ABRI_IT, self.n(2), 1, lo=0, hi=3)
            ajouter(T.INTERMEDIATION, self.n(3), 1, succes=R.ENTREE, lo=30, hi=90)
        ajouter(T.INSERTION, self.n(20), 0.5, succes=R.EMPLOI, lo=60, hi=300)
        if annee >= self.aujourd_hui.year - 1:  # a current status: older ones have moved on since
            ajouter(T.INSERTION, self.n(3), 1, succes=R.RECHERCHE, lo=10, hi=60)
        # Periods of active job-seeking, ended by a job found or given up.
        ajouter(T.RECHERCHE_EMPLOI, self.n(4), 0.5, succes=R.EMPLOI, lo=30, hi=240, fin=True)
        for demarche in (d for d in rows if d.resultat == R.NEGATIF):
            if demarche.type == T.RECHERCHE_EMPLOI:  # a job-seeking period not ended by a job was given up
                demarche.resultat = R.ABANDON
            elif demarche.type == T.SIAO and self.rng.random() < 0.3:  # some were in fact never answered
                demarche.resultat = R.SANS_REPONSE
        ajouter(T.FORMATION, self.n(5), 0.8, succes=R.ENTREE, lo=30, hi=120)
        ajouter(T.FLE, self.n(22), 0.9, succes=R.ENTREE, lo=15, hi=60)
        ajouter(T.NUMERIQUE, self.n(3), 0.9, succes=R.ENTREE, lo=15, hi=60)
        for type_, nouvelles, renouvellements in ((T.AME, 18, 12), (T.CSS, 26, 15)):
            ajouter(type_, self.n(nouvelles), 0.9, nature=enums.Nature.NOUVELLE, lo=30, hi=90)
            ajouter(type_, self.n(renouvellements), 0.95, nature=enums.Nature.RENOUVELLEMENT, lo=30, hi=90)
        ajouter(T.SANTE_AUTRE, self.n(2), 0.9, nature=enums.Nature.NOUVELLE, lo=30, hi=90)
        return rows

    # -- aid ------------------------------------------------------------------------------

    def aides(self, annee: int, actifs: list[int]) -> list[AideFinanciere]:
        rows = []
        nouveaux = [p for p in actifs if any(d.year == annee for d, _c in self.periodes[p])] or actifs
        plan = [
            (enums.TypeAide.ALIMENTATION, 84, (20, 60), nouveaux, 0.8),
            (enums.TypeAide.TRANSPORT, 158, (10, 90), nouveaux, 0.55),
            (enums.TypeAide.EXCEPTIONNELLE, 29, (15, 200), actifs, 0),
            (enums.TypeAide.AUTRE, 345, (10, 80), actifs, 0),
        ]
        for type_, base, (lo, hi), population, primo in plan:
            for _ in range(self.n(base)):
                pk = self.rng.choice(population)
                rows.append(
                    AideFinanciere(
                        personne_id=pk, auteur=self.auteur(), date=self.jour(annee, pk=pk),
                        type=type_, montant=Decimal(self.rng.randint(lo, hi)), primo_sortante=self.rng.random() < primo,
                        motif=self.rng.choice(enums.MotifAideExceptionnelle.values)
                        if type_ == enums.TypeAide.EXCEPTIONNELLE else "",
                    )
                )  # fmt: skip
        if annee >= 2023:
            for pk in (self.rng.choice(actifs) for _ in range(self.n(70))):
                rows.append(
                    AideFinanciere(personne_id=pk, auteur=self.auteur(), date=self.jour(annee, pk=pk),
                                   type=enums.TypeAide.TICKETS_SERVICES, nb_tickets=10)
                )  # fmt: skip
        return rows

    # -- domiciliation and mail -----------------------------------------------------------

    def domiciliations(self, annees: range) -> list[Domiciliation]:
        rows, domicilies = [], set()
        for annee in annees:
            if datetime.date(annee, 1, 1) > self.aujourd_hui:
                break
            actifs = [p for p in self.actifs(annee) if p not in domicilies]
            # The first year also gets the stock of domiciliations started before it.
            n = self.n(36) + (self.n(100) if annee == annees[0] else 0)
            for pk in self.choisir(actifs, n):
                debut = self.jour(annee) if annee != annees[0] or self.rng.random() < 0.3 else self.plus(
                    datetime.date(annee, 1, 1), -1000, -1)  # fmt: skip
                debut = max(debut, self.debut_suivi.get(pk, debut))
                fin = self.plus(debut, 400, 1900)
                if fin > self.aujourd_hui:
                    fin = None
                echeance = debut.replace(year=debut.year + 1) if debut.month != 2 or debut.day != 29 else None
                while echeance and fin is None and echeance < self.aujourd_hui:
                    echeance = echeance.replace(year=echeance.year + 1)
                domicilies.add(pk)
                rows.append(Domiciliation(personne_id=pk, auteur=self.auteur(), date_debut=debut,
                                          date_echeance=fin or echeance, date_fin=fin))  # fmt: skip
        return rows

    def passages(self, annee: int, domiciliations: list[Domiciliation]) -> list[PassageCourrier]:
        debut, fin = datetime.date(annee, 1, 1), min(datetime.date(annee, 12, 31), self.aujourd_hui)
        actives = [d for d in domiciliations if d.date_debut <= fin and (d.date_fin is None or d.date_fin >= debut)]
        rows = []
        for _ in range(self.n(766) if actives else 0):
            dom = self.rng.choice(actives)
            lo = max(debut, dom.date_debut)
            hi = min(fin, dom.date_fin or fin)
            if hi < lo:
                continue
            date = lo + datetime.timedelta(days=self.rng.randint(0, (hi - lo).days))
            lettres = self.rng.choices([0, 1, 2, 3, 4, 6], weights=[5, 35, 25, 15, 12, 8])[0]
            rows.append(PassageCourrier(personne_id=dom.personne_id, auteur=self.auteur(), date=date,
                                        nb_courriers=lettres))  # fmt: skip
        return rows

    # -- psychologist ---------------------------------------------------------------------

    def psy(self, annee: int, actifs: list[int], deja_vus: set[int]):
        consultations, orientations = [], []
        # Most persons seen in a year were already followed the year before (few new assessments).
        anciens = [p for p in actifs if p in deja_vus]
        suivis = self.choisir(anciens, self.n(28))
        suivis += self.choisir([p for p in actifs if p not in suivis], self.n(41) - len(suivis))
        juridiques = set(self.choisir(suivis, self.n(4)))
        total = self.n(187)
        for pk in suivis:
            nb = max(1, round(total / max(len(suivis), 1) * self.rng.uniform(0.3, 1.7)))
            dates = sorted(self.jour(annee, pk=pk) for _ in range(nb))
            for j, date in enumerate(dates):
                premiere = pk not in deja_vus and j == 0
                consultations.append(
                    ConsultationPsy(
                        personne_id=pk, auteur=self.rng.choice(self.psychologues), date=date,
                        type=enums.TypeConsultation.EVALUATION if premiere else enums.TypeConsultation.SUIVI,
                        lien_juridique=pk in juridiques and j == 0,
                        notes=self.gen.faker.paragraph(nb_sentences=3),
                    )
                )  # fmt: skip
            deja_vus.add(pk)
        for pk in self.choisir(suivis, self.n(19)):
            orientations.append(
                OrientationSoins(
                    personne_id=pk, auteur=self.rng.choice(self.psychologues), date=self.jour(annee, pk=pk),
                    type=self.rng.choices(enums.TypeOrientation.values, weights=[8, 2, 1])[0],
                    structure=self.rng.choice(["CMP", "Centre Primo Levi", "Comede", "PASS Pitié-Salpêtrière"]),
                )
            )  # fmt: skip
        return consultations, orientations

    # -- collective activities ------------------------------------------------------------

    def activites(self, annee: int, actifs: list[int]):
        activites, presents = [], []
        participants_ateliers = self.choisir(actifs, self.n(51))
        cva = [p for p in actifs if p in self.cva] or self.choisir(actifs, 5)
        plan = [
            (enums.TypeActivite.ATELIER, t, titre) for t, titre in self.rng.sample(ATELIERS, min(10, len(ATELIERS)))
        ]
        plan += [(enums.TypeActivite.SOCIOCULTURELLE, *self.rng.choice(SORTIES)) for _ in range(10)]
        plan += [(enums.TypeActivite.REUNION_CVA, enums.Theme.VIE_ASSOCIATIVE, "Réunion de travail du CVA")] * 3
        plan += [
            (enums.TypeActivite.EVENEMENT_CVA, enums.Theme.VIE_ASSOCIATIVE, "Portes ouvertes du CCEM"),
            (enums.TypeActivite.INTERVENTION_SCOLAIRE_CVA, enums.Theme.VIE_ASSOCIATIVE, "Témoignage dans un collège"),
        ]
        pris = set()
        for type_, theme, titre in plan:
            if type_ == enums.TypeActivite.ATELIER:
                groupe = self.choisir(participants_ateliers, self.rng.randint(5, 12))
            elif type_ == enums.TypeActivite.SOCIOCULTURELLE:
                groupe = self.choisir(actifs, self.rng.randint(9, 17))
            else:
                groupe = self.choisir(cva, 2 if type_ == enums.TypeActivite.INTERVENTION_SCOLAIRE_CVA else 5)
            if not groupe:
                continue
            date = self.jour(annee)
            while (date, type_, titre) in pris:  # the import's natural key of an activity
                date = self.jour(annee)
            pris.add((date, type_, titre))
            activite = Activite(
                date=date, type=type_, theme=theme, intitule=titre, auteur=self.auteur(),
                nb_accompagnants=self.rng.choice([0, 0, 0, 1, 2]) if type_ == enums.TypeActivite.SOCIOCULTURELLE
                else 0,
                pole=enums.PoleActivite.ACCUEIL if type_ in enums.TYPES_CVA else enums.PoleActivite.PSYCHOSOCIAL,
                nb_classes=self.rng.randint(2, 5) if type_ == enums.TypeActivite.INTERVENTION_SCOLAIRE_CVA else 0,
            )  # fmt: skip
            activites.append(activite)
            # A minor of the file attending is a child's attendance.
            presents.append([(pk, self.mineur(pk, activite.date)) for pk in groupe])
        return activites, presents


def generer(gen) -> None:
    ids = _ids(gen.store.get("personnes"))
    if not ids:
        return
    g = _Generateur(gen, ids)
    if not g.travailleurs:
        gen.log("psychosocial: no user to sign the records, nothing generated")
        return
    annees = [a for a in gen.annees if datetime.date(a, 1, 1) <= g.aujourd_hui]
    if not annees:
        return
    sejours, demarches, aides, passages, consultations, orientations = [], [], [], [], [], []
    activites, groupes, deja_vus = [], [], set()
    domiciliations = g.domiciliations(range(annees[0], annees[-1] + 1))
    for annee in annees:
        actifs = g.actifs(annee)
        if not actifs:
            continue
        # The unit follows about half of the file active (176 of 327 persons in 2024).
        suivis = sorted(g.choisir(actifs, g.n(150)))
        sejours += g.hebergements(annee, suivis)
        demarches += g.demarches(annee, suivis)
        aides += g.aides(annee, suivis)
        passages += g.passages(annee, domiciliations)
        c, o = g.psy(annee, actifs, deja_vus)
        consultations += c
        orientations += o
        a, p = g.activites(annee, suivis)
        activites += a
        groupes += p
    # Two workshops coming up, so that the unit's page has something planned.
    courants = g.actifs(g.aujourd_hui.year)
    for delta, (theme, titre) in zip((6, 20), ATELIERS[:2], strict=True):
        if courants:
            activites.append(Activite(date=g.plus(g.aujourd_hui, delta, delta), type=enums.TypeActivite.ATELIER,
                                      theme=theme, intitule=titre, auteur=g.auteur(),
                                      pole=enums.PoleActivite.PSYCHOSOCIAL))  # fmt: skip
            groupes.append([(pk, False) for pk in g.choisir(courants, 6)])
    for model, rows in (
        (Hebergement, sejours),
        (Demarche, demarches),
        (AideFinanciere, aides),
        (Domiciliation, domiciliations),
        (PassageCourrier, passages),
        (ConsultationPsy, consultations),
        (OrientationSoins, orientations),
    ):
        bulk_create_with_history(rows, model, batch_size=BATCH)
    crees = bulk_create_with_history(activites, Activite, batch_size=BATCH)
    participations = [
        Participation(activite_id=activite.pk, personne_id=pk, enfant=enfant)
        for activite, groupe in zip(crees, groupes, strict=True)
        for pk, enfant in groupe
    ]
    bulk_create_with_history(participations, Participation, batch_size=BATCH)
    gen.log(
        f"psychosocial: {len(sejours)} stays, {len(demarches)} steps, {len(aides)} aid, {len(domiciliations)} "
        f"domiciliations, {len(passages)} mail visits, {len(consultations)} consultations, {len(activites)} activities"
    )
