"""Demo reports shaped on the published figures (2023–2024) × gen.echelle.

Per year at scale 1: about 390 reports; ~57 % reach the questionnaire, ~25 % the identification
interview, ~17 % lead to support (mostly one person, some collective situations, and now and then
a large collective case); the others are re-referred or closed without follow-up; the last weeks'
reports are still in progress. The supported reports are handed to accompagnement/demo.py through
gen.store["signalements.accompagnes"], which creates the persons and their support periods;
`lier_personnes` then links each potential victim to the person created for it.
"""

import datetime
import random

from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accompagnement.demo import (
    AUTRES_DEPARTEMENTS,
    DEPARTEMENTS_FAITS,
    NATIONALITES,
    SECTEURS,
    formes_du_secteur,
    tirage,
)
from accompagnement.enums import Sexe
from accompagnement.models import cle_recherche
from comptes.permissions import Role

from . import enums
from .models import Entretien, PersonneSignalee, Signalement

BATCH = 2000
SOURCES = {
    enums.SourceType.ASSOCIATION: 30, enums.SourceType.AUTRE_VICTIME: 15, enums.SourceType.AUTO_SIGNALEMENT: 19,
    enums.SourceType.PARTICULIER: 9, enums.SourceType.FAMILLE: 5, enums.SourceType.AVOCAT: 6,
    enums.SourceType.INSPECTION_TRAVAIL: 6, enums.SourceType.ENQUETEURS: 3, enums.SourceType.INSTITUTION: 3,
    enums.SourceType.CONSULAT: 1, enums.SourceType.SANTE: 2, enums.SourceType.AUTRE: 1,
}  # fmt: skip
ORGANISMES = {
    enums.SourceType.ASSOCIATION: ["Secours Catholique", "France terre d'asile", "La Cimade", "CCAS de Paris",
                                   "Emmaüs Solidarité", "Médecins du Monde", "Aux captifs la libération"],
    enums.SourceType.AVOCAT: ["Cabinet Durand", "Cabinet Lefort & associés", "Maître Benali"],
    enums.SourceType.INSPECTION_TRAVAIL: ["DDETS de la Marne", "DRIEETS Île-de-France", "DDETS des Bouches-du-Rhône"],
    enums.SourceType.ENQUETEURS: ["OCLTI", "Brigade de protection des mineurs", "Gendarmerie de Reims"],
    enums.SourceType.INSTITUTION: ["OFII", "Préfecture de police", "MIPROF", "Défenseur des droits"],
    enums.SourceType.CONSULAT: ["Ambassade des Philippines", "Consulat du Maroc"],
    enums.SourceType.SANTE: ["Hôpital Avicenne", "PASS de l'hôpital Saint-Louis"],
}  # fmt: skip
CANAUX = {enums.Canal.TELEPHONE: 45, enums.Canal.EMAIL: 30, enums.Canal.FORMULAIRE: 10, enums.Canal.VISITE: 6,
          enums.Canal.PARTENAIRE: 6, enums.Canal.COURRIER: 3}  # fmt: skip
REORIENTATIONS = {
    enums.TypeReorientation.AUTRE_TRAITE: 20, enums.TypeReorientation.DROIT_TRAVAIL: 30,
    enums.TypeReorientation.DROIT_ETRANGERS: 20, enums.TypeReorientation.SERVICES_SOCIAUX: 15,
    enums.TypeReorientation.HORS_MANDAT: 10, enums.TypeReorientation.AUTRE: 5,
}  # fmt: skip
STRUCTURES = ["Ac.Sé", "Amicale du Nid", "CGT", "Inspection du travail", "La Cimade", "GISTI", "CASP", "Service social"]
SANS_SUITE = {enums.MotifSansSuite.PAS_CONSENTEMENT: 25, enums.MotifSansSuite.INJOIGNABLE: 35,
              enums.MotifSansSuite.HORS_MANDAT: 15, enums.MotifSansSuite.INFORMATIONS_INSUFFISANTES: 20,
              enums.MotifSansSuite.AUTRE: 5}  # fmt: skip


def date_dans(rng, annee: int, fin: datetime.date) -> datetime.date:
    debut = datetime.date(annee, 1, 1)
    return debut + datetime.timedelta(days=rng.randint(0, max(0, (fin - debut).days)))


def lieu_des_faits(rng) -> tuple[str, str]:
    if rng.random() < 0.05:
        return "", rng.choice(["ES", "IT", "BE", "AE", "SA", "LB", "MC", "GB"])
    if rng.random() < 0.76:
        return tirage(rng, DEPARTEMENTS_FAITS), "FR"
    return rng.choice(AUTRES_DEPARTEMENTS), "FR"


def nombre_de_personnes(rng, accompagne: bool, collectif_annee: bool) -> int:
    if accompagne and collectif_annee:
        return rng.randint(15, 40)
    if rng.random() < 0.04:
        return rng.randint(2, 4)
    return 1


def generer(gen) -> None:
    rng, faker = gen.rng, gen.faker
    aujourd_hui = timezone.localdate()
    accueil = gen.utilisateurs.get(Role.ACCUEIL) or gen.utilisateurs.get(Role.DIRECTION) or []
    accompagnes, totaux = [], [0, 0]
    for annee in gen.annees:
        signalements, victimes, entretiens = [], [], []
        fin = min(datetime.date(annee, 12, 31), aujourd_hui)
        if fin.year != annee:
            continue
        n = round(390 * gen.echelle * rng.uniform(0.92, 1.05))
        # A large collective case now and then (several dozen persons in one report).
        collectif = rng.random() < 0.25
        for i in range(n):
            reception = date_dans(rng, annee, fin)
            recent = (fin - reception).days < 45 and fin == aujourd_hui
            tirage_etape = rng.random()
            etape = (
                enums.Etape.ENTRETIEN if tirage_etape < 0.25
                else enums.Etape.QUESTIONNAIRE if tirage_etape < 0.57 else enums.Etape.RECU
            )  # fmt: skip
            if etape == enums.Etape.ENTRETIEN:
                decision = enums.Decision.ACCOMPAGNEMENT if rng.random() < 0.66 else enums.Decision.REORIENTATION
            elif etape == enums.Etape.QUESTIONNAIRE:
                decision = enums.Decision.REORIENTATION if rng.random() < 0.5 else enums.Decision.SANS_SUITE
            else:
                decision = enums.Decision.SANS_SUITE if rng.random() < 0.55 else enums.Decision.REORIENTATION
            if recent and rng.random() < 0.7:
                decision = enums.Decision.EN_COURS
            consentement = (
                reception + datetime.timedelta(days=rng.randint(0, 10)) if etape != enums.Etape.RECU else None
            )
            questionnaire = consentement + datetime.timedelta(days=rng.randint(0, 7)) if consentement else None
            entretien_date = (
                questionnaire + datetime.timedelta(days=rng.randint(5, 40)) if etape == enums.Etape.ENTRETIEN else None
            )
            # A step is recorded once it has happened: one not reached by today leaves the report a step behind.
            if entretien_date and entretien_date > aujourd_hui:
                etape, entretien_date = enums.Etape.QUESTIONNAIRE, None
            if questionnaire and questionnaire > aujourd_hui:
                etape, consentement, questionnaire = enums.Etape.RECU, None, None
            derniere = entretien_date or questionnaire or reception
            date_decision = (
                None if decision == enums.Decision.EN_COURS else derniere + datetime.timedelta(days=rng.randint(1, 30))
            )
            if date_decision and date_decision > aujourd_hui:
                date_decision, decision = None, enums.Decision.EN_COURS
            source = tirage(rng, SOURCES)
            departement, pays = lieu_des_faits(rng)
            agent = rng.choice(accueil) if accueil else None
            signalements.append(
                Signalement(
                    reference=f"S-{annee}-{i + 1:04d}",
                    date_reception=reception,
                    canal=tirage(rng, CANAUX),
                    source_type=source,
                    source_organisation=rng.choice(ORGANISMES.get(source, [""])),
                    source_contact=faker.name() + " – " + faker.phone_number() if rng.random() < 0.8 else "",
                    secteur_presume=tirage(rng, SECTEURS) if rng.random() < 0.85 else "",
                    departement_faits=departement,
                    pays_faits=pays,
                    description=faker.paragraph(nb_sentences=3),
                    consentement_date=consentement,
                    consentement_recueilli_par=agent if consentement else None,
                    etape=etape,
                    date_questionnaire=questionnaire,
                    questionnaire_par=agent if questionnaire else None,
                    decision=decision,
                    date_decision=date_decision,
                    decision_par=agent if date_decision else None,
                    type_reorientation=tirage(rng, REORIENTATIONS) if decision == enums.Decision.REORIENTATION else "",
                    structure_reorientation=rng.choice(STRUCTURES) if decision == enums.Decision.REORIENTATION else "",
                    motif_sans_suite=tirage(rng, SANS_SUITE) if decision == enums.Decision.SANS_SUITE else "",
                    charge_par=agent,
                    cree_par=agent,
                )
            )
            accompagne = decision == enums.Decision.ACCOMPAGNEMENT
            nb = nombre_de_personnes(rng, accompagne, collectif)
            collectif = collectif and not (accompagne and nb > 6)
            nationalite = tirage(rng, NATIONALITES)
            groupe = []
            for _ in range(nb):
                sexe = Sexe.FEMME if rng.random() < (0.75 - 0.035 * (annee - 2015)) else Sexe.HOMME
                nom = faker.last_name()
                prenom = faker.first_name_female() if sexe == Sexe.FEMME else faker.first_name_male()
                age = rng.randint(16, 62) if rng.random() < 0.8 else None
                groupe.append(
                    PersonneSignalee(
                        nom=nom if rng.random() < 0.9 else "",
                        prenom=prenom,
                        sexe=sexe,
                        age=age,
                        annee_naissance=reception.year - age if age and rng.random() < 0.5 else None,
                        nationalite=nationalite if nb > 1 else tirage(rng, NATIONALITES),
                        telephone=faker.phone_number() if rng.random() < 0.6 else "",
                        cle_recherche=cle_recherche(nom, prenom),
                    )
                )
            victimes.append(groupe)
            entretiens.append(
                [(entretien_date, enums.TypeEntretien.IDENTIFICATION)]
                + (
                    [
                        (
                            entretien_date - datetime.timedelta(days=rng.randint(1, 4)),
                            enums.TypeEntretien.APPROFONDISSEMENT,
                        )
                    ]
                    if entretien_date and rng.random() < 0.3
                    else []
                )  # fmt: skip
                if entretien_date
                else []
            )
        _enregistrer(gen, signalements, victimes, entretiens, accompagnes, totaux, accueil)
    gen.store["signalements.accompagnes"] = accompagnes
    gen.log(f"signalements: {totaux[0]} reports, {totaux[1]} potential victims, {len(accompagnes)} supported")


def _formes_presumees(signalements) -> None:
    """The forms of exploitation presumed at reception, from the presumed sector (two reports in three
    say them). A stream of its own, so that the rest of the demo data stays the same for a given seed."""
    rng = random.Random(len(signalements) + 18)
    for signalement in signalements:
        if signalement.secteur_presume and rng.random() < 0.67:
            signalement.formes_presumees = formes_du_secteur(rng, signalement.secteur_presume)


def _enregistrer(gen, signalements, victimes, entretiens, accompagnes, totaux, accueil) -> None:
    rng, faker = gen.rng, gen.faker
    _formes_presumees(signalements)
    crees = bulk_create_with_history(signalements, Signalement, batch_size=BATCH)
    lignes_victimes, lignes_entretiens = [], []
    for signalement, groupe, ses_entretiens in zip(crees, victimes, entretiens, strict=True):
        for ps in groupe:
            ps.signalement_id = signalement.pk
            lignes_victimes.append(ps)
        if accueil:
            for date, type_ in ses_entretiens:
                lignes_entretiens.append(
                    Entretien(signalement_id=signalement.pk, date=date, type=type_, mene_par=rng.choice(accueil),
                              compte_rendu=faker.sentence(nb_words=12))
                )  # fmt: skip
    lignes_victimes = bulk_create_with_history(lignes_victimes, PersonneSignalee, batch_size=BATCH)
    bulk_create_with_history(lignes_entretiens, Entretien, batch_size=BATCH)
    par_signalement: dict[int, list[dict]] = {}
    for ps in lignes_victimes:  # what accompagnement/demo.py needs to create the person
        victime = {"pk": ps.pk, "sexe": ps.sexe, "nom": ps.nom, "prenom": ps.prenom, "nationalite": str(ps.nationalite)}
        par_signalement.setdefault(ps.signalement_id, []).append(victime)
    for signalement in crees:
        if signalement.decision == enums.Decision.ACCOMPAGNEMENT:
            accompagnes.append(
                {
                    "signalement": signalement.pk,
                    "date": signalement.date_decision,
                    "victimes": par_signalement[signalement.pk],
                    "secteur": signalement.secteur_presume,
                    "departement": signalement.departement_faits,
                    "pays": str(signalement.pays_faits),
                }
            )
    totaux[0] += len(crees)
    totaux[1] += len(lignes_victimes)


def lier_personnes(gen) -> None:
    """Link the potential victims of the supported reports to the persons accompagnement/demo.py
    created for them (gen.store["accompagnement.personnes_des_victimes"]: (victim id, person id))."""
    liens = dict(gen.store.get("accompagnement.personnes_des_victimes", []))
    victimes = PersonneSignalee.objects.in_bulk(list(liens))
    for pk, victime in victimes.items():
        victime.personne_id = liens[pk]
    bulk_update_with_history(list(victimes.values()), PersonneSignalee, ["personne"], batch_size=BATCH)
