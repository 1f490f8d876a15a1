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
    """Replace the registry's figures by a dict {name: function} (framework tests); populations
    and the file-active series keep their real functions."""
    reelle = registre.resolve
    figures = {i.cle for i in registre.INDICATEURS} | {r.fonction for r in registre.REPARTITIONS}

    def installer(fonctions: dict):
        def resolve(app, nom):
            if nom in figures or nom.startswith(("precisions_", "detail_")):
                return fonctions.get(nom)
            return reelle(app, nom)

        monkeypatch.setattr(registre, "resolve", resolve)

    return installer
