# ruff: noqa: E501
"""Turning computed figures into what the page and the PDF print: numbers, changes, charts."""

from decimal import ROUND_HALF_UP, Decimal
from importlib import import_module

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries

from ccem.referentiels import DEPARTEMENTS

from . import graphiques
from .registre import Graphique, Repartition, Unite, choisir

CODES_EN_FIN = ("autre", "autres", "inconnu", "non_renseigne")
LIBELLES_COMMUNS = {
    "inconnu": ("Non renseigné", "Not recorded"),
    "non_renseigne": ("Non renseigné", "Not recorded"),
    "autre": ("Autre", "Other"),
    "autres": ("Autres", "Others"),
    "etranger": ("Étranger", "Abroad"),
    "ile_de_france": ("Île-de-France", "Île-de-France"),
    "hors_ile_de_france": ("Hors Île-de-France", "Outside Île-de-France"),
}


def _arrondi(valeur: float, decimales: int) -> Decimal:
    pas = Decimal(1).scaleb(-decimales)
    return Decimal(str(valeur)).quantize(pas, ROUND_HALF_UP)


def _nombre(valeur, decimales: int) -> str:
    return number_format(_arrondi(valeur, decimales), decimales, use_l10n=True, force_grouping=True)


def masque(valeur, publique: bool, seuil: int) -> bool:
    """Public edition: a count between 1 and threshold−1 is printed as "< threshold"."""
    return publique and isinstance(valeur, int) and 0 < valeur < seuil


def formater(valeur, unite: Unite, *, publique: bool = False, seuil: int = 5, pourcent_entier: bool = False) -> str:
    if valeur is None:
        return "—"
    espace = "\u202f" if not (get_language() or "fr").startswith("en") else ""
    if unite == Unite.POURCENT:
        return f"{_nombre(valeur, 0 if pourcent_entier else 1)}{espace}%"
    if unite in (Unite.NOMBRE, Unite.NUITEES):
        if masque(valeur, publique, seuil):
            return f"< {seuil}"
        return _nombre(valeur, 0 if float(valeur).is_integer() else 1)
    if unite == Unite.EUROS:
        return f"{_nombre(valeur, 0)}\u00a0€"
    return _nombre(valeur, 1)


def formater_variation(ligne, *, pourcent_entier: bool = False) -> str:
    variation = ligne.variation
    if variation is None:
        return ""
    signe = "+" if variation > 0 else ("−" if variation < 0 else "±")
    texte = _nombre(abs(variation), 0 if pourcent_entier else 1)
    if ligne.indicateur.unite == Unite.POURCENT:
        return f"{signe}{texte} " + _("pts")
    espace = "\u202f" if not (get_language() or "fr").startswith("en") else ""
    return f"{signe}{texte}{espace}%"


def libelles_categories(rep: Repartition) -> dict[str, str]:
    if rep.categories == "departements":
        return dict(DEPARTEMENTS)
    if rep.categories == "pays":
        return {}
    if rep.categories:
        module, _sep, nom = rep.categories.rpartition(".")
        try:
            choices = getattr(import_module(module), nom)
        except (ImportError, AttributeError):
            return {}
        return {str(code): str(label) for code, label in choices.choices}
    return {}


def libelle_categorie(rep: Repartition, code: str, libelles: dict[str, str]) -> str:
    if code in libelles:
        return libelles[code]
    if code in LIBELLES_COMMUNS:
        return choisir(*LIBELLES_COMMUNS[code])
    if rep.categories == "pays" and len(code) == 2 and code.upper() in countries:
        return str(countries.name(code.upper()))
    return code.replace("_", " ").capitalize()


def items_repartition(rep: Repartition, comptes: dict[str, int], *, publique=False, seuil=5) -> list[dict]:
    """Categories sorted by count (unknown / other last), with label, count text and share."""
    total = sum(comptes.values())
    libelles = libelles_categories(rep)
    ordre = sorted(comptes.items(), key=lambda kv: (kv[0] in CODES_EN_FIN, -kv[1], kv[0]))
    items = []
    for code, n in ordre:
        texte = f"< {seuil}" if masque(n, publique, seuil) else _nombre(n, 0)
        part = formater(n * 100 / total, Unite.POURCENT, pourcent_entier=True) if total else ""
        items.append(
            {"code": code, "libelle": libelle_categorie(rep, code, libelles), "n": n, "texte": texte, "part": part}
        )
    return items


def graphique(rep: Repartition, cle: str, comptes: dict[str, int], *, publique=False, seuil=5, max_barres=15) -> dict:
    """{"cle", "titre", "svg", "items", "total"} for one breakdown (empty svg when no data)."""
    items = items_repartition(rep, comptes, publique=publique, seuil=seuil)
    titre = rep.libelle
    for suffixe, (fr, en) in (("_nouvelles", ("nouvelles personnes", "new beneficiaries")), ("_file_active", ("file active", "active caseload"))):  # fmt: skip
        if cle.endswith(suffixe):
            titre = f"{titre} ({choisir(fr, en)})"
    visibles = items if rep.graphique == Graphique.CARTE else _regrouper(items, max_barres, publique, seuil)
    points = [(i["libelle"], max(i["n"], seuil) if i["texte"].startswith("<") else i["n"], f"{i['texte']} ({i['part']})") for i in visibles]  # fmt: skip
    if not items:
        svg = ""
    elif rep.graphique == Graphique.CARTE:
        svg = graphiques.carte(comptes, titre, {i["code"]: i["texte"] for i in items})
    elif rep.graphique == Graphique.CAMEMBERT:
        svg = graphiques.camembert(points, titre)
    else:
        svg = graphiques.barres(points, titre)
    return {"cle": cle, "titre": titre, "svg": svg, "items": items, "total": sum(comptes.values()), "repartition": rep}


def _regrouper(items: list[dict], maximum: int, publique: bool, seuil: int) -> list[dict]:
    """Keep the largest categories; the rest become one "others" bar (long country lists)."""
    if len(items) <= maximum:
        return items
    garde, reste = items[: maximum - 1], items[maximum - 1 :]
    n = sum(i["n"] for i in reste)
    total = sum(i["n"] for i in items) or 1
    texte = f"< {seuil}" if masque(n, publique, seuil) else _nombre(n, 0)
    autres = {"code": "autres", "libelle": _("Others (%(count)s categories)") % {"count": len(reste)}, "n": n,
              "texte": texte, "part": formater(n * 100 / total, Unite.POURCENT, pourcent_entier=True)}  # fmt: skip
    return [*garde, autres]


def graphiques_rapport(rapport, *, publique=False, seuil=5) -> dict[str, list[dict]]:
    """Charts per part code, for every breakdown that has data."""
    from .registre import REPARTITIONS

    par_partie: dict[str, list[dict]] = {}
    for rep in REPARTITIONS:
        for cle, comptes in rapport.repartitions.items():
            if (cle == rep.cle or cle.startswith(rep.cle + "_")) and cle.removeprefix(rep.cle) in ("", "_nouvelles", "_file_active") and comptes:  # fmt: skip
                # P_NEW charts illustrate "Identify", P_FA charts "Support" (as in the published report).
                suffixe = cle.removeprefix(rep.cle)
                partie = {"_nouvelles": "identifier", "_file_active": "accompagner"}.get(suffixe, rep.partie.value)
                par_partie.setdefault(partie, []).append(graphique(rep, cle, comptes, publique=publique, seuil=seuil))
    return par_partie


def parties_avec_graphiques(rapport, *, publique=False, seuil=5) -> list[dict]:
    """The report's parts (rapport.par_partie()) each with its charts under "graphiques"."""
    graphs = graphiques_rapport(rapport, publique=publique, seuil=seuil)
    parties = rapport.par_partie()
    for partie in parties:
        partie["graphiques"] = graphs.get(partie["code"], [])
    return parties
