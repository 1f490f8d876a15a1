"""Choices of the awareness & training unit (labels follow the French report's vocabulary)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeIntervention(models.TextChoices):
    SENSIBILISATION = "sensibilisation", _("Awareness-raising")
    FORMATION_INITIALE = "formation_initiale", _("Initial training")
    FORMATION_CONTINUE = "formation_continue", _("Continuing training")


class Modalite(models.TextChoices):
    PRESENTIEL = "presentiel", _("On site")
    DISTANCIEL = "distanciel", _("Remote")


class Statut(models.TextChoices):
    PREVUE = "prevue", _("Planned")
    REALISEE = "realisee", _("Held")
    ANNULEE = "annulee", _("Cancelled")


class TypeOrganisme(models.TextChoices):
    INSPECTION_TRAVAIL = "inspection_travail", _("Labour Inspectorate / INTEFP")
    FORCES_ORDRE = "forces_ordre", _("Gendarmerie, police, OCLTI")
    INSTITUTION = "institution", _("Ministry or public body (Miprof, OFII…)")
    JUSTICE = "justice", _("Bar, court, school for judges")
    ETABLISSEMENT_SCOLAIRE = "etablissement_scolaire", _("School")
    ENSEIGNEMENT_SUPERIEUR = "enseignement_superieur", _("University, social-work school")
    ASSOCIATION = "association", _("Association")
    SANTE = "sante", _("Hospital or health service")
    COLLECTIVITE = "collectivite", _("Local authority")
    AMBASSADE = "ambassade", _("Embassy or consulate")
    ENTREPRISE = "entreprise", _("Company or trade union")
    AUTRE = "autre", _("Other")


class Support(models.TextChoices):
    BROCHURE = "brochure", _("Prevention brochure (print)")
    BROCHURE_MOBILE = "brochure_mobile", _("Prevention brochure (mobile version)")
    POSTER = "poster", _("Prevention poster")
    GUIDE = "guide", _("Practical guide")
    LIVRET = "livret", _("Booklet")
    AUTRE = "autre", _("Other material")


class TypeEvenement(models.TextChoices):
    COLLOQUE = "colloque", _("Symposium / conference")
    PORTES_OUVERTES = "portes_ouvertes", _("Open day")
    ASSEMBLEE = "assemblee", _("General meeting open to the public")
    CINE_DEBAT = "cine_debat", _("Film screening and debate")
    EXPOSITION = "exposition", _("Exhibition")
    AUTRE = "autre", _("Other event")


class Langue(models.TextChoices):
    """Languages of the material handed out (the prevention brochure exists in some 26 languages)."""

    FRANCAIS = "fr", _("French")
    ANGLAIS = "en", _("English")
    ESPAGNOL = "es", _("Spanish")
    PORTUGAIS = "pt", _("Portuguese")
    ARABE = "ar", _("Arabic")
    TAGALOG = "tl", _("Tagalog")
    TAMOUL = "ta", _("Tamil")
    CINGHALAIS = "si", _("Sinhala")
    BENGALI = "bn", _("Bengali")
    OURDOU = "ur", _("Urdu")
    HINDI = "hi", _("Hindi")
    PENDJABI = "pa", _("Punjabi")
    NEPALAIS = "ne", _("Nepali")
    CHINOIS = "zh", _("Chinese")
    VIETNAMIEN = "vi", _("Vietnamese")
    ROUMAIN = "ro", _("Romanian")
    BULGARE = "bg", _("Bulgarian")
    RUSSE = "ru", _("Russian")
    UKRAINIEN = "uk", _("Ukrainian")
    TURC = "tr", _("Turkish")
    PERSAN = "fa", _("Persian / Dari")
    PACHTO = "ps", _("Pashto")
    AMHARIQUE = "am", _("Amharic")
    TIGRIGNA = "ti", _("Tigrinya")
    SWAHILI = "sw", _("Swahili")
    WOLOF = "wo", _("Wolof")
    PEUL = "ff", _("Fula")
    LINGALA = "ln", _("Lingala")
    SOMALI = "so", _("Somali")
    MALGACHE = "mg", _("Malagasy")
    AUTRE = "autre", _("Other language")
