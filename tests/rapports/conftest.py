import pytest
from django.core.cache import cache

from rapports import registre


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Generated PDFs go to a temporary MEDIA_ROOT, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _cache_vide():
    """The report page caches a year's figures: every test starts from fresh ones."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fausses_fonctions(monkeypatch):
    """Replace the lookup of indicator functions by a dict {name: function} (framework tests)."""

    def installer(fonctions: dict):
        def trouver(nom, app_prefere=""):
            fn = fonctions.get(nom)
            return (f"test.indicateurs.{nom}", fn) if fn else ("", None)

        monkeypatch.setattr(registre, "trouver", trouver)
        registre.vider_cache()

    yield installer
    registre.vider_cache()
