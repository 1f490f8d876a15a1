"""The reader's typography for text assembled in code (the catalogue carries it for the rest)."""

from django.utils.translation import gettext as _


def deux_points(libelle, valeur) -> str:
    """ "Label: value" in English, "Libellé : valeur" in French (a no-break space before the colon)."""
    return _("%(label)s: %(value)s") % {"label": libelle, "value": valeur}


def libelle(texte) -> str:
    """ "Label:" before a value laid out apart, with the same rule."""
    return _("%(label)s:") % {"label": texte}
