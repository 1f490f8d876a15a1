"""Kinds of deadlines, units, urgency, and how a deadline was handled."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TypeEcheance(models.TextChoices):
    RECOURS = "recours", _("Appeal period")
    TITRE = "titre", _("Residence permit expiry")
    RECEPISSE = "recepisse", _("Receipt expiry")
    AUDIENCE = "audience", _("Hearing")
    ECHEANCE_PROCEDURE = "echeance_procedure", _("Deadline of a proceeding")
    DROIT_SANTE = "droit_sante", _("Health-right renewal")
    DOMICILIATION = "domiciliation", _("Domiciliation renewal")


class Pole(models.TextChoices):
    """The unit a deadline belongs to, named by its permission section."""

    JURIDIQUE = "juridique", _("Legal unit")
    PSYCHOSOCIAL = "psychosocial", _("Psycho-social unit")


POLE_DU_TYPE = {
    TypeEcheance.RECOURS: Pole.JURIDIQUE,
    TypeEcheance.TITRE: Pole.JURIDIQUE,
    TypeEcheance.RECEPISSE: Pole.JURIDIQUE,
    TypeEcheance.AUDIENCE: Pole.JURIDIQUE,
    TypeEcheance.ECHEANCE_PROCEDURE: Pole.JURIDIQUE,
    TypeEcheance.DROIT_SANTE: Pole.PSYCHOSOCIAL,
    TypeEcheance.DOMICILIATION: Pole.PSYCHOSOCIAL,
}

# Kinds the legal unit's calendar feed already carries as stages of the proceedings.
TYPES_DEJA_DANS_L_AGENDA = {TypeEcheance.AUDIENCE, TypeEcheance.ECHEANCE_PROCEDURE}


class Urgence(models.TextChoices):
    DEPASSEE = "depassee", _("Overdue")
    SEMAINE = "semaine", _("Within a week")
    MOIS = "mois", _("Within a month")
    PLUS_TARD = "plus_tard", _("Later")


class Etat(models.TextChoices):
    FAITE = "faite", pgettext_lazy("echeance", "Done")
    SANS_OBJET = "sans_objet", _("Not applicable")


class Unite(models.TextChoices):
    JOURS = "jours", _("days")
    MOIS = "mois", _("months")
