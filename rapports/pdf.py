"""Rendering the annual report as PDF (WeasyPrint, A4) in French or English."""

from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from . import presentation, qualite
from .calcul import calculer, depuis_instantane
from .graphiques import ATTRIBUTION_CARTE
from .registre import PARTIES

STATIC = Path(__file__).parent / "static" / "rapports"


def rendre(
    annee: int,
    langue: str,
    *,
    publique: bool = False,
    seuil: int = 5,
    progression: Callable[[int], None] = lambda p: None,
    cloture=None,
) -> bytes:
    """The PDF of a year: its published figures if it is closed (`cloture`: that version's, for
    its PDFs of record), else computed from the records."""
    from weasyprint import CSS, HTML  # heavy import, only where a PDF is made

    with translation.override(langue):
        progression(15)
        rapport = calculer(annee) if cloture is None else depuis_instantane(cloture)
        progression(50)
        panneau = [] if publique else qualite.panneau(rapport.qualite)
        contexte = {
            "rapport": rapport,
            "annee": annee,
            "parties": presentation.parties_avec_graphiques(rapport, publique=publique, seuil=seuil),
            "evolutions": rapport.evolutions(),
            "qualite": panneau,
            "publique": publique,
            "seuil": seuil,
            "genere_le": timezone.localtime(),
            "attribution_carte": ATTRIBUTION_CARTE,
            "titres_parties": PARTIES,
            "url_catalogue": reverse("rapports:catalogue"),
        }
        html = render_to_string("rapports/pdf/rapport.html", contexte)
        progression(70)
        document = HTML(string=html, base_url=str(STATIC)).render(stylesheets=[CSS(filename=str(STATIC / "pdf.css"))])
        progression(90)
        return document.write_pdf()
