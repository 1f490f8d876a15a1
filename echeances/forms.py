from django import forms
from django.utils.translation import gettext_lazy as _

from comptes import forms as comptes_forms
from comptes.concurrency import VersionedModelForm

from . import enums
from .models import DelaiRecours


class VueForm(comptes_forms.Form):
    """Whose deadlines the page shows: mine (as referent), or a whole unit's."""

    vue = forms.ChoiceField(
        label=_("Show"),
        required=False,
        initial="",
        choices=[("", _("Persons I am referent of")), *[(p.value, p.label) for p in enums.Pole]],
    )


class TraiterForm(comptes_forms.Form):
    type = forms.ChoiceField(choices=enums.TypeEcheance.choices)
    objet_id = forms.IntegerField(min_value=1, max_value=2**63 - 1)
    date = forms.DateField()
    etat = forms.ChoiceField(choices=enums.Etat.choices)
    suivant = forms.CharField(required=False, max_length=500)


class PreferenceForm(comptes_forms.Form):
    recapitulatif_quotidien = forms.BooleanField(
        label=_("Send me a daily e-mail with my open deadlines"),
        required=False,
        help_text=_("References, kinds and dates only: never a name or a fact."),
    )


class DelaiRecoursForm(VersionedModelForm):
    class Meta:
        model = DelaiRecours
        fields = ["type_procedure", "niveau", "nature", "duree", "unite", "recours", "source", "citation", "actif"]
