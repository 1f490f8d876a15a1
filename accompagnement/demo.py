"""Demo file active shaped on the published figures (2023–2024) × gen.echelle.

Persons come from the supported reports of signalements/demo.py (gen.store["signalements.accompagnes"]),
plus, before the first generated year, a stock of older files still open then. Support lasts about
3.4 years on average (some files are closed for autonomy, end of proceedings, loss of contact…, a
few are re-opened later), which gives a file active of about 327 × echelle in 2024 when generating
2015–2025. Exploitation profiles follow the 2023/2024 report: mostly domestic work, ~14 h a day,
7 days a week, a third unpaid, housing dependent on the exploiter, ~30 % outside Île-de-France.
The persons and cases are left in gen.store["personnes"] / gen.store["affaires"] (ids) for the
psycho-social and legal generators.
"""

import datetime
import random
from collections import defaultdict

from django.utils import timezone
from django_countries import countries
from simple_history.utils import bulk_create_with_history

from ccem.referentiels import DEPARTEMENTS
from comptes.permissions import Role

from . import enums, synthese
from .models import (
    Accompagnement,
    Affaire,
    ConsentementTransfert,
    EntreeJournal,
    EvenementTraite,
    Exploitation,
    LieuExploitation,
    Personne,
    Suivi,
    cle_recherche,
)

# Shared with signalements/demo.py (the reports' presumed sectors, nationalities and places).
S = enums.Secteur
SECTEURS = {S.DOMESTIQUE: 55, S.AGRICULTURE: 12, S.BTP: 8, S.COMMERCE: 6, S.HOTELLERIE: 8, S.SERVICES: 4, S.ATELIERS: 3,
            S.SPECTACLES: 1, S.RUE: 1, S.MENDICITE: 1, S.DELITS: 1}  # fmt: skip
NATIONALITES = {"MA": 18, "PH": 15, "CI": 9, "TN": 7, "LK": 5, "SN": 4, "ML": 4, "CM": 4, "NG": 3, "IN": 3, "MG": 3,
                "BJ": 2, "TG": 2, "GN": 2, "DZ": 3, "EG": 2, "BR": 1, "HT": 1, "CO": 1, "PE": 1, "ID": 2, "ET": 2,
                "ER": 1, "CN": 2, "VN": 1, "BD": 1, "PK": 1, "GH": 1, "BF": 1, "CD": 2, "MR": 1, "RO": 1, "UA": 1,
                "FR": 1}  # fmt: skip
DEPARTEMENTS_FAITS = {"75": 30, "92": 12, "93": 8, "94": 6, "78": 5, "91": 4, "95": 3, "77": 3}
# Outside Île-de-France: the départements where the CCEM's cases usually lie (about 50 a year are named).
AUTRES_DEPARTEMENTS = ["13", "13", "69", "69", "06", "06", "51", "51", "73", "74", "29", "33", "31", "34", "44", "59",
                       "67", "38", "83", "84", "30", "35", "45", "60", "62", "76", "14", "21", "25", "37", "49", "54",
                       "57", "63", "64", "66", "68", "71", "72", "80", "86", "87", "2A", "971", "972", "974", "26",
                       "11", "10", "02", "47", "82"]  # fmt: skip


def tirage(rng, poids: dict):
    return rng.choices(list(poids), weights=list(poids.values()))[0]


BATCH = 2000
# Case titles as staff write them: where the exploitation took place, never a name.
LIEUX_PAR_SECTEUR = {
    enums.Secteur.DOMESTIQUE: ["domicile privé", "famille d'employeurs", "résidence diplomatique", "appartement"],
    enums.Secteur.AGRICULTURE: ["exploitation maraîchère", "élevage", "vignoble", "ferme"],
    enums.Secteur.BTP: ["chantier de rénovation", "entreprise de maçonnerie", "chantier de construction"],
    enums.Secteur.COMMERCE: ["épicerie de quartier", "supérette", "commerce de gros"],
    enums.Secteur.HOTELLERIE: ["restaurant", "hôtel", "café-restaurant", "traiteur"],
    enums.Secteur.SERVICES: ["salon de coiffure", "onglerie", "entreprise de nettoyage", "pressing"],
    enums.Secteur.ATELIERS: ["atelier de confection", "atelier de maroquinerie", "atelier de réparation"],
    enums.Secteur.SPECTACLES: ["troupe de spectacle", "cabaret"],
    enums.Secteur.RUE: ["vente à la sauvette", "marché forain"],
    enums.Secteur.MENDICITE: ["mendicité forcée"],
    enums.Secteur.DELITS: ["réseau de vols à la tire"],
    enums.Secteur.AUTRE: ["employeur particulier"],
}
COMMUNES = {
    "75": ["Paris"], "93": ["Aubervilliers", "Saint-Denis", "Montreuil", "Bobigny"],
    "92": ["Nanterre", "Neuilly-sur-Seine", "Boulogne-Billancourt"],
    "94": ["Créteil", "Vitry-sur-Seine", "Ivry-sur-Seine"],
    "95": ["Argenteuil", "Sarcelles", "Cergy"], "91": ["Évry-Courcouronnes", "Massy"],
    "78": ["Versailles", "Mantes-la-Jolie"], "77": ["Meaux", "Melun"],
}  # fmt: skip
DUREE_MOYENNE_JOURS = 3.4 * 365
MOTIFS = {enums.MotifCloture.AUTONOMIE: 35, enums.MotifCloture.FIN_PROCEDURE: 20, enums.MotifCloture.PERTE_CONTACT: 25,
          enums.MotifCloture.IMPOSSIBLE: 5, enums.MotifCloture.REORIENTATION: 8, enums.MotifCloture.DECES: 2,
          enums.MotifCloture.AUTRE: 5}  # fmt: skip
AGES = {(12, 17): 7, (18, 25): 22, (26, 35): 30, (36, 45): 25, (46, 60): 16}
HEBERGEMENT = {enums.Hebergement.DOMICILE_EXPLOITEUR: 55, enums.Hebergement.SUR_LIEU: 16,
               enums.Hebergement.CONTROLE_EXPLOITEUR: 22, enums.Hebergement.INDEPENDANT: 5,
               enums.Hebergement.RUE: 1, enums.Hebergement.AUTRE: 1}  # fmt: skip
EMPRISE = {enums.Emprise.PROMESSE_HEBERGEMENT: 0.82, enums.Emprise.PROMESSE_REMUNERATION: 0.8,
           enums.Emprise.PROMESSE_REGULARISATION: 0.6, enums.Emprise.CONFISCATION_PAPIERS: 0.5,
           enums.Emprise.ISOLEMENT: 0.4, enums.Emprise.MENACES: 0.3, enums.Emprise.DETTE: 0.08,
           enums.Emprise.PROMESSE_MARIAGE: 0.02, enums.Emprise.MARIAGE_SERVILE: 0.01,
           enums.Emprise.ADOPTION: 0.01}  # fmt: skip
VIOLENCES = {enums.Violence.SEXUELLES: 0.11, enums.Violence.PHYSIQUES: 0.30, enums.Violence.PSYCHOLOGIQUES: 0.79,
             enums.Violence.PRIVATION_NOURRITURE: 0.10}  # fmt: skip
VISAS = {enums.TypeVisa.TOURISTE: 35, enums.TypeVisa.DIPLOMATIQUE: 10, enums.TypeVisa.AUCUN: 22,
         enums.TypeVisa.TRAVAIL: 5, enums.TypeVisa.ETUDIANT: 3, enums.TypeVisa.FAMILIAL: 5,
         enums.TypeVisa.SAISONNIER: 8, enums.TypeVisa.AUTRE: 2}  # fmt: skip
EXPLOITEURS = {enums.TypeExploiteur.PARTICULIER: 70, enums.TypeExploiteur.DIPLOMATE: 10,
               enums.TypeExploiteur.ENTREPRISE: 15, enums.TypeExploiteur.RESEAU: 5}  # fmt: skip
JOURNAL = {enums.Pole.ACCUEIL: (40, Role.ACCUEIL), enums.Pole.PSYCHOSOCIAL: (30, Role.PSYCHOSOCIAL),
           enums.Pole.JURIDIQUE: (20, Role.JURIDIQUE), enums.Pole.PSY: (10, Role.PSYCHOLOGUE)}  # fmt: skip
LANGUES = ["tagalog, anglais", "arabe", "arabe, français", "français", "anglais", "cinghalais", "bambara, français",
           "portugais", "espagnol", "tamoul, anglais", "malgache, français"]  # fmt: skip


def jours(date: datetime.date, n: int) -> datetime.date:
    return date + datetime.timedelta(days=n)


class Demo:
    def __init__(self, gen):
        self.gen, self.rng, self.faker = gen, gen.rng, gen.faker
        self.today = timezone.localdate()
        self.users = {role: gen.utilisateurs.get(role) or [] for role in Role}
        self.personnes: list[Personne] = []
        self.periodes: list[list[Accompagnement]] = []
        self.affaires: list[Affaire] = []
        self.exploitations: list[tuple[int, int, Exploitation, list[LieuExploitation]]] = []
        self.numeros: dict[int, int] = defaultdict(int)
        self.numeros_affaires: dict[int, int] = defaultdict(int)
        self.clotures: list[int] = []  # indexes of persons whose last period is closed (may be re-opened)

    def user(self, role):
        return self.rng.choice(self.users[role]) if self.users[role] else None

    # --- support periods ---------------------------------------------------------------------

    def periodes_depuis(self, debut: datetime.date, signalement_id=None) -> list[Accompagnement]:
        rng, periodes = self.rng, []
        while True:
            duree = int(rng.expovariate(1 / DUREE_MOYENNE_JOURS)) + 30
            fin = jours(debut, duree)
            periode = Accompagnement(
                date_debut=debut, signalement_id=signalement_id, referent_accueil=self.user(Role.ACCUEIL),
                referent_psychosocial=self.user(Role.PSYCHOSOCIAL) if rng.random() < 0.6 else None,
                referent_juridique=self.user(Role.JURIDIQUE) if rng.random() < 0.9 else None,
            )  # fmt: skip
            periodes.append(periode)
            if fin >= self.today:
                return periodes
            periode.date_cloture, periode.motif_cloture = fin, tirage(rng, MOTIFS)
            if periode.motif_cloture == enums.MotifCloture.DECES or rng.random() > 0.06:
                return periodes
            debut, signalement_id = jours(fin, rng.randint(180, 1000)), None
            if debut > self.today:
                return periodes

    # --- persons and exploitation --------------------------------------------------------------

    def personne(self, debut: datetime.date, *, sexe=None, nom="", prenom="", nationalite=""):
        rng, faker = self.rng, self.faker
        sexe = sexe or (enums.Sexe.FEMME if rng.random() < 0.75 - 0.035 * (debut.year - 2015) else enums.Sexe.HOMME)
        nationalite = nationalite or tirage(rng, NATIONALITES)
        if not nom:
            nom = faker.last_name()
        if not prenom:
            prenom = faker.first_name_female() if sexe == enums.Sexe.FEMME else faker.first_name_male()
        self.numeros[debut.year] += 1
        saisonnier = nationalite == "MA" and sexe == enums.Sexe.HOMME and rng.random() < 0.5
        p = Personne(
            numero_dossier=f"D-{debut.year}-{self.numeros[debut.year]:04d}", nom=nom, prenom=prenom, sexe=sexe,
            nationalite=nationalite, langues=rng.choice(LANGUES), interprete=rng.random() < 0.45,
            telephone=faker.phone_number() if rng.random() < 0.85 else "",
            type_visa_entree=enums.TypeVisa.SAISONNIER if saisonnier
            else (tirage(rng, VISAS) if rng.random() < 0.9 else ""),
            membre_cva=rng.random() < 0.03, cle_recherche=cle_recherche(nom, prenom),
        )  # fmt: skip
        return p, saisonnier

    def exploitation(self, p: Personne, debut_accompagnement, saisonnier, secteur="", departement="", pays=""):
        rng = self.rng
        fin = jours(debut_accompagnement, -rng.randint(0, 200))
        longueur = min(int(rng.expovariate(1 / 975)) + 20, 20 * 365)
        debut = jours(fin, -longueur)
        bas, haut = tirage(rng, AGES)
        age = rng.randint(bas, haut)
        naissance = jours(debut, -(age * 365 + rng.randint(0, 364)))
        qualite = rng.random()
        if qualite < 0.85:
            p.date_naissance, p.annee_naissance = naissance, naissance.year
        elif qualite < 0.95:
            p.annee_naissance = naissance.year
        if saisonnier:
            secteur = enums.Secteur.AGRICULTURE
        heures = None if rng.random() < 0.1 else round(max(6, min(20, rng.gauss(14.2, 2.6))) * 2) / 2
        paye = rng.random()
        remuneration = (
            None if paye < 0.1 else 0 if paye < 0.42 else round(rng.choice([50, 100, 200, 300, 400, 600, 900, 1200]))
        )
        emprise = [code for code, proba in EMPRISE.items() if rng.random() < proba]
        if saisonnier and enums.Emprise.DETTE not in emprise and rng.random() < 0.6:
            emprise.append(enums.Emprise.DETTE)
        renseignees = rng.random() < 0.8
        e = Exploitation(
            date_debut=debut if rng.random() < 0.95 else None, date_fin=fin,
            secteur=secteur or (tirage(rng, SECTEURS) if rng.random() < 0.95 else ""),
            heures_par_jour=heures,
            jours_par_semaine=None if rng.random() < 0.1 else rng.choices([7, 6, 5], weights=[75, 20, 5])[0],
            remuneration_mensuelle_eur=remuneration,
            hebergement=tirage(rng, HEBERGEMENT) if rng.random() < 0.95 else "",
            emprise=emprise if (emprise_renseignee := rng.random() < 0.9) else [],
            emprise_renseignee=emprise_renseignee,
            dette_recrutement_eur=rng.choice([3000, 6000, 8000, 10000, 12000])
            if enums.Emprise.DETTE in emprise else None,
            violences_renseignees=renseignees,
            violences=[code for code, proba in VIOLENCES.items() if rng.random() < proba] if renseignees else [],
        )  # fmt: skip
        lieux = []
        for _ in range(rng.choices([1, 2, 3], weights=[85, 12, 3])[0]):
            if pays and pays != "FR" and not lieux:
                lieux.append(LieuExploitation(departement="", pays=pays))
            elif departement and not lieux:
                lieux.append(LieuExploitation(departement=departement, pays="FR"))
            elif rng.random() < 0.05:
                lieux.append(LieuExploitation(departement="", pays=rng.choice(["ES", "IT", "AE", "SA", "LB", "MC"])))
            elif rng.random() < 0.76:
                lieux.append(LieuExploitation(departement=tirage(rng, DEPARTEMENTS_FAITS), pays="FR"))
            else:
                lieux.append(LieuExploitation(departement=rng.choice(AUTRES_DEPARTEMENTS), pays="FR"))
        return e, lieux

    def affaire(self, annee: int, intitule: str) -> int:
        self.numeros_affaires[annee] += 1  # A-<year>-NNNN, as accompagnement.services numbers new cases
        self.affaires.append(
            Affaire(reference=f"A-{annee}-{self.numeros_affaires[annee]:04d}", intitule=intitule,
                    type_exploiteur=tirage(self.rng, EXPLOITEURS),
                    exploiteur_details=f"{self.faker.name()}, {self.faker.city()}" if self.rng.random() < 0.8 else "")
        )  # fmt: skip
        return len(self.affaires) - 1

    def ajouter(self, p, periodes, affaire_idx, exploitation):
        self.personnes.append(p)
        self.periodes.append(periodes)
        self.exploitations.append((len(self.personnes) - 1, affaire_idx, *exploitation))
        for periode in periodes:
            if periode.motif_cloture == enums.MotifCloture.DECES:
                p.date_deces = periode.date_cloture
        return len(self.personnes) - 1


def generer(gen) -> None:
    demo = Demo(gen)
    rng = gen.rng
    premiere = datetime.date(gen.annees.start, 1, 1)
    # 1. Files opened before the first generated year and still open then.
    for annee in range(gen.annees.start - 15, gen.annees.start):
        for _ in range(round(70 * gen.echelle)):
            debut = datetime.date(annee, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))
            periodes = demo.periodes_depuis(debut)
            if (periodes[-1].date_cloture or demo.today) < premiere:
                continue
            p, saisonnier = demo.personne(debut)
            a = demo.affaire(annee, "")
            demo.ajouter(p, periodes, a, demo.exploitation(p, debut, saisonnier))
    # 2. Persons of the supported reports (a few are files re-opened: the same person again).
    liens: list[tuple[int, int]] = []  # (potential victim id, person index)
    for s in sorted(gen.store.get("signalements.accompagnes", []), key=lambda s: s["date"]):
        a = demo.affaire(s["date"].year, "")
        for ps in s["victimes"]:
            ps_pk = ps["pk"]
            idx = next((i for i in demo.clotures[-50:] if demo.periodes[i][-1].date_cloture < s["date"]), None)
            if idx is not None and rng.random() < 0.05:
                demo.periodes[idx].append(Accompagnement(date_debut=s["date"], signalement_id=s["signalement"],
                                                         referent_accueil=demo.user(Role.ACCUEIL)))  # fmt: skip
                demo.clotures.remove(idx)
                liens.append((ps_pk, idx))
                continue
            periodes = demo.periodes_depuis(s["date"], s["signalement"])
            p, saisonnier = demo.personne(
                s["date"], sexe=ps["sexe"], nom=ps["nom"], prenom=ps["prenom"], nationalite=ps["nationalite"]
            )
            exploitation = demo.exploitation(p, s["date"], saisonnier, s["secteur"], s["departement"], s["pays"])
            idx = demo.ajouter(p, periodes, a, exploitation)
            if periodes[-1].date_cloture and periodes[-1].motif_cloture != enums.MotifCloture.DECES:
                demo.clotures.append(idx)
            liens.append((ps_pk, idx))
    _enregistrer(gen, demo, liens)


def intitule_affaire(faker, exploitation, lieux) -> str:
    """`atelier de confection, Aubervilliers`: the place and the town (the faker's own random, so that
    the rest of the demo data stays the same for a given seed)."""
    lieu = faker.random_element(LIEUX_PAR_SECTEUR.get(exploitation.secteur) or LIEUX_PAR_SECTEUR[enums.Secteur.AUTRE])
    premier = lieux[0] if lieux else None
    if premier is None:
        return lieu
    if premier.pays and premier.pays != "FR":
        return f"{lieu}, {countries.name(premier.pays)}"
    commune = faker.random_element(COMMUNES.get(premier.departement) or [DEPARTEMENTS.get(premier.departement, "")])
    return f"{lieu}, {commune}" if commune else lieu


SOURCES = {enums.SourceAffaire.ASSOCIATION: 30, enums.SourceAffaire.AUTO_SIGNALEMENT: 15,
           enums.SourceAffaire.AUTRE_VICTIME: 20, enums.SourceAffaire.PARTICULIER: 13,
           enums.SourceAffaire.ENQUETEURS: 8, enums.SourceAffaire.INSPECTION_TRAVAIL: 5,
           enums.SourceAffaire.AUTRE: 9}  # fmt: skip


def _faits_historiques(demo: Demo) -> None:
    """Opening date, source and collective flag of the cases; main exploitation and the two housing
    facts. A stream of its own, so that the rest of the demo data stays the same for a given seed."""
    rng = random.Random(len(demo.personnes))
    membres: dict[int, set[int]] = {}
    for idx, affaire_idx, exploitation, _lieux in demo.exploitations:
        membres.setdefault(affaire_idx, set()).add(idx)
        ouverture = demo.periodes[idx][0].date_debut
        affaire = demo.affaires[affaire_idx]
        affaire.date_ouverture = min(affaire.date_ouverture or ouverture, ouverture)
        exploitation.principale = rng.random() < 0.3
        par_exploiteur, sur_lieu = enums.FAITS_HEBERGEMENT.get(exploitation.hebergement, (None, None))
        if exploitation.hebergement == enums.Hebergement.DOMICILE_EXPLOITEUR:
            sur_lieu = exploitation.secteur == enums.Secteur.DOMESTIQUE or rng.random() < 0.2
        if not exploitation.hebergement and rng.random() < 0.3:  # a sheet that gives the facts, not the kind
            par_exploiteur, sur_lieu = rng.random() < 0.9, rng.random() < 0.6
        exploitation.hebergement_par_exploiteur, exploitation.loge_sur_lieu = par_exploiteur, sur_lieu
    for affaire_idx, affaire in enumerate(demo.affaires):
        affaire.collective = len(membres.get(affaire_idx, ())) > 1
        if rng.random() < 0.6:
            affaire.source = tirage(rng, SOURCES)


# --- Facts of the national survey, CTDC and HTCDS (issue 18) ----------------------------------

F, R, M = enums.FormeExploitation, enums.RelationExploiteur, enums.ModeRecrutement
# The form of exploitation a sector mostly is, then the forms that may come with it (probability).
FORMES_DU_SECTEUR = {
    S.DOMESTIQUE: (F.DOMESTIQUE, {F.TRAVAIL: 0.3, F.SEXUELLE: 0.03}),
    S.SPECTACLES: (F.TRAVAIL, {F.SEXUELLE: 0.3}),
    S.RUE: (F.TRAVAIL, {F.CRIMINALITE: 0.3, F.MENDICITE: 0.1}),
    S.MENDICITE: (F.MENDICITE, {F.CRIMINALITE: 0.2}),
    S.DELITS: (F.CRIMINALITE, {F.MENDICITE: 0.1}),
}
RELATIONS_DOMESTIQUE = {R.FAMILLE: 35, R.CONNAISSANCE: 25, R.AUCUN: 30, R.PARTENAIRE: 4, R.INCONNU: 6}
RELATIONS = {R.FAMILLE: 10, R.CONNAISSANCE: 30, R.AUCUN: 50, R.PARTENAIRE: 2, R.INCONNU: 8}
RECRUTEMENT_DOMESTIQUE = {M.FAMILLE: 30, M.AMI: 25, M.INTERMEDIAIRE: 25, M.OFFRE_EMPLOI: 15,
                          M.EN_LIGNE: 3, M.AUTRE: 2}  # fmt: skip
RECRUTEMENT = {M.OFFRE_EMPLOI: 30, M.AMI: 30, M.INTERMEDIAIRE: 25, M.EN_LIGNE: 10, M.FAMILLE: 5}
TRANSITS = ["ES", "IT", "BE", "TR", "LY", "MA", "AE", "DE"]
UE = {"FR", "BE", "DE", "ES", "IT", "PT", "RO", "BG", "PL", "NL", "GR"}
STATUTS_ETRANGERS = {enums.StatutAdministratif.IRREGULIER: 55, enums.StatutAdministratif.DEMANDEUR_ASILE: 15,
                     enums.StatutAdministratif.RECEPISSE: 12, enums.StatutAdministratif.TITRE_SEJOUR: 18}  # fmt: skip
IDENTIFICATEURS = {enums.Identificateur.CCEM: 60, enums.Identificateur.POLICE: 14, enums.Identificateur.JUSTICE: 4,
                   enums.Identificateur.INSPECTION_TRAVAIL: 10, enums.Identificateur.AUTRE_ONG: 10,
                   enums.Identificateur.AUTRE: 2}  # fmt: skip
DESTINATAIRES = ["Pag-Asa (Belgique)", "La Strada (Pays-Bas)", "Anti-Slavery International (Royaume-Uni)",
                 "Proyecto Esperanza (Espagne)", "On the Road (Italie)", "Ban Ying (Allemagne)"]  # fmt: skip


def oui_non(rng, oui: float, inconnu: float) -> bool | None:
    """True with probability `oui`, None (not recorded) with `inconnu`, else False."""
    tirage_ = rng.random()
    return True if tirage_ < oui else None if tirage_ < oui + inconnu else False


def formes_du_secteur(rng, secteur: str, emprise=()) -> list[str]:
    """The forms of exploitation a situation in this sector shows (reports and exploitations alike)."""
    principale, possibles = FORMES_DU_SECTEUR.get(secteur, (F.TRAVAIL, {}))
    formes = [principale] + [forme for forme, proba in possibles.items() if rng.random() < proba]
    if enums.Emprise.MARIAGE_SERVILE in emprise or enums.Emprise.PROMESSE_MARIAGE in emprise:
        formes.append(F.MARIAGE)
    return formes


def _faits_enquete(demo: Demo) -> tuple[dict, dict]:
    """The person's situation at intake and identification; the exploitation's forms, relation to the
    exploiter and recruitment; its path (events) and some consents to transfer, returned by person index
    for the rows created once the persons and exploitations have their keys. A stream of its own, so
    that the rest of the demo data stays the same for a given seed."""
    rng = random.Random(len(demo.personnes) + 18)
    evenements, consentements = defaultdict(list), defaultdict(list)
    for idx, _affaire_idx, e, lieux in demo.exploitations:
        p, periodes = demo.personnes[idx], demo.periodes[idx]
        domestique = e.secteur == S.DOMESTIQUE
        if e.secteur and rng.random() < 0.9:
            e.formes = formes_du_secteur(rng, e.secteur, e.emprise)
        if rng.random() < 0.85:
            relations = {tirage(rng, RELATIONS_DOMESTIQUE if domestique else RELATIONS)}
            if R.INCONNU not in relations and rng.random() < 0.1:
                relations.add(R.CONNAISSANCE)
            e.relations_exploiteur = sorted(relations)
        if rng.random() < 0.8:
            saisonnier = p.type_visa_entree == enums.TypeVisa.SAISONNIER
            e.recrutement_mode = M.INTERMEDIAIRE if saisonnier else tirage(
                rng, RECRUTEMENT_DOMESTIQUE if domestique else RECRUTEMENT
            )  # fmt: skip
            e.recrutement_pays = p.nationalite if rng.random() < 0.85 else "FR"
            if e.date_debut and rng.random() < 0.7:
                recrutement = jours(e.date_debut, -rng.randint(0, 120))
                e.recrutement_date = max(recrutement, p.date_naissance) if p.date_naissance else recrutement
        if e.recrutement_pays and rng.random() < 0.6:
            evenements[idx].append(EvenementTraite(type=enums.TypeEvenement.RECRUTEMENT, pays=e.recrutement_pays,
                                                   date_debut=e.recrutement_date))  # fmt: skip
            if e.recrutement_pays != "FR" and rng.random() < 0.2:
                evenements[idx].append(EvenementTraite(type=enums.TypeEvenement.TRANSIT, pays=rng.choice(TRANSITS)))
            # One event per distinct place (two départements may share the demo's town).
            for lieu in {(lieu.pays, COMMUNES.get(lieu.departement, [""])[0]): lieu for lieu in lieux[:2]}.values():
                evenements[idx].append(
                    EvenementTraite(type=enums.TypeEvenement.EXPLOITATION, pays=lieu.pays,
                                    lieu=COMMUNES.get(lieu.departement, [""])[0], date_debut=e.date_debut,
                                    date_fin=e.date_fin)
                )  # fmt: skip
        _situation(rng, p, periodes[0].date_debut, e.secteur)
        derniere = periodes[-1]
        if derniere.date_cloture is None and rng.random() < 0.06:
            donne = jours(derniere.date_debut, rng.randint(30, max(30, (demo.today - derniere.date_debut).days)))
            if donne <= demo.today:
                retire = jours(donne, rng.randint(30, 300)) if rng.random() < 0.15 else None
                consentements[idx].append(
                    ConsentementTransfert(destinataire=rng.choice(DESTINATAIRES), date_consentement=donne,
                                          recueilli_par=demo.user(Role.JURIDIQUE) or demo.user(Role.ACCUEIL),
                                          retire_le=retire if retire and retire <= demo.today else None)
                )  # fmt: skip
    return evenements, consentements


def _situation(rng, p: Personne, accueil: datetime.date, secteur: str) -> None:
    """Status at intake, minor and child welfare, addiction, prosecution, identification."""
    if rng.random() < 0.88:
        p.statut_admin_accueil = (
            enums.StatutAdministratif.FRANCAIS_UE if p.nationalite in UE else tirage(rng, STATUTS_ETRANGERS)
        )
    age = p.age_a(accueil)
    if age is not None:
        p.mna = age < 18
    elif rng.random() < 0.5:
        p.mna = False
    p.ase = oui_non(rng, 0.6, 0.2) if p.mna else oui_non(rng, 0.0, 0.35) if p.mna is False else None
    p.addiction = oui_non(rng, 0.04, 0.3)
    p.poursuivie = oui_non(rng, 0.4 if secteur == S.DELITS else 0.03, 0.3)
    p.hors_exploitation_accueil = oui_non(rng, 0.85, 0.05)
    tirage_ = rng.random()
    if tirage_ < 0.55:
        p.identification_statut = enums.StatutIdentification.IDENTIFIEE
        p.identifie_par = tirage(rng, IDENTIFICATEURS)
    elif tirage_ < 0.9:
        p.identification_statut = enums.StatutIdentification.PRESUMEE


def _creer_faits(demo: Demo, personnes, exploitations, evenements_par_personne, consentements_par_personne):
    """The path events and consents of _faits_enquete, once their exploitation and person have a key."""
    evenements = []
    for exploitation, (idx, _, _, _) in zip(exploitations, demo.exploitations, strict=True):
        for evenement in evenements_par_personne.get(idx, []):
            evenement.exploitation_id = exploitation.pk
            evenements.append(evenement)
    consentements = []
    for idx, ses_consentements in consentements_par_personne.items():
        for consentement in ses_consentements:
            consentement.personne_id = personnes[idx].pk
            consentements.append(consentement)
    bulk_create_with_history(evenements, EvenementTraite, batch_size=BATCH)
    bulk_create_with_history(consentements, ConsentementTransfert, batch_size=BATCH)
    return evenements, consentements


def _enregistrer(gen, demo: Demo, liens) -> None:
    rng, faker = gen.rng, gen.faker
    evenements_par_personne, consentements_par_personne = _faits_enquete(demo)
    personnes = bulk_create_with_history(demo.personnes, Personne, batch_size=BATCH)
    for _idx, affaire_idx, exploitation, ses_lieux in demo.exploitations:
        demo.affaires[affaire_idx].intitule = intitule_affaire(faker, exploitation, ses_lieux)
    for affaire in demo.affaires:  # a case whose persons all re-opened an earlier file
        affaire.intitule = affaire.intitule or faker.random_element(LIEUX_PAR_SECTEUR[enums.Secteur.AUTRE])
    _faits_historiques(demo)
    affaires = bulk_create_with_history(demo.affaires, Affaire, batch_size=BATCH)
    periodes, suivis, journal = [], [], []
    for personne, ses_periodes in zip(personnes, demo.periodes, strict=True):
        for periode in ses_periodes:
            periode.personne_id = personne.pk
            periodes.append(periode)
            fin = periode.date_cloture
            for pole, proba in ((enums.Pole.JURIDIQUE, 0.92), (enums.Pole.PSYCHOSOCIAL, 0.55), (enums.Pole.PSY, 0.13)):
                debut = jours(periode.date_debut, rng.randint(0, 90))
                if rng.random() < proba and debut <= (fin or demo.today):
                    referent = (
                        periode.referent_juridique if pole == enums.Pole.JURIDIQUE else periode.referent_psychosocial
                    )
                    suivis.append(
                        Suivi(personne_id=personne.pk, pole=pole, date_debut=debut, date_fin=fin, referent=referent)
                    )
            etendue = ((fin or demo.today) - periode.date_debut).days
            for _ in range(rng.randint(1, 5)):
                pole = tirage(rng, {k: v[0] for k, v in JOURNAL.items()})
                auteur = demo.user(JOURNAL[pole][1])
                if auteur:
                    journal.append(
                        EntreeJournal(personne_id=personne.pk,
                                      date=jours(periode.date_debut, rng.randint(0, max(0, etendue))),
                                      pole=pole, type=rng.choice(enums.TypeEntreeJournal.values),
                                      texte=faker.paragraph(2),
                                      auteur=auteur)
                    )  # fmt: skip
    bulk_create_with_history(periodes, Accompagnement, batch_size=BATCH)
    bulk_create_with_history(suivis, Suivi, batch_size=BATCH)
    exploitations, lieux = [], []
    for idx, affaire_idx, exploitation, _lieux in demo.exploitations:
        exploitation.personne_id, exploitation.affaire_id = personnes[idx].pk, affaires[affaire_idx].pk
        exploitations.append(exploitation)
    exploitations = bulk_create_with_history(exploitations, Exploitation, batch_size=BATCH)
    for exploitation, (_, _, _, ses_lieux) in zip(exploitations, demo.exploitations, strict=True):
        for lieu in ses_lieux:
            lieu.exploitation_id = exploitation.pk
            lieux.append(lieu)
    bulk_create_with_history(lieux, LieuExploitation, batch_size=BATCH)
    synthese.actualiser([p.pk for p in personnes])  # bulk writes send no signal
    evenements, consentements = _creer_faits(
        demo, personnes, exploitations, evenements_par_personne, consentements_par_personne
    )
    bulk_create_with_history(journal, EntreeJournal, batch_size=BATCH)
    # signalements/demo.py (lier_personnes) links the potential victims to these persons.
    gen.store["accompagnement.personnes_des_victimes"] = [(ps_pk, personnes[idx].pk) for ps_pk, idx in liens]
    gen.store["personnes"] = [p.pk for p in personnes]
    gen.store["affaires"] = [a.pk for a in affaires]
    gen.log(
        f"accompagnement: {len(personnes)} persons, {len(periodes)} support periods, {len(affaires)} cases, "
        f"{len(lieux)} places, {len(evenements)} path events, {len(consentements)} consents to transfer, "
        f"{len(journal)} journal entries"
    )
