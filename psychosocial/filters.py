import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accompagnement.models import cle_recherche
from comptes.filters import FilterSet, Tri

from . import enums
from .models import (
    Activite,
    AideFinanciere,
    ConsultationPsy,
    Demarche,
    Domiciliation,
    Hebergement,
    OrientationSoins,
    PassageCourrier,
)


def annees():
    courante = timezone.localdate().year
    return [(a, str(a)) for a in range(courante + 1, 2014, -1)]


# Sortable columns: the person's name, as the persons list sorts it.
PERSONNE = ("personne__nom", "personne__prenom")


class PersonneFilterMixin(FilterSet):
    q = django_filters.CharFilter(method="filtrer_personne", label=_("Person (name or file number)"))

    def filtrer_personne(self, queryset, name, value):
        return queryset.filter(
            Q(personne__cle_recherche__contains=cle_recherche(value))
            | Q(personne__numero_dossier__icontains=value.strip())
        )


class PeriodeMixin(FilterSet):
    depuis = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("From"))
    jusqu_a = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("To"))


class HebergementFilter(PersonneFilterMixin):
    dispositif = django_filters.ChoiceFilter(choices=enums.Dispositif.choices, label=_("Arrangement"))
    en_cours = django_filters.BooleanFilter(method="filtrer_en_cours", label=_("Under way today"))
    annee = django_filters.TypedChoiceFilter(
        choices=annees, coerce=int, method="filtrer_annee", label=_("Nights in year")
    )

    tri = Tri(
        {"personne": PERSONNE, "dispositif": ("dispositif",), "entree": ("date_entree",), "sortie": ("date_sortie",)}
    )

    class Meta:
        model = Hebergement
        fields = []

    def filtrer_en_cours(self, queryset, name, value):
        en_cours = Hebergement.objects.en_cours().values("pk")
        return queryset.filter(pk__in=en_cours) if value else queryset.exclude(pk__in=en_cours)

    def filtrer_annee(self, queryset, name, value):
        return queryset.chevauchant(datetime.date(value, 1, 1), datetime.date(value, 12, 31))


class DemarcheFilter(PersonneFilterMixin):
    domaine = django_filters.ChoiceFilter(choices=enums.Domaine.choices, method="filtrer_domaine", label=_("Domain"))
    type = django_filters.ChoiceFilter(choices=enums.TypeDemarche.choices, label=_("Kind of step"))
    resultat = django_filters.ChoiceFilter(choices=enums.Resultat.choices, label=_("Outcome"))
    annee = django_filters.TypedChoiceFilter(
        choices=annees, coerce=int, field_name="date_depot", lookup_expr="year", label=_("Filed in")
    )

    tri = Tri(
        {"personne": PERSONNE, "type": ("type",), "depot": ("date_depot",), "resultat": ("resultat",),
         "date_resultat": ("date_resultat",)}
    )  # fmt: skip

    class Meta:
        model = Demarche
        fields = []

    def filtrer_domaine(self, queryset, name, value):
        return queryset.filter(type__in=enums.types_du_domaine(value))


class AideFilter(PersonneFilterMixin, PeriodeMixin):
    type = django_filters.ChoiceFilter(choices=enums.TypeAide.choices, label=_("Kind of aid"))
    primo_sortante = django_filters.BooleanFilter(label=_("Primo-sortante"))

    tri = Tri({"date": ("date",), "personne": PERSONNE, "type": ("type",)})

    class Meta:
        model = AideFinanciere
        fields = []


class DomiciliationFilter(PersonneFilterMixin):
    active = django_filters.BooleanFilter(method="filtrer_active", label=_("Active today"))

    tri = Tri({"personne": PERSONNE, "debut": ("date_debut",), "echeance": ("date_echeance",), "fin": ("date_fin",)})

    class Meta:
        model = Domiciliation
        fields = []

    def filtrer_active(self, queryset, name, value):
        actives = Domiciliation.objects.actives().values("pk")
        return queryset.filter(pk__in=actives) if value else queryset.exclude(pk__in=actives)


class PassageCourrierFilter(PersonneFilterMixin, PeriodeMixin):
    tri = Tri({"date": ("date",), "personne": PERSONNE})

    class Meta:
        model = PassageCourrier
        fields = []


class ConsultationFilter(PersonneFilterMixin, PeriodeMixin):
    type = django_filters.ChoiceFilter(choices=enums.TypeConsultation.choices, label=_("Kind of consultation"))
    lien_juridique = django_filters.BooleanFilter(label=_("Linked to a legal proceeding"))

    tri = Tri({"date": ("date",), "personne": PERSONNE, "type": ("type",)})

    class Meta:
        model = ConsultationPsy
        fields = []


class OrientationFilter(PersonneFilterMixin, PeriodeMixin):
    type = django_filters.ChoiceFilter(choices=enums.TypeOrientation.choices, label=_("Kind of care"))

    tri = Tri({"date": ("date",), "personne": PERSONNE, "type": ("type",)})

    class Meta:
        model = OrientationSoins
        fields = []


class ActiviteFilter(PeriodeMixin):
    type = django_filters.ChoiceFilter(choices=enums.TypeActivite.choices, label=_("Kind of activity"))
    theme = django_filters.ChoiceFilter(choices=enums.Theme.choices, label=_("Theme"))

    tri = Tri({"date": ("date",), "intitule": ("intitule",), "type": ("type",)})

    class Meta:
        model = Activite
        fields = []
