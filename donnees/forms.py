from django import forms
from django.utils.translation import gettext_lazy as _

from comptes import forms as comptes_forms

from . import ctdc, specs
from .importation.reader import MAX_SIZE


class FichiersInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FichiersField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", FichiersInput(attrs={"accept": ".csv,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        fichiers = data if isinstance(data, list | tuple) else [data]
        return [super(FichiersField, self).clean(f, initial) for f in fichiers]


class ImportForm(comptes_forms.Form):
    fichiers = FichiersField(
        label=_("Files"),
        help_text=_("CSV or Excel (.xlsx) files named after their content, e.g. personnes.csv (see the formats)."),
    )
    entite = forms.ChoiceField(
        label=_("Kind of records"),
        required=False,
        help_text=_("Leave empty to recognise each file by its name (or each sheet by its name)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entite"].choices = [("", _("From the file name"))] + [
            (e.nom, f"{e.nom} – {e.model._meta.verbose_name_plural}") for e in specs.ENTITES
        ]

    def clean_fichiers(self):
        fichiers = self.cleaned_data["fichiers"]
        for fichier in fichiers:
            if fichier.size > MAX_SIZE:
                raise forms.ValidationError(
                    _("%(nom)s is too large (at most %(max)s MB per file): split it.")
                    % {"nom": fichier.name, "max": MAX_SIZE // 1024 // 1024}
                )
        return fichiers


class ConfirmationImportForm(comptes_forms.Form):
    jeton = forms.CharField(widget=forms.HiddenInput)


class RetentionForm(comptes_forms.Form):
    annees = forms.IntegerField(label=_("Years after closing"), min_value=1, max_value=100, initial=10, required=False)


class RechercheForm(comptes_forms.Form):
    q = forms.CharField(label=_("File number or name"), required=False)


class AnonymisationForm(comptes_forms.Form):
    confirmation = forms.CharField(
        label=_("Type the file number to confirm"),
        help_text=_("This cannot be undone: names, contacts and free texts are erased everywhere."),
    )

    def __init__(self, *args, numero_dossier: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.numero_dossier = numero_dossier

    def clean_confirmation(self):
        valeur = self.cleaned_data["confirmation"].strip()
        if valeur != self.numero_dossier:
            raise forms.ValidationError(_("This is not the file number of this person."))
        return valeur


class CTDCForm(comptes_forms.Form):
    """Years of registration and k of the CTDC file (donnees.ctdc)."""

    annee_debut = forms.IntegerField(label=_("From the year"), min_value=1994, max_value=2100)
    annee_fin = forms.IntegerField(label=_("To the year"), min_value=1994, max_value=2100)
    k = forms.IntegerField(
        label=_("k (smallest group)"),
        min_value=ctdc.K_MINIMUM,
        max_value=100,
        initial=ctdc.K_DEFAUT,
        help_text=_(
            "Every combination of gender, age band, citizenship, country of exploitation and year appears "
            "at least k times; CTDC publishes with k = 11."
        ),
    )

    def clean(self):
        donnees = super().clean()
        if donnees.get("annee_debut") and donnees.get("annee_fin") and donnees["annee_debut"] > donnees["annee_fin"]:
            self.add_error("annee_fin", _("The last year comes after the first."))
        return donnees
