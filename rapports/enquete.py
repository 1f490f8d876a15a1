"""France's annual survey "Les victimes de traite des êtres humains suivies par les associations"
(Miprof), answered from the records: docs/enquete-nationale.md maps every column.

- The core part (`socle`): the victims "repérées" (every potential victim of a report received in
  N) and the victims supported in N (P_FA, rapports.populations), by form of exploitation and sex,
  minors apart. Forms: a supported person's main exploitation (marked main, else the latest
  started: accompagnement.indicateurs.principales), a potential victim's report
  (`Signalement.formes_presumees`). A person with several forms counts on each form's line; the
  "total persons" line counts each person once. Minor: under 18 on 31/12/N (supported) or at the
  report's reception (repérées: the approximate age given, else from the year of birth).
- The per-victim part (`victimes`): one line per person supported in N, without name, date of
  birth, file number or id: each line gets a random id (`secrets`) drawn again at every run, and
  the lines are shuffled so that their order tells nothing of the files' order.

Records are read in bulk (values(), one query per kind of record), never one query per person.
"""

import datetime
import secrets
from collections import defaultdict

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accompagnement.enums import FormeExploitation, RelationExploiteur, Sexe, TypeEvenement
from accompagnement.indicateurs import principales
from accompagnement.models import EvenementTraite, LieuExploitation, Personne
from ccem.referentiels import region_monde
from comptes import tableur
from comptes.contexte import Contexte
from juridique.statut import personnes_avec_plainte, statuts_administratifs
from signalements.models import PersonneSignalee

from . import populations

PARTIES = ("socle", "victimes")
FORMATS = ("csv", "xlsx")
MAJORITE = 18
NON_RENSEIGNE = "non_renseigne"
TOTAL = "total_personnes"
INCONNU = "inconnu"

# Columns of the core part: age group × sex.
AGES = [("majeurs", _("Adults")), ("mineurs", _("Minors")), ("age_inconnu", _("Age unknown"))]
SEXES = [("femmes", _("Women")), ("hommes", _("Men")), ("autre", _("Other")), ("sexe_inconnu", _("Sex unknown"))]
CODE_SEXE = {Sexe.FEMME: "femmes", Sexe.HOMME: "hommes", Sexe.AUTRE: "autre"}
COLONNES_SOCLE = [f"{age}_{sexe}" for age, _a in AGES for sexe, _s in SEXES]
POPULATIONS_SOCLE = [
    ("reperees", _("Victims identified (“repérées”): potential victims of the reports received in the year")),
    ("suivies", _("Victims supported during the year (active caseload)")),
]

TRANCHES_AGE = [("moins_18", None, 18), ("18_24", 18, 25), ("25_34", 25, 35), ("35_44", 35, 45),
                ("45_54", 45, 55), ("55_plus", 55, None)]  # fmt: skip
SEXE_VICTIME = {Sexe.FEMME: "femme", Sexe.HOMME: "homme", Sexe.AUTRE: "autre"}


# --- Core part --------------------------------------------------------------------------------


def _groupe_age(age: int | None) -> str:
    if age is None:
        return "age_inconnu"
    return "mineurs" if age < MAJORITE else "majeurs"


def _compter(individus) -> list[dict]:
    """Lines of one table from (forms, sex code, age) per person: one line per form, a
    "not recorded" line, then the total of persons (each once)."""
    comptes = defaultdict(lambda: dict.fromkeys(COLONNES_SOCLE, 0))
    for formes, sexe, age in individus:
        colonne = f"{_groupe_age(age)}_{CODE_SEXE.get(sexe, 'sexe_inconnu')}"
        connues = [f for f in dict.fromkeys(formes or []) if f in FormeExploitation.values]
        for forme in connues or [NON_RENSEIGNE]:
            comptes[forme][colonne] += 1
        comptes[TOTAL][colonne] += 1
    libelles = {**dict(FormeExploitation.choices), NON_RENSEIGNE: _("Form not recorded"), TOTAL: _("Total persons")}
    return [
        {"code": code, "libelle": libelles[code], "valeurs": comptes[code], "total": sum(comptes[code].values())}
        for code in [*FormeExploitation.values, NON_RENSEIGNE, TOTAL]
    ]


def _reperees(ctx: Contexte):
    """(forms, sex, age at reception) of every potential victim of a report received in N (one query).
    Sex and age left blank on the report are read from the person it was linked to."""
    lignes = (
        PersonneSignalee.objects.filter(signalement__date_reception__range=(ctx.debut, ctx.fin))
        .select_related("signalement", "personne")
        .only(
            "sexe",
            "age",
            "annee_naissance",
            "signalement__date_reception",
            "signalement__formes_presumees",
            "personne__sexe",
            "personne__date_naissance",
            "personne__annee_naissance",
        )
        .order_by()
    )
    for ps in lignes.iterator(chunk_size=2000):
        reception = ps.signalement.date_reception
        if ps.age is not None:
            age = ps.age
        elif ps.annee_naissance:
            age = reception.year - ps.annee_naissance
        else:
            age = ps.personne.age_a(reception) if ps.personne else None
        sexe = ps.sexe or (ps.personne.sexe if ps.personne else "")
        yield ps.signalement.formes_presumees, sexe, age


def suivies(ctx: Contexte):
    """P_FA(N), as the annual report counts it (rapports.populations)."""
    return populations.POPULATIONS["P_FA"][3](ctx)


def _principales(personnes) -> dict[int, dict]:
    """{person id: main exploitation's fields} (one query)."""
    champs = (
        "personne_id",
        "pk",
        "formes",
        "relations_exploiteur",
        "recrutement_mode",
        "recrutement_pays",
        "age_debut",
    )
    return {e["personne_id"]: e for e in principales(personnes).values(*champs)}


def _suivies(ctx: Contexte):
    """(forms, sex, age on 31/12/N) of every person supported in N (two queries)."""
    personnes = suivies(ctx)
    exploitations = _principales(personnes)
    for p in personnes.only("sexe", "date_naissance", "annee_naissance").order_by().iterator(chunk_size=2000):
        yield (exploitations.get(p.pk) or {}).get("formes"), p.sexe, p.age_a(ctx.fin)


def socle(annee: int) -> list[dict]:
    """[{code, titre, lignes}] for the two populations of the core part."""
    ctx = Contexte(annee)
    lecteurs = {"reperees": _reperees, "suivies": _suivies}
    return [
        {"code": code, "titre": titre, "lignes": _compter(lecteurs[code](ctx))} for code, titre in POPULATIONS_SOCLE
    ]


def tableau_socle(tables: list[dict]) -> tuple[list[str], list[list]]:
    """(header, rows) of the core part as one flat table."""
    entetes = ["population", "forme", "libelle", *COLONNES_SOCLE, "total"]
    lignes = [
        [table["code"], ligne["code"], str(ligne["libelle"]), *ligne["valeurs"].values(), ligne["total"]]
        for table in tables
        for ligne in table["lignes"]
    ]
    return entetes, lignes


# --- Per-victim part --------------------------------------------------------------------------


def tranche_age(age: int | None) -> str:
    if age is None:
        return INCONNU
    return next(
        code for code, bas, haut in TRANCHES_AGE if (bas is None or age >= bas) and (haut is None or age < haut)
    )


def _drapeaux(prefixe: str, choices, codes) -> dict:
    """One yes/no column per code of `choices`; every column empty (unknown) when nothing is recorded."""
    codes = set(codes or [])
    return {f"{prefixe}_{code}": (code in codes) if codes else None for code in choices.values}


COLONNES_VICTIMES = [
    "id_ligne", "sexe", "tranche_age", "mineur_debut_exploitation", "nationalite", "region_monde",
    *(f"forme_{code}" for code in FormeExploitation.values),
    "exploitation_en_france", "exploitation_a_l_etranger", "pays_exploitation_etranger",
    *(f"relation_{code}" for code in RelationExploiteur.values),
    "recrutement_mode", "recrutement_pays", "plainte_deposee", "poursuivie",
    "statut_admin_accueil", "statut_admin_31_12", "hors_exploitation_accueil", "addiction", "mna", "ase",
]  # fmt: skip


def _pays_exploitation(personnes) -> dict[int, set[str]]:
    """{person id: countries of exploitation}: every place of every exploitation of the person and
    every exploitation event (two queries)."""
    pays = defaultdict(set)
    for pk, code in LieuExploitation.objects.filter(exploitation__personne__in=personnes).values_list(
        "exploitation__personne_id", "pays"
    ):
        pays[pk].add(code)
    for pk, code in EvenementTraite.objects.filter(
        exploitation__personne__in=personnes, type=TypeEvenement.EXPLOITATION
    ).values_list("exploitation__personne_id", "pays"):
        pays[pk].add(code)
    return pays


def _pays_recrutement(personnes) -> dict[int, str]:
    """{exploitation id: country of its first recruitment event} (one query), for the exploitations
    whose country of recruitment is not recorded; undated events come after dated ones."""
    pays = {}
    for pk, code in (
        EvenementTraite.objects.filter(
            exploitation__personne__in=personnes, exploitation__recrutement_pays="", type=TypeEvenement.RECRUTEMENT
        )
        .order_by(F("date_debut").desc(nulls_first=True), "-pk")  # the first one wins: written last
        .values_list("exploitation_id", "pays")
    ):
        pays[pk] = code
    return pays


def _ligne(p: Personne, e: dict, fin: datetime.date, faits: dict) -> dict:
    age_debut = e.get("age_debut")
    pays = faits["pays"].get(p.pk, set())
    nationalite = p.nationalite.code or ""
    return {
        "id_ligne": secrets.token_hex(8),
        "sexe": SEXE_VICTIME.get(p.sexe, INCONNU),
        "tranche_age": tranche_age(p.age_a(fin)),
        "mineur_debut_exploitation": None if age_debut is None else age_debut < MAJORITE,
        "nationalite": nationalite,
        "region_monde": region_monde(nationalite),
        **_drapeaux("forme", FormeExploitation, e.get("formes")),
        "exploitation_en_france": ("FR" in pays) if pays else None,
        "exploitation_a_l_etranger": bool(pays - {"FR"}) if pays else None,
        "pays_exploitation_etranger": " ".join(sorted(pays - {"FR"})),
        **_drapeaux("relation", RelationExploiteur, e.get("relations_exploiteur")),
        "recrutement_mode": e.get("recrutement_mode") or "",
        "recrutement_pays": e.get("recrutement_pays") or faits["recrutement"].get(e.get("pk"), ""),
        "plainte_deposee": p.pk in faits["plaintes"],
        "poursuivie": p.poursuivie,
        "statut_admin_accueil": p.statut_admin_accueil,
        "statut_admin_31_12": faits["statuts"].get(p.pk, ""),
        "hors_exploitation_accueil": p.hors_exploitation_accueil,
        "addiction": p.addiction,
        "mna": p.mna,
        "ase": p.ase,
    }


def victimes(annee: int) -> list[dict]:
    """The per-victim lines of year N, shuffled, each with a fresh random id (eleven queries)."""
    ctx = Contexte(annee)
    personnes = suivies(ctx)
    exploitations = _principales(personnes)
    faits = {
        "pays": _pays_exploitation(personnes),
        "recrutement": _pays_recrutement(personnes),
        "plaintes": personnes_avec_plainte(personnes, ctx.fin),
        "statuts": statuts_administratifs(personnes, ctx.fin),
    }
    champs = ("sexe", "date_naissance", "annee_naissance", "nationalite", "poursuivie", "statut_admin_accueil",
              "hors_exploitation_accueil", "addiction", "mna", "ase")  # fmt: skip
    lignes = [
        _ligne(p, exploitations.get(p.pk) or {}, ctx.fin, faits)
        for p in personnes.only(*champs).order_by().iterator(chunk_size=2000)
    ]
    secrets.SystemRandom().shuffle(lignes)
    return lignes


def tableau_victimes(lignes: list[dict]) -> tuple[list[str], list[list]]:
    return COLONNES_VICTIMES, [[ligne[c] for c in COLONNES_VICTIMES] for ligne in lignes]


# --- Files ------------------------------------------------------------------------------------


def fichier(annee: int, partie: str, format: str) -> bytes:
    """The part as a file through the one spreadsheet writer: CSV for French spreadsheets (`;`,
    decimal comma, BOM, formulas neutralised) or XLSX."""
    if partie not in PARTIES or format not in FORMATS:
        raise ValueError(f"{partie}/{format}")
    entetes, lignes = tableau_socle(socle(annee)) if partie == "socle" else tableau_victimes(victimes(annee))
    if format == "csv":
        return tableur.csv_bytes([entetes, *lignes], dialecte="fr")
    return tableur.xlsx_bytes([tableur.Feuille(f"{partie}_{annee}", [entetes, *lignes])])


def nom_fichier(annee: int, partie: str, format: str) -> str:
    return f"ccem-enquete-traite-{annee}-{partie}.{format}"
