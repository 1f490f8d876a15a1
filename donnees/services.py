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
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accompagnement.models import Accompagnement, Personne, cle_recherche
from comptes.models import JournalAcces
from comptes.permissions import can
from comptes.suppression import oublier_personne
from documents.services import documents_acces, documents_effacer_personne, lisezmoi_documents

from . import exportation, specs
from .models import Exportation
from .tasks import exporter

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
        "cle_recherche": "",
    },
    "signalements.PersonneSignalee": {"nom": "", "prenom": "", "telephone": "", "cle_recherche": ""},
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


SEP = "[ ./()\u00a0-]{0,3}"  # what people write between the digits of a phone number
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
        "novembre", "décembre"]  # fmt: skip
LOT_MASQUE = 500  # rows per UPDATE of the masking pass


@dataclass
class Traces:
    """Every form of a person's identifiers, as found in free text.

    `termes` match anywhere (e-mail, address, dates), `noms` as whole words (a surname alone, a
    first name alone, names together), `telephones` as digit strings in any spacing."""

    termes: list[str]
    noms: list[str]
    telephones: list[str] = field(default_factory=list)

    def regex_telephone(self, chiffres: str) -> str:
        # Portable across Python, SQLite (Python's re) and PostgreSQL's regular expressions.
        return SEP.join(chiffres)

    def motif(self) -> re.Pattern:
        parties = [re.escape(t) for t in sorted(self.termes, key=len, reverse=True)]
        parties += [self.regex_telephone(c) for c in self.telephones]
        parties += [rf"\b{re.escape(n)}\b" for n in sorted(self.noms, key=len, reverse=True)]
        return re.compile("|".join(parties), re.IGNORECASE)

    def candidats(self, champ: str) -> Q:
        """Rows whose column `champ` may hold a trace (a superset the motif then narrows)."""
        q = Q()
        for terme in self.termes + self.noms:
            q |= Q(**{f"{champ}__icontains": terme})
        for chiffres in self.telephones:
            q |= Q(**{f"{champ}__regex": self.regex_telephone(chiffres)})
        return q

    def vide(self) -> bool:
        return not (self.termes or self.noms or self.telephones)

    def __add__(self, autre: "Traces") -> "Traces":
        return Traces(
            termes=list(dict.fromkeys(self.termes + autre.termes)),
            noms=list(dict.fromkeys(self.noms + autre.noms)),
            telephones=list(dict.fromkeys(self.telephones + autre.telephones)),
        )


def formes_date(d: datetime.date) -> list[str]:
    """A date as people write it: ISO, 07/03/1985, 7/3/1985, 07.03.1985, 07-03-1985, 7 mars 1985."""
    formes = [d.isoformat()]
    for jour, mois in ((f"{d.day:02d}", f"{d.month:02d}"), (str(d.day), str(d.month))):
        formes += [f"{jour}{sep}{mois}{sep}{d.year}" for sep in "/.-"]
    jours = [str(d.day), f"{d.day:02d}"] + (["1er"] if d.day == 1 else [])
    formes += [f"{jour} {MOIS[d.month - 1]} {d.year}" for jour in jours]
    return list(dict.fromkeys(formes))


def chiffres_telephone(telephone: str) -> str:
    """The number without country prefix nor trunk 0 ('+33 6 12…' and '06 12…' → '612…')."""
    chiffres = re.sub(r"\D", "", telephone)
    international = telephone.strip().startswith(("+", "00"))
    for prefixe in ("0033", "33"):  # '+33 (0)6…' keeps a trunk 0 that lstrip removes
        if international and chiffres.startswith(prefixe) and len(chiffres) - len(prefixe) in (9, 10):
            chiffres = chiffres[len(prefixe) :]
            break
    return chiffres.lstrip("0")


def _identites(personne: Personne) -> list[dict]:
    """Every version of the person's identity: current row, its history, the reports naming them."""
    champs = ["nom", "prenom", "nom_usage", "telephone", "email", "adresse", "date_naissance"]
    versions = list(Personne.history.filter(id=personne.pk).values(*champs))
    versions.append({c: getattr(personne, c) for c in champs})
    signalees = apps.get_model("signalements", "PersonneSignalee")
    pks = signalees._base_manager.filter(personne=personne).values("pk")
    versions += list(signalees.history.filter(id__in=pks).values("nom", "prenom", "telephone"))
    versions += list(signalees._base_manager.filter(personne=personne).values("nom", "prenom", "telephone"))
    return versions


def traces(personne: Personne) -> Traces:
    """What identifies the person in free text, from every version of their identity: names alone
    and together (with and without accents), used name, phone, e-mail, birth date, address."""
    termes, noms, telephones = [], [], []
    for v in _identites(personne):
        prenom = v.get("prenom") or ""
        for nom in (v.get("nom"), v.get("nom_usage"), prenom):
            if not nom or nom == NOM_ANONYME:
                continue
            if len(nom) >= 3:  # alone, as a word ("An", "Li" alone would mask every "an" of every text)
                noms += [nom, cle_recherche(nom)]
            if prenom and nom != prenom:
                noms += [f"{prenom} {nom}", f"{nom} {prenom}", cle_recherche(prenom, nom), cle_recherche(nom, prenom)]
        if v.get("telephone") and len(chiffres_telephone(v["telephone"])) >= 6:
            telephones.append(chiffres_telephone(v["telephone"]))
        if v.get("email"):
            termes += [v["email"], v["email"].split("@")[0]]
        if v.get("date_naissance"):
            termes += formes_date(v["date_naissance"])
        for ligne in re.split(r"[\n,;]", v.get("adresse") or ""):
            if len(ligne.strip()) >= 6 and re.search(r"\d", ligne):
                termes.append(ligne.strip())
        if v.get("adresse") and len(v["adresse"].strip()) >= 6:
            termes.append(v["adresse"].strip())
    return Traces(
        termes=[t for t in dict.fromkeys(termes) if len(t) >= 6],
        noms=list(dict.fromkeys(noms)),
        telephones=list(dict.fromkeys(telephones)),
    )


def _masquer_partout(t: Traces) -> int:
    """Replace the person's identifiers in every text column of every table, history included.

    Per table: one SELECT of the candidate rows (icontains / regex on the database side), then
    one UPDATE per LOT_MASQUE changed rows; never a pass over every row in Python."""
    if t.vide():
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
            q |= t.candidats(f.name)
        modifiees = []
        for ligne in model._base_manager.filter(q).only("pk", *[f.name for f in champs]):
            change = False
            for f in champs:
                valeur = getattr(ligne, f.attname)
                if valeur and motif.search(valeur):
                    setattr(ligne, f.attname, motif.sub(MASQUE, valeur)[: f.max_length or None])
                    change = True
            if change:
                modifiees.append(ligne)
        if modifiees:
            model._base_manager.bulk_update(modifiees, [f.name for f in champs], batch_size=LOT_MASQUE)
            total += len(modifiees)
    return total


def _effacer_identite(personne: Personne, by=None) -> Traces | None:
    """Erase the person's own rows (and their history); returns what to mask elsewhere."""
    personne = Personne.objects.select_for_update().get(pk=personne.pk)
    if personne.anonymise_le:
        return None
    t = traces(personne)
    annee = personne.annee_naissance
    for entite in specs.ENTITES:
        if "personne" not in entite.personne or entite.model is Personne:
            continue
        pks = list(entite.model._base_manager.filter(personne=personne).values_list("pk", flat=True))
        _effacer_textes(entite.model, pks, IDENTITE.get(entite.modele, {}))
    # Their documents go entirely (rows, history, bytes), kept deleted ones included.
    documents_effacer_personne(personne.pk)
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
    their own records (journal, comments, notes); elsewhere every form of their identifiers is
    masked (`traces`), history included. Every export file and pending import file is deleted:
    any of them may hold the person. `by` is recorded as the author of the new history row.
    """
    t = _effacer_identite(personne, by)
    if t is not None:
        _masquer_partout(t)
        fichiers_supprimer()
    return Personne.objects.get(pk=personne.pk)


@transaction.atomic
def personnes_anonymiser(*, personnes: list[Personne], by) -> None:
    """The same for many persons, with one masking pass over the database per batch (retention)."""
    tout = Traces(termes=[], noms=[])
    for personne in personnes:
        t = _effacer_identite(personne, by)
        if t is not None:
            tout += t
    if not tout.vide():
        _masquer_partout(tout)
        fichiers_supprimer()


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


def export_personne(personne: Personne, *, by) -> bytes:
    """ZIP of everything held about the person that `by` may read: one CSV per entity, the
    access log, a JSON copy. Sealed rows `by` may not read are left out, and the README says so."""
    journal = JournalAcces.objects.filter(
        content_type=ContentType.objects.get_for_model(Personne), object_id=str(personne.pk)
    ).select_related("utilisateur")
    lignes_journal = [["horodatage", "utilisateur", "action", "page"]] + [
        [timezone.localtime(j.horodatage).strftime("%d/%m/%Y %H:%M"), j.utilisateur.get_username(), j.action, j.vue]
        for j in journal.order_by("horodatage", "pk")
    ]
    lisezmoi = _(
        "Data held by the CCEM about file %(dossier)s, exported on %(date)s.\n"
        "One CSV file per kind of record (the columns are described in the import documentation),\n"
        "the list of consultations of the file (journal-acces.csv) and the same data as JSON.\n"
    ) % {"dossier": personne.numero_dossier, "date": timezone.localdate().strftime("%d/%m/%Y")}
    documents = documents_acces(personne, scelles=False)
    return _zip_personne(
        personne,
        exportation.Exporteur(lecteur=by),
        lambda e: exportation.filtre_personne(e, personne),
        lisezmoi + (lisezmoi_documents() if documents else ""),
        {"journal-acces.csv": exportation.csv_bytes(lignes_journal), **documents},
    )


def export_personne_scelle(personne: Personne, *, by) -> bytes:
    """The sealed part of a right-of-access request, which only its reader (the psychologist)
    may produce: the consultations, referrals and psychologist's journal entries about the person."""

    def filtre(entite):
        q = exportation.filtre_personne(entite, personne)
        if q is None or not exportation.peut_lire_scelle(entite, by):
            return None
        return q & exportation.partie_scellee(entite)

    lisezmoi = _(
        "Sealed part of the data held by the CCEM about file %(dossier)s, exported on %(date)s by the\n"
        "psychologist: consultations, referrals to care and the psychologist's journal entries.\n"
        "The rest of the file is exported separately by the data-protection administrator.\n"
    ) % {"dossier": personne.numero_dossier, "date": timezone.localdate().strftime("%d/%m/%Y")}
    documents = documents_acces(personne, scelles=True) if can(by, "psychosocial.psy") else {}
    lisezmoi += lisezmoi_documents() if documents else ""
    return _zip_personne(personne, exportation.Exporteur(lecteur=by), filtre, lisezmoi, documents)


def _zip_personne(personne, exporteur, filtre, lisezmoi: str, extra: dict[str, bytes]) -> bytes:
    donnees = {}
    for entite in specs.ENTITES:
        q = filtre(entite)
        if q is None:
            continue
        lignes = list(exporteur.lignes(entite, q))
        if len(lignes) > 1:
            donnees[entite.nom] = [dict(zip(lignes[0], ligne, strict=True)) for ligne in lignes[1:]]
    extra = {**extra, "donnees.json": json.dumps(donnees, ensure_ascii=False, indent=2, default=str).encode("utf-8")}
    return exportation.exporter_zip(filtre=filtre, extra=extra, lisezmoi=lisezmoi, exporteur=exporteur)


# --- Full export in the background ----------------------------------------------------------------

CONSERVATION_EXPORT = datetime.timedelta(days=1)


def export_demander(*, format: str, by) -> Exportation:
    """Record the request and hand it to the worker once committed (inline without a broker)."""
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
        lecteur = demande.demande_par
        if demande.format == "xlsx":
            contenu = exportation.exporter_xlsx(lecteur=lecteur)
        else:
            contenu = exportation.exporter_zip(exporteur=exportation.Exporteur(lecteur=lecteur))
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
    exported, when). Run by Celery beat (task `donnees.purger_fichiers`)."""
    return _exports_supprimer(Exportation.objects.filter(cree_le__lt=timezone.now() - CONSERVATION_EXPORT))


def _exports_supprimer(demandes) -> int:
    n = 0
    for demande in demandes.exclude(fichier=""):
        demande.fichier.delete(save=False)
        demande.save(update_fields=["fichier"])
        n += 1
    return n


# --- Uploaded import files ------------------------------------------------------------------------

# Private folder (mode 700, outside MEDIA_ROOT: never served) where an uploaded file waits for
# the confirmation of its preview; deleted when the import ends, or after DUREE_APERCU.
DOSSIER_IMPORTS = Path(tempfile.gettempdir()) / "ccem-imports"
DUREE_APERCU = 3600  # seconds an uploaded file waits for confirmation


def imports_nettoyer(*, tous: bool = False) -> int:
    """Delete the uploaded files not confirmed within DUREE_APERCU (all of them with `tous`)."""
    if not DOSSIER_IMPORTS.exists():
        return 0
    limite = time.time() - DUREE_APERCU
    n = 0
    for dossier in DOSSIER_IMPORTS.iterdir():
        if tous or dossier.stat().st_mtime < limite:
            shutil.rmtree(dossier, ignore_errors=True)
            n += 1
    return n


def fichiers_supprimer() -> None:
    """After an erasure: every export file and pending upload may hold the person; delete them."""
    _exports_supprimer(Exportation.objects.all())
    imports_nettoyer(tous=True)
