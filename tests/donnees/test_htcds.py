"""The HTCDS 2.0 case record (docs/htcds.md): validated against IOM's own field list and picklists,
read from ../shared/reference/htcds/ (not copied into the repository: CC BY 4.0, credited in the export)."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django_countries import countries

from accompagnement import enums
from accompagnement.models import ConsentementTransfert, EvenementTraite
from comptes.models import JournalAcces
from comptes.permissions import RULES, Role
from donnees import htcds
from donnees.importation.formats import texte_cellule
from tests.accompagnement.factories import (
    AccompagnementFactory,
    EntreeJournalFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    PersonneFactory,
)
from tests.psychosocial.factories import ConsultationFactory

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "htcds" / "htcds-2.0-fields.csv"
avec_reference = pytest.mark.skipif(
    not REFERENCE.exists(), reason="../shared/reference/htcds is not beside the repository"
)
AUTORISES = sorted(RULES["donnees.htcds"]["view"])
REFUSES = sorted(set(Role) - RULES["donnees.htcds"]["view"])
SCELLE = "ZQXsceauHTCDSZQX"  # planted in every record the export must never carry
D = datetime.date


# --- The standard, as IOM publishes it -------------------------------------------------------------------


def standard() -> dict[str, dict]:
    """{field name with prefix: {"type", "core", "status", "valeurs" (picklist value names), "pays" (ISO 3166)}}."""
    champs = {}
    with REFERENCE.open(encoding="utf-8", newline="") as f:
        for ligne in csv.DictReader(f):
            nom = (ligne.get("Field Name including Prefix") or "").strip()
            if ligne.get("Status") not in ("DRAFT", "DEPRECATED") or not nom or nom == "N/A":
                continue
            noms_valeurs = ligne.get("Value Names (if picklist)") or ""
            iso_pays = "ISO 3166" in noms_valeurs + (ligne.get("Value Labels (if picklist)") or "")
            champs[nom] = {
                "type": ligne["Field Type"].strip(),
                "core": ligne["Core"] == "Core",
                "status": ligne["Status"],
                "valeurs": set() if iso_pays else {v.strip() for v in noms_valeurs.splitlines() if v.strip()},
                "pays": iso_pays,
            }
    return champs


def erreurs_champ(nom: str, valeur, champs: dict) -> list[str]:
    """What is wrong with `valeur` for the standard's field `nom` (empty list: it conforms)."""
    if nom not in champs:
        return [f"{nom}: not a field of HTCDS 2.0"]
    champ = champs[nom]
    if champ["status"] == "DEPRECATED":
        return [f"{nom}: deprecated field"]
    if valeur is None:
        return []
    type_ = champ["type"]
    valeurs = valeur if type_ == "Multiselect Picklist" else [valeur]
    if type_ == "Multiselect Picklist" and not isinstance(valeur, list):
        return [f"{nom}: a multi-select picklist is a list"]
    if type_ == "Checkbox":
        return [] if isinstance(valeur, bool) else [f"{nom}: not a boolean"]
    if type_ in ("Number", "Geolocation"):
        return [] if isinstance(valeur, int | float) and not isinstance(valeur, bool) else [f"{nom}: not a number"]
    erreurs = [f"{nom}: not text: {v!r}" for v in valeurs if not isinstance(v, str) or not v]
    if type_ == "Date":
        try:
            datetime.date.fromisoformat(valeur)
        except (TypeError, ValueError):
            erreurs.append(f"{nom}: not an ISO date: {valeur!r}")
    if champ["pays"]:
        erreurs += [f"{nom}: not an ISO 3166 code: {v!r}" for v in valeurs if v not in dict(countries)]
    elif champ["valeurs"] and "Picklist" in type_:
        erreurs += [f"{nom}: {v!r} is not in the picklist" for v in valeurs if v not in champ["valeurs"]]
    return erreurs


def erreurs_record(record: dict, champs: dict) -> list[str]:
    erreurs = []
    for section in htcds.SECTIONS:
        erreurs += [e for nom, v in record[section].items() for e in erreurs_champ(nom, v, champs)]
    erreurs += [e for ev in record["events"] for nom, v in ev.items() for e in erreurs_champ(nom, v, champs)]
    return erreurs


# --- Records -----------------------------------------------------------------------------------------------


def consentir(personne, **kwargs) -> ConsentementTransfert:
    valeurs = {"destinataire": "Association partenaire", "date_consentement": D(2025, 3, 4)} | kwargs
    return ConsentementTransfert.objects.create(personne=personne, **valeurs)


@pytest.fixture
def personne(db):
    """A person with everything the record reads, sealed content planted around it."""
    p = PersonneFactory(
        numero_dossier="D-2025-042", nom="Zorglubovic", prenom="Amina", date_naissance=D(2001, 6, 2),
        telephone="06 12 34 56 78", email="amina@example.org", adresse=f"Foyer secret {SCELLE}",
        identification_statut=enums.StatutIdentification.IDENTIFIEE, identifie_par=enums.Identificateur.POLICE,
    )  # fmt: skip
    AccompagnementFactory(personne=p, date_debut=D(2019, 3, 1), cloture=True)
    AccompagnementFactory(personne=p, date_debut=D(2024, 2, 1))
    exploitation = ExploitationFactory(
        personne=p, principale=True, date_debut=D(2015, 1, 1), secteur=enums.Secteur.DOMESTIQUE,
        formes=["servitude_domestique", "criminalite_forcee"], relations_exploiteur=["ami_connaissance", "famille"],
        recrutement_mode="en_ligne", recrutement_pays="PH", recrutement_date=D(2014, 11, 1),
        emprise=["dette", "confiscation_papiers", "isolement", "horaires_excessifs"], emprise_renseignee=True,
        violences=["physiques"], violences_renseignees=True, affaire__exploiteur_details=SCELLE,
    )  # fmt: skip
    LieuExploitationFactory(exploitation=exploitation, departement="92", commune="Neuilly")
    EvenementTraite.objects.create(
        exploitation=exploitation, type="transit", pays="AE", lieu="Dubaï", date_debut=D(2014, 12, 1),
        date_fin=D(2014, 12, 20),
    )  # fmt: skip
    ExploitationFactory(personne=p, date_debut=D(2022, 1, 1), secteur=enums.Secteur.BTP, formes=["travail_force"])
    ConsultationFactory(personne=p, notes=SCELLE)
    EntreeJournalFactory(personne=p, pole=enums.Pole.PSY, texte=SCELLE)
    EntreeJournalFactory(personne=p, pole=enums.Pole.JURIDIQUE, texte=SCELLE)
    consentir(p)
    return p


def url(personne, format_="json", **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"format": format_, **params}.items())
    return f"{reverse('donnees:htcds_personne', args=[personne.pk])}?{query}"


def telecharger(client, personne, format_="json"):
    response = client.get(url(personne, format_))
    assert response.status_code == 200, response.status_code
    return response


# --- The record ------------------------------------------------------------------------------------------


@avec_reference
def test_every_code_translates_to_a_value_of_its_picklist():
    """Walks every code of every table, so that a new code cannot reach the file without its HTCDS value."""
    champs = standard()
    cibles = {
        "GENRE": "prs_Gender", "STATUT_TRAITE": "vic_TraffickingStatus",
        "IDENTIFICATEUR": "vic_TraffickingStatusDecisionMakingOrg", "RELATION": "vic_RelationshipToTrafficker",
        "RECRUTEMENT": "vic_MethodOfRecruitment", "EMPRISE": "vic_MethodsOfControl",
        "VIOLENCE": "vic_MethodsOfControl", "FORME": "vic_TypeOfExploitation",
        "SECTEUR": "vic_ForcedLabourIndustry", "EVENEMENT": "hte_Type",
    }  # fmt: skip
    assert cibles.keys() == htcds.TABLES.keys()
    for nom, (enum, table) in htcds.TABLES.items():
        assert set(enum.values) <= set(table), f"{nom}: codes without an HTCDS value (None if none fits)"
        hors_liste = {v for v in table.values() if v is not None} - champs[cibles[nom]]["valeurs"]
        assert not hors_liste, (nom, hors_liste)


@avec_reference
def test_every_field_of_the_mapping_is_a_current_field_and_every_core_field_is_carried():
    champs = standard()
    noms = [c.nom for c in htcds.CHAMPS] + list(htcds.CHAMPS_EVENEMENT) + list(htcds.ORGANISATION)
    assert not [n for n in noms if n not in champs or champs[n]["status"] != "DRAFT"]
    assert len(noms) == len(set(noms))
    prefixes = tuple(htcds.SECTION_DU_PREFIXE)
    core = {n for n, c in champs.items() if c["core"] and c["status"] == "DRAFT" and n.startswith(prefixes)}
    assert core - set(noms) == set(), "core fields of the sections exported, missing from the record"


@avec_reference
def test_record_of_a_consenting_person_validates_against_the_standard(client_for, personne):
    record = json.loads(telecharger(client_for(Role.DIRECTION), personne).content)
    assert erreurs_record(record, standard()) == []
    lus = record["person"] | record["victim"] | record["case"] | record["consent"]
    attendu = {
        "prs_FirstName": "Amina",
        "prs_SecondName": "Zorglubovic",
        "prs_Birthdate": "2001-06-02",
        "prs_Gender": "Feminine",
        "prs_Citizenship": ["PH"],
        "prs_MobilePhone": "+33612345678",
        "prs_HomePhone": None,
        "prs_MailingStreet": None,
        "vic_TraffickingStatus": "ActualVictimOfTrafficking",
        "vic_TraffickingStatusDecisionMakingOrg": "Police",
        "vic_RelationshipToTrafficker": "Familial",
        "vic_AgeWhenTrafficked": 13,
        "vic_MethodOfRecruitment": ["Other"],
        "vic_MethodsOfControl": [
            "DebtBondage",
            "WithholdsDocuments",
            "Other",
            "ExcessiveWorkingHours",
            "PhysicalAbuse",
        ],
        "vic_TypeOfExploitation": ["Servitude", "Other", "ForcedLabour"],
        "vic_ForcedLabourIndustry": "T_ActivitiesOfHouseholdsAsEmployers",
        "cas_Status": "Active",
        "cas_ReferredOrganisation": "Association partenaire",
        "con_Consent": True,
    }
    assert {nom: lus[nom] for nom in attendu} == attendu
    assert sorted((e["hte_Type"], e["hte_Country"], e["hte_Date"]) for e in record["events"]) == [
        ("Exploitation", "FR", "2015-01-01"),
        ("Recruitment", "PH", "2014-11-01"),
        ("Transit", "AE", "2014-12-01"),
    ]
    assert "IOM" in record["attribution"] and "CC BY 4.0" in record["attribution"]
    assert record["reference"] == "D-2025-042"


def test_csv_says_what_the_json_says(client_for, personne):
    client = client_for(Role.JURIDIQUE)
    record = json.loads(telecharger(client, personne).content)
    contenu = telecharger(client, personne, "csv").content.decode("utf-8")
    lignes = list(csv.reader(io.StringIO(contenu)))
    assert lignes[0] == ["section", "item", "field", "value"]
    relu = {section: {} for section in htcds.SECTIONS} | {"events": []}
    for section, rang, nom, valeur in lignes[1:]:
        valeur = texte_cellule(valeur)  # the formula guard's quote (a phone number starts with "+")
        if section == "meta":
            relu[nom] = valeur
        elif section == "events":
            if int(rang) > len(relu["events"]):
                relu["events"].append({})
            relu["events"][int(rang) - 1][nom] = valeur
        else:
            relu[section][nom] = valeur

    def texte(valeur) -> str:
        if isinstance(valeur, list):
            return ";".join(valeur)
        if valeur is None or isinstance(valeur, bool):
            return {None: "", True: "true", False: "false"}[valeur]
        return str(valeur)

    attendu = {k: texte(v) for k, v in record.items() if not isinstance(v, dict | list)}
    attendu |= {s: {n: texte(v) for n, v in record[s].items()} for s in htcds.SECTIONS}
    attendu["events"] = [{n: texte(v) for n, v in ev.items()} for ev in record["events"]]
    assert relu == attendu


@pytest.mark.parametrize("format_", htcds.FORMATS)
@pytest.mark.parametrize("role", AUTORISES)
def test_sealed_and_restricted_content_is_never_in_the_record(client_for, personne, role, format_):
    """The psychologist's consultations and journal, legal notes, the exploiter's details, the address:
    none is read by the record, whatever the role that exports it."""
    contenu = telecharger(client_for(role), personne, format_).content.decode("utf-8")
    assert "Amina" in contenu
    assert SCELLE not in contenu


def test_export_is_logged_and_named_by_the_file_number(client_for, personne):
    client = client_for(Role.PSYCHOSOCIAL)
    response = telecharger(client, personne, "csv")
    assert response["Content-Disposition"] == 'attachment; filename="htcds-D-2025-042.csv"'
    assert "Zorglubovic" not in response["Content-Disposition"]
    ligne = JournalAcces.objects.get(utilisateur=client.user)
    assert (ligne.action, ligne.object_id, ligne.vue) == (
        JournalAcces.Action.EXPORT, str(personne.pk), "donnees:htcds_personne"
    )  # fmt: skip


def test_record_in_a_fixed_number_of_queries(client_for, personne, django_assert_num_queries):
    client = client_for(Role.DIRECTION)
    telecharger(client, personne)  # warm-up: session, content types
    for _ in range(3):
        LieuExploitationFactory(exploitation=ExploitationFactory(personne=personne), departement="93")
    # Session, user, second factor and roles; the person, then one query per kind of row; the log row.
    with django_assert_num_queries(14):
        telecharger(client, personne)


# --- Who, and with which consent ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", REFUSES)
def test_roles_without_the_rule_are_refused(client_for, personne, role):
    assert client_for(role).get(url(personne)).status_code == 403
    assert not JournalAcces.objects.filter(action=JournalAcces.Action.EXPORT).exists()


@pytest.mark.parametrize("consentement", ["aucun", "retire", "autre_personne"])
def test_no_record_without_a_valid_consent(client_for, personne, consentement):
    personne.consentements_transfert.all().delete()
    if consentement == "retire":
        consentir(personne, retire_le=D(2025, 5, 1))
    elif consentement == "autre_personne":
        consentir(PersonneFactory())
    client = client_for(Role.DIRECTION)
    response = client.get(url(personne), follow=True)
    assert response.redirect_chain == [(personne.get_absolute_url(), 302)]
    # The staff member's language (French): the message is translated.
    assert "Aucun consentement au transfert valide" in response.content.decode()
    assert not JournalAcces.objects.filter(action=JournalAcces.Action.EXPORT).exists()


def test_a_withdrawn_consent_asked_for_by_id_is_refused_even_beside_a_valid_one(client_for, personne):
    retire = consentir(personne, destinataire="Ancien partenaire", retire_le=D(2025, 5, 1))
    client = client_for(Role.DIRECTION)
    assert client.get(url(personne, consentement=retire.pk)).status_code == 302
    record = json.loads(client.get(url(personne)).content)
    assert record["case"]["cas_ReferredOrganisation"] == "Association partenaire"


def test_person_page_offers_the_record_only_when_allowed_and_consented(client_for, personne):
    lien = reverse("donnees:htcds_personne", args=[personne.pk])
    page = reverse("accompagnement:personne", args=[personne.pk])
    assert lien in client_for(Role.DIRECTION).get(page).content.decode()
    assert lien not in client_for(Role.ACCUEIL).get(page).content.decode()
    personne.consentements_transfert.update(retire_le=D(2025, 5, 1))
    assert lien not in client_for(Role.DIRECTION).get(page).content.decode()


def test_unknown_format_is_not_found(client_for, personne):
    assert client_for(Role.DIRECTION).get(url(personne, "xml")).status_code == 404


# --- Pieces --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("saisi", "attendu"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("01.45.67.89.10", "+33145678910"),
        ("+63 917 123 4567", "+639171234567"),
        ("0063 917 123 4567", "+639171234567"),
        ("via sa sœur", None),
        ("612345678", None),  # no country: not guessed
        ("", None),
    ],
)
def test_phone_numbers_in_e164(saisi, attendu):
    assert htcds.telephone_e164(saisi) == attendu


def test_docs_map_every_field_and_credit_iom():
    texte = (Path(settings.BASE_DIR) / "docs" / "htcds.md").read_text(encoding="utf-8")
    noms = [c.nom for c in htcds.CHAMPS] + list(htcds.CHAMPS_EVENEMENT) + list(htcds.ORGANISATION)
    assert [n for n in noms if f"| `{n}` |" not in texte] == []
    assert "CC BY 4.0" in texte and "IOM" in texte
