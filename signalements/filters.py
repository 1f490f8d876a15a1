import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comptes.filters import AnneeFilter, FilterSet, StaffFilter, Tri
from comptes.forms import personnel

from . import enums
from .models import Signalement


class SignalementFilter(FilterSet):
    q = django_filters.CharFilter(method="filtrer_recherche", label=_("Reference, name or organisation"))
    statut = django_filters.ChoiceFilter(
        method="filtrer_statut",
        label=_("Status"),
        choices=[("ouverts", pgettext_lazy("signalements", "Open")), ("decides", _("Decided"))],
        empty_label=pgettext_lazy("filtre", "All"),
    )
    etape = django_filters.ChoiceFilter(choices=enums.Etape.choices, label=_("Step reached"))
    decision = django_filters.ChoiceFilter(choices=enums.Decision.choices, label=_("Decision"))
    source_type = django_filters.ChoiceFilter(choices=enums.SourceType.choices, label=_("Reported by"))
    annee = AnneeFilter(field_name="date_reception", lookup_expr="year", label=_("Year received"))
    charge_par = StaffFilter(queryset=personnel("signalements"), label=_("Handled by"))
    tri = Tri({"reference": ("reference",), "reception": ("date_reception",), "etape": ("etape",)})

    class Meta:
        model = Signalement
        fields = []

    def filtrer_recherche(self, queryset, name, value):
        return queryset.recherche(value) if value.strip() else queryset

    def filtrer_statut(self, queryset, name, value):
        if value == "ouverts":
            return queryset.ouverts()
        if value == "decides":
            return queryset.exclude(decision=enums.Decision.EN_COURS)
        return queryset
