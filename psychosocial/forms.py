import datetime

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accompagnement.models import Accompagnement, Personne
from accompagnement.widgets import CasesFiltrables, PersonneField, RechercheInput
from comptes import forms as comptes_forms
from comptes.coherence import verifier_formulaire
from comptes.concurrency import VersionedModelForm

from . import enums
from .models import (
    Activite,
    AideFinanciere,
    Appartement,
    ConsultationPsy,
    Demarche,
    Domiciliation,
    Hebergement,
    OrientationSoins,
    PassageCourrier,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ElementForm(VersionedModelForm):
    """A record of one person: on creation the person is typed (or pre-filled from
    ?personne=<pk>); on edit the person is fixed."""

    personne = PersonneField()

    def __init__(self, *args, user=None, creation: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if creation:
            self.fields["personne"].queryset = Personne.objects.visible_to(user)
            self.order_fields(["personne"])
        else:
            del self.fields["personne"]


class HebergementForm(ElementForm):
    class Meta:
        model = Hebergement
        fields = ["personne", "dispositif", "date_entree", "date_sortie", "nb_enfants", "sortie_vers", "commentaire"]
        widgets = {"date_entree": DateInput(), "date_sortie": DateInput(), "commentaire": forms.Textarea({"rows": 2})}


class DemarcheForm(ElementForm):
    class Meta:
        model = Demarche
        fields = ["personne", "type", "nature", "date_depot", "resultat", "date_resultat", "date_fin", "commentaire"]
        widgets = {
            "date_depot": DateInput(),
            "date_resultat": DateInput(),
            "date_fin": DateInput(),
            "commentaire": forms.Textarea({"rows": 2}),
        }

    def __init__(self, *args, domaine: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if domaine in enums.Domaine.values:
            # Coming from "add a health-right application": only the kinds of that domain.
            types = enums.types_du_domaine(domaine)
            self.fields["type"].choices = [("", "---------")] + [
                (v, label) for v, label in enums.TypeDemarche.choices if v in types
            ]


class AideForm(ElementForm):
    class Meta:
        model = AideFinanciere
        fields = ["personne", "date", "type", "motif", "montant", "nb_tickets", "primo_sortante", "commentaire"]
        widgets = {"date": DateInput(), "commentaire": forms.Textarea({"rows": 2})}


class DomiciliationForm(ElementForm):
    class Meta:
        model = Domiciliation
        fields = ["personne", "date_debut", "date_echeance", "date_fin", "commentaire"]
        widgets = {
            "date_debut": DateInput(),
            "date_echeance": DateInput(),
            "date_fin": DateInput(),
            "commentaire": forms.Textarea({"rows": 2}),
        }
        help_texts = {"date_echeance": _("Left empty: one year after the start.")}

    def clean(self):
        data = super().clean()
        if data.get("date_debut") and not data.get("date_echeance"):
            debut = data["date_debut"]
            try:
                data["date_echeance"] = debut.replace(year=debut.year + 1)
            except ValueError:  # 29 February
                data["date_echeance"] = debut + datetime.timedelta(days=365)
        return data


class ConsultationForm(ElementForm):
    class Meta:
        model = ConsultationPsy
        fields = ["personne", "date", "type", "lien_juridique", "notes"]
        widgets = {"date": DateInput(), "notes": forms.Textarea({"rows": 8})}


class OrientationForm(ElementForm):
    class Meta:
        model = OrientationSoins
        fields = ["personne", "date", "type", "structure", "commentaire"]
        widgets = {"date": DateInput(), "commentaire": forms.Textarea({"rows": 2})}


class PassageCourrierForm(comptes_forms.Form):
    """The mail desk: a person, a date (today by default), a number of letters, Enter."""

    personne = PersonneField(
        widget=RechercheInput(
            {"autofocus": True, "data-suivant": "id_nb_courriers"},
            url_name="psychosocial:recherche_personnes",  # the domiciled persons only
            requete="?domicilies=1",
            placeholder=PersonneField.placeholder,
        )
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    nb_courriers = forms.IntegerField(label=_("Letters"), min_value=0, max_value=500)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["personne"].queryset = Personne.objects.visible_to(user)

    def clean(self):
        data = super().clean()
        verifier_formulaire(self, PassageCourrier(personne=data.get("personne")), {"date": data.get("date")})
        return data


class PassageCourrierCorrectionForm(ElementForm):
    """Correcting a visit recorded at the desk (date, letters); a visit recorded on the wrong
    person is moved with the page's "Move to another person"."""

    class Meta:
        model = PassageCourrier
        fields = ["personne", "date", "nb_courriers"]
        widgets = {"date": DateInput()}
        labels = {"nb_courriers": _("Letters")}


class ParticipantsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ActiviteForm(VersionedModelForm):
    """One form for the activity and its whole group's attendance (tick the persons present)."""

    participants = ParticipantsField(
        queryset=Personne.objects.none(),
        required=False,
        widget=CasesFiltrables,
        label=_("Persons present (file active)"),
    )
    # Ticked beside a person present: the attendance is a child's (counted apart, not a person).
    enfants = ParticipantsField(
        queryset=Personne.objects.none(), required=False, widget=CasesFiltrables, label=_("Child")
    )

    class Meta:
        model = Activite
        fields = ["date", "type", "pole", "theme", "intitule", "nb_accompagnants", "nb_classes", "commentaire"]
        widgets = {"date": DateInput(), "commentaire": forms.Textarea({"rows": 2})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The file active today plus whoever already attended (a closed file stays ticked).
        ouverts = Accompagnement.objects.ouverts().values("personne_id")
        queryset = Personne.objects.visible_to(user).filter(pk__in=ouverts)
        if self.instance.pk:
            presences = list(self.instance.participations.values_list("personne_id", "enfant"))
            deja = [pk for pk, _enfant in presences]
            queryset = Personne.objects.visible_to(user).filter(Q(pk__in=ouverts) | Q(pk__in=deja))
            self.fields["participants"].initial = deja
            self.fields["enfants"].initial = [pk for pk, enfant in presences if enfant]
        self.fields["participants"].queryset = queryset.order_by("nom", "prenom", "pk")
        self.fields["enfants"].queryset = self.fields["participants"].queryset
        self.fields["nb_classes"].required = False  # only a testimony in a school has classes

    def clean_nb_classes(self):
        return self.cleaned_data.get("nb_classes") or 0

    @property
    def enfants_coches(self) -> set[str]:
        """The persons ticked as children, as the checkboxes' values (for the template)."""
        return {str(v.pk if isinstance(v, Personne) else v) for v in self["enfants"].value() or []}

    def clean(self):
        data = super().clean()
        enfants, presents = data.get("enfants") or [], data.get("participants") or []
        if set(enfants) - set(presents):
            self.add_error("enfants", _("A child must be ticked among the persons present."))
        return data


class AppartementForm(comptes_forms.ModelForm):
    class Meta:
        model = Appartement
        fields = ["places"]
