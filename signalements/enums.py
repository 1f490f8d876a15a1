from django.db import models
from django.utils.translation import gettext_lazy as _

from accompagnement.enums import SourceAffaire


class Canal(models.TextChoices):
    TELEPHONE = "telephone", _("Phone")
    EMAIL = "email", _("E-mail")
    COURRIER = "courrier", _("Letter")
    VISITE = "visite", _("Visit to the office")
    FORMULAIRE = "formulaire", _("Website form")
    PARTENAIRE = "partenaire", _("Partner meeting")
    AUTRE = "autre", _("Other")


# Who reported (the unified B1/B3 list of indicateurs.md): the same list says who brought a case
# recorded without a report, so it is defined once, where cases live.
SourceType = SourceAffaire


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
