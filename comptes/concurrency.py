"""Detecting concurrent edits (optimistic locking).

A model inheriting `VersionedModel` carries a `version` counter. Edit forms send the version
they were rendered with (`VersionedModelForm`); `save_versioned()` locks the row, compares,
and refuses with `EditConflict` when someone saved in between. The view then re-renders the
form with the user's input intact and a clear message: nothing is silently overwritten.
"""

from django import forms
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .coherence import ConfirmationMixin, RequisMixin
from .forms import BornesMixin


class EditConflict(Exception):
    message = _(
        "Someone else saved this record while you were editing it. Your input is kept below: "
        "check the current version (open it in a new tab) and save again."
    )


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


MISSING_VERSION = _(
    "This form did not say which version of the record it was opened on, so saving it could overwrite "
    "someone else's changes. Open the record again and redo your changes."
)


class ExpectedVersionMixin:
    """For a form that edits a versioned record: a POST without a valid `version_attendue` is refused
    with a message on top of the form (the field is hidden, so its own error would not show)."""

    def expects_version(self) -> bool:
        return self.instance.pk is not None  # a create has no version to compare with

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.expects_version() and self.cleaned_data.get("version_attendue") is None:
            self._errors.pop("version_attendue", None)
            self.add_error(None, MISSING_VERSION)


class VersionedModelForm(BornesMixin, ConfirmationMixin, RequisMixin, ExpectedVersionMixin, forms.ModelForm):
    """Adds a hidden `version_attendue` field holding the version the user started from."""

    version_attendue = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version_attendue"].initial = self.instance.version


def save_versioned(instance: VersionedModel, expected_version: int | None, **save_kwargs) -> VersionedModel:
    """Save `instance` only if its row still has `expected_version`; bump the version."""
    with transaction.atomic():
        if instance.pk is not None:
            current = type(instance)._default_manager.select_for_update().values_list("version", flat=True)
            current_version = current.get(pk=instance.pk)
            if expected_version is not None and current_version != expected_version:
                raise EditConflict
            instance.version = current_version + 1
        instance.full_clean()
        instance.save(**save_kwargs)
    return instance
