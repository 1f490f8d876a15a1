from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ccem.referentiels import DEPARTEMENT_CHOICES
from comptes import forms as comptes_forms
from comptes.concurrency import VersionedModelForm
from comptes.forms import DATE, StaffChoiceField, personnel
from comptes.permissions import Role, can, user_roles

from . import enums
from .doublons import candidats
from .models import (
    Accompagnement,
    Affaire,
    ConsentementTransfert,
    EntreeJournal,
    EvenementTraite,
    Exploitation,
    LieuExploitation,
    Personne,
    Suivi,
)
from .widgets import AffaireField

# The person's situation at intake and identification (national survey, CTDC, HTCDS).
CHAMPS_SITUATION = (
    "statut_admin_accueil", "hors_exploitation_accueil", "mna", "ase", "poursuivie", "addiction",
    "identification_statut", "identifie_par",
)  # fmt: skip


class PersonneForm(VersionedModelForm):
    """Identity of a person. On creation, possible duplicates are shown before saving;
    `confirmer_nouvelle` records that the user chose to create a new person anyway."""

    confirmer_nouvelle = forms.BooleanField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Personne
        fields = [
            "nom", "prenom", "nom_usage", "sexe", "date_naissance", "annee_naissance", "nationalite", "langues",
            "interprete", "telephone", "email", "adresse", "type_visa_entree", "date_deces", "membre_cva",
            *CHAMPS_SITUATION,
        ]  # fmt: skip
        widgets = {"date_naissance": DATE, "date_deces": DATE, "adresse": forms.Textarea(attrs={"rows": 2})}

    # Shown under their own heading. The nullable yes/no facts keep Django's select (Unknown / Yes /
    # No), as the exploitation's housing facts: "unknown" is not "no".
    champs_situation = CHAMPS_SITUATION

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.candidats = []
        if not can(user, "accompagnement.sante", "change"):
            del self.fields["addiction"]  # health data: the stored value is left as it is

    def verifier_doublons(self) -> bool:
        """True when possible duplicates exist and the user has not yet chosen to create anyway."""
        if self.instance.pk or self.cleaned_data.get("confirmer_nouvelle"):
            return False
        data = self.cleaned_data
        self.candidats = candidats(
            nom=data.get("nom", ""),
            prenom=data.get("prenom", ""),
            date_naissance=data.get("date_naissance"),
            annee_naissance=data.get("annee_naissance"),
            nationalite=str(data.get("nationalite") or ""),
            telephone=data.get("telephone", ""),
            queryset=Personne.objects.visible_to(self.user),
        )
        return bool(self.candidats)


class OuvertureForm(comptes_forms.Form):
    date_debut = forms.DateField(label=capfirst(_("start of support")), widget=DATE, initial=timezone.localdate)
    referent_accueil = StaffChoiceField(
        queryset=personnel("accompagnement"), required=False, label=capfirst(_("referent, reception"))
    )

    def __init__(self, *args, obligatoire=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent_accueil"].queryset = personnel("accompagnement")
        self.fields["date_debut"].required = obligatoire


class PersonneCreationForm(PersonneForm):
    date_debut = forms.DateField(
        label=capfirst(_("open a support period from")), widget=DATE, required=False,
        help_text=_("Leave empty if the person is not (yet) supported."),
    )  # fmt: skip


class AccompagnementForm(VersionedModelForm):
    referent_accueil = StaffChoiceField(
        queryset=personnel("accompagnement"), required=False, label=capfirst(_("referent, reception"))
    )
    referent_psychosocial = StaffChoiceField(
        queryset=personnel("accompagnement"), required=False, label=capfirst(_("referent, psycho-social unit"))
    )
    referent_juridique = StaffChoiceField(
        queryset=personnel("accompagnement"), required=False, label=capfirst(_("referent, legal unit"))
    )

    class Meta:
        model = Accompagnement
        fields = ["date_debut", "referent_accueil", "referent_psychosocial", "referent_juridique"]
        widgets = {"date_debut": DATE}


class ClotureForm(VersionedModelForm):
    class Meta:
        model = Accompagnement
        fields = ["date_cloture", "motif_cloture", "motif_cloture_precision"]
        widgets = {"date_cloture": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_cloture"].required = True
        self.fields["motif_cloture"].required = True
        if not self.is_bound:
            self.fields["date_cloture"].initial = timezone.localdate()


class AffaireForm(VersionedModelForm):
    class Meta:
        model = Affaire
        fields = ["intitule", "type_exploiteur", "exploiteur_details", "date_ouverture", "source", "collective"]
        widgets = {"exploiteur_details": forms.Textarea(attrs={"rows": 4}), "date_ouverture": DATE}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not can(user, "accompagnement.exploiteur", "change"):
            del self.fields["exploiteur_details"]


def cases_a_cocher(libelle, choices) -> forms.MultipleChoiceField:
    """A multi-valued list of codes (a JSON list field) edited as boxes; none ticked = an empty list."""
    return forms.MultipleChoiceField(
        label=capfirst(libelle), choices=choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class ExploitationForm(VersionedModelForm):
    emprise = cases_a_cocher(_("control methods"), enums.Emprise.choices)
    violences = cases_a_cocher(_("violence suffered"), enums.Violence.choices)
    formes = cases_a_cocher(_("forms of exploitation"), enums.FormeExploitation.choices)
    relations_exploiteur = cases_a_cocher(_("relation to the exploiter"), enums.RelationExploiteur.choices)

    affaire = AffaireField(label=capfirst(_("case")), required=False)

    class Meta:
        model = Exploitation
        fields = [
            "affaire", "principale", "date_debut", "date_fin", "secteur", "heures_par_jour", "jours_par_semaine",
            "remuneration_mensuelle_eur", "hebergement", "hebergement_par_exploiteur", "loge_sur_lieu",
            "recrutement_mode", "recrutement_pays", "recrutement_date",
            "emprise_renseignee", "emprise", "dette_recrutement_eur",
            "violences_renseignees", "violences", "formes", "relations_exploiteur",
        ]  # fmt: skip
        widgets = {"date_debut": DATE, "date_fin": DATE, "recrutement_date": DATE}

    # Ticked in boxes, below the other fields.
    cases_a_cocher = ("formes", "relations_exploiteur", "emprise_renseignee", "emprise", "violences")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affaire"].queryset = Affaire.objects.visible_to(user).order_by("-reference")
        self.fields["affaire"].help_text = _("Persons exploited in the same situation share a case (see Cases).")

    def clean(self):
        data = super().clean()
        if data.get("violences") and not data.get("violences_renseignees"):
            data["violences_renseignees"] = True
        return data


class LieuForm(comptes_forms.Form):
    departement = forms.ChoiceField(
        label=capfirst(_("département")), choices=[("", "---------"), *DEPARTEMENT_CHOICES], required=False
    )
    pays = LieuExploitation._meta.get_field("pays").formfield(required=False)
    commune = forms.CharField(label=capfirst(_("town")), max_length=150, required=False)

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("pays"):
            data["pays"] = "FR"
        return data


class BaseLieuFormSet(comptes_forms.LignesFormSet):
    champs = ("departement", "pays", "commune")

    def vide(self, donnees: dict) -> bool:
        # France is the country's default: a line with France alone names no place.
        return not (donnees.get("departement") or donnees.get("commune") or donnees.get("pays") not in ("", "FR"))


LieuFormSet = forms.formset_factory(
    LieuForm, formset=BaseLieuFormSet, extra=2, max_num=30, can_delete=True, can_delete_extra=False
)


class EvenementForm(comptes_forms.Form):
    """A place and time of the person's path (recruitment, transit, exploitation: HTCDS events)."""

    type = EvenementTraite._meta.get_field("type").formfield()
    pays = EvenementTraite._meta.get_field("pays").formfield()
    lieu = EvenementTraite._meta.get_field("lieu").formfield()
    date_debut = EvenementTraite._meta.get_field("date_debut").formfield(widget=DATE)
    date_fin = EvenementTraite._meta.get_field("date_fin").formfield(widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("date_debut") and data.get("date_fin") and data["date_fin"] < data["date_debut"]:
            self.add_error("date_fin", _("The end cannot be before the start."))
        return data


class BaseEvenementFormSet(comptes_forms.LignesFormSet):
    champs = ("type", "pays", "lieu", "date_debut", "date_fin")


EvenementFormSet = forms.formset_factory(
    EvenementForm, formset=BaseEvenementFormSet, extra=2, max_num=30, can_delete=True, can_delete_extra=False
)


class ConsentementForm(VersionedModelForm):
    """A consent to transfer the case record, as the person gave it (built on the person's new consent,
    so the dates are checked against the person's file)."""

    class Meta:
        model = ConsentementTransfert
        fields = ["destinataire", "date_consentement", "precision"]
        widgets = {"date_consentement": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["date_consentement"].initial = timezone.localdate()


class RetraitConsentementForm(VersionedModelForm):
    """Withdrawing a consent: the date it was withdrawn (the consent stays in the record)."""

    class Meta:
        model = ConsentementTransfert
        fields = ["retire_le"]
        widgets = {"retire_le": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["retire_le"].required = True
        if not self.is_bound:
            self.fields["retire_le"].initial = timezone.localdate()


# The unit an author writes for, most specific role first (a psychologist who is also on the
# psycho-social team writes as the psychologist unless she picks otherwise).
POLE_DU_ROLE = [
    (Role.PSYCHOLOGUE, enums.Pole.PSY),
    (Role.JURIDIQUE, enums.Pole.JURIDIQUE),
    (Role.PSYCHOSOCIAL, enums.Pole.PSYCHOSOCIAL),
    (Role.ACCUEIL, enums.Pole.ACCUEIL),
]


def pole_par_defaut(user, poles: list[str]) -> str | None:
    roles = user_roles(user)
    return next((pole for role, pole in POLE_DU_ROLE if role in roles and pole in poles), None)


class JournalForm(comptes_forms.ModelForm):
    class Meta:
        model = EntreeJournal
        fields = ["date", "pole", "type", "texte"]
        widgets = {"date": DATE, "texte": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        poles = [
            (enums.Pole.ACCUEIL, enums.Pole.ACCUEIL.label),
            (enums.Pole.PSYCHOSOCIAL, enums.Pole.PSYCHOSOCIAL.label),
        ]
        if not can(user, "accompagnement", "change"):
            poles = []
        if can(user, "journal.juridique", "change"):
            poles.append((enums.Pole.JURIDIQUE, enums.Pole.JURIDIQUE.label))
        if can(user, "journal.psy", "change"):
            poles.append((enums.Pole.PSY, enums.Pole.PSY.label))
        self.fields["pole"].choices = poles
        self.fields["date"].initial = timezone.localdate
        if not self.instance.pk:
            self.fields["pole"].initial = pole_par_defaut(user, [p for p, _libelle in poles])


class JournalModificationForm(VersionedModelForm, JournalForm):
    """The same fields, with the version the author started from (concurrent edits detected)."""


class SuiviForm(VersionedModelForm):
    referent = StaffChoiceField(queryset=personnel("accompagnement"), required=False, label=capfirst(_("referent")))

    class Meta:
        model = Suivi
        fields = ["pole", "date_debut", "date_fin", "referent"]
        widgets = {"date_debut": DATE, "date_fin": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referent"].queryset = personnel("accompagnement") | personnel("journal.psy")
        if not self.instance.pk:
            self.fields["date_debut"].initial = timezone.localdate

    def clean(self):
        data = super().clean()
        if data.get("date_debut") and data.get("date_fin") and data["date_fin"] < data["date_debut"]:
            self.add_error("date_fin", _("The end cannot be before the start."))
        return data
