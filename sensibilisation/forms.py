from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accompagnement.models import Personne
from accompagnement.widgets import CasesFiltrables
from comptes import forms as comptes_forms
from comptes.concurrency import VersionedModelForm
from comptes.permissions import can

from . import enums
from .models import CATEGORIES, Evenement, Intervention

CHAMPS_PROFESSIONNELS = [c.champ for c in CATEGORIES if c.professionnel]
CHAMPS_AUTRES_PUBLICS = ["nb_eleves", "nb_classes", "nb_grand_public", "nb_public_non_precise"]
CHAMPS_COMPTES = [*CHAMPS_PROFESSIONNELS, *CHAMPS_AUTRES_PUBLICS, "nb_benevoles"]


class AnimateurChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def _colonnes(*champs, classe="col-md-4"):
    return [Div(champ, css_class=classe) for champ in champs]


class InterventionForm(VersionedModelForm):
    """One page for the whole session; participants by category with their total shown live."""

    animateurs = AnimateurChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("Staff facilitators"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Intervention
        fields = [
            "date", "titre", "type", "statut", "organisme", "type_organisme",
            "commune", "departement", "pays", "modalite", "duree_heures",
            "animateurs", "nb_benevoles", "temoins",
            "nb_inspection_travail", "nb_gendarmerie", "nb_police", "nb_professionnels_droit",
            "nb_travailleurs_sociaux", "nb_professionnels_sante", "nb_autres_professionnels",
            "nb_eleves", "nb_classes", "nb_grand_public", "nb_public_non_precise", "notes",
        ]  # fmt: skip
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "temoins": CasesFiltrables,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["animateurs"].queryset = (
            get_user_model()
            .objects.filter(Q(is_active=True, groups__isnull=False) | Q(pk__in=self._current_pks("animateurs")))
            .distinct()
            .order_by("last_name", "first_name", "pk")
        )
        if can(user, "accompagnement"):
            # Testimonies come from members of the association life committee (CVA).
            self.fields["temoins"].queryset = Personne.objects.visible_to(user).filter(
                Q(membre_cva=True, anonymise_le__isnull=True) | Q(pk__in=self._current_pks("temoins"))
            )
            self.fields["temoins"].help_text = _(
                "Members of the association life committee (CVA) are listed here; mark a person as a member "
                "in their file to list them."
            )
        else:
            del self.fields["temoins"]
        # participants.js adds up the fields marked data-participants (data-participants="pro" for professionals).
        for c in CATEGORIES:
            self.fields[c.champ].widget.attrs["data-participants"] = "pro" if c.professionnel else "autre"
        for champ in CHAMPS_COMPTES:
            # An empty count means none: staff fill in only the audiences present.
            self.fields[champ].required = False
            self.fields[champ].widget.attrs.update({"min": 0, "inputmode": "numeric"})

    def _current_pks(self, champ):
        return list(getattr(self.instance, champ).values_list("pk", flat=True)) if self.instance.pk else []

    # Field groups, in the order the template shows them.
    def groupe(self, noms):
        return [self[nom] for nom in noms if nom in self.fields]

    @property
    def avec_temoins(self) -> bool:
        return "temoins" in self.fields

    @property
    def champs_professionnels(self):
        return self.groupe(CHAMPS_PROFESSIONNELS)

    @property
    def champs_autres_publics(self):
        return self.groupe(CHAMPS_AUTRES_PUBLICS)

    def _nombre(self, champ) -> int:
        valeur = self[champ].value()
        try:
            return max(int(valeur or 0), 0)
        except (TypeError, ValueError):
            return 0

    @property
    def total_participants(self) -> int:
        return sum(self._nombre(c.champ) for c in CATEGORIES)

    @property
    def total_professionnels(self) -> int:
        return sum(self._nombre(champ) for champ in CHAMPS_PROFESSIONNELS)

    def clean(self):
        cleaned = super().clean()
        for champ in CHAMPS_COMPTES:
            if champ not in self.errors and cleaned.get(champ) is None:
                cleaned[champ] = 0
        if cleaned.get("statut") == enums.Statut.REALISEE and not any(cleaned.get(c.champ) for c in CATEGORIES):
            self.add_error(
                None,
                _(
                    "A held session needs its participants: give the count per category, or the total under "
                    "“audience not specified”."
                ),
            )
        return cleaned


class MaterielForm(comptes_forms.Form):
    support = forms.ChoiceField(
        label=_("Material"), choices=[("", "---------"), *enums.Support.choices], required=False
    )
    langue = forms.ChoiceField(label=_("Language"), choices=[("", "---------"), *enums.Langue.choices], required=False)
    quantite = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("support") and not cleaned.get("quantite"):
            self.add_error("quantite", _("Give the quantity handed out."))
        if cleaned.get("quantite") and not cleaned.get("support"):
            self.add_error("support", _("Choose the material handed out."))
        return cleaned


class BaseMaterielFormSet(comptes_forms.LignesFormSet):
    champs = ("support", "langue", "quantite")

    def vide(self, donnees: dict) -> bool:
        return not donnees.get("support")


MaterielFormSet = forms.formset_factory(MaterielForm, formset=BaseMaterielFormSet, extra=2, can_delete=True)


def materiel_formset(intervention=None, data=None):
    materiels = intervention.materiels.all() if intervention is not None and intervention.pk else []
    return MaterielFormSet.pour(materiels, data=data, prefix="materiel")


class EvenementForm(VersionedModelForm):
    class Meta:
        model = Evenement
        fields = [
            "date", "titre", "type", "statut", "commune", "departement", "pays",
            "nb_participants", "nb_personnes_accompagnees", "partenaires", "notes",
        ]  # fmt: skip
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Div(*_colonnes("date", "type", "statut", classe="col-md-6 col-lg-4"), css_class="row"),
            "titre",
            Div(*_colonnes("commune", "departement", "pays", classe="col-md-4"), css_class="row"),
            Div(*_colonnes("nb_participants", "nb_personnes_accompagnees", classe="col-md-6"), css_class="row"),
            "partenaires",
            "notes",
            "version_attendue",
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("nb_personnes_accompagnees", 0) > cleaned.get("nb_participants", 0) > 0:
            self.add_error("nb_personnes_accompagnees", _("More persons supported than participants."))
        return cleaned


class AnneeBilanForm(comptes_forms.Form):
    """?annee= of the yearly summary (the current year by default)."""

    annee = forms.IntegerField(
        label=_("Year"), min_value=1994, max_value=2100, required=False, initial=lambda: timezone.localdate().year
    )
