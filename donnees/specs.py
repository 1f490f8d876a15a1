"""One declarative format per entity: the file the import reads and the export writes.

Columns are derived from the model's fields (name = field name, parsed per field type, see
importation/formats.py); a spec only says what the fields cannot: the natural key, the links
to other entities by *their* natural keys (file number, case reference…), fields left out,
and how to find the rows that concern a person (right of access, erasure).
Specs are listed in dependency order: an entity's links point to entities listed before it.
"""

from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.db import models

from accompagnement import enums
from accompagnement.models import cle_recherche

LISEZMOI = "LISEZMOI"  # an export's README (file stem / sheet name): the import skips it

# Fields never in a file: technical counters, derived search keys, timestamps set by Django.
TECHNIQUES = {"id", "version", "cle_recherche", "cree_le", "modifie_le", "anonymise_le"}


@dataclass(frozen=True)
class Lien:
    """A foreign key given by the target's natural key: {target key column: column in this file}."""

    champ: str
    entite: str
    colonnes: dict[str, str]


@dataclass(frozen=True)
class Multiple:
    """A many-to-many field as one cell: target keys separated by '|' (parts of a key by ' / ')."""

    champ: str
    entite: str | None  # None: user accounts, by username


@dataclass
class Colonne:
    nom: str
    champ: models.Field | None = None  # a value column
    lien: Lien | None = None  # a link column (part of the target's key)
    multiple: Multiple | None = None


@dataclass(frozen=True)
class Entite:
    nom: str  # file / sheet name
    modele: str  # "app.Model"
    cle: tuple[str, ...] | None  # key columns; None = the whole row is the key (facts, counted)
    liens: tuple[Lien, ...] = ()
    multiples: tuple[Multiple, ...] = ()
    exclus: tuple[str, ...] = ()
    personne: tuple[str, ...] = ()  # lookups from this model to Personne (GDPR)
    description: str = ""
    # Sealed rows: (permission section, lookups; {} = every row). Left out of the exports of
    # anyone without that section (the psychologist's content, the existence of a follow-up).
    scelle: tuple[str, dict] | None = None

    @cached_property
    def model(self):
        return apps.get_model(self.modele)

    @cached_property
    def colonnes(self) -> list[Colonne]:
        cols: list[Colonne] = []
        lies = {lien.champ for lien in self.liens}
        for lien in self.liens:
            cols.extend(Colonne(nom=local, lien=lien) for local in lien.colonnes.values() if local not in _noms(cols))
        for f in self.model._meta.concrete_fields:
            if f.name in lies or f.primary_key or f.name in self.exclus:
                continue
            if f.name in TECHNIQUES and f.name not in (self.cle or ()):
                continue
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                continue
            if not f.editable and f.name not in (self.cle or ()):
                continue
            if f.is_relation and f.related_model is not apps.get_model("auth.User"):
                raise ValueError(f"{self.nom}: link {f.name!r} must be declared")
            cols.append(Colonne(nom=f.name, champ=f))
        cols.extend(Colonne(nom=m.champ, multiple=m) for m in self.multiples)
        return cols

    @cached_property
    def par_nom(self) -> dict[str, Colonne]:
        return {c.nom: c for c in self.colonnes}

    @cached_property
    def cle_champs(self) -> tuple[str, ...]:
        """Model attnames forming the key (a link's columns collapse into its FK)."""
        noms = self.cle if self.cle is not None else [c.nom for c in self.colonnes if not c.multiple]
        champs: list[str] = []
        for nom in noms:
            col = self.par_nom[nom]
            attname = col.champ.attname if col.champ else self.model._meta.get_field(col.lien.champ).attname
            if attname not in champs:
                champs.append(attname)
        return tuple(champs)

    def lien(self, champ: str) -> Lien:
        return next(lien for lien in self.liens if lien.champ == champ)


def _noms(cols):
    return {c.nom for c in cols}


PERSONNE = {"numero_dossier": "numero_dossier"}
AFFAIRE = {"reference": "affaire_reference"}
SIGNALEMENT = {"reference": "signalement_reference"}
EXPLOITATION = {
    "numero_dossier": "numero_dossier",
    "affaire_reference": "affaire_reference",
    "date_debut": "exploitation_date_debut",
}
ACTIVITE = {"date": "activite_date", "type": "activite_type", "intitule": "activite_intitule"}
# A proceeding by its own reference: one line per person and proceeding in the legal sheets, so
# two claimants' proceedings opened the same day in the same case are two records.
PROCEDURE = {"reference": "procedure_reference"}
INTERVENTION = {"date": "intervention_date", "titre": "intervention_titre"}


def _p(champ="personne"):
    return Lien(champ, "personnes", PERSONNE)


ENTITES: list[Entite] = [
    Entite("personnes", "accompagnement.Personne", ("numero_dossier",), personne=("pk",)),
    Entite("affaires", "accompagnement.Affaire", ("reference",), personne=("exploitations__personne",)),
    Entite(
        "signalements",
        "signalements.Signalement",
        ("reference",),
        personne=("personnes_signalees__personne", "accompagnements__personne"),
    ),
    Entite(
        "personnes_signalees",
        "signalements.PersonneSignalee",
        None,
        liens=(Lien("signalement", "signalements", SIGNALEMENT), _p()),
        personne=("personne",),
    ),
    Entite(
        "entretiens",
        "signalements.Entretien",
        None,
        liens=(Lien("signalement", "signalements", SIGNALEMENT),),
        personne=("signalement__personnes_signalees__personne", "signalement__accompagnements__personne"),
    ),
    Entite(
        "accompagnements",
        "accompagnement.Accompagnement",
        ("numero_dossier", "date_debut"),
        liens=(_p(), Lien("signalement", "signalements", SIGNALEMENT)),
        personne=("personne",),
    ),
    Entite(
        "suivis",
        "accompagnement.Suivi",
        ("numero_dossier", "pole", "date_debut"),
        liens=(_p(),),
        personne=("personne",),
        scelle=("psychosocial.psy.existence", {"pole": "psy"}),
    ),
    Entite(
        "exploitations",
        "accompagnement.Exploitation",
        ("numero_dossier", "affaire_reference", "date_debut"),
        liens=(_p(), Lien("affaire", "affaires", AFFAIRE)),
        personne=("personne",),
    ),
    Entite(
        "lieux_exploitation",
        "accompagnement.LieuExploitation",
        None,
        liens=(Lien("exploitation", "exploitations", EXPLOITATION),),
        personne=("exploitation__personne",),
    ),
    Entite(
        "journal",
        "accompagnement.EntreeJournal",
        None,
        liens=(_p(),),
        personne=("personne",),
        scelle=("journal.psy", {"pole": "psy"}),
    ),
    # Psycho-social unit.
    Entite("appartements", "psychosocial.Appartement", ("dispositif",)),
    Entite(
        "hebergements",
        "psychosocial.Hebergement",
        ("numero_dossier", "dispositif", "date_entree"),
        liens=(_p(),),
        personne=("personne",),
    ),
    Entite(
        "demarches",
        "psychosocial.Demarche",
        ("numero_dossier", "type", "nature", "date_depot"),
        liens=(_p(),),
        personne=("personne",),
    ),
    Entite("aides", "psychosocial.AideFinanciere", None, liens=(_p(),), personne=("personne",)),
    Entite(
        "domiciliations",
        "psychosocial.Domiciliation",
        ("numero_dossier", "date_debut"),
        liens=(_p(),),
        personne=("personne",),
    ),
    Entite("courriers", "psychosocial.PassageCourrier", None, liens=(_p(),), personne=("personne",)),
    Entite(
        "consultations_psy",
        "psychosocial.ConsultationPsy",
        None,
        liens=(_p(),),
        personne=("personne",),
        scelle=("psychosocial.psy", {}),
    ),
    Entite(
        "orientations_soins",
        "psychosocial.OrientationSoins",
        None,
        liens=(_p(),),
        personne=("personne",),
        scelle=("psychosocial.psy", {}),
    ),
    Entite("activites", "psychosocial.Activite", ("date", "type", "intitule"), personne=("participations__personne",)),
    Entite(
        "participations",
        "psychosocial.Participation",
        ("activite_date", "activite_type", "activite_intitule", "numero_dossier"),
        liens=(Lien("activite", "activites", ACTIVITE), _p()),
        personne=("personne",),
    ),
    # Legal unit.
    Entite("avocats", "juridique.Avocat", ("nom", "prenom", "barreau")),
    Entite(
        "procedures",
        "juridique.Procedure",
        ("reference",),
        liens=(Lien("affaire", "affaires", AFFAIRE),),
        multiples=(Multiple("personnes", "personnes"), Multiple("avocats", "avocats")),
        personne=("personnes",),
    ),
    Entite(
        "etapes",
        "juridique.Etape",
        ("procedure_reference", "type", "date"),
        liens=(Lien("procedure", "procedures", PROCEDURE),),
        personne=("procedure__personnes",),
    ),
    Entite(
        "decisions",
        "juridique.Decision",
        ("procedure_reference", "niveau", "date"),
        liens=(Lien("procedure", "procedures", PROCEDURE),),
        personne=("procedure__personnes",),
    ),
    Entite(
        "titres_sejour",
        "juridique.TitreSejour",
        ("numero_dossier", "type", "date_demande"),
        liens=(_p(), Lien("procedure", "procedures", PROCEDURE)),
        personne=("personne",),
    ),
    # Awareness and training.
    Entite(
        "interventions",
        "sensibilisation.Intervention",
        ("date", "titre"),
        multiples=(Multiple("animateurs", None), Multiple("temoins", "personnes")),
        personne=("temoins",),
    ),
    Entite(
        "materiels",
        "sensibilisation.MaterielRemis",
        None,
        liens=(Lien("intervention", "interventions", INTERVENTION),),
    ),
    Entite("evenements", "sensibilisation.Evenement", ("date", "titre")),
    # Yearly manual inputs of the report.
    Entite("saisies_annuelles", "rapports.SaisieAnnuelle", ("annee", "cle")),
    # Survey, CTDC and HTCDS facts (issue 18): appended, so that the files numbered before keep their numbers.
    Entite(
        "evenements_traite",
        "accompagnement.EvenementTraite",
        # Two places of exploitation in one country differ by their town.
        ("numero_dossier", "affaire_reference", "exploitation_date_debut", "type", "pays", "lieu", "date_debut"),
        liens=(Lien("exploitation", "exploitations", EXPLOITATION),),
        personne=("exploitation__personne",),
    ),
    Entite(
        "consentements_transfert",
        "accompagnement.ConsentementTransfert",
        ("numero_dossier", "destinataire", "date_consentement"),
        liens=(_p(),),
        personne=("personne",),
    ),
]

# Models deliberately outside the data files, and why (a test checks every model is placed).
HORS_FORMAT = {
    "juridique.JetonAgenda": "per-user calendar keys (secrets), recreated by each user",
    "rapports.GenerationPDF": "log of generated PDF files, regenerated on demand",
    "rapports.ExerciceCloture": "published figures of closed years: a record of what was printed, not re-imported",
    "accompagnement.Synthese": "derived from the persons, support periods and exploitations, rewritten after an import",
}


# The codes of the multi-valued columns (JSON lists), which the model does not declare as choices:
# docs/import.md lists them with their labels (the model's clean() refuses any other code).
CODES_LISTES = {
    "accompagnement.Exploitation": {
        "formes": enums.FormeExploitation,
        "relations_exploiteur": enums.RelationExploiteur,
        "emprise": enums.Emprise,
        "violences": enums.Violence,
    },
    "signalements.Signalement": {"formes_presumees": enums.FormeExploitation},
}


def par_nom() -> dict[str, Entite]:
    return {e.nom: e for e in ENTITES}


# Derived fields that bulk writes must compute (model.save() is bypassed by bulk_create).
def preparer(instance) -> None:
    label = instance._meta.label
    if label == "accompagnement.Personne":
        if instance.date_naissance:
            instance.annee_naissance = instance.date_naissance.year
        instance.cle_recherche = cle_recherche(instance.nom, instance.prenom, instance.nom_usage)
    elif label == "accompagnement.Exploitation":
        instance.completer_hebergement()
    elif label == "signalements.PersonneSignalee":
        instance.cle_recherche = cle_recherche(instance.nom, instance.prenom)
    elif hasattr(instance, "calculer_cle"):
        instance.cle_recherche = instance.calculer_cle()
