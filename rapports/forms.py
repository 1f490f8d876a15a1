from django import forms
from django.utils.translation import gettext_lazy as _

from comptes import forms as comptes_forms
from comptes.concurrency import MISSING_VERSION

from .models import GenerationPDF
from .registre import INDICATEURS


def sans_zeros(valeur):
    """30.00 → 30 and 0.50 → 0.5, as a person would type them."""
    if valeur is None:
        return None
    return valeur.quantize(1) if valeur == valeur.to_integral_value() else valeur.normalize()


class SaisiesForm(comptes_forms.Form):
    """The yearly manual inputs (sections 6 and 7): one value and one note per indicator."""

    empreinte = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, saisies: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        saisies = saisies or {}
        self.indicateurs = [i for i in INDICATEURS if i.manuel]
        for ind in self.indicateurs:
            saisie = saisies.get(ind.cle)
            self.fields[ind.cle] = forms.DecimalField(
                label=ind.libelle,
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=sans_zeros(saisie.valeur) if saisie else None,
                localize=True,
                widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
            )
            self.fields[f"{ind.cle}__note"] = forms.CharField(
                label=_("Note"),
                required=False,
                max_length=300,
                initial=saisie.note if saisie else "",
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )

    def clean(self):
        data = super().clean()
        if not data.get("empreinte"):  # the inputs the form was opened on: without it, saving could overwrite
            raise forms.ValidationError(MISSING_VERSION)
        return data

    def lignes(self):
        return [(ind, self[ind.cle], self[f"{ind.cle}__note"]) for ind in self.indicateurs]

    def valeurs(self) -> dict:
        return {
            i.cle: (self.cleaned_data[i.cle], self.cleaned_data[f"{i.cle}__note"].strip()) for i in self.indicateurs
        }


class GenerationForm(comptes_forms.Form):
    langue = forms.ChoiceField(label=_("Language"), choices=GenerationPDF.Langue.choices, initial="fr")
    edition_publique = forms.BooleanField(
        label=_("Public edition"),
        required=False,
        help_text=_("Small counts are printed as “< threshold” so that no person can be recognised."),
    )
    seuil = forms.IntegerField(label=_("Threshold"), min_value=2, max_value=20, initial=5)


class ClotureForm(comptes_forms.Form):
    """Confirmation of a closing or a revision: publishing is deliberate, and a revision says why."""

    confirmer = forms.BooleanField(label=_("I have reviewed the figures and publish them"), required=True)
    motif = forms.CharField(label=_("Reason for the revision"), required=False, max_length=300)

    def __init__(self, *args, revision: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if revision:
            self.fields["motif"].required = True
        else:
            del self.fields["motif"]
