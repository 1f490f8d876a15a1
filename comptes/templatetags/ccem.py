import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from comptes import typographie
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


@register.filter
def deux_points(texte):
    """{{ _("Status")|deux_points }}: "Status:", "Statut :" (the reader's typography)."""
    return typographie.libelle(texte)


@register.filter
def verbose_name_of(obj):
    return obj._meta.verbose_name


@register.inclusion_tag("comptes/includes/actions_element.html", takes_context=True)
def actions_element(context, obj):
    """Delete / Move links for a record, shown to those who may change it (comptes.suppression)."""
    from django.urls import reverse

    from comptes import suppression

    user = context["request"].user
    if not suppression.supprimable(type(obj)) or not suppression.peut_modifier(user, obj):
        return {}
    kwargs = {"label": obj._meta.label_lower, "pk": obj.pk}
    return {
        "supprimer": reverse("element_supprimer", kwargs=kwargs),
        "deplacer": reverse("element_deplacer", kwargs=kwargs) if suppression.champ_personne(type(obj)) else "",
    }


@register.simple_tag
def pages_numerotees(page, on_each_side=2, on_ends=1):
    """Page numbers around the current one, with "…" for the gaps (Django's elided range)."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=on_each_side, on_ends=on_ends))


@register.inclusion_tag("includes/th_tri.html", takes_context=True)
def th_tri(context, filtre, cle, libelle, parametre="tri"):
    """A sortable column header: a link that sorts on `cle` (again: the other way), with aria-sort."""
    request = context["request"]
    valeur = request.GET.get(parametre, "")
    if valeur.lstrip("-") not in filtre.filters[parametre].colonnes:
        valeur = ""
    actif = valeur.lstrip("-") == cle
    descendant = actif and valeur.startswith("-")
    query = request.GET.copy()
    query[parametre] = cle if descendant or not actif else f"-{cle}"
    query.pop("page", None)
    return {
        "libelle": libelle,
        "href": "?" + query.urlencode(),
        "aria_sort": ("descending" if descendant else "ascending") if actif else "none",
    }


@register.simple_tag(takes_context=True)
def sections_liees(context, obj):
    """The sections other apps registered for this record's page (comptes.registres.RECORD_SECTIONS),
    each in a card (the documents of a report, a proceeding, a permit)."""
    from django.template.loader import render_to_string
    from django.utils.html import format_html_join
    from django.utils.safestring import mark_safe

    from comptes.registres import RECORD_SECTIONS

    request = context["request"]
    cartes = [
        # Rendered by the app's own template, autoescaped there.
        (section["titre"], mark_safe(render_to_string(section["template"], section.get("contexte", {}), request)))  # noqa: S308
        for sections_of_app in RECORD_SECTIONS
        for section in sections_of_app(request, obj)
    ]
    return format_html_join(
        "",
        '<section class="card mb-3"><div class="card-header"><h2 class="h6 mb-0">{}</h2></div>'
        '<div class="card-body">{}</div></section>',
        cartes,
    )


# File numbers ("D-2011-0016") and references ("A-2026-0959/P2", "S-2024-0031"): one unit, never broken at a hyphen.
_NUMERO = re.compile(r"\b[A-Z]{1,3}-[A-Z0-9]{1,4}-\d{3,6}(?:/P\d+)?\b")


@register.filter
def numeros(value):
    """The text, escaped, with every file number or reference in it kept on one line (`.numero`)."""
    return mark_safe(_NUMERO.sub(lambda m: f'<span class="numero">{m.group(0)}</span>', conditional_escape(value)))
