"""The import checks rows by chunks (`importation.verification`) instead of `full_clean()` per row: it
must never accept a row `full_clean()` refuses. Walked over every importable model, from the example
files' rows, each broken in every way a field or a rule can be."""

import copy
import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from comptes.coherence import Historique
from donnees import specs
from donnees.importation.engine import _not_validated, run_import
from donnees.importation.verification import Verification

EXEMPLES = Path(settings.BASE_DIR) / "docs" / "exemples-import"
LOIN = datetime.date(2999, 1, 1)  # in the future
AVANT = datetime.date(1900, 1, 1)  # before 1994 and most births


def mauvaises_valeurs(f):
    """Values of `f`'s type (as the import reads them) breaking its own checks or its coherence rules."""
    valeurs = [None]
    if isinstance(f, models.CharField | models.TextField):
        valeurs.append("")
    if f.choices:
        valeurs.append("pas-un-code")
    if isinstance(f, models.DateTimeField):
        valeurs += [datetime.datetime(y, 1, 1, tzinfo=datetime.UTC) for y in (2999, 1900)]
    elif isinstance(f, models.DateField):
        valeurs += [LOIN, AVANT]
    elif isinstance(f, models.DecimalField):
        valeurs += [Decimal("-1"), Decimal("1e20"), Decimal("0.001")]
    elif isinstance(f, models.IntegerField):
        valeurs += [-1, 10**12]
    elif isinstance(f, models.CharField | models.TextField) and f.max_length:
        valeurs.append("x" * (f.max_length + 1))
    elif isinstance(f, models.EmailField):
        valeurs.append("pas-une-adresse")
    return valeurs


def variantes(instance, exclus):
    """Copies of `instance`, each with one value changed (and each date just before each other date)."""
    champs = [f for f in instance._meta.concrete_fields if f.name not in exclus and not f.primary_key]
    dates = [f for f in champs if isinstance(f, models.DateField) and getattr(instance, f.attname)]
    for f in champs:
        for valeur in mauvaises_valeurs(f):
            yield f"{f.name}={valeur!r}", f, valeur
        for autre in dates:
            if autre is not f and isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
                veille = getattr(instance, autre.attname)
                veille = timezone.localtime(veille).date() if isinstance(veille, datetime.datetime) else veille
                yield f"{f.name} the day before {autre.name}", f, veille - datetime.timedelta(days=1)


def refuse(instance, exclus) -> bool:
    try:
        instance.full_clean(exclude=exclus, validate_unique=False, validate_constraints=False)
    except ValidationError:
        return True
    return False


@pytest.mark.django_db
def test_chunked_checks_never_accept_a_row_full_clean_refuses(make_user):
    fichiers = [(p.name, p.read_bytes()) for p in sorted(EXEMPLES.glob("*.csv"))]
    bilan = run_import(fichiers, essai=False, par=make_user("Direction"))
    assert bilan.applique, [str(e) for e in bilan.erreurs]
    refusees = acceptees = 0
    for spec in specs.ENTITES:
        exclus = _not_validated(spec.model)
        verification = Verification(spec.model, exclus)
        lignes = list(spec.model._default_manager.all()[:3])
        assert lignes, f"{spec.nom}: the example files give no row"
        for ligne in lignes:
            if isinstance(ligne, Historique):
                ligne.importe = False  # a new entry's rules: the values history may lack are required
            # A valid row is accepted without full_clean(): the chunked path is the one taken.
            if not refuse(copy.copy(ligne), exclus):
                assert verification.valides([copy.copy(ligne)]) == [True], spec.nom
                acceptees += 1
            for description, f, valeur in variantes(ligne, exclus):
                variante = copy.copy(ligne)
                setattr(variante, f.attname, valeur)
                if refuse(copy.copy(variante), exclus):
                    refusees += 1
                    assert verification.valides([variante]) == [False], f"{spec.nom}: {description}"
                    # …also among valid rows of the same chunk, and with the value already seen.
                    assert verification.valides([copy.copy(ligne), copy.copy(variante)])[1] is False
    assert refusees > 1000 and acceptees > len(specs.ENTITES)
