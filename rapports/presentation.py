# ruff: noqa: E501
"""Turning computed figures into what the page and the PDF print: numbers, changes, charts."""

import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.module_loading import import_string
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
    "aucun": ("Aucun", "None"),
    "aucune": ("Aucune", "None"),
    "etranger": ("Étranger", "Abroad"),
    "ile_de_france": ("Île-de-France", "Île-de-France"),
    "hors_ile_de_france": ("Hors Île-de-France", "Outside Île-de-France"),
    # B18 shelters, B19 aid, B20 health, B21 housing, B22 integration, B23 psychologist
    "appartement_femmes": ("Appartement d'urgence femmes", "Women's emergency flat"),
    "appartement_hommes": ("Appartement d'urgence hommes", "Men's emergency flat"),
    "hotel": ("Hôtel", "Hotel"),
    "solidaire": ("Hébergement solidaire", "Solidarity housing"),
    "hebergement_solidaire": ("Hébergement solidaire", "Solidarity housing"),
    "acse": ("Ac.Sé", "Ac.Sé"),
    "alimentation": ("Alimentation", "Food"),
    "transport": ("Transport", "Transport"),
    "exceptionnelle": ("Aide exceptionnelle", "Exceptional aid"),
    "tickets_services": ("Tickets-services", "Service vouchers"),
    "ame_nouvelles": ("AME\u00a0: nouvelles demandes", "AME: new applications"),
    "ame_renouvellements": ("AME\u00a0: renouvellements", "AME: renewals"),
    "css_nouvelles": ("CSS\u00a0: nouvelles demandes", "CSS: new applications"),
    "css_renouvellements": ("CSS\u00a0: renouvellements", "CSS: renewals"),
    "siao": ("SIAO", "SIAO"),
    "siao_abouties": ("SIAO\u00a0: abouties", "SIAO: successful"),
    "dalo": ("DALO / DAHO", "DALO / DAHO"),
    "dalo_favorables": ("DALO / DAHO\u00a0: favorables", "DALO / DAHO: favourable"),
    "logement_social": ("Logement social", "Social housing"),
    "logement_social_abouties": ("Logement social\u00a0: abouties", "Social housing: successful"),
    "mise_abri_it": ("Mise à l'abri avec l'Inspection du travail", "Sheltering with the Labour Inspectorate"),
    "intermediation": ("Intermédiation locative", "Rental intermediation"),
    "suivis": ("Personnes suivies", "Persons followed"),
    "emploi": ("Emploi trouvé", "Found a job"),
    "recherche_active": ("Recherche active d'emploi", "Actively job-seeking"),
    "formation": ("Formation", "Vocational training"),
    "francais": ("Cours de français", "French classes"),
    "numerique": ("Numérique", "Digital skills"),
    "atelier_droit_travail": ("Atelier droit du travail", "Labour-law workshop"),
    "evaluation": ("Évaluations / entretiens exploratoires", "Assessments / exploratory interviews"),
    "suivi": ("Consultations de suivi", "Follow-up consultations"),
    "orientation_soins": ("Réorientations en soins mentaux", "Mental-health referrals"),
    # B24–B29 legal: the CategorieB* enums of juridique (Repartition.categories)
    # B30 audiences
    "inspection_travail": ("Inspection du travail", "Labour Inspectorate"),
    "gendarmerie": ("Gendarmerie", "Gendarmerie"),
    "police": ("Police / OCLTI", "Police / OCLTI"),
    "professionnels_droit": ("Professionnels du droit", "Legal professionals"),
    "travailleurs_sociaux": ("Travailleurs sociaux", "Social workers"),
    "professionnels_sante": ("Professionnels de santé", "Health professionals"),
    "autres_professionnels": ("Autres professionnels", "Other professionals"),
    "eleves": ("Élèves", "Pupils"),
    "grand_public": ("Grand public", "General public"),
}
# Unit printed after bracket codes, per breakdown number.
UNITES_TRANCHES = {6: (" ans", " years"), 7: (" ans", " years"), 8: (" €", " €"), 15: (" h", " h")}


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
    texte = _nombre(abs(variation), 0 if pourcent_entier else 1)
    nul = not _arrondi(abs(variation), 0 if pourcent_entier else 1)
    signe = "±" if nul else ("+" if variation > 0 else "−")
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
        choices = import_string(rep.categories)  # checked at start-up (rapports.checks)
        return {str(code): str(label) for code, label in choices.choices}
    return {}


def libelle_declare(rep: Repartition, code: str, libelles: dict[str, str]) -> str | None:
    """The category's label in the active language, or None when nothing declares one: the
    breakdown's enum (`rep.categories`), the common labels, a country, a bracket."""
    if code in libelles:
        return libelles[code]
    if code in LIBELLES_COMMUNS:
        return choisir(*LIBELLES_COMMUNS[code])
    if rep.categories == "pays" and len(code) == 2 and code.upper() in countries:
        return str(countries.name(code.upper()))
    texte = tranche(code)
    if texte:
        return texte + choisir(*UNITES_TRANCHES.get(rep.numero, ("", "")))
    return None


def libelle_categorie(rep: Repartition, code: str, libelles: dict[str, str]) -> str:
    # An undeclared code prints as it is (a test walks every category so that none is left).
    return libelle_declare(rep, code, libelles) or code


# Units written in bracket codes ("5_10_ans", "12_35_mois", "120_mois_plus").
UNITES_CODES = {"ans": (" ans", " years"), "mois": (" mois", " months")}


def tranche(code: str) -> str:
    """Readable bracket codes: "26_35" → "26–35", "46_plus" → "46+", "moins_18" → "< 18",
    "5_10_ans" → "5–10 years", "120_mois_plus" → "120+ months"."""
    suffixe = ""
    if m := re.fullmatch(r"(.+?)_(ans|mois)(_plus)?", code):
        code = m[1] + (m[3] or "")
        suffixe = choisir(*UNITES_CODES[m[2]])
    motifs = [
        (r"(\d+)", "{0}"),
        (r"(\d+)_(\d+)", "{0}–{1}"),
        (r"(\d+)_?(?:plus|et_plus)", "{0}+"),
        (r"(?:moins_de|moins)_(\d+)", "< {0}"),
        (r"(?:plus_de|plus)_(\d+)", "> {0}"),
        (r"(\d+)_ou_moins", "≤ {0}"),
    ]
    for motif, forme in motifs:
        if m := re.fullmatch(motif, code):
            return forme.format(*m.groups()) + suffixe
    return ""


def items_repartition(rep: Repartition, comptes: dict[str, int], *, publique=False, seuil=5) -> list[dict]:
    """Categories sorted by count (unknown / other last), with label, count text and share."""
    total = sum(comptes.values())
    libelles = libelles_categories(rep)
    if rep.ordinal:
        ordre = sorted(comptes.items(), key=lambda kv: kv[0] in CODES_EN_FIN)  # stable: keeps the brackets' order
    else:
        ordre = sorted(comptes.items(), key=lambda kv: (kv[0] in CODES_EN_FIN, -kv[1], kv[0]))
    items = []
    for code, n in ordre:
        cache = masque(n, publique, seuil)
        texte = f"< {seuil}" if cache else _nombre(n, 0)
        # A share would give a hidden count away: none for a masked category.
        part = formater(n * 100 / total, Unite.POURCENT, pourcent_entier=True) if total and not cache else ""
        items.append(
            {"code": code, "libelle": libelle_categorie(rep, code, libelles), "n": n, "texte": texte, "part": part}
        )
    return items


def graphique(
    rep: Repartition, cle: str, comptes: dict[str, int], *, publique=False, seuil=5, max_barres=15, courants=None
) -> dict:
    """{"cle", "titre", "svg", "items", "total", "revisions"} for one breakdown (empty svg when no data).
    `courants`: a published year's categories whose count the records give otherwise today."""
    items = items_repartition(rep, comptes, publique=publique, seuil=seuil)
    titre = titre_repartition(rep, cle)
    visibles = items if rep.graphique == Graphique.CARTE else _regrouper(items, max_barres, publique, seuil)
    points = [(i["libelle"], max(i["n"], seuil) if i["texte"].startswith("<") else i["n"], f"{i['texte']} ({i['part']})" if i["part"] else i["texte"]) for i in visibles]  # fmt: skip
    if not items:
        svg = ""
    elif rep.graphique == Graphique.CARTE:
        svg = graphiques.carte(comptes, titre, {i["code"]: i["texte"] for i in items})
    elif rep.graphique == Graphique.CAMEMBERT:
        svg = graphiques.camembert(points, titre)
    else:
        svg = graphiques.barres(points, titre)
    return {
        "cle": cle,
        "titre": titre,
        "svg": svg,
        "items": items,
        "total": sum(comptes.values()),
        "repartition": rep,
        "revisions": lignes_revisees(rep, comptes, courants or {}),
    }


def titre_repartition(rep: Repartition, cle: str) -> str:
    """The breakdown's title, with the population of a split one (P_NEW / P_FA)."""
    for suffixe, (fr, en) in (("_nouvelles", ("nouvelles personnes", "new beneficiaries")), ("_file_active", ("file active", "active caseload"))):  # fmt: skip
        if cle.endswith(suffixe):
            return f"{rep.libelle} ({choisir(fr, en)})"
    return rep.libelle


def lignes_revisees(rep: Repartition, comptes: dict[str, int], courants: dict[str, int]) -> list[dict]:
    """The revised lines of a breakdown: category, published count, count today (page only, never public)."""
    libelles = libelles_categories(rep)
    return [
        {
            "code": code,
            "libelle": libelle_categorie(rep, code, libelles),
            "publie": _nombre(comptes.get(code, 0), 0),
            "courant": _nombre(n, 0),
        }
        for code, n in courants.items()
    ]


def _regrouper(items: list[dict], maximum: int, publique: bool, seuil: int) -> list[dict]:
    """Keep the largest categories; the rest become one "others" bar (long country lists)."""
    if len(items) <= maximum:
        return items
    garde, reste = items[: maximum - 1], items[maximum - 1 :]
    n = sum(i["n"] for i in reste)
    total = sum(i["n"] for i in items) or 1
    cache = masque(n, publique, seuil)
    texte = f"< {seuil}" if cache else _nombre(n, 0)
    part = "" if cache else formater(n * 100 / total, Unite.POURCENT, pourcent_entier=True)
    autres = {"code": "autres", "libelle": _("Others (%(count)s categories)") % {"count": len(reste)}, "n": n, "texte": texte, "part": part}  # fmt: skip
    return [*garde, autres]


def graphiques_rapport(rapport, *, publique=False, seuil=5) -> dict[str, list[dict]]:
    """Charts per part code, for every breakdown that has data."""
    from .registre import REPARTITIONS

    par_partie: dict[str, list[dict]] = {}
    revisions = rapport.repartitions_courantes
    for rep in REPARTITIONS:
        for cle, comptes in rapport.repartitions.items():
            if (cle == rep.cle or cle.startswith(rep.cle + "_")) and cle.removeprefix(rep.cle) in ("", "_nouvelles", "_file_active") and (comptes or cle in revisions):  # fmt: skip
                # P_NEW charts illustrate "Identify", P_FA charts "Support" (as in the published report).
                suffixe = cle.removeprefix(rep.cle)
                partie = {"_nouvelles": "identifier", "_file_active": "accompagner"}.get(suffixe, rep.partie.value)
                courants = revisions.get(cle)
                par_partie.setdefault(partie, []).append(
                    graphique(rep, cle, comptes, publique=publique, seuil=seuil, courants=courants)
                )
    return par_partie


def parties_avec_graphiques(rapport, *, publique=False, seuil=5) -> list[dict]:
    """The report's parts (rapport.par_partie()) each with its charts under "graphiques"."""
    graphs = graphiques_rapport(rapport, publique=publique, seuil=seuil)
    parties = rapport.par_partie()
    for partie in parties:
        partie["graphiques"] = graphs.get(partie["code"], [])
    return parties
