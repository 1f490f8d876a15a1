from django import template

from juridique import enums

register = template.Library()


@register.filter
def libelle_etape(code: str | None) -> str:
    """Label of a stage code (annotated querysets give the code only)."""
    if not code:
        return ""
    try:
        return enums.TypeEtape(code).label
    except ValueError:
        return code


@register.filter
def est_audience(code: str) -> bool:
    return code in enums.AUDIENCES
