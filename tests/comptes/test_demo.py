"""The demo data obeys the coherence rules: every generated row of every model with rules passes full_clean()."""

import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accompagnement.demo import LIEUX_PAR_SECTEUR
from accompagnement.models import Affaire
from comptes.coherence import Coherent
from signalements import enums
from signalements.models import Signalement

pytestmark = pytest.mark.django_db


def test_generated_demo_data_breaks_no_coherence_rule(settings):
    settings.DEBUG = True
    settings.DEMO_ACCOUNTS_ALLOWED = True
    call_command("creer_comptes_demo", stdout=io.StringIO())
    annee = timezone.localdate().year  # the current year: its open queue and its steps still to come
    call_command("generer_donnees_demo", "--annees", f"{annee - 1}-{annee}", stdout=io.StringIO())
    violations = []
    for model in apps.get_models():
        if not issubclass(model, Coherent) or not model.regles_dates:
            continue
        for objet in model._default_manager.all():
            try:
                objet.full_clean(validate_unique=False)
            except ValidationError as exc:
                violations.append(f"{model._meta.label} {objet.pk}: {exc.message_dict}")
    assert not violations, f"{len(violations)} rows break the rules, e.g. {violations[:5]}"
    # The Accueil queue on the day the demo starts: open reports at every step of the workflow.
    ouverts = set(Signalement.objects.ouverts().values_list("etape", flat=True))
    assert ouverts == set(enums.Etape.values)
    # Case titles say where the exploitation took place (`atelier de confection, Aubervilliers`).
    intitules = list(Affaire.objects.values_list("intitule", flat=True))
    lieux = {lieu for choix in LIEUX_PAR_SECTEUR.values() for lieu in choix}
    assert intitules and not [t for t in intitules if t.split(", ")[0] not in lieux]
    # Every report has a potential victim.
    assert not Signalement.objects.filter(personnes_signalees__isnull=True).exists()
