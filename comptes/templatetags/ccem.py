from django import template

from comptes.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (keeps filters across pages)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def peut_voir(user, section):
    """{% if user|peut_voir:"journal.psy" %}: the central permission rule, in templates."""
    return can(user, section, "view")


@register.filter
def peut_modifier(user, section):
    return can(user, section, "change")
