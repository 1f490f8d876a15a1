from django.db import models
from django.utils.translation import gettext_lazy as _


class Canal(models.TextChoices):
    TELEPHONE = "telephone", _("Phone")
    EMAIL = "email", _("E-mail")
    COURRIER = "courrier", _("Letter")
    VISITE = "visite", _("Visit to the office")
    FORMULAIRE = "formulaire", _("Website form")
    PARTENAIRE = "partenaire", _("Partner meeting")
    AUTRE = "autre", _("Other")


class SourceType(models.TextChoices):
    """Who reported: the unified B1/B3 list of indicateurs.md."""

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


class Etape(models.TextChoices):
    """Steps of the analysis, in order: a report only moves forward."""

    RECU = "recu", _("First information")
    QUESTIONNAIRE = "questionnaire", _("Written questionnaire")
    ENTRETIEN = "entretien", _("Identification interview")


ORDRE_ETAPES = [Etape.RECU, Etape.QUESTIONNAIRE, Etape.ENTRETIEN]


class Decision(models.TextChoices):
    EN_COURS = "en_cours", _("In progress")
    ACCOMPAGNEMENT = "accompagnement", _("Supported by the CCEM")
    REORIENTATION = "reorientation", _("Re-referred")
    SANS_SUITE = "sans_suite", _("No follow-up")


class TypeReorientation(models.TextChoices):
    """B2: nature of the re-referral."""

    AUTRE_TRAITE = "autre_forme_traite", _("Specialised association, other form of trafficking (e.g. Ac.Sé)")
    DROIT_TRAVAIL = "droit_du_travail", _("Union / Labour Inspectorate / lawyer (labour dispute)")
    DROIT_ETRANGERS = "droit_des_etrangers", _("Association for foreigners' rights")
    SERVICES_SOCIAUX = "services_sociaux", _("Mainstream social services")
    HORS_MANDAT = "hors_mandat", _("Outside the mandate")
    AUTRE = "autre", _("Other")


class MotifSansSuite(models.TextChoices):
    PAS_CONSENTEMENT = "pas_consentement", _("The person did not agree")
    INJOIGNABLE = "injoignable", _("The person could not be reached")
    HORS_MANDAT = "hors_mandat", _("Outside the mandate, no structure to refer to")
    INFORMATIONS_INSUFFISANTES = "informations_insuffisantes", _("Not enough information")
    AUTRE = "autre", _("Other")


class TypeEntretien(models.TextChoices):
    APPROFONDISSEMENT = "approfondissement", _("In-depth interview")
    IDENTIFICATION = "identification", _("Identification interview")
