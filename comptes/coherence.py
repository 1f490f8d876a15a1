"""Coherence rules on dates, declared once per model and shared by forms, the import and the
data-quality panel.

A model inherits `Coherent` and declares `regles_dates = {field: Date(...)}` (every date field it
has, so that the walk test in tests/test_coherence.py finds none without a rule). The rules run in
`full_clean()` (ModelForms, services and the import all call it), and `q_incoherents(model)` gives
the same rules as a database filter for the data-quality panel.

Errors refuse the record. Warnings (`avertissements()`: a record dated before the person's support
began, a stay longer than two years) refuse it too until the user ticks the "confirm" box that
`ConfirmationMixin` adds to the form next to the warning.

Values history may lack: a model inheriting `Historique` declares `regles_requis = {field: Requis(...)}`,
the values a new entry must give but an imported history row may leave "non renseigné" (unknown,
never invented). The import marks the rows it creates (`importe`); `full_clean()` requires the
values of the other rows; `RequisMixin` makes the form fields required for them; `q_inconnu()`
gives the unknown rows to the data-quality panel, `inconnus()` to the import's report.
"""

import copy
import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

FONDATION = datetime.date(1994, 1, 1)  # the CCEM's founding: no case record is older
AVERTISSEMENT = "avertissement"  # ValidationError code of the rules the user may confirm


@dataclass(frozen=True)
class Date:
    """The rule of one date field.

    passe: it records what has happened, so it cannot be after today;
    futur_si: (field, values) for which the date is a plan and may be in the future;
    depuis_1994: nothing before the founding (identity and exploitation facts are exempt);
    naissance: not before the birth of the model's person (`coherence_personne`);
    apres: dotted paths of dates it cannot precede (end ≥ start, decision ≥ application…);
    pendant_suivi: warn when it precedes the person's first support period;
    technique: written by the application, never typed by a user (a timestamp of its clock, a copy of
    a date whose own record's rule checked it).
    """

    passe: bool = True
    futur_si: tuple[str, tuple] | None = None
    depuis_1994: bool = True
    naissance: bool = True
    apres: tuple[str, ...] = ()
    pendant_suivi: bool = False
    technique: bool = False


PLAN = Date(passe=False)  # a due date or expiry: the future is its normal place
TECHNIQUE = Date(passe=False, depuis_1994=False, naissance=False, technique=True)


def _chemin(instance, chemin: str):
    """Follow a dotted path ("personne.date_naissance"); None when a link on the way is empty."""
    valeur = instance
    for partie in chemin.split("."):
        if valeur is None:
            return None
        field = valeur._meta.get_field(partie) if hasattr(valeur, "_meta") else None
        if field is not None and field.is_relation and getattr(valeur, field.attname) is None:
            return None
        try:
            valeur = getattr(valeur, partie)
        except ObjectDoesNotExist:  # a link to a row deleted meanwhile (e.g. restoring under a deleted parent)
            return None
    return valeur


def _libelle(model, chemin: str) -> str:
    for partie in chemin.split(".")[:-1]:
        model = model._meta.get_field(partie).related_model
    return str(model._meta.get_field(chemin.split(".")[-1]).verbose_name)


def _jour(valeur) -> datetime.date | None:
    if isinstance(valeur, datetime.datetime):
        return timezone.localtime(valeur).date() if timezone.is_aware(valeur) else valeur.date()
    return valeur


def naissance(personne) -> datetime.date | None:
    """First possible day of life: the date of birth, or 1 January of the year when only it is known."""
    if personne is None:
        return None
    if personne.date_naissance:
        return personne.date_naissance
    if personne.annee_naissance:
        try:
            return datetime.date(personne.annee_naissance, 1, 1)
        except ValueError:
            return None
    return None


def debut_du_suivi(personne) -> datetime.date | None:
    if personne is None or personne.pk is None:
        return None
    if hasattr(personne, "debut_du_suivi_connu"):  # loaded with the person (the import does, per chunk)
        return personne.debut_du_suivi_connu
    return personne.accompagnements.order_by("date_debut").values_list("date_debut", flat=True).first()


def _date_txt(valeur) -> str:
    return formats.date_format(valeur, "SHORT_DATE_FORMAT")


def _messages_regle(instance, regle, valeur, today, ne_le) -> list[str]:
    """The error messages of one date rule for one value (warnings apart)."""
    messages = []
    plan = regle.futur_si and getattr(instance, regle.futur_si[0]) in regle.futur_si[1]
    if regle.passe and not plan and valeur > today:
        messages.append(_("This date is in the future: record it once it has happened."))
    if regle.depuis_1994 and valeur < FONDATION:
        messages.append(_("This date is before 1994, when the CCEM was founded."))
    if regle.naissance and ne_le and valeur < ne_le:
        messages.append(_("This date is before the person's birth (%(date)s).") % {"date": _date_txt(ne_le)})
    for chemin in regle.apres:
        borne = _jour(_chemin(instance, chemin))
        if borne is not None and valeur < borne:
            messages.append(
                _("This date cannot be before the %(champ)s (%(date)s).")
                % {"champ": _libelle(type(instance), chemin), "date": _date_txt(borne)}
            )
    return messages


def erreurs(instance, *, today: datetime.date | None = None, exclude=()) -> dict[str, list[ValidationError]]:
    """{field: [ValidationError]} for the rules `instance` breaks (errors and unconfirmed warnings)."""
    today = today or timezone.localdate()
    found: dict[str, list[ValidationError]] = {}
    personne = _chemin(instance, instance.coherence_personne) if instance.coherence_personne else None
    ne_le = naissance(personne)
    debut_suivi = None
    for champ, regle in instance.regles_dates.items():
        valeur = _jour(getattr(instance, champ))
        if champ in exclude or valeur is None or regle.technique:
            continue
        messages = _messages_regle(instance, regle, valeur, today, ne_le)
        errs = [ValidationError(m, code="incoherent") for m in messages]
        if regle.pendant_suivi and not messages and not instance.coherence_confirmee:
            if debut_suivi is None:
                debut_suivi = debut_du_suivi(personne) or datetime.date.min  # no support yet: no warning
            if valeur < debut_suivi:
                errs.append(
                    ValidationError(
                        _("This date is before the person's support began (%(date)s).")
                        % {"date": _date_txt(debut_suivi)},
                        code=AVERTISSEMENT,
                    )
                )
        if errs:
            found.setdefault(champ, []).extend(errs)
    if not instance.coherence_confirmee:
        for champ, message in instance.avertissements().items():
            if champ not in exclude and champ not in found:
                found.setdefault(champ, []).append(ValidationError(message, code=AVERTISSEMENT))
    return found


class Coherent:
    """Mixin for models: runs the date rules in `full_clean()`, next to each field's own checks."""

    regles_dates: dict[str, Date] = {}
    coherence_personne: str | None = None  # dotted path to the Personne the record is about
    coherence_confirmee = False  # set by the form's "confirm" box (or the import) to accept warnings

    def avertissements(self) -> dict[str, str]:
        """Model-specific warnings {field: message}; override (e.g. a very long stay)."""
        return {}

    def clean_fields(self, exclude=None):
        valider_champs(super().clean_fields, exclude, lambda ignores: erreurs(self, exclude=ignores))


def valider_champs(clean_fields, exclude, regle) -> None:
    """Django's field checks, then a rule {field: [errors]} on the fields they left valid and not
    excluded; every error in one ValidationError, so a form shows each beside its field."""
    found: dict = {}
    try:
        clean_fields(exclude=exclude)
    except ValidationError as exc:
        found = exc.update_error_dict(found)
    for champ, errs in regle(set(exclude or ()) | set(found)).items():
        found.setdefault(champ, []).extend(errs)
    if found:
        raise ValidationError(found)


def q_incoherents(model, *, today: datetime.date | None = None) -> Q:
    """The error rules of `model` as a filter: the rows that break at least one (warnings aside)."""
    today = today or timezone.localdate()
    q = Q(pk__in=[])
    personne = model.coherence_personne.replace(".", "__") if model.coherence_personne else None
    for champ, regle in model.regles_dates.items():
        if regle.technique:
            continue
        if regle.passe:
            futur = Q(**{f"{champ}__gt": today})
            if regle.futur_si:
                futur &= ~Q(**{f"{regle.futur_si[0]}__in": regle.futur_si[1]})
            q |= futur
        if regle.depuis_1994:
            q |= Q(**{f"{champ}__lt": FONDATION})
        if regle.naissance and personne:
            q |= Q(**{f"{champ}__lt": F(f"{personne}__date_naissance")})
            q |= Q(**{f"{champ}__year__lt": F(f"{personne}__annee_naissance")})
        for chemin in regle.apres:
            q |= Q(**{f"{champ}__lt": F(chemin.replace(".", "__"))})
    return q


class ConfirmationMixin:
    """For ModelForms of `Coherent` models: a warning shows next to its field with a "confirm" box;
    ticking it and saving again accepts the record."""

    champ_confirmation = "confirmer_avertissements"

    def _post_clean(self):
        nom = self.add_prefix(self.champ_confirmation)
        if isinstance(self.instance, Coherent):
            self.instance.coherence_confirmee = self.data.get(nom) in ("on", "true", "True", "1")
        super()._post_clean()
        if self.a_des_avertissements():
            self.fields[self.champ_confirmation] = forms.BooleanField(
                label=_("I have checked the warnings above and confirm this record."), required=False
            )
            helper = getattr(self, "helper", None)
            if helper is not None and getattr(helper, "layout", None) is not None:
                helper.layout.append(self.champ_confirmation)

    def a_des_avertissements(self) -> bool:
        return any(
            e.code == AVERTISSEMENT
            for champ, errs in self._errors.as_data().items()
            if champ != NON_FIELD_ERRORS
            for e in errs
        )


def verifier_formulaire(form, instance, valeurs: dict, *, noms: dict | None = None) -> None:
    """For plain forms that fill a few dates of a record ({model field: value}): the rules of those
    dates, shown next to their fields (`noms` maps a model field to a differently named form field).
    The service's full_clean() applies the same rules; this only puts the message in the right place."""
    noms = noms or {}
    copie = copy.copy(instance)
    for champ, valeur in valeurs.items():
        setattr(copie, champ, valeur)
    autres = set(copie.regles_dates) - set(valeurs)
    for champ, errs in erreurs(copie, exclude=autres).items():
        nom = noms.get(champ, champ)
        if nom in form.fields and nom not in form.errors:
            form.add_error(nom, errs)


# --- Values imported history may lack ("non renseigné") ----------------------------------------


@dataclass(frozen=True)
class Requis:
    """A value required of new entries, which an imported history row may leave unknown.

    si: (field, values) for which it is required (a decision date once decided); None = always;
    message: the error shown when it is missing (default: Django's "This field is required.").
    """

    si: tuple[str, tuple] | None = None
    message: str = ""


def _vide(valeur) -> bool:
    return valeur is None or valeur == ""


def _applicable(instance, regle: Requis) -> bool:
    return regle.si is None or getattr(instance, regle.si[0]) in regle.si[1]


def inconnus(instance) -> list[str]:
    """The fields of `instance` whose value is unknown where a new entry would need one."""
    return [
        champ
        for champ, regle in getattr(instance, "regles_requis", {}).items()
        if _applicable(instance, regle) and _vide(getattr(instance, champ))
    ]


def q_inconnu(model, champ: str, prefixe: str = "") -> Q:
    """The rows of `model` (reached through `prefixe`, e.g. "affaire__") whose `champ` is unknown."""
    regle = model.regles_requis[champ]
    field = model._meta.get_field(champ)
    q = Q(**{f"{prefixe}{champ}__isnull": True}) if field.null else Q(**{f"{prefixe}{champ}": ""})
    if regle.si is not None:
        q &= Q(**{f"{prefixe}{regle.si[0]}__in": regle.si[1]})
    return q


class Historique(models.Model):
    """Records the history import creates (`importe`), which may lack the values of `regles_requis`.

    The flag says where a row came from: it stays when the row is edited later, so editing an
    imported row never forces inventing what history did not record (a value given is kept)."""

    importe = models.BooleanField(
        _("imported history"),
        default=False,
        editable=False,
        help_text=_("Created by the history import: values history lacks may stay unknown."),
    )
    regles_requis: dict[str, Requis] = {}

    class Meta:
        abstract = True

    def clean_fields(self, exclude=None):
        valider_champs(super().clean_fields, exclude, self._requis_manquants)

    def _requis_manquants(self, ignores) -> dict:
        if self.importe:
            return {}
        return {
            champ: [
                ValidationError(
                    self.regles_requis[champ].message or self._meta.get_field(champ).error_messages["blank"],
                    code="required",
                )
            ]
            for champ in inconnus(self)
            if champ not in ignores
        }


def marquer_importe(instance) -> None:
    """The import's mark on a row it creates (models without `Historique` have no unknown values)."""
    if isinstance(instance, Historique):
        instance.importe = True


NON_RENSEIGNE = _("Not recorded")


class RequisMixin:
    """For ModelForms: the fields a new entry must give are required, unless the record is imported
    history, where an empty choice reads "Not recorded" and may stay so."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regles = getattr(self.instance, "regles_requis", {})
        importe = getattr(self.instance, "importe", False)
        for champ, regle in regles.items():
            field = self.fields.get(champ)
            if field is None:
                continue
            if importe:
                field.required = False
                if getattr(field, "choices", None) and field.choices and field.choices[0][0] == "":
                    field.choices = [("", NON_RENSEIGNE), *field.choices[1:]]
            elif regle.si is None:
                field.required = True
