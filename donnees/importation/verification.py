"""Checking a chunk of rows with the model's own rules, without `full_clean()` on each row.

`full_clean()` (what the forms and services run) is the field checks of every field, then the
model's coherence rules (`comptes.coherence`: dates, values history may lack), then `clean()`.
`Verification.valides(instances)` runs the same rules from the same definitions, cheaper:
- the field checks column by column, each distinct value checked once by the field itself
  (`field.clean`: choices, null/blank, validators such as max_length), a plain text only by the
  length its field declares;
- the coherence rules (`coherence.erreurs`, the `Historique` rule) and `clean()` row by row, as
  `full_clean()` calls them.
It only sorts rows: a row it does not accept goes through `full_clean()` (the engine's `validate`),
which gives the errors and warnings with their messages. So a row is accepted here only if every
rule passes, and a refused row gets exactly the messages it always had. Models whose checks this
module does not know (their own `full_clean()` or `clean_fields()`) always take `full_clean()`.
"""

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from comptes.coherence import Coherent, Historique, erreurs

# clean_fields() of these classes are known: Django's field checks, plus the coherence rules.
CONNUS = {models.Model.clean_fields, Coherent.clean_fields, Historique.clean_fields}
TEXTES = (models.CharField, models.TextField)  # exact classes: subclasses (e-mail, URL…) have more checks


def _texte_simple(field) -> bool:
    """A text checked only by its length: no choices, no validator but its max_length."""
    if type(field) not in TEXTES or field.choices:
        return False
    return all(
        isinstance(v, validators.MaxLengthValidator)
        and v.limit_value == field.max_length
        or isinstance(v, validators.ProhibitNullCharactersValidator)
        for v in field.validators
    )


class Verification:
    """The rules of `model`, fields in `exclus` left out (as `full_clean(exclude=exclus)`)."""

    def __init__(self, model, exclus):
        self.model = model
        self.exclus = set(exclus)
        self.connu = model.full_clean is models.Model.full_clean and model.clean_fields in CONNUS
        self.textes, self.autres = [], []
        for f in model._meta.concrete_fields:
            if f.name in self.exclus:
                continue
            (self.textes if _texte_simple(f) else self.autres).append(f)
        self.coherent = issubclass(model, Coherent)
        self.historique = issubclass(model, Historique)
        self.clean = model.clean is not models.Model.clean
        self._caches = {f.attname: {} for f in self.autres}

    def valides(self, instances: list) -> list[bool]:
        """For each instance: True when `full_clean()` would accept it without error nor warning."""
        if not self.connu:
            return [False] * len(instances)
        ok = [True] * len(instances)
        etats = [instance.__dict__ for instance in instances]
        for f in self.textes:
            self._textes(f, instances, _colonne(f, instances, etats), ok)
        for f in self.autres:
            self._champ(f, instances, _colonne(f, instances, etats), ok)
        today = timezone.localdate()
        for i, instance in enumerate(instances):
            if ok[i]:
                ok[i] = self._regles(instance, today)
        return ok

    def _textes(self, f, instances, colonne, ok) -> None:
        # Empty passes when the field may be blank, or is not editable (Field.validate() skips those).
        limite, vide_permis = f.max_length, f.blank or not f.editable
        nul = any(isinstance(v, validators.ProhibitNullCharactersValidator) for v in f.validators)
        # The usual case, checked at C speed: every value a text, none too long, none empty if required.
        if (
            set(map(type, colonne)) == {str}
            and (limite is None or max(map(len, colonne), default=0) <= limite)
            and (vide_permis or all(colonne))
            and not (nul and any("\x00" in v for v in colonne))
        ):
            return
        for i, v in enumerate(colonne):
            if type(v) is not str:
                if self._valeur(f, v, instances[i]) is not True:  # None and such: the field decides
                    ok[i] = False
            elif v == "":
                if not vide_permis:
                    ok[i] = False
            elif (limite is not None and len(v) > limite) or (nul and "\x00" in v):
                ok[i] = False

    def _champ(self, f, instances, colonne, ok) -> None:
        """Each distinct value checked once by the field; the rows holding a refused one are refused."""
        cache = self._caches[f.attname]
        try:
            distinctes = set(zip(map(type, colonne), colonne, strict=True))
        except TypeError:  # lists, and other values without a hash: row by row
            for i, v in enumerate(colonne):
                self._appliquer(f, instances[i], self._valeur(f, v, instances[i]), ok, i)
            return
        for cle in distinctes - cache.keys():
            cache[cle] = self._valeur(f, cle[1], instances[0])
        if all(cache[cle] is True for cle in distinctes):
            return
        for i, v in enumerate(colonne):
            self._appliquer(f, instances[i], cache[(type(v), v)], ok, i)

    @staticmethod
    def _appliquer(f, instance, resultat, ok, i) -> None:
        if resultat is False:
            ok[i] = False
        elif resultat is not True:  # the field converts the value, as clean_fields() stores it
            setattr(instance, f.attname, resultat[0])

    @staticmethod
    def _valeur(f, v, instance):
        """True (valid as is), False, or (cleaned value,) when the field converts it."""
        if f.blank and v in f.empty_values:
            return True  # clean_fields() skips it
        try:
            propre = f.clean(v, instance)
        except ValidationError:
            return False
        return True if propre is v or (type(propre) is type(v) and propre == v) else (propre,)

    def _regles(self, instance, today) -> bool:
        try:
            if self.coherent and erreurs(instance, today=today, exclude=self.exclus):
                return False
            if self.historique and instance._requis_manquants(self.exclus):
                return False
            if self.clean:
                instance.clean()
        except ValidationError:
            return False
        return True


def _colonne(f, instances, etats) -> list:
    """The stored values of one field for every instance (the attribute when it is not loaded)."""
    attname = f.attname
    try:
        return [etat[attname] for etat in etats]
    except KeyError:
        return [getattr(instance, attname) for instance in instances]
