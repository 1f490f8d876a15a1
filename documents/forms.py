from django import forms
from django.utils.translation import gettext_lazy as _

from comptes.concurrency import VersionedModelForm
from comptes.forms import DATE

from .controle import EXTENSIONS
from .models import Document


class _UniteMixin:
    def _limiter_unites(self, unites: list[str]) -> None:
        champ = self.fields["unite"]
        champ.choices = [(valeur, libelle) for valeur, libelle in champ.choices if valeur in unites]
        if len(unites) == 1:
            champ.initial = unites[0]


class DocumentForm(_UniteMixin, VersionedModelForm):
    """Upload: the file and what it is. The service checks the content; the form only takes it in."""

    fichier = forms.FileField(
        label=_("File"),
        max_length=None,  # a name too long gets the service's clear message, not Django's
        allow_empty_file=True,  # likewise for an empty file
        help_text=_("PDF, JPEG, PNG, HEIC, ODT or DOCX."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(f".{e}" for e in EXTENSIONS)}),
    )

    class Meta:
        model = Document
        fields = ["fichier", "type", "date", "unite", "description"]
        widgets = {"date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, unites: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self._limiter_unites(unites)

    def _post_clean(self):
        pass  # the service builds and validates the row (the file and its target are its business)


class DocumentModifierForm(_UniteMixin, VersionedModelForm):
    class Meta:
        model = Document
        fields = ["type", "date", "unite", "description"]
        widgets = {"date": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, unites: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self._limiter_unites(unites)
