"""Kinds of proceedings, stages, decisions and residence permits, as the legal unit names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeProcedure(models.TextChoices):
    PENAL = "penal", _("Criminal")
    CPH = "cph", _("Labour court (CPH)")
    CIVI = "civi", _("Compensation: CIVI")
    SARVI = "sarvi", _("Compensation: SARVI")
    ASILE = "asile", _("Asylum")
    SEJOUR = "sejour", _("Residence status (prefecture)")
    AUTRE = "autre", _("Administrative court / other")
    INDEMNISATION_AUTRE = "indemnisation_autre", _("Compensation: other body / being prepared")


# Compensation proceedings (indemnisation_* figures, B26): the two bodies, and any other or not chosen yet (INC-7).
INDEMNISATION = {TypeProcedure.CIVI, TypeProcedure.SARVI, TypeProcedure.INDEMNISATION_AUTRE}


class TypeEtape(models.TextChoices):
    # Criminal
    PREPARATION_PLAINTE = "preparation_plainte", _("Complaint being prepared")
    PLAINTE = "plainte", _("Complaint filed")
    ENQUETE_PRELIMINAIRE = "enquete_preliminaire", _("Preliminary investigation")
    PCPC = "pcpc", _("Civil-party complaint (PCPC) filed")
    INSTRUCTION = "instruction", _("Judicial investigation (instruction)")
    AUDIENCE_1RE_INSTANCE = "audience_1re_instance", _("First-instance hearing")
    APPEL = "appel", _("Appeal lodged")
    AUDIENCE_APPEL = "audience_appel", _("Appeal hearing")
    CASSATION = "cassation", _("Appeal to the Court of cassation")
    CITATION_DIRECTE = "citation_directe", _("Direct summons (citation directe)")
    CLASSEMENT_SANS_SUITE = "classement_sans_suite", _("Case dismissed by the prosecutor (classement sans suite)")
    ORDONNANCE_RENVOI = "ordonnance_renvoi", _("Committal order (ordonnance de renvoi)")
    # Criminal and labour court
    OPPOSITION = "opposition", _("Objection to a judgment by default (opposition)")
    JUGEMENT = "jugement", _("Judgment")
    ARRET_APPEL = "arret_appel", _("Appeal court ruling")
    # Labour court
    SAISINE_CPH = "saisine_cph", _("Referral to the labour court")
    REFERE = "refere", _("Summary proceedings (référé)")
    AUDIENCE_CPH = "audience_cph", _("Labour court hearing")
    # Compensation
    DEMANDE_INDEMNISATION = "demande_indemnisation", _("Compensation claim filed")
    AUDIENCE_CIVI = "audience_civi", _("CIVI hearing")
    RECOUVREMENT = "recouvrement", _("Recovery of sums")
    # Compensation, asylum, residence
    PREPARATION_DEMANDE = "preparation_demande", _("Application being prepared")
    # Asylum
    DEMANDE_OFPRA = "demande_ofpra", _("Asylum application at OFPRA")
    ENTRETIEN_OFPRA = "entretien_ofpra", _("OFPRA interview")
    RECOURS_CNDA = "recours_cnda", _("Appeal to the CNDA")
    AUDIENCE_CNDA = "audience_cnda", _("CNDA hearing")
    DECISION_OFPRA = "decision_ofpra", _("OFPRA decision")
    DECISION_CNDA = "decision_cnda", _("CNDA decision")
    # Any kind
    DECISION_DEFINITIVE = "decision_definitive", _("Final decision")
    REPRISE_SUIVI = "reprise_suivi", _("Follow-up resumed")
    RECOURS = "recours", _("Application / appeal filed")
    AUDIENCE = "audience", _("Other hearing")
    ECHEANCE = "echeance", _("Deadline")
    AUTRE = "autre", _("Other event")


# Which kinds each proceeding offers (the form shows these; the generic ones apply to all).
GENERIQUES = [
    TypeEtape.AUDIENCE, TypeEtape.ECHEANCE, TypeEtape.DECISION_DEFINITIVE, TypeEtape.REPRISE_SUIVI, TypeEtape.AUTRE,
]  # fmt: skip
ETAPES_PAR_TYPE = {
    TypeProcedure.PENAL: [
        TypeEtape.PREPARATION_PLAINTE, TypeEtape.PLAINTE, TypeEtape.ENQUETE_PRELIMINAIRE,
        TypeEtape.CLASSEMENT_SANS_SUITE, TypeEtape.PCPC, TypeEtape.CITATION_DIRECTE, TypeEtape.INSTRUCTION,
        TypeEtape.ORDONNANCE_RENVOI, TypeEtape.AUDIENCE_1RE_INSTANCE, TypeEtape.JUGEMENT, TypeEtape.OPPOSITION,
        TypeEtape.APPEL, TypeEtape.AUDIENCE_APPEL, TypeEtape.ARRET_APPEL, TypeEtape.CASSATION,
    ],
    TypeProcedure.CPH: [
        TypeEtape.SAISINE_CPH, TypeEtape.REFERE, TypeEtape.AUDIENCE_CPH, TypeEtape.JUGEMENT, TypeEtape.OPPOSITION,
        TypeEtape.APPEL, TypeEtape.AUDIENCE_APPEL, TypeEtape.ARRET_APPEL,
    ],
    TypeProcedure.CIVI: [
        TypeEtape.PREPARATION_DEMANDE, TypeEtape.DEMANDE_INDEMNISATION, TypeEtape.AUDIENCE_CIVI,
        TypeEtape.RECOUVREMENT,
    ],
    TypeProcedure.SARVI: [TypeEtape.PREPARATION_DEMANDE, TypeEtape.DEMANDE_INDEMNISATION, TypeEtape.RECOUVREMENT],
    TypeProcedure.INDEMNISATION_AUTRE: [
        TypeEtape.PREPARATION_DEMANDE, TypeEtape.DEMANDE_INDEMNISATION, TypeEtape.RECOUVREMENT,
    ],
    TypeProcedure.ASILE: [
        TypeEtape.PREPARATION_DEMANDE, TypeEtape.DEMANDE_OFPRA, TypeEtape.ENTRETIEN_OFPRA, TypeEtape.DECISION_OFPRA,
        TypeEtape.RECOURS_CNDA, TypeEtape.AUDIENCE_CNDA, TypeEtape.DECISION_CNDA,
    ],
    TypeProcedure.SEJOUR: [TypeEtape.PREPARATION_DEMANDE, TypeEtape.RECOURS],
    TypeProcedure.AUTRE: [TypeEtape.RECOURS],
}  # fmt: skip

# Hearings: shown in the calendar and the feed with a time and a court room.
AUDIENCES = {
    TypeEtape.AUDIENCE_1RE_INSTANCE, TypeEtape.AUDIENCE_APPEL, TypeEtape.AUDIENCE_CPH, TypeEtape.REFERE,
    TypeEtape.AUDIENCE_CIVI, TypeEtape.ENTRETIEN_OFPRA, TypeEtape.AUDIENCE_CNDA, TypeEtape.AUDIENCE,
}  # fmt: skip

# Stages dated ahead of time (a hearing to come, a deadline): the others are recorded once they happened.
ETAPES_PLANIFIEES = AUDIENCES | {TypeEtape.ECHEANCE}


class Stade(models.TextChoices):
    """Where a proceeding stands after a step: derived from the step's kind (STADE_PAR_TYPE) unless
    the step states it (`Etape.stade_apres`, e.g. from a history sheet), which then wins."""

    # Criminal (B24)
    PREPARATION_PLAINTE = "preparation_plainte", _("Complaint being prepared")
    ENQUETE_PRELIMINAIRE = "enquete_preliminaire", _("Preliminary investigation")
    CLASSEMENT_SANS_SUITE = "classement_sans_suite", _("Case dismissed (classement sans suite)")
    INSTRUCTION = "instruction", _("Judicial investigation (instruction)")
    # Criminal and labour court
    PREMIERE_INSTANCE = "premiere_instance", _("First instance")
    APPEL = "appel", _("Appeal")
    CASSATION = "cassation", _("Cassation")
    # Asylum (B28)
    PREPARATION_DEMANDE = "preparation_demande", _("Application being prepared")
    OFPRA = "ofpra", _("Pending at OFPRA")
    DECISION_OFPRA = "decision_ofpra", _("Decided by OFPRA")
    CNDA = "cnda", _("Pending at the CNDA")
    DECISION_CNDA = "decision_cnda", _("Decided by the CNDA")


S = Stade
# Criminal stages (B24): the latest one reached by 31/12 places the proceeding in one category.
# Filing a complaint puts the proceeding at the preliminary-investigation stage (the prosecutor's
# investigation follows it): the complaint itself is an event of its year, not a stage. A committal
# order (renvoi), like a direct summons, sends the proceeding to trial (first instance).
STADE_PENAL = {
    TypeEtape.PREPARATION_PLAINTE: S.PREPARATION_PLAINTE,
    TypeEtape.PLAINTE: S.ENQUETE_PRELIMINAIRE,
    TypeEtape.ENQUETE_PRELIMINAIRE: S.ENQUETE_PRELIMINAIRE,
    TypeEtape.CLASSEMENT_SANS_SUITE: S.CLASSEMENT_SANS_SUITE,
    TypeEtape.PCPC: S.INSTRUCTION,
    TypeEtape.INSTRUCTION: S.INSTRUCTION,
    TypeEtape.CITATION_DIRECTE: S.PREMIERE_INSTANCE,
    TypeEtape.ORDONNANCE_RENVOI: S.PREMIERE_INSTANCE,
    TypeEtape.AUDIENCE_1RE_INSTANCE: S.PREMIERE_INSTANCE,
    TypeEtape.JUGEMENT: S.PREMIERE_INSTANCE,
    TypeEtape.OPPOSITION: S.PREMIERE_INSTANCE,
    TypeEtape.APPEL: S.APPEL,
    TypeEtape.AUDIENCE_APPEL: S.APPEL,
    TypeEtape.ARRET_APPEL: S.APPEL,
    TypeEtape.CASSATION: S.CASSATION,
}
# Order of the criminal stages: a person with several proceedings counts at the most advanced one;
# a dismissed proceeding counts only when the person has no other one under way.
RANG_STADE_PENAL = [
    "classement_sans_suite", "preparation_plainte", "enquete_preliminaire", "instruction", "premiere_instance",
    "appel", "cassation",
]  # fmt: skip

STADE_CPH = {
    TypeEtape.SAISINE_CPH: S.PREMIERE_INSTANCE,
    TypeEtape.AUDIENCE_CPH: S.PREMIERE_INSTANCE,
    TypeEtape.JUGEMENT: S.PREMIERE_INSTANCE,
    TypeEtape.OPPOSITION: S.PREMIERE_INSTANCE,
    TypeEtape.APPEL: S.APPEL,
    TypeEtape.AUDIENCE_APPEL: S.APPEL,
    TypeEtape.ARRET_APPEL: S.APPEL,
}

STADE_ASILE = {
    TypeEtape.PREPARATION_DEMANDE: S.PREPARATION_DEMANDE,
    TypeEtape.DEMANDE_OFPRA: S.OFPRA,
    TypeEtape.ENTRETIEN_OFPRA: S.OFPRA,
    TypeEtape.DECISION_OFPRA: S.DECISION_OFPRA,
    TypeEtape.RECOURS_CNDA: S.CNDA,
    TypeEtape.AUDIENCE_CNDA: S.CNDA,
    TypeEtape.DECISION_CNDA: S.DECISION_CNDA,
}

# Step kind -> stage, per kind of proceedings; the stages a step of that kind may state.
STADE_PAR_TYPE = {TypeProcedure.PENAL: STADE_PENAL, TypeProcedure.CPH: STADE_CPH, TypeProcedure.ASILE: STADE_ASILE}
STADES_PAR_TYPE = {
    TypeProcedure.PENAL: [S(code) for code in RANG_STADE_PENAL],
    TypeProcedure.CPH: [S.PREMIERE_INSTANCE, S.APPEL, S.CASSATION],
    TypeProcedure.ASILE: [S.PREPARATION_DEMANDE, S.OFPRA, S.DECISION_OFPRA, S.CNDA, S.DECISION_CNDA],
}


class NiveauDecision(models.TextChoices):
    PREMIERE_INSTANCE = "1", _("First instance")
    APPEL = "2", _("Appeal")
    CASSATION = "3", _("Cassation")
    ADMINISTRATIVE = "0", _("Administrative body (OFPRA, CIVI, prefecture…)")
    CNDA = "4", _("CNDA (National Court of Asylum)")


class NatureDecision(models.TextChoices):
    CONDAMNATION_TRAITE = "condamnation_traite", _("Conviction for trafficking in human beings")
    CONDAMNATION_AUTRE = "condamnation_autre", _("Conviction for another offence")
    RELAXE = "relaxe", _("Acquittal")
    CLASSEMENT = "classement", _("Case dismissed (classement sans suite)")
    NON_LIEU = "non_lieu", _("No grounds to proceed (non-lieu)")
    RENVOI = "renvoi", _("Committal for trial")
    FAVORABLE = "favorable", _("Claims granted (in full or in part)")
    REJET = "rejet", _("Rejection")
    PROTECTION_SUBSIDIAIRE = "protection_subsidiaire", _("Subsidiary protection granted")
    STATUT_REFUGIE = "statut_refugie", _("Refugee status granted")
    EMPLOYEUR_CONDAMNE = "employeur_condamne", _("Employer ordered to pay")
    INDEMNISATION_VERSEE = "indemnisation_versee", _("Compensation paid")
    AUTRE = "autre", _("Other")


class TypeTitre(models.TextChoices):
    L425_1 = "l425_1", _("L425-1 “trafficking” permit")
    L423_3 = "l423_3", _("L423-3 resident card (after conviction)")
    AUTRE = "autre", _("Other residence permit")
    RECEPISSE = "recepisse", _("Receipt (récépissé)")


class IssueTitre(models.TextChoices):
    EN_ATTENTE = "en_attente", _("Waiting for a decision")
    ACCORDE = "accorde", _("Granted")
    REFUSE = "refuse", _("Refused")
    ABANDONNE = "abandonne", _("Withdrawn")


# --- Categories of the report's breakdowns (codes of repartition_b24 … b29, labels for the report) ---


class CategorieB24(models.TextChoices):
    PREPARATION_PLAINTE = "preparation_plainte", _("Complaint being prepared")
    ENQUETE_PRELIMINAIRE = "enquete_preliminaire", _("Preliminary investigation (incl. complaint filed)")
    CLASSEMENT_SANS_SUITE = "classement_sans_suite", _("Case dismissed (classement sans suite)")
    INSTRUCTION = "instruction", _("Judicial investigation (incl. PCPC filed)")
    PREMIERE_INSTANCE = "premiere_instance", _("First instance")
    APPEL = "appel", _("Appeal")
    CASSATION = "cassation", _("Cassation")
    INCONNU = "inconnu", _("No stage recorded")


class CategorieB25(models.TextChoices):
    NOUVELLES_SAISINES = "nouvelles_saisines", _("New referrals")
    EN_COURS = "en_cours_1ere_instance", _("Proceedings under way at first instance")
    DECISIONS = "decisions_1ere_instance", _("First-instance decisions")


class CategorieB26(models.TextChoices):
    CIVI = "civi", _("Before the CIVI")
    SARVI = "sarvi", _("Before the SARVI")
    AUTRE = "autre", _("Other / being prepared")


class CategorieB27(models.TextChoices):
    L425_1_PREMIER = "l425_1_premier", _("First L425-1 permits obtained")
    L425_1_HORS_PREMIER = "l425_1_hors_premier", _("L425-1 holders (excluding first-time)")
    L423_3 = "l423_3", _("L423-3 resident cards")
    L423_3_EN_COURS = "l423_3_en_cours", _("L423-3 applications pending")
    AUTRES = "autres_recepisses", _("Other permits or receipts")
    AUTRES_PREMIERS = "autres_recepisses_premiers", _("of which first permits or receipts")
    AUTRE = "autre", _("Other persons followed (waiting, refused…)")


class CategorieB28(models.TextChoices):
    OFPRA = "ofpra_en_cours", _("Applications pending at OFPRA")
    CNDA = "audiences_cnda", _("CNDA hearings")
    PROTECTIONS_SUBSIDIAIRES = "protections_subsidiaires", _("Subsidiary protections granted")
    STATUTS_REFUGIE = "statuts_refugie", _("Refugee statuses granted")
    AUTRE = "autre", _("Other")


class CategorieB29(models.TextChoices):
    MOINS_5 = "moins_5_ans", _("Less than 5 years")
    DE_5_A_10 = "5_10_ans", _("5 to 10 years")
    PLUS_10 = "plus_10_ans", _("More than 10 years")
    INCONNU = "inconnu", _("Not recorded")
