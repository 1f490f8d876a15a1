from django import template

from rapports.presentation import formater, formater_variation

register = template.Library()


@register.simple_tag
def chiffre(valeur, unite, publique=False, seuil=5, entier=False):
    """A figure as printed: French/English number format, unit, "< 5" in a public edition."""
    return formater(valeur, unite, publique=publique, seuil=seuil, pourcent_entier=entier)


@register.simple_tag
def variation(ligne, entier=False):
    return formater_variation(ligne, pourcent_entier=entier)


@register.simple_tag
def chiffre_ligne(ligne, attribut="valeur", publique=False, seuil=5, entier=False):
    """A line's figure (or N−1); the public edition masks the counts computed from case records
    only, not the yearly inputs (staff, followers…), which identify nobody."""
    publique = publique and ligne.indicateur.requis
    return formater(
        getattr(ligne, attribut), ligne.indicateur.unite, publique=publique, seuil=seuil, pourcent_entier=entier
    )
