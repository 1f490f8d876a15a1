from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeDocument(models.TextChoices):
    IDENTITE = "identite", _("Identity document")
    RECEPISSE_TITRE = "recepisse_titre", _("Receipt or residence permit")
    DECISION_JUSTICE = "decision_justice", _("Court or administrative decision")
    CERTIFICAT_MEDICAL = "certificat_medical", _("Medical certificate")
    BULLETIN_PAIE = "bulletin_paie", _("Pay slip")
    CONSENTEMENT = "consentement", _("Signed consent")
    COURRIER = "courrier", _("Letter")
    AUTRE = "autre", _("Other")


class Unite(models.TextChoices):
    """The unit a document belongs to; each value is the permission section that reads it
    (comptes.permissions.RULES). The psychologist's documents are sealed like her notes."""

    ACCOMPAGNEMENT = "accompagnement", _("Case file (every unit following the person)")
    SIGNALEMENTS = "signalements", _("Reception (report)")
    PSYCHOSOCIAL = "psychosocial", _("Psycho-social unit")
    PSY = "psychosocial.psy", _("Psychologist (sealed)")
    JURIDIQUE = "juridique", _("Legal unit")


class Cible(models.TextChoices):
    """What a document is attached to (exactly one), as named in the upload URL."""

    PERSONNE = "personne", _("person")
    SIGNALEMENT = "signalement", _("report")
    PROCEDURE = "procedure", _("proceedings")
    TITRE_SEJOUR = "titre_sejour", _("residence permit")


# The units a document of each kind of record may belong to; the record's own section must let
# the reader in too (a proceeding's documents are the legal unit's).
UNITES_PAR_CIBLE = {
    Cible.PERSONNE: (Unite.ACCOMPAGNEMENT, Unite.PSYCHOSOCIAL, Unite.PSY, Unite.JURIDIQUE),
    Cible.SIGNALEMENT: (Unite.SIGNALEMENTS,),
    Cible.PROCEDURE: (Unite.JURIDIQUE,),
    Cible.TITRE_SEJOUR: (Unite.JURIDIQUE,),
}
SECTION_CIBLE = {
    Cible.PERSONNE: "accompagnement",
    Cible.SIGNALEMENT: "signalements",
    Cible.PROCEDURE: "juridique",
    Cible.TITRE_SEJOUR: "juridique",
}
