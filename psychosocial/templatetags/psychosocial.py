from django import template

register = template.Library()


@register.simple_tag
def url_fiche(personne) -> str:
    """The person's main page (accompagnement app)."""
    return personne.get_absolute_url()


@register.filter
def jours(duree) -> int:
    """A timedelta of nights as a number (0 when empty)."""
    return duree.days if duree else 0
