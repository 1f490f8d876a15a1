"""The per-victim file in the variables of the Counter Trafficking Data Collaborative's Global
Dataset (CTDC, IOM), k-anonymised as CTDC's public release is (docs/ctdc.md).

One line per person and year of registration (a support period that began in the year); the
columns carry CTDC's own names and band values. The project's codes reach CTDC's flags through one
table, CORRESPONDANCE. `anonymiser` then makes every combination of the quasi-identifiers appear
at least k times: it generalises the lines that stand out (citizenship to its region of the world,
age to minor/adult, country of exploitation to its region), then drops what still stands out.
No name, birth date, file number or database id is ever read into a line.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import translation
from django_countries import countries

from accompagnement.enums import Emprise, FormeExploitation, RelationExploiteur, Secteur, Sexe, TypeEvenement, Violence
from accompagnement.models import Accompagnement, EvenementTraite, Exploitation, LieuExploitation, ordre_principale
from ccem.referentiels import REGIONS_MONDE, region_monde

K_DEFAUT = 11  # CTDC's public release
K_MINIMUM = 5  # below this a line is one of very few: no anonymity worth the name
DATASOURCE = "Case Management"  # CTDC's value for records of a case-management system (vs "Hotline")

QUASI_IDENTIFIANTS = ("yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation")

GENRE = {Sexe.FEMME: "Female", Sexe.HOMME: "Male", Sexe.AUTRE: "Transgender/NonConforming"}
MINEUR, MAJEUR = "Minor", "Adult"
# CTDC's age bands (upper bound included), then the wider band a line falls back to.
BANDES_AGE = ((8, "0--8"), (17, "9--17"), (20, "18--20"), (23, "21--23"), (26, "24--26"), (29, "27--29"),
              (38, "30--38"), (47, "39--47"), (None, "48+"))  # fmt: skip
BANDE_LARGE = {"0--8": "0--17", "9--17": "0--17"}  # every other known band: "18+"
BANDES_DUREE = ((12, "0--12 (0-1 yr)"), (24, "13--24 (1-2 yrs)"), (None, "25+ (2+ yrs)"))

# CTDC flag -> {field of Exploitation: the project's codes that set it}. A flag is 1 when one of
# the person's exploitations holds one of the codes, 0 when a listed field is recorded without
# them, empty when none is recorded. One table: docs/ctdc.md prints it.
CORRESPONDANCE: dict[str, dict[str, set[str]]] = {
    "meansOfControlDebtBondage": {"emprise": {Emprise.DETTE}},
    "meansOfControlTakesEarnings": {"emprise": {Emprise.GAINS_CONFISQUES}},
    "meansOfControlRestrictsFinancialAccess": {"emprise": {Emprise.ARGENT_RESTREINT}},
    "meansOfControlThreats": {"emprise": {Emprise.MENACES, Emprise.MENACE_PROCHES}},
    "meansOfControlPsychologicalAbuse": {"violences": {Violence.PSYCHOLOGIQUES}},
    "meansOfControlPhysicalAbuse": {"violences": {Violence.PHYSIQUES}},
    "meansOfControlSexualAbuse": {"violences": {Violence.SEXUELLES}},
    "meansOfControlFalsePromises": {
        "emprise": {
            Emprise.PROMESSE_HEBERGEMENT,
            Emprise.PROMESSE_REMUNERATION,
            Emprise.PROMESSE_REGULARISATION,
            Emprise.PROMESSE_MARIAGE,
        }
    },
    "meansOfControlPsychoactiveSubstances": {"emprise": {Emprise.SUBSTANCES}},
    "meansOfControlRestrictsMovement": {"emprise": {Emprise.ISOLEMENT}},
    "meansOfControlRestrictsMedicalCare": {"emprise": {Emprise.SOINS_RESTREINTS}},
    "meansOfControlExcessiveWorkingHours": {"emprise": {Emprise.HORAIRES_EXCESSIFS}},
    "meansOfControlThreatOfLawEnforcement": {"emprise": {Emprise.MENACE_AUTORITES}},
    "meansOfControlWithholdsNecessities": {"violences": {Violence.PRIVATION_NOURRITURE}},
    "meansOfControlWithholdsDocuments": {"emprise": {Emprise.CONFISCATION_PAPIERS}},
    "meansOfControlOther": {"emprise": {Emprise.MARIAGE_SERVILE, Emprise.ADOPTION, Emprise.AUTRE}},
    "isForcedLabour": {
        "formes": {
            FormeExploitation.TRAVAIL,
            FormeExploitation.DOMESTIQUE,
            FormeExploitation.MENDICITE,
            FormeExploitation.CRIMINALITE,
        }
    },
    "isSexualExploit": {"formes": {FormeExploitation.SEXUELLE}},
    "isOtherExploit": {"formes": {FormeExploitation.AUTRE}},
    "isForcedMarriage": {"formes": {FormeExploitation.MARIAGE}},
    "isSlaveryAndPractices": {"formes": {FormeExploitation.DOMESTIQUE}},
    "typeOfLabourAgriculture": {"secteur": {Secteur.AGRICULTURE}},
    "typeOfLabourBegging": {"secteur": {Secteur.MENDICITE}, "formes": {FormeExploitation.MENDICITE}},
    "typeOfLabourConstruction": {"secteur": {Secteur.BTP}},
    "typeOfLabourDomesticWork": {"secteur": {Secteur.DOMESTIQUE}, "formes": {FormeExploitation.DOMESTIQUE}},
    "typeOfLabourHospitality": {"secteur": {Secteur.HOTELLERIE}},
    "typeOfLabourIllicitActivities": {"secteur": {Secteur.DELITS}, "formes": {FormeExploitation.CRIMINALITE}},
    "typeOfLabourManufacturing": {"secteur": {Secteur.ATELIERS}},
    "typeOfLabourPeddling": {"secteur": {Secteur.RUE}},
    "typeOfLabourOther": {"secteur": {Secteur.COMMERCE, Secteur.SERVICES, Secteur.SPECTACLES, Secteur.AUTRE}},
    "recruiterRelationIntimatePartner": {"relations_exploiteur": {RelationExploiteur.PARTENAIRE}},
    "recruiterRelationFriend": {"relations_exploiteur": {RelationExploiteur.CONNAISSANCE}},
    "recruiterRelationFamily": {"relations_exploiteur": {RelationExploiteur.FAMILLE}},
    "recruiterRelationOther": {"relations_exploiteur": {RelationExploiteur.AUCUN}},
    "recruiterRelationUnknown": {"relations_exploiteur": {RelationExploiteur.INCONNU}},
}
# CTDC variables the records cannot say (no such fact is recorded): always empty.
NON_RENSEIGNES = (
    "meansOfControlUsesChildren",
    "isForcedMilitary",
    "isOrganRemoval",
    "typeOfLabourAquafarming",
    "typeOfLabourMiningOrDrilling",
    "typeOfLabourTransportation",
    "typeOfSexProstitution",
    "typeOfSexPornography",
    "typeOfSexRemoteInteractiveServices",
    "typeOfSexPrivateSexualServices",
    "isAbduction",
)

MOYENS = [c for c in CORRESPONDANCE if c.startswith("meansOfControl")]
COLONNES = (
    ["yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "majorityStatusAtExploit"]
    + ["majorityEntry", "citizenship"]
    + MOYENS[:12] + ["meansOfControlUsesChildren"] + MOYENS[12:] + ["meansOfControlNotSpecified"]
    + ["isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage"]
    + ["isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices"]
    + ["typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging", "typeOfLabourConstruction"]
    + ["typeOfLabourDomesticWork", "typeOfLabourHospitality", "typeOfLabourIllicitActivities"]
    + ["typeOfLabourManufacturing", "typeOfLabourMiningOrDrilling", "typeOfLabourPeddling"]
    + ["typeOfLabourTransportation", "typeOfLabourOther", "typeOfLabourNotSpecified"]
    + ["typeOfSexProstitution", "typeOfSexPornography", "typeOfSexRemoteInteractiveServices"]
    + ["typeOfSexPrivateSexualServices", "isAbduction", "CountryOfExploitation", "traffickMonths"]
    + [c for c in CORRESPONDANCE if c.startswith("recruiterRelation")]
)  # fmt: skip

RENSEIGNE = {  # whether an exploitation records the field at all ("none" vs "not asked")
    "emprise": lambda e: e.emprise_renseignee or bool(e.emprise),
    "violences": lambda e: e.violences_renseignees or bool(e.violences),
    "formes": lambda e: bool(e.formes),
    "secteur": lambda e: bool(e.secteur),
    "relations_exploiteur": lambda e: bool(e.relations_exploiteur),
}


# --- One line ----------------------------------------------------------------------------------


def _bande(valeur, bandes) -> str:
    if valeur is None:
        return ""
    return next(libelle for borne, libelle in bandes if borne is None or valeur <= borne)


def _majorite(age) -> str:
    return "" if age is None else MINEUR if age < 18 else MAJEUR


def _alpha3(code) -> str:
    return (countries.alpha3(code) or "") if code else ""


def _mois(debut, fin) -> int:
    return (fin.year - debut.year) * 12 + fin.month - debut.month


def _pays_exploitation(exploitations) -> str:
    """The first country of the main exploitation (else of the next by the same order): its places, else
    its events."""
    for e in sorted(exploitations, key=ordre_principale, reverse=True):
        pays = [lieu.pays for lieu in e.lieux.all()] + [
            ev.pays for ev in e.evenements.all() if ev.type == TypeEvenement.EXPLOITATION
        ]
        if pays := [p for p in pays if p]:
            return _alpha3(pays[0])
    return ""


def _drapeaux(exploitations) -> dict:
    valeurs = {champ: set() for champ in RENSEIGNE}
    renseigne = dict.fromkeys(RENSEIGNE, False)
    for e in exploitations:
        for champ, test in RENSEIGNE.items():
            valeur = getattr(e, champ)
            valeurs[champ].update([valeur] if isinstance(valeur, str) else valeur or [])
            renseigne[champ] |= test(e)

    def drapeau(sources):
        if any(valeurs[champ] & codes for champ, codes in sources.items()):
            return 1
        return 0 if any(renseigne[champ] for champ in sources) else ""

    flags = {colonne: drapeau(sources) for colonne, sources in CORRESPONDANCE.items()}
    flags["meansOfControlNotSpecified"] = 0 if renseigne["emprise"] or renseigne["violences"] else 1
    travail, sexe = flags["isForcedLabour"], flags["isSexualExploit"]
    flags["isSexAndLabour"] = "" if travail == "" else int(travail == 1 and sexe == 1)
    flags["typeOfLabourNotSpecified"] = 0 if renseigne["secteur"] else 1 if travail == 1 else ""
    return flags


def ligne(personne, date_enregistrement) -> dict:
    """The CTDC line of `personne` registered on `date_enregistrement` (its exploitations prefetched)."""
    exploitations = list(personne.exploitations.all())
    debuts = [e.date_debut for e in exploitations if e.date_debut]
    entrees = [e.recrutement_date for e in exploitations if e.recrutement_date] or debuts
    periodes = [(e.date_debut, e.date_fin) for e in exploitations if e.date_debut and e.date_fin]
    age = personne.age_a(date_enregistrement)
    resultat = dict.fromkeys(COLONNES, "")
    resultat.update(
        {
            "yearOfRegistration": date_enregistrement.year,
            "Datasource": DATASOURCE,
            "gender": GENRE.get(personne.sexe, ""),
            "ageBroad": _bande(age, BANDES_AGE),
            "majorityStatus": _majorite(age),
            "majorityStatusAtExploit": _majorite(personne.age_a(min(debuts)) if debuts else None),
            "majorityEntry": _majorite(personne.age_a(min(entrees)) if entrees else None),
            "citizenship": _alpha3(personne.nationalite.code),
            "CountryOfExploitation": _pays_exploitation(exploitations),
            "traffickMonths": _bande(
                _mois(min(d for d, _f in periodes), max(f for _d, f in periodes)) if periodes else None, BANDES_DUREE
            ),
            **_drapeaux(exploitations),
        }
    )
    return resultat


def lignes(personnes, debut: int, fin: int) -> list[dict]:
    """One line per person of `personnes` (a scoped queryset) and year in [debut, fin] in which one of
    their support periods began (dated by the year's first such start)."""
    debuts = {}
    periodes = Accompagnement.objects.filter(
        personne__in=personnes, date_debut__year__gte=debut, date_debut__year__lte=fin
    ).values_list("personne_id", "date_debut")
    for personne_id, date_debut in periodes:
        cle = (personne_id, date_debut.year)
        debuts[cle] = min(date_debut, debuts.get(cle, date_debut))
    exploitations = Exploitation.objects.prefetch_related(
        Prefetch("lieux", queryset=LieuExploitation.objects.order_by("pk")),
        Prefetch("evenements", queryset=EvenementTraite.objects.order_by("date_debut", "pk")),
    )
    enregistrees = personnes.filter(
        accompagnements__date_debut__year__gte=debut, accompagnements__date_debut__year__lte=fin
    )
    par_pk = {
        p.pk: p for p in enregistrees.distinct().prefetch_related(Prefetch("exploitations", queryset=exploitations))
    }
    return [ligne(par_pk[p], date) for (p, _annee), date in sorted(debuts.items()) if p in par_pk]


# --- k-anonymity -------------------------------------------------------------------------------


def _regions_en() -> dict[str, str]:
    """Region names as written in the file: English whatever the reader's language (a machine file)."""
    with translation.override("en"):
        return {cle: str(libelle) for cle, (libelle, _pays) in REGIONS_MONDE.items()}


def _region_alpha3(alpha3: str, noms: dict) -> str:
    if not alpha3:
        return ""
    return noms.get(region_monde(countries.alpha2(alpha3) or ""), "")


def _etapes():
    """The generalisations, each applied on top of the previous ones to the lines still standing out."""
    noms = _regions_en()
    region = lambda valeur: _region_alpha3(valeur, noms)  # noqa: E731
    large = lambda bande: BANDE_LARGE.get(bande, "18+") if bande else ""  # noqa: E731
    return (
        {"citizenship": region},
        {"citizenship": region, "ageBroad": large},
        {"citizenship": region, "ageBroad": large, "CountryOfExploitation": region},
    )


def cle(valeurs: dict) -> tuple:
    """The line's quasi-identifiers: the combination that must be shared by k lines."""
    return tuple(valeurs[q] for q in QUASI_IDENTIFIANTS)


def _generaliser(original: dict, etape: dict) -> dict:
    return {q: f(original[q]) for q, f in etape.items()}


@dataclass
class Resultat:
    lignes: list[dict]
    generalisees: int  # lines written with at least one quasi-identifier coarsened
    supprimees: int  # lines left out


def anonymiser(lignes: Iterable[dict], k: int = K_DEFAUT, etapes=None) -> Resultat:
    """Every combination of QUASI_IDENTIFIANTS appears at least `k` times in the result.

    Lines whose combination is already shared by k lines are kept as they are; the others are
    generalised one step further (`etapes`), and kept once their coarser combination reaches k
    (counting the lines already kept with it); what stands out after the last step is dropped.
    A kept group only grows, so a kept line never falls back under k. Kept lines are never
    coarsened to save others: that would blur a group of at least k lines to save fewer than k.
    The lines come out sorted by value, so their order tells nothing of the records' order.
    """
    restantes = [(dict(original), dict(original)) for original in lignes]
    gardees: list[tuple[dict, dict]] = []
    for etape in ({}, *(_etapes() if etapes is None else etapes)):
        for original, courante in restantes:
            courante.update(_generaliser(original, etape))
        comptes = Counter(cle(c) for _o, c in gardees + restantes)
        gardees += [(o, c) for o, c in restantes if comptes[cle(c)] >= k]
        restantes = [(o, c) for o, c in restantes if comptes[cle(c)] < k]
    sortie = sorted((c for _o, c in gardees), key=lambda c: [str(c[col]) for col in c])
    return Resultat(
        lignes=sortie,
        generalisees=sum(1 for o, c in gardees if cle(o) != cle(c)),
        supprimees=len(restantes),
    )


def fichier(resultat: Resultat) -> list[list]:
    """Header then rows, for comptes.tableur.csv_bytes(..., dialecte="machine")."""
    return [COLONNES, *([valeurs[c] for c in COLONNES] for valeurs in resultat.lignes)]


def periode(texte: str) -> tuple[int, int]:
    """ "2015-2024" or "2024" -> (first year, last year); ValueError when malformed."""
    debut, _tiret, fin = texte.strip().partition("-")
    debut, fin = int(debut), int(fin or debut)
    if not 1900 <= debut <= fin <= 2100:
        raise ValueError(texte)
    return debut, fin
