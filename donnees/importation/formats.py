"""Cell formats shared by import and export: French dates, decimal commas, oui/non, codes.

`lire(field, cell)` turns a cell into a model value (raises `ErreurCellule` with a message
for the user); `ecrire(field, value)` gives the cell the export writes, which `lire` reads
back to the same value (the round trip is tested).
"""

import datetime
import functools
import unicodedata
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_countries import countries
from django_countries.fields import CountryField

from comptes.tableur import NEUTRALISES, neutraliser

SEPARATEUR_LISTE = "|"
VRAI = {"oui", "o", "vrai", "x", "1", "yes", "y", "true"}
FAUX = {"non", "n", "faux", "0", "no", "false"}


class ErreurCellule(ValueError):
    pass


def texte_cellule(brut) -> str:
    """A cell as text: stripped, with the export's neutralising quote removed."""
    if brut is None:
        return ""
    if isinstance(brut, float) and brut.is_integer():
        brut = int(brut)
    texte = str(brut).strip()
    if texte.startswith("'") and texte[1:2] and texte[1:].startswith(NEUTRALISES):
        texte = texte[1:]
    return texte


def sans_accents(texte: str) -> str:
    texte = unicodedata.normalize("NFKD", texte)
    return "".join(c for c in texte if not unicodedata.combining(c)).lower().strip()


def lire_date(brut) -> datetime.date:
    if isinstance(brut, datetime.datetime):
        return brut.date()
    if isinstance(brut, datetime.date):
        return brut
    texte = texte_cellule(brut)
    if len(texte) == 10 and texte[2] == texte[5] == "/" and texte.replace("/", "").isdigit():
        try:  # dd/mm/yyyy, the usual case, without strptime's cost
            return datetime.date(int(texte[6:]), int(texte[3:5]), int(texte[:2]))
        except ValueError:
            pass
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(texte, fmt).date()  # noqa: DTZ007 (a date)
        except ValueError:
            continue
    raise ErreurCellule(_("“%(valeur)s” is not a valid date (dd/mm/yyyy).") % {"valeur": texte})


def lire_heure(brut) -> datetime.time:
    if isinstance(brut, datetime.time):
        return brut
    if isinstance(brut, datetime.datetime):
        return brut.time()
    texte = texte_cellule(brut).lower().replace("h", ":")
    if texte.endswith(":"):
        texte += "00"
    for fmt in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.datetime.strptime(texte, fmt).time()  # noqa: DTZ007 (a time)
        except ValueError:
            continue
    raise ErreurCellule(_("“%(valeur)s” is not a valid time (hh:mm).") % {"valeur": texte_cellule(brut)})


def lire_datetime(brut) -> datetime.datetime:
    from django.utils import timezone

    if isinstance(brut, datetime.datetime):
        valeur = brut
    else:
        texte = texte_cellule(brut)
        for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y"):
            try:
                valeur = datetime.datetime.strptime(texte[:19], fmt)  # noqa: DTZ007 (made aware below)
                break
            except ValueError:
                continue
        else:
            raise ErreurCellule(_("“%(valeur)s” is not a valid date and time (dd/mm/yyyy hh:mm).") % {"valeur": texte})
    return timezone.make_aware(valeur) if timezone.is_naive(valeur) else valeur


def lire_decimal(brut) -> Decimal:
    if isinstance(brut, int | float) and not isinstance(brut, bool):
        return Decimal(str(brut))
    texte = texte_cellule(brut).replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace("€", "")
    if "," in texte:
        texte = texte.replace(".", "").replace(",", ".")
    try:
        return Decimal(texte)
    except InvalidOperation as exc:
        raise ErreurCellule(_("“%(valeur)s” is not a number.") % {"valeur": texte_cellule(brut)}) from exc


def lire_entier(brut) -> int:
    valeur = lire_decimal(brut)
    if valeur != valeur.to_integral_value():
        raise ErreurCellule(_("“%(valeur)s” is not a whole number.") % {"valeur": texte_cellule(brut)})
    return int(valeur)


def lire_booleen(brut) -> bool:
    if isinstance(brut, bool):
        return brut
    texte = sans_accents(texte_cellule(brut))
    if texte in VRAI:
        return True
    if texte in FAUX:
        return False
    raise ErreurCellule(_("“%(valeur)s”: answer oui or non.") % {"valeur": texte_cellule(brut)})


def _index_choix(choix) -> tuple[dict, dict]:
    """({code text: code}, {code or French/English label, without accents: code}) of (code, label) pairs."""
    codes = {str(code): code for code, _label in choix}
    libelles = {}
    for code, label in reversed(choix):  # the first choice wins, as it did
        for langue in ("en", "fr"):
            with override(langue):
                libelles[sans_accents(str(label))] = code
        libelles[sans_accents(str(code))] = code
    return codes, libelles


@functools.cache
def _choix(field) -> tuple[dict, dict]:
    """The codes and labels of a field with choices, built once."""
    return _index_choix(list(field.flatchoices))


@functools.cache
def _choix_liste(field) -> tuple[dict, dict] | None:
    """The codes and labels of a multi-valued column (specs.CODES_LISTES), None for a free list."""
    from donnees.specs import CODES_LISTES

    enum = CODES_LISTES.get(field.model._meta.label, {}).get(field.name)
    return _index_choix(list(enum.choices)) if enum else None


def lire_choix(field, texte: str, index: tuple[dict, dict] | None = None) -> str:
    """A code, or its label in French or English (case and accents ignored)."""
    codes, libelles = index or _choix(field)
    if texte in codes:
        return codes[texte]
    cle = sans_accents(texte)
    if cle in libelles:
        return libelles[cle]
    raise ErreurCellule(
        _("“%(valeur)s” is not an allowed value (allowed: %(codes)s).")
        % {"valeur": texte, "codes": ", ".join(list(codes)[:30])}
    )


@functools.cache
def _codes_pays() -> frozenset:
    return frozenset(code for code, _nom in countries)


def lire_pays(texte: str) -> str:
    if len(texte) == 2 and texte.upper() in _codes_pays():
        return texte.upper()
    for langue in ("fr", "en"):
        with override(langue):
            code = countries.by_name(texte, insensitive=True, language=langue)
        if code:
            return code
    raise ErreurCellule(
        _("“%(valeur)s” is not a known country (ISO code such as FR, or its name).") % {"valeur": texte}
    )


def lire_utilisateur(texte: str):
    utilisateur = get_user_model().objects.filter(username=texte).first()
    if utilisateur is None:
        raise ErreurCellule(_("No user account “%(valeur)s”.") % {"valeur": texte})
    return utilisateur


def vide(field):
    """Value of an empty cell: the field's default, '' or None; error when it is required."""
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.blank and isinstance(field, models.CharField | models.TextField):
        return ""
    if isinstance(field, models.JSONField):
        return []
    raise ErreurCellule(_("This column is required."))


# Cells saying that history does not know the value (accents and case ignored): read as an empty cell.
NON_RENSEIGNE = {"non renseigne", "non renseignee", "inconnu", "inconnue", "unknown", "not recorded"}


def non_renseigne(field, texte: str) -> bool:
    """True when `texte` says "unknown" and `field` may stay empty: a code, date or number that may be
    empty, or a text that history may lack (`regles_requis`; elsewhere a name may well be "Inconnu").
    Never for a field whose empty value is a default (a box not ticked is not "unknown")."""
    if sans_accents(texte) not in NON_RENSEIGNE:
        return False
    try:
        return vide(field) in (None, "")
    except ErreurCellule:
        return False


def lire(field, brut):
    """Model value of a cell for `field`; an empty cell, or one saying "non renseigné", gives the
    empty value where the field may be empty (`non_renseigne`)."""
    texte = texte_cellule(brut)
    if texte == "" and not isinstance(brut, datetime.date | datetime.time):
        return vide(field)
    try:
        valeur = _lire(field, brut, texte)
    except ErreurCellule:  # a code of its own ("inconnu" in some lists) was tried first
        if non_renseigne(field, texte):
            return vide(field)
        raise
    if valeur == texte and texte and field.name in getattr(field.model, "regles_requis", ()):
        return vide(field) if non_renseigne(field, texte) else valeur
    return valeur


@functools.cache
def texte_libre(field) -> bool:
    """A free text: its cell, stripped, is its value (no code, number or date to read, and not a value
    history may lack, whose "non renseigné" reads as empty)."""
    return (
        type(field) in (models.CharField, models.TextField, models.EmailField)
        and not field.choices
        and field.name not in getattr(field.model, "regles_requis", ())
    )


def lire_texte(field, brut):
    """`lire` for a free text (`texte_libre`), without trying the other types first."""
    return texte_cellule(brut) or vide(field)


def _lire(field, brut, texte: str):
    if isinstance(field, models.ForeignKey):
        return lire_utilisateur(texte)
    if isinstance(field, CountryField):
        return lire_pays(texte)
    if field.choices:
        return lire_choix(field, texte)
    if isinstance(field, models.BooleanField):
        return lire_booleen(brut)
    if isinstance(field, models.DateTimeField):
        return lire_datetime(brut)
    if isinstance(field, models.DateField):
        return lire_date(brut)
    if isinstance(field, models.TimeField):
        return lire_heure(brut)
    if isinstance(field, models.DecimalField):
        return lire_decimal(brut)
    if isinstance(field, models.IntegerField):
        return lire_entier(brut)
    if isinstance(field, models.JSONField):
        return lire_liste(field, texte)
    return texte


def lire_liste(field, texte: str) -> list:
    """Codes separated by '|'; each may be given by its label where the list has codes (CODES_LISTES)."""
    parties = [p.strip() for p in texte.split(SEPARATEUR_LISTE) if p.strip()]
    index = _choix_liste(field)
    return [lire_choix(field, p, index) for p in parties] if index else parties


def ecrire(field, valeur, *, typed: bool = False):
    """Cell for a model value: text in the import's formats; typed (dates, numbers) for XLSX."""
    if valeur is None or valeur == "":
        return None if typed else ""
    if isinstance(field, models.ForeignKey):
        return neutraliser(valeur.get_username())
    if isinstance(field, models.BooleanField):
        return "oui" if valeur else "non"
    if isinstance(field, models.DateTimeField):
        from django.utils import timezone

        local = timezone.localtime(valeur)
        return local.replace(tzinfo=None) if typed else local.strftime("%d/%m/%Y %H:%M:%S")
    if isinstance(field, models.DateField):
        return valeur if typed else valeur.strftime("%d/%m/%Y")
    if isinstance(field, models.TimeField):
        return valeur.strftime("%H:%M")
    if isinstance(field, models.DecimalField | models.IntegerField) and not field.choices:
        return valeur  # a number: the spreadsheet writer formats it (decimal comma in CSV)
    if isinstance(field, models.JSONField):
        return neutraliser(SEPARATEUR_LISTE.join(str(v) for v in valeur))
    return neutraliser(str(valeur))
