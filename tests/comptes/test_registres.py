"""Every app's home panels and person-page sections are registered (none forgotten in ready())."""

import importlib
from pathlib import Path

from django.apps import apps

from comptes import registres


def _hooks(module_name: str, function: str) -> set:
    found = set()
    for config in apps.get_app_configs():
        if config.name == "comptes":  # the page itself
            continue
        if (Path(config.path) / f"{module_name}.py").exists():
            module = importlib.import_module(f"{config.name}.{module_name}")
            if hasattr(module, function):  # a person module may add sections, dates or both
                found.add(getattr(module, function))
    return found


def test_every_home_module_registers_its_panels():
    assert _hooks("home", "panels") == set(registres.HOME_PANELS)
    assert len(registres.HOME_PANELS) >= 7


def test_every_person_module_registers_its_sections():
    assert _hooks("personne", "sections") == set(registres.PERSON_SECTIONS)
    assert len(registres.PERSON_SECTIONS) >= 3


def test_every_search_module_registers_its_results():
    assert _hooks("recherche", "resultats") == set(registres.SEARCH_SECTIONS)
    assert len(registres.SEARCH_SECTIONS) >= 3


def test_every_person_module_registers_its_dates():
    assert _hooks("personne", "dates") == set(registres.PERSON_DATES)
    assert len(registres.PERSON_DATES) >= 1
