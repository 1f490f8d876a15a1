from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accompagnement.doublons import candidats
from accompagnement.enums import FormeExploitation, TypeExploiteur
from accompagnement.forms import cases_a_cocher
from accompagnement.models import Affaire, Personne
from accompagnement.widgets import AffaireField
from comptes import forms as comptes_forms
from comptes.coherence import verifier_formulaire
from comptes.concurrency import ExpectedVersionMixin, VersionedModelForm
from comptes.forms import DATE, StaffChoiceField, personnel

from . import enums
from .models import Entretien, PersonneSignalee, Signalement
from .services import IGNORER, NOUVELLE


class SignalementForm(VersionedModelForm):
    charge_par = StaffChoiceField(queryset=personnel("signalements"), required=False, label=capfirst(_("handled by")))
    formes_presumees = cases_a_cocher(_("presumed forms of exploitation"), FormeExploitation.choices)

    class Meta:
        model = Signalement
        fields = [
            "date_reception", "canal", "source_type", "source_organisation", "source_contact",
            "secteur_presume", "formes_presumees", "departement_faits", "pays_faits", "description",
            "consentement_date", "charge_par",
        ]  # fmt: skip
        widgets = {
            "date_reception": DATE,
            "consentement_date": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "consentement_date": _("Only when the potential victim already agreed to go further."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["charge_par"].queryset = personnel("signalements")
        if not self.instance.pk:
            self.fields["date_reception"].initial = timezone.localdate


class PersonneSignaleeForm(VersionedModelForm):
    """A potential victim. `lien` carries the user's answer to the possible duplicates:
    "" (not asked yet), "nouvelle" (a new person) or the pk of an existing person."""

    lien = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = PersonneSignalee
        fields = ["nom", "prenom", "sexe", "age", "annee_naissance", "nationalite", "telephone"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.candidats = []
        self.signalements_anterieurs = []

    def verifier_doublons(self) -> bool:
        """Look for possible duplicates (persons of the file active, and earlier reports of the same
        potential victim: a repeat caller); True when the user still has to choose."""
        data = self.cleaned_data
        if not any(data.get(f) for f in ("nom", "prenom", "telephone")):
            return False
        self.signalements_anterieurs = list(
            Signalement.objects.visible_to(self.user)
            .de_la_victime(nom=data.get("nom", ""), prenom=data.get("prenom", ""), telephone=data.get("telephone", ""))
            .exclude(pk=self.instance.signalement_id)
            .order_by("-date_reception", "-pk")[:5]
        )
        self.candidats = candidats(
            nom=data.get("nom", ""),
            prenom=data.get("prenom", ""),
            annee_naissance=data.get("annee_naissance"),
            nationalite=str(data.get("nationalite") or ""),
            telephone=data.get("telephone", ""),
            queryset=Personne.objects.visible_to(self.user),
        )
        lien = data.get("lien", "")
        if lien == NOUVELLE:
            return False
        if lien.isdigit():
            if int(lien) in {c.personne.pk for c in self.candidats}:
                return False
            self.add_error(None, _("Choose one of the persons listed, or a new person."))
            return True
        return bool(self.candidats or self.signalements_anterieurs)

    def personne_choisie(self) -> Personne | None:
        lien = self.cleaned_data.get("lien", "")
        if lien.isdigit():
            return next(c.personne for c in self.candidats if c.personne.pk == int(lien))
        return None


class BasePersonneSignaleeFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {"user": self.user}


def personnes_formset(data=None, *, user, extra=3):
    formset_class = forms.formset_factory(
        PersonneSignaleeForm, formset=BasePersonneSignaleeFormSet, extra=extra, max_num=200
    )
    formset_class.user = user
    return formset_class(data=data, prefix="victimes")


class ConsentementMixin(comptes_forms.Form):
    consentement_date = forms.DateField(
        label=capfirst(_("consent given on")), required=False, widget=DATE,
        help_text=_("Required once: the potential victim agreed to go further."),
    )  # fmt: skip

    def retirer_consentement_si_deja(self, signalement):
        if signalement.consentement_date:
            del self.fields["consentement_date"]


class AvancerForm(ConsentementMixin):
    date = forms.DateField(label=capfirst(_("questionnaire sent on")), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, signalement, **kwargs):
        super().__init__(*args, **kwargs)
        self.signalement = signalement
        self.retirer_consentement_si_deja(signalement)
        if not signalement.consentement_date:
            self.fields["consentement_date"].required = True

    def clean(self):
        data = super().clean()
        valeurs = {"date_questionnaire": data.get("date")}
        if data.get("consentement_date"):
            valeurs["consentement_date"] = data["consentement_date"]
        verifier_formulaire(self, self.signalement, valeurs, noms={"date_questionnaire": "date"})
        return data


class EntretienForm(comptes_forms.ModelForm):
    mene_par = StaffChoiceField(queryset=personnel("signalements"), label=capfirst(_("conducted by")))
    consentement_date = forms.DateField(label=capfirst(_("consent given on")), required=True, widget=DATE)

    class Meta:
        model = Entretien
        fields = ["date", "type", "mene_par", "compte_rendu"]
        widgets = {"date": DATE, "compte_rendu": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, signalement, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mene_par"].queryset = personnel("signalements")
        self.fields["mene_par"].initial = user.pk
        self.fields["date"].initial = timezone.localdate
        self.fields["type"].initial = enums.TypeEntretien.IDENTIFICATION
        if signalement.consentement_date:
            del self.fields["consentement_date"]


class EntretienModificationForm(comptes_forms.ModelForm):
    """Correcting an interview recorded with a mistake."""

    mene_par = StaffChoiceField(queryset=personnel("signalements"), label=capfirst(_("conducted by")))

    class Meta:
        model = Entretien
        fields = ["date", "type", "mene_par", "compte_rendu"]
        widgets = EntretienForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mene_par"].queryset = personnel("signalements")


class DecisionForm(ExpectedVersionMixin, comptes_forms.Form):
    decision = forms.ChoiceField(
        label=capfirst(_("decision")),
        choices=[c for c in enums.Decision.choices if c[0] != enums.Decision.EN_COURS],
        widget=forms.RadioSelect,
    )
    date_decision = forms.DateField(label=capfirst(_("decision date")), widget=DATE, initial=timezone.localdate)
    type_reorientation = forms.ChoiceField(
        label=capfirst(_("kind of re-referral")),
        choices=[("", "---------"), *enums.TypeReorientation.choices],
        required=False,
    )
    structure_reorientation = forms.CharField(
        label=capfirst(_("structure referred to")), max_length=200, required=False
    )
    motif_sans_suite = forms.ChoiceField(
        label=capfirst(_("reason for no follow-up")),
        choices=[("", "---------"), *enums.MotifSansSuite.choices],
        required=False,
    )
    decision_commentaire = forms.CharField(
        label=capfirst(_("comment on the decision")), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    affaire = AffaireField(
        label=capfirst(_("existing case")), required=False,
        help_text=_(
            "Type a reference or words of the title; leave empty to open a new case for the persons of this report."
        ),
    )  # fmt: skip
    intitule_affaire = forms.CharField(
        label=capfirst(_("title of the new case")),
        max_length=200,
        required=False,
        help_text=_("A neutral title, never a name."),
    )
    type_exploiteur = forms.ChoiceField(
        label=capfirst(_("type of exploiter")), choices=TypeExploiteur.choices, initial=TypeExploiteur.PARTICULIER
    )

    version_attendue = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, signalement, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.signalement = signalement
        self.fields["version_attendue"].initial = signalement.version
        self.fields["affaire"].queryset = Affaire.objects.visible_to(user).order_by("-reference")
        self.personnes = list(signalement.personnes_signalees.select_related("personne"))
        # The duplicates were checked once, when each potential victim was entered (or edited): the
        # decision shows what was chosen then and does not ask again; editing the victim changes it.
        self.lignes = []
        for ps in self.personnes:
            if ps.personne_id:
                choices = [(str(ps.personne_id), _("Linked person: %(p)s") % {"p": ps.personne})]
            else:
                choices = [(NOUVELLE, _("Create a new person (no existing person chosen at entry)"))]
            choices.append((IGNORER, _("Not supported")))
            name = f"choix_{ps.pk}"
            self.fields[name] = forms.ChoiceField(
                label=str(ps), choices=choices, required=False, initial=choices[0][0], widget=forms.RadioSelect
            )
            self.lignes.append({"ps": ps, "champ": name})

    def expects_version(self) -> bool:
        return True  # a decision always changes an existing report

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == enums.Decision.REORIENTATION and not data.get("type_reorientation"):
            self.add_error("type_reorientation", _("Say what kind of structure the report was referred to."))
        if decision == enums.Decision.SANS_SUITE and not data.get("motif_sans_suite"):
            self.add_error("motif_sans_suite", _("Give the reason for no follow-up."))
        if decision == enums.Decision.ACCOMPAGNEMENT:
            if not self.personnes:
                self.add_error(None, _("Add the potential victim(s) to the report before deciding on support."))
            for ligne in self.lignes:
                if not data.get(ligne["champ"]):
                    self.add_error(ligne["champ"], _("Choose: a new person, an existing one, or not supported."))
        verifier_formulaire(self, self.signalement, {"date_decision": data.get("date_decision")})
        return data

    def choix(self, choix_cls, personnes_par_pk):
        result = []
        for ligne in self.lignes:
            valeur = self.cleaned_data.get(ligne["champ"])
            if not valeur:  # left empty: only allowed by clean() when the decision is not support
                result.append(choix_cls(ligne["ps"], IGNORER))
            elif valeur in (NOUVELLE, IGNORER):
                result.append(choix_cls(ligne["ps"], valeur))
            else:
                result.append(choix_cls(ligne["ps"], "lier", personnes_par_pk[int(valeur)]))
        return result
