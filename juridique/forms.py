from django import forms
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accompagnement.widgets import AffaireField, CasesFiltrables
from comptes import forms as comptes_forms
from comptes.concurrency import VersionedModelForm
from comptes.permissions import Role

from . import enums
from .models import Avocat, Decision, Etape, Procedure, TitreSejour

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class AffaireChoixForm(comptes_forms.Form):
    affaire = AffaireField(label=_("Case"), help_text=_("The persons offered next are those of this case."))

    def __init__(self, *args, affaires, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["affaire"].queryset = affaires


def _juristes():
    return User.objects.filter(groups__name__in=[Role.JURIDIQUE, Role.DIRECTION], is_active=True).distinct()


class ProcedureForm(VersionedModelForm):
    """Create (for a case chosen first) or edit proceedings. Notes only for who may read them."""

    class Meta:
        model = Procedure
        fields = [
            "personnes", "type", "juridiction", "numero_juridiction", "partie_adverse", "avocats", "referent",
            "partie_civile_ccem", "inspection_travail", "date_ouverture", "date_saisine", "date_cloture", "notes",
        ]  # fmt: skip
        widgets = {
            "personnes": CasesFiltrables,
            "avocats": forms.CheckboxSelectMultiple,
            "date_ouverture": DATE,
            "date_saisine": DATE,
            "date_cloture": DATE,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, personnes, voit_notes: bool, voit_exploiteur: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["personnes"].queryset = personnes
        self.fields["personnes"].help_text = _("Tick the persons of the case concerned by these proceedings.")
        avocats = Avocat.objects.filter(actif=True)
        if self.instance.pk:
            avocats = Avocat.objects.filter(pk__in=self.instance.avocats.values("pk")) | avocats
        self.fields["avocats"].queryset = avocats.order_by("nom", "prenom", "pk")
        self.fields["referent"].queryset = _juristes().order_by("last_name", "first_name", "pk")
        if not self.instance.pk:
            del self.fields["date_cloture"]
        if not voit_notes:
            del self.fields["notes"]
        if not voit_exploiteur:  # the opposing party names the exploiter
            del self.fields["partie_adverse"]


class EtapeForm(VersionedModelForm):
    class Meta:
        model = Etape
        fields = ["type", "date", "heure", "lieu", "salle", "precision", "stade_apres"]
        widgets = {"date": DATE, "heure": TIME}

    def __init__(self, *args, procedure: Procedure, **kwargs):
        super().__init__(*args, **kwargs)
        permis = [*enums.ETAPES_PAR_TYPE[procedure.type], *enums.GENERIQUES]
        self.fields["type"].choices = [(t.value, t.label) for t in permis]
        stades = enums.STADES_PAR_TYPE.get(procedure.type)
        if stades:
            self.fields["stade_apres"].choices = [("", "---------"), *((s.value, s.label) for s in stades)]
        else:
            del self.fields["stade_apres"]
        self.fields["heure"].help_text = _("For a hearing: the time it is called.")
        self.fields["lieu"].help_text = _("Leave empty to use “%(court)s”.") % {"court": procedure.juridiction or "—"}


class DecisionForm(comptes_forms.ModelForm):
    cloturer = forms.BooleanField(label=_("This decision closes the proceedings"), required=False)

    class Meta:
        model = Decision
        fields = [
            "date", "niveau", "nature", "definitive", "montant_demande", "montant_accorde", "montant_recouvre",
            "precision",
        ]  # fmt: skip
        widgets = {"date": DATE}


class DecisionModificationForm(VersionedModelForm):
    """Correcting a recorded decision (closing the proceedings is done on their own page)."""

    class Meta:
        model = Decision
        fields = DecisionForm.Meta.fields
        widgets = DecisionForm.Meta.widgets


class TitreSejourForm(VersionedModelForm):
    class Meta:
        model = TitreSejour
        fields = [
            "type", "premier", "prefecture", "date_demande", "date_decision", "issue", "date_fin_validite",
            "procedure", "precision",
        ]  # fmt: skip
        widgets = {"date_demande": DATE, "date_decision": DATE, "date_fin_validite": DATE}

    def __init__(self, *args, procedures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = procedures


class AvocatForm(VersionedModelForm):
    class Meta:
        model = Avocat
        fields = ["nom", "prenom", "barreau", "cabinet", "telephone", "email", "domaines", "actif"]


class JetonForm(comptes_forms.Form):
    libelle = forms.CharField(
        label=_("Label"), max_length=100, help_text=_("Where you will use this address, e.g. “work phone”.")
    )


# Four months: the prefecture's silence for that long is an implicit refusal, a natural alert threshold.
SEUIL_ATTENTE_DEFAUT = 120


class SeuilAttenteForm(comptes_forms.Form):
    """?jours= on the unit's home: the waiting time beyond which a permit application is listed."""

    jours = forms.IntegerField(
        label=_("Waiting longer than (days)"), min_value=0, max_value=36500, initial=SEUIL_ATTENTE_DEFAUT
    )


class AgendaForm(comptes_forms.Form):
    """?quoi= of the agenda: everything, hearings only or deadlines only."""

    quoi = forms.ChoiceField(
        label=_("Show"),
        choices=[("", pgettext_lazy("agenda", "All")), ("audiences", _("Hearings")), ("echeances", _("Deadlines"))],
        required=False,
        initial="",
    )


class MoisAgendaForm(comptes_forms.Form):
    """?mois=YYYY-MM of the month grid (this month by default)."""

    mois = forms.DateField(label=_("Month"), input_formats=["%Y-%m"], required=False)


class AvocatsForm(comptes_forms.Form):
    """?actifs= of the lawyers' list: active ones only (1, the default) or all (0)."""

    actifs = forms.ChoiceField(label=_("Lawyers"), choices=[("1", "1"), ("0", "0")], required=False, initial="1")
