"""Every picker of a person or a case, in every form of the project, is the searchable widget
(accompagnement.widgets): a drop-down of 100 000 persons or 1 000 cases is unusable."""

import importlib
import inspect
import pkgutil
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings

from accompagnement.models import Affaire, Personne
from accompagnement.widgets import CasesFiltrables, RechercheInput


def _formulaires():
    """Every Form class defined in the project's apps (any module of each app)."""
    trouves = set()
    for config in apps.get_app_configs():
        if not Path(config.path).is_relative_to(settings.BASE_DIR) or ".venv" in Path(config.path).parts:
            continue
        for module in pkgutil.walk_packages([config.path], prefix=f"{config.name}."):
            if ".migrations" in module.name or ".management" in module.name or ".tests" in module.name:
                continue
            mod = importlib.import_module(module.name)
            for _nom, cls in inspect.getmembers(mod, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == mod.__name__:
                    trouves.add(cls)
    return trouves


def test_every_person_or_case_picker_is_searchable():
    formulaires = _formulaires()
    assert len(formulaires) > 40
    vus, fautifs = 0, []
    for cls in formulaires:
        for nom, champ in cls.base_fields.items():
            queryset = getattr(champ, "queryset", None)
            if queryset is None or queryset.model not in (Personne, Affaire):
                continue
            vus += 1
            multiple = isinstance(champ, forms.ModelMultipleChoiceField)
            attendu = CasesFiltrables if multiple else RechercheInput
            if not isinstance(champ.widget, attendu):
                fautifs.append(f"{cls.__module__}.{cls.__name__}.{nom}: {type(champ.widget).__name__}")
    assert not fautifs, "pickers that are not the searchable widget:\n" + "\n".join(fautifs)
    assert vus >= 14  # the psycho-social records, the exploitation, the decision, the proceedings, the CVA
