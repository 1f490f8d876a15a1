import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accompagnement.models import cle_recherche
from comptes.filters import FilterSet, Tri

from . import enums
from .models import Avocat, Procedure, TitreSejour


class OuiNonTous(forms.NullBooleanSelect):
    """Yes / No / all, instead of Django's "Unknown" which reads as a value here."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "—"), ("true", _("Yes")), ("false", _("No"))]


class ProcedureFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filtrer_recherche")
    type = django_filters.ChoiceFilter(label=_("Kind"), choices=enums.TypeProcedure.choices)
    statut = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            ("ouvertes", pgettext_lazy("proceedings", "Open")),
            ("closes", pgettext_lazy("proceedings", "Closed")),
        ],
        method="filtrer_statut",
        empty_label=pgettext_lazy("proceedings", "All"),
    )
    avocat = django_filters.ModelChoiceFilter(
        label=_("Lawyer"), queryset=Avocat.objects.order_by("nom", "prenom", "pk"), field_name="avocats"
    )
    partie_civile_ccem = django_filters.BooleanFilter(label=_("CCEM civil party"), widget=forms.NullBooleanSelect)
    # By closing date, open proceedings (no closing date) last either way.
    tri = Tri({"reference": ("affaire__reference", "pk"), "type": ("type",), "statut": ("date_cloture",)})

    class Meta:
        model = Procedure
        fields = ["q", "type", "statut", "avocat", "partie_civile_ccem"]

    def filtrer_recherche(self, queryset, name, value):
        """Proceedings or case reference, court reference, file number or a person's name (accent-insensitive)."""
        value = value.strip()
        if not value:
            return queryset
        cle = cle_recherche(value)
        return queryset.filter(
            Q(affaire__reference__icontains=value)
            | Q(reference__icontains=value)
            | Q(numero_juridiction__icontains=value)
            | Q(personnes__numero_dossier__icontains=value)
            | Q(personnes__cle_recherche__contains=cle)
        ).distinct()

    def filtrer_statut(self, queryset, name, value):
        if value == "ouvertes":
            return queryset.filter(date_cloture__isnull=True)
        if value == "closes":
            return queryset.filter(date_cloture__isnull=False)
        return queryset


class TitreSejourFilter(FilterSet):
    type = django_filters.ChoiceFilter(label=_("Kind of permit"), choices=enums.TypeTitre.choices)
    issue = django_filters.ChoiceFilter(label=_("Outcome"), choices=enums.IssueTitre.choices)
    premier = django_filters.BooleanFilter(label=_("First permit"), widget=OuiNonTous)
    attente_plus_de = django_filters.NumberFilter(
        label=_("Waiting longer than (days)"), method="filtrer_attente", min_value=0, max_value=36500
    )
    tri = Tri({"demande": ("date_demande",), "decision": ("date_decision",), "attente": ("attente_tri",)})

    class Meta:
        model = TitreSejour
        fields = ["type", "issue", "premier", "attente_plus_de"]

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is not None and "attente_tri" not in queryset.query.annotations:
            queryset = queryset.avec_attente(timezone.localdate())  # what the "attente" column sorts on
        super().__init__(data, queryset=queryset, **kwargs)

    def filtrer_attente(self, queryset, name, value):
        """Applications with no decision yet, filed more than `value` days ago."""
        limite = timezone.localdate() - datetime.timedelta(days=int(value))
        return queryset.filter(date_decision__isnull=True, issue=enums.IssueTitre.EN_ATTENTE, date_demande__lt=limite)
