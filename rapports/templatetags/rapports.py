from django import template
from django.utils.translation import pgettext

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


@register.simple_tag
def precisions(ligne, annee, publique=False, seuil=5):
    """The figures printed beside a line for year N ("2024 : femmes 48,0 · hommes 25,5"); the
    public edition leaves out those computed over fewer persons than the threshold, and a group
    with nobody in it has no mean to print."""
    textes = [
        f"{p.libelle} {formater(p.valeur, ligne.indicateur.unite)}"
        for p in ligne.precisions
        if p.valeur is not None and (not publique or p.effectif >= seuil)
    ]
    if not textes:
        return ""
    return f"{annee}{pgettext('before a list of figures', ':')} " + " · ".join(textes)
