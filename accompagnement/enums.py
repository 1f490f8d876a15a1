from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sexe(models.TextChoices):
    FEMME = "F", _("Woman")
    HOMME = "H", _("Man")
    AUTRE = "X", _("Other")


class TypeVisa(models.TextChoices):
    SAISONNIER = "saisonnier", _("Seasonal work visa")
    TOURISTE = "touriste", _("Tourist visa")
    DIPLOMATIQUE = "diplomatique", _("Diplomatic staff permit (special card)")
    ETUDIANT = "etudiant", _("Student visa")
    TRAVAIL = "travail", _("Work visa")
    FAMILIAL = "familial", _("Family visa")
    AUCUN = "aucun", _("No visa")
    AUTRE = "autre", _("Other")


class MotifCloture(models.TextChoices):
    AUTONOMIE = "autonomie", _("Autonomy")
    FIN_PROCEDURE = "fin_procedure", _("End of proceedings")
    IMPOSSIBLE = "impossible", _("Impossible to pursue")
    PERTE_CONTACT = "perte_contact", _("Loss of contact")
    DECES = "deces", _("Death")
    REORIENTATION = "reorientation", _("Re-referral")
    AUTRE = "autre", _("Other")


class Pole(models.TextChoices):
    ACCUEIL = "accueil", _("Reception")
    PSYCHOSOCIAL = "psychosocial", _("Psycho-social unit")
    JURIDIQUE = "juridique", _("Legal unit")
    PSY = "psy", _("Psychologist")


class TypeExploiteur(models.TextChoices):
    PARTICULIER = "particulier", _("Private individual")
    DIPLOMATE = "diplomate", _("Diplomat")
    ENTREPRISE = "entreprise", _("Company")
    RESEAU = "reseau", _("Network / several persons")
    AUTRE = "autre", _("Other")


class SourceAffaire(models.TextChoices):
    """Who brought the case to the CCEM (the codes of a report's source type, for cases recorded
    without a report, such as history)."""

    AUTO_SIGNALEMENT = "auto_signalement", _("Self-referral")
    AUTRE_VICTIME = "autre_victime", _("Another victim / community")
    ASSOCIATION = "association_service_social", _("Association or social service")
    PARTICULIER = "particulier_tiers", _("Private individual (neighbour…)")
    FAMILLE = "famille_proche", _("Family / close relation")
    AVOCAT = "avocat", _("Lawyer")
    INSPECTION_TRAVAIL = "inspection_du_travail", _("Labour Inspectorate")
    ENQUETEURS = "services_enquete", _("Investigators (police, gendarmerie, OCLTI)")
    INSTITUTION = "institution", _("Institution (OFII, prefecture, MIPROF…)")
    CONSULAT = "ambassade_consulat", _("Embassy / consulate")
    SANTE = "sante", _("Health services")
    AUTRE = "autre", _("Other")


class Secteur(models.TextChoices):
    """B9 sectors."""

    DOMESTIQUE = "travail_domestique", _("Domestic work")
    AGRICULTURE = "agriculture", _("Agriculture, fishing & farming")
    BTP = "btp", _("Construction")
    COMMERCE = "commerce", _("Convenience and small shops")
    HOTELLERIE = "hotellerie_restauration", _("Hotels & restaurants")
    SERVICES = "services", _("Services")
    ATELIERS = "ateliers", _("Workshops & crafts")
    SPECTACLES = "spectacles", _("Spectacles and shows")
    RUE = "rue", _("Street / roving activities")
    MENDICITE = "mendicite", _("Forced begging")
    DELITS = "delits", _("Forced criminality")
    AUTRE = "autre", _("Other")


class Hebergement(models.TextChoices):
    """Housing during exploitation: the first three mean dependence on the exploiter."""

    SUR_LIEU = "sur_lieu", _("On the exploitation site")
    DOMICILE_EXPLOITEUR = "domicile_exploiteur", _("At the exploiter's home")
    CONTROLE_EXPLOITEUR = "controle_exploiteur", _("Housing controlled by the exploiter")
    INDEPENDANT = "independant", _("Independent housing")
    RUE = "rue", _("On the street")
    AUTRE = "autre", _("Other")


DEPENDANCE_HEBERGEMENT = {Hebergement.SUR_LIEU, Hebergement.DOMICILE_EXPLOITEUR, Hebergement.CONTROLE_EXPLOITEUR}
LOGE_SUR_LIEU = {Hebergement.SUR_LIEU, Hebergement.DOMICILE_EXPLOITEUR}
# What a kind of housing says for sure of the two facts recorded apart (housed by the exploiter,
# housed on the place of exploitation); None = it does not say (the exploiter's home may or may not
# be where the person worked). The figures read a fact left unknown from the kind, as before the split.
FAITS_HEBERGEMENT = {
    Hebergement.SUR_LIEU: (True, True),
    Hebergement.DOMICILE_EXPLOITEUR: (True, None),
    Hebergement.CONTROLE_EXPLOITEUR: (True, None),
    Hebergement.INDEPENDANT: (False, None),
    Hebergement.RUE: (False, None),
    Hebergement.AUTRE: (None, None),
}


class Emprise(models.TextChoices):
    """B12 control methods (multi-valued)."""

    PROMESSE_HEBERGEMENT = "promesse_hebergement", _("Promises about accommodation")
    PROMESSE_REMUNERATION = "promesse_remuneration", _("False promises of pay")
    PROMESSE_REGULARISATION = "promesse_regularisation", _("False promises of legal status")
    PROMESSE_MARIAGE = "promesse_mariage", _("Promise of marriage")
    MARIAGE_SERVILE = "mariage_servile", _("Servile marriage")
    CONFISCATION_PAPIERS = "confiscation_papiers", _("Confiscated identity papers")
    DETTE = "dette", _("Debt")
    ADOPTION = "adoption", _("Adoption for exploitation")
    ISOLEMENT = "isolement", _("Isolation")
    MENACES = "menaces", _("Threats")
    # Methods the national survey, CTDC and HTCDS ask apart (issue 18).
    SUBSTANCES = "substances_psychoactives", _("Psychoactive substances")
    MENACE_AUTORITES = "menace_autorites", _("Threat of police or immigration authorities")
    MENACE_PROCHES = "menace_proches", _("Threats against children or family")
    GAINS_CONFISQUES = "gains_confisques", _("Earnings taken")
    ARGENT_RESTREINT = "acces_argent_restreint", _("Restricted access to money")
    SOINS_RESTREINTS = "soins_restreints", _("Restricted medical care")
    HORAIRES_EXCESSIFS = "horaires_excessifs", _("Excessive working hours")
    AUTRE = "autre", _("Other")


class Violence(models.TextChoices):
    """B13 violence suffered (multi-valued)."""

    SEXUELLES = "sexuelles", _("Sexual violence")
    PHYSIQUES = "physiques", _("Physical violence")
    PSYCHOLOGIQUES = "psychologiques_verbales", _("Psychological and verbal violence")
    PRIVATION_NOURRITURE = "privation_nourriture", _("Extreme food deprivation")


class FormeExploitation(models.TextChoices):
    """Form of exploitation, apart from the sector of work (multi-valued; survey, CTDC, HTCDS)."""

    TRAVAIL = "travail_force", _("Forced labour")
    DOMESTIQUE = "servitude_domestique", _("Domestic servitude")
    MENDICITE = "mendicite_forcee", _("Forced begging")
    CRIMINALITE = "criminalite_forcee", _("Forced criminality")
    MARIAGE = "mariage_force", _("Forced or servile marriage")
    SEXUELLE = "exploitation_sexuelle", _("Sexual exploitation")
    AUTRE = "autre", _("Other form of exploitation")


class RelationExploiteur(models.TextChoices):
    """The person's relation to the exploiter or recruiter before the facts (multi-valued)."""

    FAMILLE = "famille", _("Family member")
    PARTENAIRE = "partenaire_intime", _("Intimate partner")
    CONNAISSANCE = "ami_connaissance", _("Friend or acquaintance")
    AUCUN = "aucun_lien", _("No prior link")
    INCONNU = "inconnu", _("Relation unknown")


class ModeRecrutement(models.TextChoices):
    OFFRE_EMPLOI = "offre_emploi", _("Job offer")
    FAMILLE = "famille", _("Through the family")
    AMI = "ami_connaissance", _("Through a friend or acquaintance")
    INTERMEDIAIRE = "intermediaire", _("Intermediary or agency")
    EN_LIGNE = "en_ligne", _("Online")
    AUTRE = "autre", _("Other way of recruitment")


class TypeEvenement(models.TextChoices):
    """A place and time on the person's path (HTCDS "historic trafficking events")."""

    RECRUTEMENT = "recrutement", _("Recruitment")
    TRANSIT = "transit", _("Transit")
    EXPLOITATION = "exploitation", _("Exploitation")


class StatutAdministratif(models.TextChoices):
    FRANCAIS_UE = "francais_ue", _("French or EU national")
    TITRE_SEJOUR = "titre_sejour", _("Residence permit")
    RECEPISSE = "recepisse", _("Receipt (récépissé)")
    DEMANDEUR_ASILE = "demandeur_asile", _("Asylum seeker")
    IRREGULIER = "irregulier", _("No right of residence")


class StatutIdentification(models.TextChoices):
    PRESUMEE = "presumee", _("Presumed victim")
    IDENTIFIEE = "identifiee", _("Identified victim")


class Identificateur(models.TextChoices):
    """Who identified the person as a victim of trafficking."""

    CCEM = "ccem", _("The CCEM")
    POLICE = "police", _("Police or gendarmerie")
    JUSTICE = "justice", _("Court or prosecutor")
    INSPECTION_TRAVAIL = "inspection_travail", _("Labour inspectorate")
    AUTRE_ONG = "autre_ong", _("Another NGO")
    AUTRE = "autre", _("Other body")


class TypeEntreeJournal(models.TextChoices):
    ENTRETIEN = "entretien", _("Interview")
    APPEL = "appel", _("Phone call")
    ACCOMPAGNEMENT = "accompagnement", _("Accompaniment to an appointment")
    PROCEDURE = "procedure", _("Procedure step")
    NOTE = "note", pgettext_lazy("journal", "Note")


# Codes of the CVA's own kinds of collective activity: defined here, where the CVA figures read
# them, and used by psychosocial.enums.TYPES_CVA (the activities live in the psycho-social unit,
# which this module may not import).
ACTIVITE_SCOLAIRE_CVA = "scolaire_cva"
ACTIVITES_CVA = ("reunion_cva", "evenement_cva", ACTIVITE_SCOLAIRE_CVA)
