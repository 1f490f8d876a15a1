"""Demo interventions and CCEM events, shaped on the published figures.

2024: 46 interventions, 2 874 participants split as in B30, 52 % in Paris, 11 départements, 2 abroad.
2023: 29 interventions, 1 123 participants (46 % professionals, 297 investigators), 48 % in Paris,
10 départements, 1 abroad. Other years vary around these. Counts are multiplied by `gen.echelle`.
"""

import datetime
import math

from django.contrib.auth.models import User
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accompagnement.models import Personne
from comptes.permissions import Role

from . import enums
from .models import CATEGORIES, Evenement, Intervention, MaterielRemis

T, Org = enums.TypeIntervention, enums.TypeOrganisme

# Published category counts (B30); "autres professionnels" (823 in 2024) split into social, health, others.
PROFILS = {
    2024: {
        "n": 46, "paris": 0.52, "departements": 11, "pays": ["MA", "BE"],
        "nb_inspection_travail": 325, "nb_gendarmerie": 36, "nb_police": 0, "nb_professionnels_droit": 790,
        "nb_travailleurs_sociaux": 420, "nb_professionnels_sante": 160, "nb_autres_professionnels": 243,
        "nb_eleves": 505, "nb_grand_public": 395,
    },
    2023: {
        "n": 29, "paris": 0.48, "departements": 10, "pays": ["MA"],
        "nb_inspection_travail": 200, "nb_gendarmerie": 70, "nb_police": 27, "nb_professionnels_droit": 60,
        "nb_travailleurs_sociaux": 110, "nb_professionnels_sante": 20, "nb_autres_professionnels": 30,
        "nb_eleves": 150, "nb_grand_public": 456,
    },
}  # fmt: skip

# Share of the sessions given to each audience.
POIDS_SESSIONS = {
    "nb_inspection_travail": 0.15, "nb_gendarmerie": 0.05, "nb_police": 0.03, "nb_professionnels_droit": 0.12,
    "nb_travailleurs_sociaux": 0.13, "nb_professionnels_sante": 0.06, "nb_autres_professionnels": 0.1,
    "nb_eleves": 0.2, "nb_grand_public": 0.16,
}  # fmt: skip

# (title, organisation, type of organisation, kind) by main audience.
MODELES = {
    "nb_inspection_travail": [
        ("Formation initiale des inspecteurs et inspectrices du travail", "INTEFP", Org.INSPECTION_TRAVAIL,
         T.FORMATION_INITIALE),
        ("Traite et travail forcé : repérer et orienter", "DREETS", Org.INSPECTION_TRAVAIL, T.FORMATION_CONTINUE),
    ],
    "nb_gendarmerie": [
        ("Exploitation par le travail : les indices de la traite", "Gendarmerie nationale", Org.FORCES_ORDRE,
         T.FORMATION_CONTINUE),
    ],
    "nb_police": [("Repérage et audition des victimes", "OCLTI", Org.FORCES_ORDRE, T.FORMATION_CONTINUE)],
    "nb_professionnels_droit": [
        ("Traite à des fins d'exploitation par le travail", "Barreau de Paris", Org.JUSTICE, T.FORMATION_CONTINUE),
        ("Formation continue des magistrats", "École nationale de la magistrature", Org.JUSTICE, T.FORMATION_CONTINUE),
        ("Formation flash en vue des Jeux de Paris", "Miprof", Org.INSTITUTION, T.FORMATION_CONTINUE),
    ],
    "nb_travailleurs_sociaux": [
        ("Intervention auprès de travailleurs sociaux en formation", "IRTS", Org.ENSEIGNEMENT_SUPERIEUR,
         T.FORMATION_INITIALE),
        ("Sensibilisation des équipes d'accueil des demandeurs d'asile", "Croix-Rouge française", Org.ASSOCIATION,
         T.SENSIBILISATION),
    ],
    "nb_professionnels_sante": [
        ("Repérer les victimes de traite à l'hôpital", "Équipe hospitalière", Org.SANTE, T.SENSIBILISATION),
    ],
    "nb_autres_professionnels": [
        ("Journée d'échanges du dispositif Ac.Sé", "Dispositif Ac.Sé", Org.ASSOCIATION, T.FORMATION_CONTINUE),
        ("Sensibilisation des agents d'accueil", "OFII", Org.INSTITUTION, T.SENSIBILISATION),
    ],
    "nb_eleves": [
        ("Intervention en classe de quatrième", "Collège", Org.ETABLISSEMENT_SCOLAIRE, T.SENSIBILISATION),
        ("Festival « le 13e pour les Droits humains »", "Mairie du 13e arrondissement", Org.COLLECTIVITE,
         T.SENSIBILISATION),
    ],
    "nb_grand_public": [
        ("Ciné-débat sur l'esclavage moderne", "Association culturelle", Org.ASSOCIATION, T.SENSIBILISATION),
        ("Conférence auprès d'étudiants de master", "Université", Org.ENSEIGNEMENT_SUPERIEUR, T.SENSIBILISATION),
        ("Rencontre avec les ressortissants", "Consulat", Org.AMBASSADE, T.SENSIBILISATION),
    ],
}  # fmt: skip

AUTRES_DEPARTEMENTS = {
    "92": "Nanterre", "93": "Saint-Denis", "94": "Créteil", "91": "Évry-Courcouronnes", "80": "Amiens",
    "69": "Lyon", "59": "Lille", "33": "Bordeaux", "13": "Marseille", "51": "Reims", "67": "Strasbourg",
    "35": "Rennes", "31": "Toulouse", "44": "Nantes",
}  # fmt: skip
VILLES_ETRANGER = {"MA": "Rabat", "BE": "Bruxelles", "CH": "Genève", "CO": "Bogotá"}
LANGUES_BROCHURE = ["fr", "fr", "fr", "en", "es", "ar", "tl", "ta", "pt", "ro"]
TAILLE_LOT = 1000


def profil(annee: int, rng) -> dict:
    """The published profile, or one drawn around the nearest published year."""
    if annee in PROFILS:
        return PROFILS[annee]
    base = PROFILS[2023] if annee < 2024 else PROFILS[2024]
    facteur = rng.uniform(0.85, 1.15)
    tire = {champ: round(base[champ] * facteur) for champ in POIDS_SESSIONS}
    tire.update(
        n=max(round(base["n"] * rng.uniform(0.85, 1.15)), 12),
        paris=rng.uniform(0.45, 0.55),
        departements=rng.randint(8, 11),
        pays=rng.sample(sorted(VILLES_ETRANGER), rng.randint(0, 1)),
    )
    return tire


def sessions_par_public(n: int, totaux: dict) -> dict[str, int]:
    """How many of the n sessions go to each audience that has participants (at least one each)."""
    publics = [champ for champ in POIDS_SESSIONS if totaux[champ] > 0]
    poids = sum(POIDS_SESSIONS[c] for c in publics)
    nombres = {c: max(1, round(n * POIDS_SESSIONS[c] / poids)) for c in publics}
    while sum(nombres.values()) > n and max(nombres.values()) > 1:
        nombres[max(nombres, key=nombres.get)] -= 1
    while sum(nombres.values()) < n:
        nombres[max(nombres, key=lambda c: totaux[c] / nombres[c])] += 1
    return nombres


def partager(total: int, parts: int, rng) -> list[int]:
    """Split `total` into `parts` positive-or-zero integers of uneven size that sum to `total`."""
    poids = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    somme = sum(poids)
    valeurs = [math.floor(total * p / somme) for p in poids]
    for i in range(total - sum(valeurs)):
        valeurs[i % parts] += 1
    return valeurs


def lieux(n: int, p: dict, rng) -> list[tuple[str, str, str]]:
    """(commune, département, country) for n sessions: Paris share, other départements, abroad."""
    etranger = [(VILLES_ETRANGER[pays], "", pays) for pays in p["pays"]][:n]
    paris = round(n * p["paris"])
    reste = max(n - paris - len(etranger), 0)
    autres = rng.sample(sorted(AUTRES_DEPARTEMENTS), min(p["departements"] - 1, reste, len(AUTRES_DEPARTEMENTS)))
    ailleurs = autres + [rng.choice(autres) for _ in range(reste - len(autres))] if autres else []
    resultat = [("Paris", "75", "")] * (n - len(etranger) - len(ailleurs))
    resultat += [(AUTRES_DEPARTEMENTS[d], d, "") for d in ailleurs] + etranger
    rng.shuffle(resultat)
    return resultat


def generer(gen) -> None:
    aujourd_hui = timezone.localdate()
    animateurs = [u.pk for role in (Role.SENSIBILISATION, Role.DIRECTION) for u in gen.utilisateurs.get(role, [])]
    if not animateurs:
        animateurs = list(User.objects.filter(is_active=True).values_list("pk", flat=True)[:3])
    temoins = list(Personne.objects.filter(membre_cva=True).values_list("pk", flat=True)[:30])
    interventions, extras = [], []
    for annee in gen.annees:
        p = profil(annee, gen.rng)
        n = p["n"] * gen.echelle
        totaux = {champ: p[champ] * gen.echelle for champ in POIDS_SESSIONS}
        places = iter(lieux(n, {**p, "pays": p["pays"] * gen.echelle}, gen.rng))
        for public, nombre in sessions_par_public(n, totaux).items():
            for effectif in partager(totaux[public], nombre, gen.rng):
                intervention = _intervention(gen, annee, public, effectif, next(places), aujourd_hui)
                interventions.append(intervention)
                extras.append(_extras(gen, intervention, public, effectif, animateurs, temoins))
    interventions += _a_venir(gen, aujourd_hui)
    extras += [_extras(gen, i, "nb_grand_public", 0, animateurs, []) for i in interventions[len(extras) :]]
    crees = bulk_create_with_history(interventions, Intervention, batch_size=TAILLE_LOT)
    _liens(crees, extras)
    evenements = [e for annee in gen.annees for e in _evenements(gen, annee, aujourd_hui)]
    bulk_create_with_history(evenements, Evenement, batch_size=TAILLE_LOT)
    gen.store["sensibilisation.interventions"] = len(crees)
    gen.log(f"{len(crees)} interventions, {len(evenements)} CCEM events")


def _intervention(gen, annee, public, effectif, lieu, aujourd_hui) -> Intervention:
    titre, organisme, type_organisme, type_ = gen.rng.choice(MODELES[public])
    commune, departement, pays = lieu
    date = datetime.date(annee, 1, 1) + datetime.timedelta(days=gen.rng.randrange(365))
    realisee = date <= aujourd_hui
    intervention = Intervention(
        date=date,
        titre=titre,
        type=type_,
        statut=enums.Statut.REALISEE if realisee else enums.Statut.PREVUE,
        organisme=f"{organisme} {commune}" if type_organisme in (Org.ETABLISSEMENT_SCOLAIRE, Org.SANTE) else organisme,
        type_organisme=type_organisme,
        commune=commune,
        departement=departement,
        pays=pays,
        modalite=enums.Modalite.DISTANCIEL if gen.rng.random() < 0.1 else enums.Modalite.PRESENTIEL,
        duree_heures=gen.rng.choice([1.5, 2, 2, 3, 3, 6]),
        nb_benevoles=gen.rng.choice([0, 0, 0, 1, 2]),
        version=1,
    )
    if realisee:
        setattr(intervention, public, effectif)
        if public == "nb_eleves" and effectif:
            intervention.nb_classes = max(1, round(effectif / 26))
    intervention.cle_recherche = intervention.calculer_cle()
    return intervention


def _extras(gen, intervention, public, effectif, animateurs, temoins) -> dict:
    """Facilitators, testifying persons and material of one session, linked after the bulk insert."""
    nb_temoins = gen.rng.choice([0, 1, 2]) if public in ("nb_eleves", "nb_grand_public") and temoins else 0
    materiels = []
    if effectif and public in {c.champ for c in CATEGORIES if c.professionnel}:
        materiels.append((enums.Support.BROCHURE, gen.rng.choice(LANGUES_BROCHURE), effectif))
    return {
        "animateurs": gen.rng.sample(animateurs, min(len(animateurs), gen.rng.randint(1, 2))),
        "temoins": gen.rng.sample(temoins, min(nb_temoins, len(temoins))),
        "materiels": materiels,
    }


def _liens(interventions, extras) -> None:
    Animateur, Temoin = Intervention.animateurs.through, Intervention.temoins.through
    animateurs, temoins, materiels = [], [], []
    for intervention, extra in zip(interventions, extras, strict=True):
        animateurs += [Animateur(intervention_id=intervention.pk, user_id=pk) for pk in extra["animateurs"]]
        temoins += [Temoin(intervention_id=intervention.pk, personne_id=pk) for pk in extra["temoins"]]
        materiels += [
            MaterielRemis(intervention_id=intervention.pk, support=s, langue=langue, quantite=q)
            for s, langue, q in extra["materiels"]
        ]
    Animateur.objects.bulk_create(animateurs, batch_size=TAILLE_LOT)
    Temoin.objects.bulk_create(temoins, batch_size=TAILLE_LOT)
    bulk_create_with_history(materiels, MaterielRemis, batch_size=TAILLE_LOT)


def _a_venir(gen, aujourd_hui) -> list[Intervention]:
    """A few sessions planned in the coming weeks, so the planning is not empty in a recent demo."""
    if gen.annees.stop - 1 < aujourd_hui.year - 1:
        return []
    sessions = []
    for _ in range(4 * gen.echelle):
        public = gen.rng.choice(list(MODELES))
        lieu = gen.rng.choice([("Paris", "75", ""), ("Nanterre", "92", ""), ("Amiens", "80", "")])
        session = _intervention(gen, aujourd_hui.year, public, 0, lieu, aujourd_hui)
        session.date = aujourd_hui + datetime.timedelta(days=gen.rng.randint(2, 75))
        session.statut = enums.Statut.PREVUE
        sessions.append(session)
    return sessions


def _evenements(gen, annee, aujourd_hui) -> list[Evenement]:
    E = enums.TypeEvenement
    if annee == 2024:
        prevus = [
            (datetime.date(2024, 1, 18), "Journées portes ouvertes", E.PORTES_OUVERTES, 140, 12),
            (datetime.date(2024, 6, 20), "Assemblée générale de La Strada International (événement ouvert)",
             E.ASSEMBLEE, 90, 3),
            (datetime.date(2024, 11, 21), "Colloque des 30 ans du CCEM", E.COLLOQUE, 260, 18),
        ]  # fmt: skip
    else:
        prevus = [
            (datetime.date(annee, gen.rng.randint(3, 11), gen.rng.randint(1, 28)), titre, type_, effectif, present)
            for titre, type_, effectif, present in gen.rng.sample(
                [
                    ("Ciné-débat organisé par le CCEM", E.CINE_DEBAT, gen.rng.randint(40, 120), 2),
                    ("Exposition « Rendre visible l'invisible »", E.EXPOSITION, gen.rng.randint(80, 300), 4),
                    ("Soirée de soutien et de sensibilisation", E.AUTRE, gen.rng.randint(50, 150), 5),
                ],
                gen.rng.randint(1, 2),
            )
        ]
    return [
        Evenement(
            date=date,
            titre=titre,
            type=type_,
            statut=enums.Statut.REALISEE if date <= aujourd_hui else enums.Statut.PREVUE,
            commune="Paris",
            departement="75",
            nb_participants=effectif if date <= aujourd_hui else 0,
            nb_personnes_accompagnees=present if date <= aujourd_hui else 0,
            version=1,
        )
        for date, titre, type_, effectif, present in prevus
    ]
