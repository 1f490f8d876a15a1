from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def add_validation_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors next to their field, others on top."""
    if hasattr(exc, "error_dict"):
        for champ, erreurs in exc.error_dict.items():
            form.add_error(champ if champ in form.fields else None, erreurs)
    else:
        form.add_error(None, exc)


class SuppressionForm(forms.Form):
    """Deleting a record: the reason is required (it stays in the history)."""

    motif = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        help_text=_("Why this record is removed (e.g. recorded twice, recorded on the wrong person)."),
    )  # fmt: skip


class DeplacementForm(forms.Form):
    """Moving a record to another person: their file number and the reason."""

    numero_dossier = forms.CharField(label=_("File number of the right person"), max_length=20)
    motif = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class RestaurationForm(forms.Form):
    """Restoring a deleted record: a confirmation, nothing to fill in."""
