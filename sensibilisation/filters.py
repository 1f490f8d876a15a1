import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ccem.referentiels import DEPARTEMENT_CHOICES
from comptes.filters import AnneeFilter, FilterSet, Tri

from . import enums
from .models import Evenement, Intervention


class InterventionFilter(FilterSet):
    q = django_filters.CharFilter(method="filtre_recherche", label=_("Search"))
    annee = AnneeFilter(field_name="date", lookup_expr="year", label=_("Year"))
    type = django_filters.ChoiceFilter(choices=enums.TypeIntervention.choices, label=_("Kind"))
    statut = django_filters.ChoiceFilter(choices=enums.Statut.choices, label=_("Status"))
    departement = django_filters.ChoiceFilter(choices=DEPARTEMENT_CHOICES, label=_("Département"))
    etranger = django_filters.BooleanFilter(
        method="filtre_etranger",
        label=_("Abroad"),
        widget=forms.Select(choices=[("", "---------"), ("true", _("Abroad")), ("false", _("In France"))]),
    )
    organisme = django_filters.CharFilter(lookup_expr="icontains", label=_("Organisation"))
    type_organisme = django_filters.ChoiceFilter(choices=enums.TypeOrganisme.choices, label=_("Type of organisation"))
    tri = Tri({"date": ("date",), "titre": ("titre",), "organisme": ("organisme",)})

    class Meta:
        model = Intervention
        fields = []

    def filtre_recherche(self, queryset, name, value):
        return queryset.recherche(value) if value.strip() else queryset

    def filtre_etranger(self, queryset, name, value):
        return queryset.exclude(pays="") if value else queryset.filter(pays="")


class EvenementFilter(FilterSet):
    annee = AnneeFilter(field_name="date", lookup_expr="year", label=_("Year"))
    type = django_filters.ChoiceFilter(choices=enums.TypeEvenement.choices, label=_("Kind of event"))

    class Meta:
        model = Evenement
        fields = []
