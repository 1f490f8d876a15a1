"""Choices of the psycho-social unit, labelled with the annual report's vocabulary."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accompagnement.enums import ACTIVITES_CVA


class Dispositif(models.TextChoices):
    """Where an emergency shelter stay takes place (B18)."""

    APPARTEMENT_FEMMES = "appartement_femmes", _("CCEM emergency flat for women")
    APPARTEMENT_HOMMES = "appartement_hommes", _("CCEM emergency flat for men")
    HOTEL = "hotel", _("Hotel")
    SOLIDAIRE = "solidaire", _("Solidarity housing with a host")
    ACSE = "acse", _("Ac.Sé secure placement")
    AUTRE = "autre", _("Other")


# The CCEM's own flats: their occupancy and capacity are managed in the app.
APPARTEMENTS = (Dispositif.APPARTEMENT_FEMMES, Dispositif.APPARTEMENT_HOMMES)


class SortieHebergement(models.TextChoices):
    """Where the person went when the stay ended (men's flat: "moved on to other shelters")."""

    STRUCTURE = "structure", _("Another shelter or emergency structure")
    LOGEMENT = "logement", _("Own housing / social housing")
    TIERS = "tiers", _("Housed by relatives or friends")
    CCEM = "ccem", _("Another CCEM arrangement")
    RUE = "rue", _("Street / no solution")
    AUTRE = "autre", _("Other")
    INCONNUE = "inconnue", _("Unknown")


class Domaine(models.TextChoices):
    LOGEMENT = "logement", _("Housing and shelter")
    SANTE = "sante", _("Health rights")
    INSERTION = "insertion", _("Professional integration")


class TypeDemarche(models.TextChoices):
    SIAO = "siao", _("Shelter / social-residence application (SIAO)")
    ACSE = "acse", _("Ac.Sé secure placement request")
    DALO = "dalo", _("DALO / DAHO procedure")
    LOGEMENT_SOCIAL = "logement_social", _("Social-housing application")
    MISE_ABRI_IT = "mise_abri_it", _("Sheltering with the Labour Inspectorate")
    INTERMEDIATION = "intermediation", _("Rental intermediation")
    AME = "ame", _("State Medical Aid (AME)")
    CSS = "css", _("Complémentaire santé solidaire (CSS)")
    SANTE_AUTRE = "sante_autre", _("Other health coverage")
    INSERTION = "insertion", _("Professional integration follow-up")
    FORMATION = "formation", _("Vocational training")
    FLE = "fle", _("French classes (FLE)")
    NUMERIQUE = "numerique", _("Digital-skills course")
    RECHERCHE_EMPLOI = "recherche_emploi", _("Active job-seeking (period)")


DOMAINE_DES_TYPES = {
    TypeDemarche.SIAO: Domaine.LOGEMENT,
    TypeDemarche.ACSE: Domaine.LOGEMENT,
    TypeDemarche.DALO: Domaine.LOGEMENT,
    TypeDemarche.LOGEMENT_SOCIAL: Domaine.LOGEMENT,
    TypeDemarche.MISE_ABRI_IT: Domaine.LOGEMENT,
    TypeDemarche.INTERMEDIATION: Domaine.LOGEMENT,
    TypeDemarche.AME: Domaine.SANTE,
    TypeDemarche.CSS: Domaine.SANTE,
    TypeDemarche.SANTE_AUTRE: Domaine.SANTE,
    TypeDemarche.INSERTION: Domaine.INSERTION,
    TypeDemarche.FORMATION: Domaine.INSERTION,
    TypeDemarche.FLE: Domaine.INSERTION,
    TypeDemarche.NUMERIQUE: Domaine.INSERTION,
    TypeDemarche.RECHERCHE_EMPLOI: Domaine.INSERTION,
}


def types_du_domaine(domaine: str) -> list[str]:
    return [t.value for t, d in DOMAINE_DES_TYPES.items() if d == domaine]


# Health-right applications are either new or renewals; the report splits them.
TYPES_AVEC_NATURE = {TypeDemarche.AME, TypeDemarche.CSS, TypeDemarche.SANTE_AUTRE}


class Nature(models.TextChoices):
    NOUVELLE = "nouvelle", _("New application")
    RENOUVELLEMENT = "renouvellement", _("Renewal")


class Resultat(models.TextChoices):
    EN_ATTENTE = "en_attente", _("Pending")
    POSITIF = "positif", _("Successful / favourable")
    NEGATIF = "negatif", _("Refused / unfavourable")
    ENTREE = "entree", _("Entered (housing, training, course)")
    EMPLOI = "emploi", _("Job found")
    RECHERCHE = "recherche", _("Actively job-seeking")
    ABANDON = "abandon", _("Dropped / withdrawn")
    SANS_REPONSE = "sans_reponse", _("No answer")


# Outcomes meaning that the step succeeded ("abouties").
RESULTATS_ABOUTIS = (Resultat.POSITIF, Resultat.ENTREE, Resultat.EMPLOI)
# Outcomes that close a step (an open step is one without these). An application left without
# answer is closed: nothing more is expected from it.
RESULTATS_CLOS = (
    Resultat.POSITIF, Resultat.NEGATIF, Resultat.ENTREE, Resultat.EMPLOI, Resultat.ABANDON, Resultat.SANS_REPONSE,
)  # fmt: skip


class TypeAide(models.TextChoices):
    ALIMENTATION = "alimentation", _("Food")
    TRANSPORT = "transport", _("Transport")
    EXCEPTIONNELLE = "exceptionnelle", _("Exceptional aid")
    AUTRE = "autre", _("Other")
    TICKETS_SERVICES = "tickets_services", _("Service vouchers (tickets-services)")


class MotifAideExceptionnelle(models.TextChoices):
    DEPLACEMENT = "deplacement", _("Travel for procedures")
    AUDIENCE = "audience", _("Court hearing")
    TIMBRES = "timbres", _("Tax stamps")
    PASSEPORT = "passeport", _("Passport / identity papers")
    AVOCAT = "avocat", _("Lawyer")
    SANTE = "sante", _("Health")
    AUTRE = "autre", _("Other")


class TypeConsultation(models.TextChoices):
    EVALUATION = "evaluation", _("Assessment / exploratory interview")
    SUIVI = "suivi", _("Follow-up")


class TypeOrientation(models.TextChoices):
    SANTE_MENTALE = "sante_mentale", _("Mental-health care")
    SOINS_SOMATIQUES = "soins_somatiques", _("Physical care")
    AUTRE = "autre", _("Other care")


class TypeActivite(models.TextChoices):
    ATELIER = "atelier", _("Group workshop")
    SOCIOCULTURELLE = "socioculturelle", _("Social & cultural activity")
    REUNION_CVA = "reunion_cva", _("CVA meeting")
    EVENEMENT_CVA = "evenement_cva", _("CVA event (open day, general meeting, meeting with officials…)")
    INTERVENTION_SCOLAIRE_CVA = "scolaire_cva", _("CVA members' testimony in a school")
    AUTRE = "autre", _("Other")


# The activities of the association life committee: a member who attended one in N is counted
# in `cva_membres`.
TYPES_CVA = tuple(TypeActivite(code) for code in ACTIVITES_CVA)


class PoleActivite(models.TextChoices):
    """The unit that ran a collective activity (the CVA is run by the reception and association-life unit)."""

    ACCUEIL = "accueil", _("Reception and association-life unit")
    PSYCHOSOCIAL = "psychosocial", _("Psycho-social unit")
    JURIDIQUE = "juridique", _("Legal unit")
    SENSIBILISATION = "sensibilisation", _("Awareness and training unit")


class Theme(models.TextChoices):
    DROIT_TRAVAIL = "droit_travail", _("Labour law")
    IMPOTS = "impots", _("Tax returns")
    SANTE = "sante", _("Health")
    LOGEMENT = "logement", pgettext_lazy("theme", "Housing")
    EMPLOI = "emploi", _("Employment")
    NUMERIQUE = "numerique", _("Digital skills")
    FRANCAIS = "francais", _("French language")
    CULTURE = "culture", _("Culture and leisure")
    CONVIVIALITE = "convivialite", _("Get-together")
    VIE_ASSOCIATIVE = "vie_associative", _("Association life")
    AUTRE = "autre", _("Other")
