"""The catalogue of the figures (docs/indicateurs.md) is generated from the registry and kept current;
the report page and the PDF point to the same text (issue 14, item 6)."""

import io
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from rapports import catalogue, pdf, registre

DOC = Path(settings.BASE_DIR) / catalogue.FICHIER


def test_docs_indicateurs_md_is_what_the_registry_writes():
    assert DOC.read_text(encoding="utf-8") == catalogue.markdown(), (
        "docs/indicateurs.md is out of date: run `python manage.py documenter_indicateurs > docs/indicateurs.md`"
    )


def test_every_figure_is_documented_with_its_rule_population_and_drill_down():
    texte = DOC.read_text(encoding="utf-8")
    for ind in registre.INDICATEURS:
        section = texte.split(f"\n### `{ind.cle}`\n", 1)
        assert len(section) == 2, ind.cle
        corps = section[1].split("\n### ", 1)[0]
        assert ind.libelle_fr in corps and ind.libelle_en in corps, ind.cle
        assert "- **Rule**: " in corps and "- **Drill-down**: " in corps, ind.cle
        if not ind.manuel:
            assert f"- **Counts over**: `{ind.population_code}`" in corps, ind.cle
    for rep in registre.REPARTITIONS:
        assert f"\n### B{rep.numero} `{rep.cle}`\n" in texte


def test_every_computed_figure_states_its_rule_in_a_docstring():
    """The catalogue's rule is the function's docstring: a figure without one has no written rule."""
    sans_regle = [
        ind.cle for ind in registre.INDICATEURS if registre.fonction(ind) and not registre.fonction(ind).__doc__
    ]
    assert not sans_regle
    for rep in registre.REPARTITIONS:
        for fn in registre.fonctions_repartition(rep).values():
            assert getattr(fn, "func", fn).__doc__, rep.numero


def test_nothing_points_to_a_catalogue_outside_the_repository():
    racine = Path(settings.BASE_DIR)
    fichiers = [
        f
        for motif in ("*.py", "*.md", "*.html")
        for f in racine.rglob(motif)
        if not {".venv", "tests", "node_modules"} & set(f.relative_to(racine).parts)
    ]
    assert len(fichiers) > 50
    assert not [str(f) for f in fichiers if "shared/indicateurs.md" in f.read_text(encoding="utf-8", errors="ignore")]


@pytest.mark.django_db
def test_catalogue_page_in_the_readers_language_with_an_anchor_per_figure(client_for):
    client = client_for("Direction")
    for langue in ("fr", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = langue
        page = client.get("/rapports/catalogue/").content.decode()
        for ind in registre.INDICATEURS:
            assert f'id="{ind.cle}"' in page, ind.cle
        assert ("Catalogue des indicateurs" if langue == "fr" else "Catalogue of the figures") in page
        ind = registre.indicateur("insertion_pro_personnes")
        assert escape(ind.libelle_fr if langue == "fr" else ind.libelle_en) in page
        assert "job-integration follow-up" in page  # its rule, from the docstring


@pytest.mark.django_db
def test_report_page_and_pdf_link_to_the_catalogue(client_for):
    page = client_for("Direction").get("/rapports/2024/").content.decode()
    assert 'href="/rapports/catalogue/"' in page
    assert 'href="/rapports/catalogue/#signalements_recus"' in page
    for langue, libelle in (("fr", "Catalogue des indicateurs"), ("en", "Catalogue of the figures")):
        lu = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.rendre(2024, langue))).pages)
        assert libelle in lu and "rapports/catalogue/" in lu and "docs/indicateurs.md" in lu
