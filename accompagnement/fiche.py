"""The person's summary sheet ("fiche de synthèse") as PDF (WeasyPrint, A4), as rapports/pdf.py
renders the annual report: HTML from a template, one print stylesheet, the reader's language."""

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

STATIC = Path(__file__).parent / "static" / "accompagnement"
ENTREES_JOURNAL = 10  # the latest entries; the page holds the rest


def nom_fichier(personne) -> str:
    """Named by the file number: a name in a file name ends up in download folders and mail subjects."""
    return f"fiche-{personne.numero_dossier}.pdf"


def rendre(request, contexte: dict) -> bytes:
    from weasyprint import CSS, HTML  # heavy import, only where a PDF is made

    html = render_to_string("accompagnement/fiche.html", {**contexte, "genere_le": timezone.localtime()}, request)
    document = HTML(string=html, base_url=str(STATIC)).render(stylesheets=[CSS(filename=str(STATIC / "fiche.css"))])
    return document.write_pdf()
