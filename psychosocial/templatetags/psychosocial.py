from django import template
from django.urls import NoReverseMatch

register = template.Library()


@register.simple_tag
def url_fiche(personne) -> str:
    """The person's main page (accompagnement app), or "" while that page does not exist."""
    try:
        return personne.get_absolute_url()
    except NoReverseMatch:
        return ""


@register.filter
def jours(duree) -> int:
    """A timedelta of nights as a number (0 when empty)."""
    return duree.days if duree else 0
