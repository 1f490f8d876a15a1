"""Form helpers shared by the apps (they may import comptes, not each other)."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import validators
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .permissions import RULES


def add_validation_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors next to their field, others on top."""
    if hasattr(exc, "error_dict"):
        for champ, erreurs in exc.error_dict.items():
            form.add_error(champ if champ in form.fields else None, erreurs)
    else:
        form.add_error(None, exc)


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def personnel(section: str):
    """Active staff whose role may change the section (who can handle its records)."""
    roles = RULES[section]["change"]
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=roles)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


# --- Bounds: no input reaches the database or date arithmetic out of range ----------------------

# The smallest integer column of both databases (PostgreSQL `integer`); SQLite would take more,
# then fail on save: the bound is the same on both.
ENTIER_MAX = 2**31 - 1
# Absurd, not merely unlikely: coherence rules (the model's clean()) narrow dates further.
DATE_MIN = datetime.date(1900, 1, 1)
DATE_MAX = datetime.date(2199, 12, 31)


def valider_date_bornee(valeur):
    jour = valeur.date() if isinstance(valeur, datetime.datetime) else valeur
    if not DATE_MIN <= jour <= DATE_MAX:
        raise ValidationError(
            _("Enter a date between %(min)s and %(max)s."),
            code="date_hors_bornes",
            params={
                "min": date_format(DATE_MIN, "SHORT_DATE_FORMAT"),
                "max": date_format(DATE_MAX, "SHORT_DATE_FORMAT"),
            },
        )


def borner(champ: forms.Field) -> None:
    """Give a number or date field the absurd-range bounds, unless it has narrower ones."""
    if isinstance(champ, forms.IntegerField):  # also DecimalField and FloatField
        if champ.max_value is None or champ.max_value > ENTIER_MAX:
            champ.max_value = ENTIER_MAX
            champ.validators.append(validators.MaxValueValidator(ENTIER_MAX))
        if champ.min_value is None or champ.min_value < -ENTIER_MAX:
            champ.min_value = -ENTIER_MAX
            champ.validators.append(validators.MinValueValidator(-ENTIER_MAX))
    elif isinstance(champ, forms.DateField | forms.DateTimeField):
        if valider_date_bornee not in champ.validators:
            champ.validators.append(valider_date_bornee)
    elif isinstance(champ, forms.MultiValueField):  # e.g. a date range filter
        for sous_champ in champ.fields:
            borner(sous_champ)
    elif isinstance(champ, forms.ModelChoiceField) and champ.to_field_name is None:  # also the multiple one
        champ.clean = _choix_borne(champ, champ.clean)


# Primary keys are 64-bit (BigAutoField): a larger number matches no row, and SQLite cannot even bind it.
CLE_MAX = 2**63 - 1


def _choix_borne(champ, clean):
    """A record picker whose value is a number no key can have answers "not a valid choice"
    instead of reaching the database (where SQLite overflows and PostgreSQL errs)."""

    def clean_borne(valeur):
        for v in valeur if isinstance(valeur, list | tuple) else [valeur]:
            texte = str(v).strip().lstrip("+-")
            if texte.isdigit() and int(texte) > CLE_MAX:
                raise ValidationError(
                    champ.error_messages["invalid_choice"], code="invalid_choice", params={"value": v}
                )
        return clean(valeur)

    return clean_borne


class BornesMixin:
    """Every form of the application inherits this (through the bases below, `VersionedModelForm`
    and `comptes.filters.FilterSet`): integer and date fields get bounds, so an absurd value is a
    message next to the field, never a server error. tests/test_fuzz.py checks every form class."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for champ in self.fields.values():
            borner(champ)


class Form(BornesMixin, forms.Form):
    pass


class ModelForm(BornesMixin, forms.ModelForm):
    pass


class LignesFormSet(forms.BaseFormSet):
    """The sub-rows a record's form edits with it (the places of an exploitation, the material handed
    out at an intervention). Each line carries its row's id (hidden `ligne`), so the service updates
    rows in place and removes the others softly (`comptes.suppression.lignes_enregistrer`): the one
    base of every formset that edits stored rows (tests/test_sous_lignes.py walks them).

    Subclasses (through `formset_factory(..., formset=...)`) name the row fields in `champs`;
    a line ticked "Delete" or left empty (`vide`) is a row removed."""

    champs: tuple[str, ...] = ()

    @classmethod
    def pour(cls, lignes, *, data=None, prefix: str):
        initial = [{"ligne": ligne.pk, **{champ: getattr(ligne, champ) for champ in cls.champs}} for ligne in lignes]
        return cls(data=data, initial=initial, prefix=prefix)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ligne"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, min_value=1, max_value=CLE_MAX
        )

    def vide(self, donnees: dict) -> bool:
        return not any(donnees.get(champ) for champ in self.champs)

    def lignes(self) -> list[dict]:
        """The rows to keep or create, as `lignes_enregistrer` takes them ({"pk": id or None, field: value})."""
        return [
            {"pk": f.cleaned_data.get("ligne"), **{champ: f.cleaned_data.get(champ) for champ in self.champs}}
            for f in self.forms
            if f.cleaned_data and not self._should_delete_form(f) and not self.vide(f.cleaned_data)
        ]


def lire_parametres(request, form_class) -> dict:
    """A page's GET parameters read through a form: a malformed one is ignored (the field's
    initial value is used) and said in a message, never a server error."""
    form = form_class(data=request.GET)
    form.is_valid()
    for nom, erreurs in form.errors.items():
        libelle = form.fields[nom].label or nom if nom in form.fields else ""
        texte = " ".join(erreurs)
        messages.warning(
            request, _("%(champ)s: %(erreurs)s") % {"champ": libelle, "erreurs": texte} if libelle else texte
        )
    valeurs = {}
    for nom, champ in form.fields.items():
        valeur = form.cleaned_data.get(nom)
        initial = champ.initial() if callable(champ.initial) else champ.initial
        valeurs[nom] = initial if valeur in (None, "") else valeur
    return valeurs


class SuppressionForm(Form):
    """Deleting a record: the reason is required (it stays in the history)."""

    motif = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_("Why this record is removed (e.g. recorded twice, recorded on the wrong person)."),
    )  # fmt: skip


class DeplacementForm(Form):
    """Moving a record to another person: their file number and the reason."""

    numero_dossier = forms.CharField(label=_("File number of the right person"), max_length=20)
    motif = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class RestaurationForm(Form):
    """Restoring a deleted record: a confirmation, nothing to fill in."""
