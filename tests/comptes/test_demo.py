"""The demo data obeys the coherence rules: every generated row of every model with rules passes full_clean()."""

import io

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accompagnement.demo import LIEUX_PAR_SECTEUR
from accompagnement.models import Affaire
from comptes.coherence import Coherent, q_incoherents
from signalements import enums
from signalements.models import Signalement

pytestmark = pytest.mark.django_db

APPS_METIER = {"signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation", "rapports"}


def test_generated_demo_data_breaks_no_coherence_rule(settings):
    settings.DEBUG = True
    settings.DEMO_ACCOUNTS_ALLOWED = True
    call_command("creer_comptes_demo", stdout=io.StringIO())
    annee = timezone.localdate().year  # the current year: its open queue and its steps still to come
    # As `make run` asks: an open range reaches the current year, whatever year the demo starts in.
    call_command("generer_donnees_demo", "--annees", f"{annee - 1}-", stdout=io.StringIO())
    assert Signalement.objects.filter(date_reception__year=annee).exists()
    violations = []
    for model in apps.get_models():  # every record of every unit, not only those with date rules
        if model._meta.app_label not in APPS_METIER or model.__name__.startswith("Historical"):
            continue
        for objet in model._default_manager.all():
            try:
                objet.full_clean(validate_unique=False)
            except ValidationError as exc:
                violations.append(f"{model._meta.label} {objet.pk}: {exc.message_dict}")
        if issubclass(model, Coherent) and model.regles_dates:  # the same rules as the data-quality panel's filter
            assert not model._default_manager.filter(q_incoherents(model)).exists(), model
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
