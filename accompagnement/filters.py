import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from ccem.referentiels import DEPARTEMENT_CHOICES
from comptes.filters import AnneeFilter, FilterSet, StaffFilter, Tri
from comptes.forms import personnel

from . import enums
from .models import Accompagnement, Affaire, EntreeJournal, Personne


class PersonneFilter(FilterSet):
    q = django_filters.CharFilter(method="filtrer_recherche", label=_("Name or file number"))
    statut = django_filters.ChoiceFilter(
        method="filtrer_statut", label=_("File"),
        choices=[("ouvert", pgettext_lazy("dossier", "Open")), ("clos", _("Closed"))],
        empty_label=pgettext_lazy("filtre", "All"),
    )  # fmt: skip
    annee = AnneeFilter(method="filtrer_annee", label=_("Active caseload of year"))
    referent = StaffFilter(queryset=personnel("accompagnement"), method="filtrer_referent", label=_("Referent"))
    sexe = django_filters.ChoiceFilter(choices=enums.Sexe.choices, label=_("Sex"))
    nationalite = django_filters.ChoiceFilter(choices=countries, label=_("Nationality"))
    secteur = django_filters.ChoiceFilter(
        choices=enums.Secteur.choices, field_name="exploitations__secteur", distinct=True, label=_("Sector")
    )
    departement = django_filters.ChoiceFilter(
        choices=DEPARTEMENT_CHOICES, field_name="exploitations__lieux__departement", distinct=True,
        label=_("Département of exploitation"),
    )  # fmt: skip
    # Indexed columns only: a sort over a computed column reads every person (100 000 at scale 100).
    tri = Tri({"dossier": ("numero_dossier",), "nom": ("nom", "prenom")})

    class Meta:
        model = Personne
        fields = []

    def filtrer_recherche(self, queryset, name, value):
        return queryset.recherche(value) if value.strip() else queryset

    def filtrer_statut(self, queryset, name, value):
        ouvert = Exists(Accompagnement.objects.filter(personne=OuterRef("pk"), date_cloture__isnull=True))
        if value == "ouvert":
            return queryset.filter(ouvert)
        if value == "clos":
            return queryset.filter(~ouvert, accompagnements__isnull=False).distinct()
        return queryset

    def filtrer_annee(self, queryset, name, value):
        periodes = Accompagnement.objects.chevauchant(int(value)).filter(personne=OuterRef("pk"))
        return queryset.filter(Exists(periodes))

    def filtrer_referent(self, queryset, name, value):
        periodes = Accompagnement.objects.filter(personne=OuterRef("pk")).du_referent(value)
        return queryset.filter(Exists(periodes))


class AffaireFilter(FilterSet):
    q = django_filters.CharFilter(method="filtrer_recherche", label=_("Reference or title"))
    type_exploiteur = django_filters.ChoiceFilter(choices=enums.TypeExploiteur.choices, label=_("Type of exploiter"))
    tri = Tri({"reference": ("reference",), "intitule": ("intitule",)})

    class Meta:
        model = Affaire
        fields = []

    def filtrer_recherche(self, queryset, name, value):
        return queryset.recherche(value) if value.strip() else queryset


class JournalFilter(FilterSet):
    """The person page's journal, narrowed by unit, author and kind (parameters `journal-…`)."""

    pole = django_filters.ChoiceFilter(choices=enums.Pole.choices, label=_("Unit"))
    auteur = StaffFilter(queryset=get_user_model().objects.none(), label=_("Author"))
    type = django_filters.ChoiceFilter(choices=enums.TypeEntreeJournal.choices, label=_("Kind"))

    class Meta:
        model = EntreeJournal
        fields = []

    def __init__(self, data, queryset):
        super().__init__(data, queryset=queryset, prefix="journal")
        # Only the authors of the entries the viewer may read: one query, no staff directory leak.
        auteurs = get_user_model().objects.filter(pk__in=queryset.values("auteur")).order_by("last_name", "username")
        self.filters["auteur"].queryset = auteurs
