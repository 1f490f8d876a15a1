"""Form helpers shared by the apps (they may import comptes, not each other)."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

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
