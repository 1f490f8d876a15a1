"""The one searchable picker of persons and cases, and its multiple-choice twin.

`RechercheInput` is a text box with a `<datalist>` of suggestions fetched while typing from a JSON
endpoint scoped like the global search (`accompagnement:choix_personnes`, `accompagnement:choix_affaires`);
static/js/recherche.js does it. No library: the browser's datalist is keyboard-usable (arrows, Enter)
and read by screen readers, and the box still works without JavaScript (type the file number or the
case reference), under the strict CSP. The field resolves the text on the server.

`CasesFiltrables` is the choice among a bounded list (the persons of a case, the file active present at
an activity, the CVA's members): checkboxes with a filter box added by the same script.
"""

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Affaire, Personne


class RechercheInput(forms.TextInput):
    def __init__(self, attrs=None, *, url_name: str, requete: str = "", placeholder=""):
        self.url_name, self.requete, self.placeholder = url_name, requete, placeholder
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.update(
            {
                "list": f"{widget_attrs.get('id', name)}-suggestions",
                "autocomplete": "off",
                "data-recherche": reverse(self.url_name) + self.requete,
                "placeholder": self.placeholder,
            }
        )
        return context

    def format_value(self, value):
        if isinstance(value, Personne | Affaire):
            return str(value)
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}-suggestions"
        return html + f'<datalist id="{list_id}"></datalist>'


class CasesFiltrables(forms.CheckboxSelectMultiple):
    """Checkboxes of a bounded list; recherche.js adds a box that filters them by their label."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"data-filtre-cases": _("Filter the list…"), **(attrs or {})}, choices)


class RechercheField(forms.Field):
    """Resolves the typed text to one record of `queryset`: the suggestion's label, a bare
    identifier (file number, case reference), or a search matching exactly one record."""

    model = None
    identifiant = ""  # the unique, typeable column
    url_name = ""
    placeholder = ""
    default_error_messages = {
        "introuvable": _("Nothing matches “%(terme)s”."),
        "ambigu": _("Several records match “%(terme)s”: pick one in the suggestions or type its number."),
    }

    def __init__(self, *, queryset=None, requete: str = "", **kwargs):
        self.queryset = queryset if queryset is not None else self.model.objects.none()
        if "widget" not in kwargs:
            kwargs["widget"] = RechercheInput(url_name=self.url_name, requete=requete, placeholder=self.placeholder)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int | str) and str(value).isdigit():  # a pk (a model form's initial value)
            return self.queryset.filter(pk=value).first() or value
        return value

    def identifiant_saisi(self, terme: str) -> str:
        return terme

    def to_python(self, value):
        if isinstance(value, self.model) or value in self.empty_values:
            return value or None
        terme = str(value).strip()
        if terme.isdigit():  # a key, as links and model forms give it (identifiers are never bare digits)
            par_cle = self.queryset.filter(pk=terme).first()
            if par_cle is not None:
                return par_cle
        exact = list(self.queryset.filter(**{f"{self.identifiant}__iexact": self.identifiant_saisi(terme)})[:2])
        if len(exact) == 1:
            return exact[0]
        trouves = list(self.queryset.recherche(terme)[:2])
        if len(trouves) == 1:
            return trouves[0]
        code = "ambigu" if trouves else "introuvable"
        raise forms.ValidationError(self.error_messages[code], code=code, params={"terme": terme})


FILE_NUMBER_AT_END = re.compile(r"\(([^()]+)\)\s*$")


class PersonneField(RechercheField):
    model = Personne
    identifiant = "numero_dossier"
    url_name = "accompagnement:choix_personnes"
    placeholder = _("Name, phone or file number")
    default_error_messages = {
        "introuvable": _("No person matches “%(terme)s”."),
        "ambigu": _("Several persons match “%(terme)s”: pick one in the suggestions or type the file number."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Person"))
        super().__init__(**kwargs)

    def identifiant_saisi(self, terme: str) -> str:
        match = FILE_NUMBER_AT_END.search(terme)  # "NAME First (D-2024-0007)", as suggested
        return match.group(1).strip() if match else terme


class AffaireField(RechercheField):
    model = Affaire
    identifiant = "reference"
    url_name = "accompagnement:choix_affaires"
    placeholder = _("Case reference or title")
    default_error_messages = {
        "introuvable": _("No case matches “%(terme)s”."),
        "ambigu": _("Several cases match “%(terme)s”: pick one in the suggestions or type the reference."),
    }

    def identifiant_saisi(self, terme: str) -> str:
        return terme.split(" – ", 1)[0].strip()  # "A-2026-0012 – title", as suggested


def suggestions(queryset, ordre) -> dict:
    """The JSON of the suggestion endpoints: at most 15, labelled as the field resolves them."""
    return {"resultats": [{"id": obj.pk, "label": str(obj)} for obj in queryset.order_by(*ordre)[:15]]}
