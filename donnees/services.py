"""GDPR lifecycle: right of access, erasure (anonymisation), retention rule.

Anonymising a person keeps what the published figures need (sex, year of birth, nationality,
dates, codes, amounts) and removes what identifies them: names, contacts, date of birth,
free texts. It covers the history tables (simple_history keeps every past version) and every
other text column of the database where the person's name, phone or e-mail still appears
(e.g. a report's description, the admin log's labels). The access log stores ids only.
"""

import datetime
import json
import logging
import re
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accompagnement.models import Accompagnement, Personne, cle_recherche
from comptes.models import JournalAcces
from comptes.suppression import oublier_personne

from . import exportation, specs
from .models import Exportation

logger = logging.getLogger(__name__)

NOM_ANONYME = "ANONYME"
TEXTE_EFFACE = "[effacé]"
MASQUE = "[…]"
LOT_RETENTION = 20  # persons per masking pass (each pass scans every text column once)

# Identity fields set to these values on the person's own rows (and their history rows).
IDENTITE = {
    "accompagnement.Personne": {
        "nom": NOM_ANONYME,
        "prenom": "",
        "nom_usage": "",
        "date_naissance": None,
        "telephone": "",
        "email": "",
        "adresse": "",
    },
    "signalements.PersonneSignalee": {"nom": "", "prenom": "", "telephone": ""},
}
# Columns naming *other* people: the text scan must not mangle a namesake's identity there.
AUTRES_IDENTITES = {
    "accompagnement.personne": {"nom", "prenom", "nom_usage", "cle_recherche"},
    "signalements.personnesignalee": {"nom", "prenom", "cle_recherche"},
    "juridique.avocat": {"nom", "prenom"},
    "auth.user": {"username", "first_name", "last_name", "email", "password"},
    "comptes.tentativeconnexion": {"identifiant"},
}


def _textes(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices and not f.primary_key
    ]


def _historique(model):
    return getattr(model, "history", None) and model.history.model


def _effacer_textes(model, pks, valeurs: dict) -> int:
    """Set identity fields and blank free texts on rows `pks` and on their history rows."""
    if not pks:
        return 0
    champs = dict(valeurs)
    for f in model._meta.concrete_fields:
        if isinstance(f, models.TextField) and f.name not in champs:
            champs[f.name] = "" if f.blank else TEXTE_EFFACE
    n = model._base_manager.filter(pk__in=pks).update(**champs)
    historique = _historique(model)
    if historique is not None:
        noms = {f.name for f in historique._meta.concrete_fields}
        historique.objects.filter(id__in=pks).update(**{k: v for k, v in champs.items() if k in noms})
    return n


@dataclass
class Traces:
    termes: list[str]
    noms: list[str]

    def motif(self) -> re.Pattern:
        parties = [re.escape(t) for t in sorted(self.termes, key=len, reverse=True)]
        parties += [rf"\b{re.escape(n)}\b" for n in sorted(self.noms, key=len, reverse=True)]
        return re.compile("|".join(parties), re.IGNORECASE)

    def tous(self) -> list[str]:
        return self.termes + self.noms


def traces(personne: Personne) -> Traces:
    """What identifies the person in free text: full name, surname, used name, phone, e-mail."""
    termes, noms = [], []
    for nom in (personne.nom, personne.nom_usage):
        if nom and len(nom) >= 3:
            noms += [nom, cle_recherche(nom)]
            if personne.prenom:
                noms += [f"{personne.prenom} {nom}", f"{nom} {personne.prenom}"]
    if personne.telephone:
        termes += [personne.telephone, re.sub(r"\s", "", personne.telephone)]
    if personne.email:
        termes.append(personne.email)
    return Traces(termes=[t for t in dict.fromkeys(termes) if len(t) >= 6], noms=list(dict.fromkeys(noms)))


def _masquer_partout(t: Traces) -> int:
    """Replace the person's identifiers in every text column of every table (history included)."""
    if not t.tous():
        return 0
    motif = t.motif()
    total = 0
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        label = model._meta.label_lower
        base = label.replace("historical", "", 1) if model.__name__.startswith("Historical") else label
        exclus = AUTRES_IDENTITES.get(base, set())
        champs = [f for f in _textes(model) if f.name not in exclus]
        if not champs:
            continue
        q = Q()
        for f in champs:
            for terme in t.tous():
                q |= Q(**{f"{f.name}__icontains": terme})
        for ligne in model._base_manager.filter(q).values("pk", *[f.name for f in champs]):
            modifs = {}
            for f in champs:
                valeur = ligne[f.name]
                if valeur and motif.search(valeur):
                    modifs[f.name] = motif.sub(MASQUE, valeur)[: f.max_length or None]
            if modifs:
                model._base_manager.filter(pk=ligne["pk"]).update(**modifs)
                total += 1
    return total


def _effacer_identite(personne: Personne, by=None) -> Traces | None:
    """Erase the person's own rows (and their history); returns what to mask elsewhere."""
    personne = Personne.objects.select_for_update().get(pk=personne.pk)
    if personne.anonymise_le:
        return None
    t = traces(personne)
    annee = personne.annee_naissance
    for entite in specs.installees():
        if "personne" not in entite.personne or entite.model is Personne:
            continue
        pks = list(entite.model._base_manager.filter(personne=personne).values_list("pk", flat=True))
        _effacer_textes(entite.model, pks, IDENTITE.get(entite.modele, {}))
    # Their deleted records: no more restoration, and the texts of their history rows go too.
    for label, pk in oublier_personne(personne.pk):
        model = apps.get_model(label)
        if not model._meta.auto_created:
            _effacer_textes(model, [pk], IDENTITE.get(model._meta.label, {}))
    signalees = apps.get_model("signalements", "PersonneSignalee")
    signalees._base_manager.filter(personne=personne).update(cle_recherche="")
    _effacer_textes(Personne, [personne.pk], IDENTITE["accompagnement.Personne"])
    personne.refresh_from_db()
    personne.annee_naissance = annee
    personne.anonymise_le = timezone.now()
    personne.version += 1
    personne._change_reason = _("Anonymisation (GDPR)")
    personne._history_user = by
    personne.save()
    return t


@transaction.atomic
def personne_anonymiser(*, personne: Personne, by) -> Personne:
    """Erase a person's identity everywhere, keeping the figures of past years unchanged.

    Kept: file number, sex, year of birth, nationality, languages, every date, code and amount.
    Removed: names, date of birth (the year stays), phone, e-mail, address, and the free texts of
    their own records (journal, comments, notes); elsewhere their name, phone and e-mail are masked.
    `by` is recorded as the author of the new history row.
    """
    t = _effacer_identite(personne, by)
    if t is not None:
        _masquer_partout(t)
    return Personne.objects.get(pk=personne.pk)


@transaction.atomic
def personnes_anonymiser(*, personnes: list[Personne], by) -> None:
    """The same for many persons, with one masking pass over the database per batch (retention)."""
    termes, noms = [], []
    for personne in personnes:
        t = _effacer_identite(personne, by)
        if t is not None:
            termes += t.termes
            noms += t.noms
    _masquer_partout(Traces(termes=list(dict.fromkeys(termes)), noms=list(dict.fromkeys(noms))))


# --- Retention -----------------------------------------------------------------------------------


def date_limite(annees: int, aujourd_hui: datetime.date | None = None) -> datetime.date:
    aujourd_hui = aujourd_hui or timezone.localdate()
    try:
        return aujourd_hui.replace(year=aujourd_hui.year - annees)
    except ValueError:  # 29 February
        return aujourd_hui.replace(year=aujourd_hui.year - annees, day=28)


def dossiers_a_revoir(annees: int):
    """Persons not yet anonymised whose files are all closed, the last one more than `annees` years ago."""
    from django.db.models import Exists, Max, OuterRef

    ouvert = Exists(Accompagnement.objects.filter(personne=OuterRef("pk"), date_cloture__isnull=True))
    return (
        Personne.objects.filter(anonymise_le__isnull=True, accompagnements__isnull=False)
        .annotate(ouvert=ouvert, derniere_cloture=Max("accompagnements__date_cloture"))
        .filter(ouvert=False, derniere_cloture__lt=date_limite(annees))
        .order_by("derniere_cloture", "pk")
    )


def appliquer_retention(*, annees: int, essai: bool, by=None) -> list[Personne]:
    """Anonymise every file closed more than `annees` years ago (nothing on a dry run)."""
    personnes = list(dossiers_a_revoir(annees))
    if not essai:
        for debut in range(0, len(personnes), LOT_RETENTION):
            personnes_anonymiser(personnes=personnes[debut : debut + LOT_RETENTION], by=by)
    return personnes


# --- Right of access -----------------------------------------------------------------------------


def export_personne(personne: Personne) -> bytes:
    """ZIP of everything held about the person: one CSV per entity, the access log, a JSON copy."""
    journal = JournalAcces.objects.filter(
        content_type=ContentType.objects.get_for_model(Personne), object_id=str(personne.pk)
    ).select_related("utilisateur")
    lignes_journal = [["horodatage", "utilisateur", "action", "page"]] + [
        [timezone.localtime(j.horodatage).strftime("%d/%m/%Y %H:%M"), j.utilisateur.get_username(), j.action, j.vue]
        for j in journal.order_by("horodatage", "pk")
    ]
    exporteur = exportation.Exporteur()
    donnees = {}
    for entite in specs.installees():
        q = exportation.filtre_personne(entite, personne)
        if q is None:
            continue
        lignes = list(exporteur.lignes(entite, q))
        if len(lignes) > 1:
            donnees[entite.nom] = [dict(zip(lignes[0], ligne, strict=True)) for ligne in lignes[1:]]
    lisezmoi = _(
        "Data held by the CCEM about file %(dossier)s, exported on %(date)s.\n"
        "One CSV file per kind of record (the columns are described in the import documentation),\n"
        "the list of consultations of the file (journal-acces.csv) and the same data as JSON.\n"
    ) % {"dossier": personne.numero_dossier, "date": timezone.localdate().strftime("%d/%m/%Y")}
    extra = {
        "journal-acces.csv": exportation.csv_bytes(lignes_journal),
        "donnees.json": json.dumps(donnees, ensure_ascii=False, indent=2, default=str).encode("utf-8"),
        "LISEZMOI.txt": lisezmoi.encode("utf-8"),
    }
    return exportation.exporter_zip(filtre=lambda e: exportation.filtre_personne(e, personne), extra=extra)


# --- Full export in the background ----------------------------------------------------------------

CONSERVATION_EXPORT = datetime.timedelta(days=1)


def export_demander(*, format: str, by) -> Exportation:
    """Record the request and hand it to the worker once committed (inline without a broker)."""
    from .tasks import exporter

    export_nettoyer()
    with transaction.atomic():
        demande = Exportation.objects.create(format=format, demande_par=by)
        exporter.delay_on_commit(demande.pk)
    return demande


def export_executer(*, exportation_id: int) -> Exportation:
    """Build the file (the worker's side); a failure is recorded with its reason."""
    from django.core.files.base import ContentFile

    demande = Exportation.objects.get(pk=exportation_id)
    demande.statut = Exportation.Statut.EN_COURS
    demande.save(update_fields=["statut"])
    try:
        contenu = exportation.exporter_xlsx() if demande.format == "xlsx" else exportation.exporter_zip()
        demande.fichier.save(demande.nom_fichier(), ContentFile(contenu), save=False)
        demande.statut, demande.erreur = Exportation.Statut.TERMINEE, ""
    except Exception as exc:  # noqa: BLE001 — recorded and shown; the request must not stay "running"
        logger.exception("Full export %s failed", exportation_id)
        demande.statut, demande.erreur = Exportation.Statut.ECHEC, f"{type(exc).__name__}: {exc}"
    demande.termine_le = timezone.now()
    demande.save()
    return demande


def export_nettoyer() -> int:
    """Delete the files of the exports older than CONSERVATION_EXPORT (the rows stay: who
    exported, when). Called at each visit of the export page and each new request."""
    anciennes = Exportation.objects.filter(cree_le__lt=timezone.now() - CONSERVATION_EXPORT).exclude(fichier="")
    n = 0
    for demande in anciennes:
        demande.fichier.delete(save=False)
        demande.save(update_fields=["fichier"])
        n += 1
    return n
