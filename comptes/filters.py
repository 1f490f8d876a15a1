import django_filters
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .forms import DATE_MAX, DATE_MIN, BornesMixin, StaffChoiceField
from .models import JournalAcces, TentativeConnexion

DOMAIN_APPS = ["signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation", "rapports"]


class FilterSet(django_filters.FilterSet):
    """Base of every FilterSet: its form bounds numbers and dates (`BornesMixin`), so a malformed
    parameter shows as a message next to the filter and the filter is ignored, never a 500."""

    def get_form_class(self):
        form = super().get_form_class()
        return form if issubclass(form, BornesMixin) else type(form.__name__, (BornesMixin, form), {})


class AnneeFilter(django_filters.NumberFilter):
    """A year: a whole number within the dates the application accepts (a year lookup on 0 or
    99999 would fail in the database layer)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", DATE_MIN.year)
        kwargs.setdefault("max_value", DATE_MAX.year)
        super().__init__(*args, **kwargs)


def _types_enregistrement(request=None):
    """The record types staff know: the units' own models, not their history tables nor the
    many-to-many link tables ("HistoricalProcedure_avocats" in the filter meant nothing to anyone)."""
    modeles = [
        m
        for label in DOMAIN_APPS
        if apps.is_installed(label)
        for m in apps.get_app_config(label).get_models()
        if not m._meta.auto_created and not m.__name__.startswith("Historical")
    ]
    ids = [ct.pk for ct in ContentType.objects.get_for_models(*modeles, for_concrete_models=False).values()]
    return ContentType.objects.filter(pk__in=ids).order_by("app_label", "model")


class RecordTypeField(forms.ModelChoiceField):
    """A record type shown as "Unit — record" in the reader's language."""

    def label_from_instance(self, obj):
        modele = obj.model_class()
        if modele is None:
            return obj.model
        return f"{apps.get_app_config(obj.app_label).verbose_name} — {modele._meta.verbose_name}"


class RecordTypeFilter(django_filters.ModelChoiceFilter):
    field_class = RecordTypeField


class Tri(django_filters.ChoiceFilter):
    """Sortable columns: `?tri=nom` ascending, `?tri=-nom` descending.

    `colonnes` maps each key to the fields it sorts on; the queryset's own order follows as the
    tie-breaker, so a page never shuffles rows. An unknown key is a message next to the filters, as
    any malformed parameter (the list keeps its default order). The column headers are rendered by
    the `{% th_tri %}` tag, which reads `colonnes` from the filter.
    """

    def __init__(self, colonnes: dict[str, tuple[str, ...]], **kwargs):
        self.colonnes = colonnes
        choix = [(cle, cle) for cle in colonnes] + [(f"-{cle}", f"-{cle}") for cle in colonnes]
        kwargs.setdefault("label", _("Sort"))
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(choices=choix, method=self.trier, **kwargs)

    def trier(self, queryset, name, value):
        champs = self.colonnes[value.lstrip("-")]
        ordre = [F(c).desc(nulls_last=True) if value.startswith("-") else F(c).asc(nulls_last=True) for c in champs]
        return queryset.order_by(*ordre, *queryset.query.order_by)


class JournalAccesFilter(FilterSet):
    utilisateur = django_filters.ModelChoiceFilter(
        queryset=get_user_model().objects.order_by("username"), label=_("User")
    )
    content_type = RecordTypeFilter(queryset=_types_enregistrement, label=_("Record type"))
    object_id = django_filters.CharFilter(label=_("Record id"))
    action = django_filters.ChoiceFilter(choices=JournalAcces.Action.choices, label=_("Action"))
    depuis = django_filters.DateFilter(
        field_name="horodatage",
        lookup_expr="date__gte",
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    jusqu_a = django_filters.DateFilter(
        field_name="horodatage", lookup_expr="date__lte", label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = JournalAcces
        fields = []


class TentativeConnexionFilter(FilterSet):
    identifiant = django_filters.CharFilter(lookup_expr="iexact", label=_("Username"))
    reussie = django_filters.BooleanFilter(label=_("Successful"))

    class Meta:
        model = TentativeConnexion
        fields = []


class StaffFilter(django_filters.ModelChoiceFilter):
    """A staff member, shown by full name (queryset: `comptes.forms.personnel(section)`)."""

    field_class = StaffChoiceField
