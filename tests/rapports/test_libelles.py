"""Every category of every breakdown prints as a label in the reader's language, on the page and in
both PDFs: never a raw code, never the other language's label (issue 14, item 7)."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation
from pypdf import PdfReader

from comptes.permissions import Role
from rapports import pdf, presentation, registre
from rapports.calcul import calculer

pytestmark = pytest.mark.django_db

ANNEE = 2024


class _Texte(HTMLParser):
    """The text a reader sees (SVG titles included), without tags, attributes nor scripts."""

    def __init__(self):
        super().__init__()
        self.morceaux, self._cache = [], 0

    def handle_starttag(self, tag, attrs):
        self._cache += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._cache -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._cache:
            self.morceaux.append(data)


def texte_page(html: str) -> str:
    parser = _Texte()
    parser.feed(html)
    return " ".join(parser.morceaux)


def texte_pdf(contenu: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(contenu)).pages)


def present(libelle: str, texte: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(libelle)}(?!\w)", texte) is not None


@pytest.fixture
def annee_generee(make_user):
    for role in Role:
        make_user(role)
    call_command("generer_donnees_demo", annees=f"{ANNEE - 1}-{ANNEE}", echelle=1, graine=1994, stdout=io.StringIO())


def categories(rapport):
    """(breakdown, code, French label, English label) of every category the report prints."""
    for rep in registre.REPARTITIONS:
        for cle in registre.fonctions_repartition(rep):
            for code in rapport.repartitions.get(cle) or {}:
                libelles = {}
                for langue in ("fr", "en"):
                    with translation.override(langue):
                        libelles[langue] = presentation.libelle_declare(
                            rep, code, presentation.libelles_categories(rep)
                        )
                yield rep, code, libelles["fr"], libelles["en"]


def test_page_and_pdf_print_categories_in_the_readers_language_only(annee_generee, direction_client):
    """One generated year for both checks (generating and rendering two PDFs is the slow part)."""
    rapport = calculer(ANNEE)
    cats = list(categories(rapport))
    assert len(cats) > 150  # a generated year fills every breakdown
    assert not [(rep.numero, code) for rep, code, fr, en in cats if not fr or not en]  # every label declared
    # B14 as the issue saw it: raw codes ("Moins 12 mois"), then French on the English page.
    b14 = {code: (fr, en) for rep, code, fr, en in cats if rep.numero == 14}
    assert b14["moins_12_mois"] == ("< 12 mois", "< 12 months")
    assert b14["120_mois_plus"] == ("120+ mois", "120+ months")
    for langue, autre in (("en", "fr"), ("fr", "en")):
        direction_client.cookies[settings.LANGUAGE_COOKIE_NAME] = langue
        page = texte_page(direction_client.get(f"/rapports/{ANNEE}/").content.decode())
        document = texte_pdf(pdf.rendre(ANNEE, langue))
        # The reader's labels are taken out first: "Spectacles" (fr) is part of "Spectacles and shows" (en).
        propres = sorted({fr if langue == "fr" else en for _rep, _code, fr, en in cats}, key=len, reverse=True)
        for support, texte in (("page", page), ("pdf", document)):
            reste = texte
            for libelle in propres:
                reste = reste.replace(libelle, " ")
            for rep, code, fr, en in cats:
                lu, etranger = (fr, en) if langue == "fr" else (en, fr)
                if etranger != lu:
                    assert not present(etranger, reste), (langue, support, rep.numero, code, etranger)
                if "_" in code:
                    assert code not in texte, (langue, support, code)
                    brut = code.replace("_", " ").capitalize()  # what the old fallback printed
                    if brut not in (fr, en) and re.search(r"[a-z]{3}", brut):  # "18 21" could be two figures
                        assert not present(brut, reste), (langue, support, code)
            if langue == "en":
                assert "Fond de carte" not in texte and "Base map:" in texte
            else:
                assert "Base map" not in texte and "Fond de carte\u00a0:" in texte
        # The labels of the reader's language are there (the chart of B14 on the page, at least).
        duree = "< 12 mois" if langue == "fr" else "< 12 months"
        assert duree in page, (langue, autre)
