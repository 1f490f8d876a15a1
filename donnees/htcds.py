"""A person's case record in IOM's Human Trafficking Case Data Standard 2.0 (HTCDS), to transfer the case
to a partner organisation with the person's consent (docs/htcds.md).

One mapping table (`CHAMPS`) from the project's records and codes to HTCDS field names and picklist values.
A code with no matching picklist value is not forced into one: it gives the standard's "Other" where the
picklist has one, else nothing. The record reads the person, support periods, exploitations (forms, control
methods, violence, recruitment, relation to the exploiter, sector), places and trafficking events, and the
consent; never a journal entry, a psycho-social or psychologist record, nor the exploiter's details.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone, translation

from accompagnement import enums
from accompagnement.models import EvenementTraite, Exploitation, LieuExploitation, Personne, ordre_principale
from comptes import tableur

STANDARD = "Human Trafficking Case Data Standard (HTCDS) 2.0"
# CC BY 4.0 asks for the credit; IOM asks that its endorsement not be suggested (../shared/reference/htcds/SOURCE.md).
ATTRIBUTION = (
    "Field names and picklist values: Human Trafficking Case Data Standard (HTCDS) 2.0 by IOM "
    "(International Organization for Migration), https://github.com/UNMigration/HTCDS, licensed under "
    "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). IOM does not endorse this application or this record."
)
FORMATS = ("json", "csv")
SECTIONS = ("organisation", "person", "victim", "case", "consent")  # then "events", a list
ORGANISATION = {"org_Name": "CCEM – Comité contre l'esclavage moderne", "org_ShippingCountry": "FR", "org_Type": "NGO"}

# --- Codes → picklist values (None: the picklist has no value for it, the field is left empty) ---------

GENRE = {
    enums.Sexe.FEMME: "Feminine",
    enums.Sexe.HOMME: "Masculine",
    enums.Sexe.AUTRE: "NonSpecifiedUnknown",  # "other" says neither a gender identity nor non-conformity
    "": "NonSpecifiedUnknown",
}
STATUT_TRAITE = {
    enums.StatutIdentification.PRESUMEE: "PossibleVictimOfTrafficking",
    enums.StatutIdentification.IDENTIFIEE: "ActualVictimOfTrafficking",
}
IDENTIFICATEUR = {
    enums.Identificateur.CCEM: "NGO",
    enums.Identificateur.POLICE: "Police",
    enums.Identificateur.JUSTICE: "CourtOrProsecution",
    enums.Identificateur.INSPECTION_TRAVAIL: "NonPoliceGovernmentalOrganization",
    enums.Identificateur.AUTRE_ONG: "NGO",
    enums.Identificateur.AUTRE: "Other",
}
# Single-valued in HTCDS: the closest relation recorded wins (order of this table).
RELATION = {
    enums.RelationExploiteur.FAMILLE: "Familial",
    enums.RelationExploiteur.PARTENAIRE: "Acquainted",
    enums.RelationExploiteur.CONNAISSANCE: "Acquainted",
    enums.RelationExploiteur.AUCUN: "Unaquainted",  # sic: the standard's spelling
    enums.RelationExploiteur.INCONNU: None,
}
RECRUTEMENT = {
    # A job offer, an intermediary or "online" do not say which channel the picklist asks (advert? social network?).
    enums.ModeRecrutement.OFFRE_EMPLOI: "Other",
    enums.ModeRecrutement.FAMILLE: "ThroughFamilyOrFamilyEvents",
    enums.ModeRecrutement.AMI: "ThroughFriendsOrSocialEvents",
    enums.ModeRecrutement.INTERMEDIAIRE: "Other",
    enums.ModeRecrutement.EN_LIGNE: "Other",
    enums.ModeRecrutement.AUTRE: "Other",
}
EMPRISE = {
    enums.Emprise.PROMESSE_HEBERGEMENT: "FalsePromises",
    enums.Emprise.PROMESSE_REMUNERATION: "FalsePromises",
    enums.Emprise.PROMESSE_REGULARISATION: "FalsePromises",
    enums.Emprise.PROMESSE_MARIAGE: "FalsePromises",
    enums.Emprise.MARIAGE_SERVILE: "Other",
    enums.Emprise.CONFISCATION_PAPIERS: "WithholdsDocuments",
    enums.Emprise.DETTE: "DebtBondage",
    enums.Emprise.ADOPTION: "Other",
    enums.Emprise.ISOLEMENT: "Other",
    enums.Emprise.MENACES: "Other",  # threats of what is not recorded; "PhysicalThreats" would say more
    enums.Emprise.SUBSTANCES: "PsychoactiveSubstance",
    enums.Emprise.MENACE_AUTORITES: "ThreatsLawEnforcement",
    enums.Emprise.MENACE_PROCHES: "ThreatensChildrenFamily",
    enums.Emprise.GAINS_CONFISQUES: "TakesEarnings",
    enums.Emprise.ARGENT_RESTREINT: "RestrictsFinancialAccess",
    enums.Emprise.SOINS_RESTREINTS: "RestrictsMedicalCare",
    enums.Emprise.HORAIRES_EXCESSIFS: "ExcessiveWorkingHours",
    enums.Emprise.AUTRE: "Other",
}
# HTCDS counts abuse among the methods of control.
VIOLENCE = {
    enums.Violence.SEXUELLES: "SexualAbuse",
    enums.Violence.PHYSIQUES: "PhysicalAbuse",
    enums.Violence.PSYCHOLOGIQUES: "PsychologicalAbuse",
    enums.Violence.PRIVATION_NOURRITURE: "WithholdsNecessities",
}
FORME = {
    enums.FormeExploitation.TRAVAIL: "ForcedLabour",
    enums.FormeExploitation.DOMESTIQUE: "Servitude",
    enums.FormeExploitation.MENDICITE: "ForcedBegging",
    enums.FormeExploitation.CRIMINALITE: "Other",  # no forced criminality in the picklist
    enums.FormeExploitation.MARIAGE: "ForcedMarriage",
    enums.FormeExploitation.SEXUELLE: "SexualExploitation",
    enums.FormeExploitation.AUTRE: "Other",
}
# ISIC v4 sections; a sector spanning several sections (services, street, begging, crime) gives none.
SECTEUR = {
    enums.Secteur.DOMESTIQUE: "T_ActivitiesOfHouseholdsAsEmployers",
    enums.Secteur.AGRICULTURE: "A_AgricultureForestryAndFishing",
    enums.Secteur.BTP: "F_Construction",
    enums.Secteur.COMMERCE: "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
    enums.Secteur.HOTELLERIE: "I_AccommodationAndFoodServiceActivities",
    enums.Secteur.SERVICES: None,
    enums.Secteur.ATELIERS: "C_Manufacturing",
    enums.Secteur.SPECTACLES: "R_ArtsEntertainmentAndRecreation",
    enums.Secteur.RUE: None,
    enums.Secteur.MENDICITE: None,
    enums.Secteur.DELITS: None,
    enums.Secteur.AUTRE: None,
}
EVENEMENT = {
    enums.TypeEvenement.RECRUTEMENT: "Recruitment",
    enums.TypeEvenement.TRANSIT: "Transit",
    enums.TypeEvenement.EXPLOITATION: "Exploitation",
}
# Every code table above, with the enum it translates: a new code must be given its value (tests).
TABLES = {
    "GENRE": (enums.Sexe, GENRE),
    "STATUT_TRAITE": (enums.StatutIdentification, STATUT_TRAITE),
    "IDENTIFICATEUR": (enums.Identificateur, IDENTIFICATEUR),
    "RELATION": (enums.RelationExploiteur, RELATION),
    "RECRUTEMENT": (enums.ModeRecrutement, RECRUTEMENT),
    "EMPRISE": (enums.Emprise, EMPRISE),
    "VIOLENCE": (enums.Violence, VIOLENCE),
    "FORME": (enums.FormeExploitation, FORME),
    "SECTEUR": (enums.Secteur, SECTEUR),
    "EVENEMENT": (enums.TypeEvenement, EVENEMENT),
}


# --- What the record is built from ---------------------------------------------------------------------


def personnes():
    """Persons with what the record reads, in a fixed number of queries (scope them with `visible_to`)."""
    return Personne.objects.prefetch_related(
        "accompagnements",
        "consentements_transfert",
        Prefetch(
            "exploitations",
            queryset=Exploitation.objects.prefetch_related(
                Prefetch("lieux", queryset=LieuExploitation.objects.order_by("pk")),
                Prefetch("evenements", queryset=EvenementTraite.objects.order_by("date_debut", "pk")),
            ).order_by("date_debut", "pk"),
        ),
    )


def consentement_valide(personne, pk=None):
    """The consent the export relies on: the one asked for (`pk`) if valid, else the latest valid one."""
    valides = [c for c in personne.consentements_transfert.all() if c.valide]
    if pk not in (None, ""):
        valides = [c for c in valides if str(c.pk) == str(pk)]
    return max(valides, key=lambda c: (c.date_consentement, c.pk), default=None)


@dataclass
class Dossier:
    personne: Personne
    consentement: object

    def __post_init__(self):
        self.exploitations = list(self.personne.exploitations.all())
        self.periodes = sorted(self.personne.accompagnements.all(), key=lambda p: (p.date_debut, p.pk))

    @property
    def principale(self):
        """The main exploitation, else the latest started (as the report's profile figures read it)."""
        return max(self.exploitations, key=ordre_principale, default=None)

    def codes(self, champ: str) -> list[str]:
        return [code for e in self.exploitations for code in getattr(e, champ) or []]


def _valeurs(table: dict, codes) -> list[str]:
    """Picklist values of a multi-valued list of codes, once each, unmappable codes left out."""
    return list(dict.fromkeys(v for code in codes if (v := table.get(code))))


def telephone_e164(texte: str) -> str | None:
    """The number in E.164 form (as HTCDS asks), French national numbers made international; else None."""
    chiffres = re.sub(r"[\s.\-()/]", "", texte or "")
    if chiffres.startswith("00"):
        chiffres = "+" + chiffres[2:]
    elif re.fullmatch(r"0[1-9]\d{8}", chiffres):
        chiffres = "+33" + chiffres[1:]
    return chiffres if re.fullmatch(r"\+[1-9]\d{1,14}", chiffres) else None


def _telephone(mobile: bool) -> Callable[[Dossier], str | None]:
    def valeur(d: Dossier):
        numero = telephone_e164(d.personne.telephone)
        if numero is None:
            return None
        return numero if numero.startswith(("+336", "+337")) == mobile else None

    return valeur


def _age_premiere_traite(d: Dossier) -> int | None:
    dates = [x for e in d.exploitations for x in (e.recrutement_date, e.date_debut) if x]
    return d.personne.age_a(min(dates)) if dates else None


def _relation(d: Dossier) -> str | None:
    codes = set(d.codes("relations_exploiteur"))
    return next((v for code, v in RELATION.items() if v and code in codes), None)


def _emprise(d: Dossier) -> list[str]:
    controle = [c for e in d.exploitations if e.emprise_renseignee for c in e.emprise or []]
    violences = [v for e in d.exploitations if e.violences_renseignees for v in e.violences or []]
    return _valeurs(EMPRISE | VIOLENCE, controle + violences)


def _statut_cas(d: Dossier) -> str | None:
    if not d.periodes:
        return None
    derniere = d.periodes[-1]
    if derniere.date_cloture is None:
        return "Active"
    return "ClosedReferred" if derniere.motif_cloture == enums.MotifCloture.REORIENTATION else "Closed"


def _motif_cloture(d: Dossier) -> str | None:
    derniere = d.periodes[-1] if d.periodes else None
    if derniere is None or derniere.date_cloture is None or not derniere.motif_cloture:
        return None
    return str(enums.MotifCloture(derniere.motif_cloture).label)


def _iso(valeur: date | None) -> str | None:
    return valeur.isoformat() if valeur else None


@dataclass(frozen=True)
class Champ:
    nom: str  # HTCDS field name, prefix included
    source: str  # the record it comes from, for docs/htcds.md ("" : the CCEM does not record it)
    valeur: Callable[[Dossier], object] | None = None


def _sans_source(*noms: str) -> list[Champ]:
    return [Champ(nom, "") for nom in noms]


# The mapping: every field the record carries, in the standard's order. The core fields of the sections
# exported are all here, left empty (null) when the CCEM does not record them, so that "not recorded"
# reads as such on the receiving side.
CHAMPS: list[Champ] = [
    *_sans_source("prs_Salutation"),
    Champ("prs_FirstName", "Personne.prenom", lambda d: d.personne.prenom or None),
    Champ("prs_SecondName", "Personne.nom", lambda d: d.personne.nom or None),
    Champ(
        "prs_Birthdate",
        "Personne.date_naissance (a year alone is not a date: left empty)",
        lambda d: _iso(d.personne.date_naissance),
    ),
    Champ("prs_Gender", "Personne.sexe", lambda d: GENRE.get(d.personne.sexe, "NonSpecifiedUnknown")),
    Champ("prs_Deceased", "Personne.date_deces recorded", lambda d: d.personne.date_deces is not None),
    Champ(
        "prs_Citizenship",
        "Personne.nationalite (ISO 3166 alpha-2)",
        lambda d: [d.personne.nationalite.code] if d.personne.nationalite else [],
    ),
    *_sans_source("prs_Title"),
    Champ("prs_Email", "Personne.email", lambda d: d.personne.email or None),
    Champ("prs_HomePhone", "Personne.telephone, E.164, unless a French mobile", _telephone(mobile=False)),
    Champ("prs_MobilePhone", "Personne.telephone, E.164, a French mobile (+336, +337)", _telephone(mobile=True)),
    # The address is free text ("address / how to reach"), often a shelter's: not sent.
    *_sans_source("prs_MailingCity", "prs_MailingCountry", "prs_MailingState", "prs_MailingStreet"),
    *_sans_source("prs_MailingPostalCode"),
    Champ(
        "vic_TraffickingStatus",
        "Personne.identification_statut",
        lambda d: STATUT_TRAITE.get(d.personne.identification_statut),
    ),
    Champ(
        "vic_TraffickingStatusDecisionMakingOrg",
        "Personne.identifie_par",
        lambda d: IDENTIFICATEUR.get(d.personne.identifie_par),
    ),
    Champ("vic_RelationshipToTrafficker", "Exploitation.relations_exploiteur (closest relation)", _relation),
    Champ(
        "vic_AgeWhenTrafficked",
        "Personne birth date or year, at the earliest recruitment or exploitation date",
        _age_premiere_traite,
    ),
    Champ(
        "vic_MethodOfRecruitment",
        "Exploitation.recrutement_mode",
        lambda d: _valeurs(RECRUTEMENT, [e.recrutement_mode for e in d.exploitations]),
    ),
    *_sans_source("vic_LocationOfRecruitment"),
    Champ("vic_MethodsOfControl", "Exploitation.emprise (when recorded) and Exploitation.violences", _emprise),
    Champ("vic_TypeOfExploitation", "Exploitation.formes", lambda d: _valeurs(FORME, d.codes("formes"))),
    Champ(
        "vic_ForcedLabourIndustry",
        "Exploitation.secteur of the main exploitation (ISIC v4 section)",
        lambda d: SECTEUR.get(d.principale.secteur) if d.principale else None,
    ),
    *_sans_source("vic_TypeOfSexExploitation", "vic_LocationOfExploitation"),
    Champ(
        "cas_Status", "Accompagnement: the latest support period open, closed, or closed by re-referral", _statut_cas
    ),
    Champ(
        "cas_ReasonForCaseClosure",
        "Accompagnement.motif_cloture of the latest period, if closed (label)",
        _motif_cloture,
    ),
    *_sans_source("cas_CaseOwner", "cas_ReferringOrganisation", "cas_IncomingReferralDate"),
    *_sans_source("cas_ReferringPrimaryCaseWorker", "cas_ReasonForIncomingReferral", "cas_IncomingReferralDetails"),
    Champ("cas_ReferredOrganisation", "ConsentementTransfert.destinataire", lambda d: d.consentement.destinataire),
    *_sans_source("cas_ReferredPrimaryCaseWorker", "cas_ReasonForOutgoingReferral", "cas_OutgoingReferralDate"),
    *_sans_source("cas_OutgoingReferralDetails"),
    Champ("con_Consent", "ConsentementTransfert recorded and not withdrawn", lambda d: d.consentement.valide),
]
SECTION_DU_PREFIXE = {"org_": "organisation", "prs_": "person", "vic_": "victim", "cas_": "case", "con_": "consent"}
# Historic trafficking events, one per place and time (docs/htcds.md says where each comes from).
CHAMPS_EVENEMENT = ("hte_Type", "hte_Country", "hte_State", "hte_City", "hte_Date", "hte_Description")


def _evenement(type_, pays, *, ville="", etat="", date_=None, description=None) -> dict:
    return {
        "hte_Type": EVENEMENT[type_],
        "hte_Country": pays.code if pays else None,
        "hte_State": etat or None,
        "hte_City": ville or None,
        "hte_Date": _iso(date_),
        "hte_Description": description,
    }


def evenements(d: Dossier) -> list[dict]:
    """The trafficking events recorded; an exploitation without a recruitment (or exploitation) event gives
    one from its recruitment country and date (or one per place of exploitation)."""
    sortie = []
    for e in d.exploitations:
        types = set()
        for ev in e.evenements.all():
            types.add(ev.type)
            fin = f"Until {ev.date_fin.isoformat()}" if ev.date_fin else None
            sortie.append(_evenement(ev.type, ev.pays, ville=ev.lieu, date_=ev.date_debut, description=fin))
        if enums.TypeEvenement.RECRUTEMENT not in types and e.recrutement_pays:
            sortie.append(_evenement(enums.TypeEvenement.RECRUTEMENT, e.recrutement_pays, date_=e.recrutement_date))
        if enums.TypeEvenement.EXPLOITATION not in types:
            for lieu in e.lieux.all():
                etat = lieu.get_departement_display() if lieu.departement else ""
                sortie.append(
                    _evenement(
                        enums.TypeEvenement.EXPLOITATION, lieu.pays, ville=lieu.commune, etat=etat, date_=e.date_debut
                    )
                )
    return sortie


def dossier(personne, consentement) -> dict:
    """The record of `personne` for the partner named by `consentement` (a valid consent: the caller checks)."""
    d = Dossier(personne, consentement)
    with translation.override("en"):  # labels in free-text fields: the standard's language
        record = {
            "standard": STANDARD,
            "attribution": ATTRIBUTION,
            "reference": personne.numero_dossier,
            "generated_on": timezone.localdate().isoformat(),
            "consent_given_on": consentement.date_consentement.isoformat(),
            **{section: {} for section in SECTIONS},
        }
        record["organisation"].update(ORGANISATION)
        for champ in CHAMPS:
            section = SECTION_DU_PREFIXE[champ.nom[:4]]
            record[section][champ.nom] = champ.valeur(d) if champ.valeur else None
        record["events"] = evenements(d)
    return record


def lignes_csv(record: dict) -> list[list]:
    """The record as rows (section, item, field, value): the JSON flattened, events numbered from 1,
    multi-valued fields joined by ";" (as Salesforce multi-select picklists are)."""

    def cellule(valeur):
        return ";".join(valeur) if isinstance(valeur, list) else valeur

    lignes = [["section", "item", "field", "value"]]
    lignes += [["meta", "", cle, valeur] for cle, valeur in record.items() if not isinstance(valeur, dict | list)]
    for section in SECTIONS:
        lignes += [[section, "", nom, cellule(v)] for nom, v in record[section].items()]
    for rang, evenement in enumerate(record["events"], start=1):
        lignes += [["events", rang, nom, cellule(v)] for nom, v in evenement.items()]
    return lignes


def fichier(record: dict, format_: str) -> bytes:
    if format_ == "csv":
        return tableur.csv_bytes(lignes_csv(record), dialecte="machine")
    return json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8")


def nom_fichier(personne, format_: str) -> str:
    """Named by the file number, never the name (as the summary sheet)."""
    return f"htcds-{personne.numero_dossier}.{format_}"
