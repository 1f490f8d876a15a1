"""Deleting, restoring and moving records: one mechanism for every record a unit writes.

A deletion takes the record out of its table — with what depends on it (a proceeding's stages,
an activity's attendances) — and keeps the rows, serialised, in a `Correction` row with who,
when, why and the years of the record's dates. So a deleted record is absent from every query by
construction: lists, person page, search, exports, and every indicator, joins and subqueries
included; no manager to remember, no filter to forget. Direction restores it for 30 days
(`DELAI_RESTAURATION`); the rows come back with their ids. The history (django-simple-history)
keeps a deletion row and a restoration row, each with the user and the reason.

Hard deletion without a trace belongs only to erasure and retention (`donnees`), which also
empties the kept content (`oublier_personne`).

Each domain model of a unit is deletable unless listed in `EXEMPTES` with the reason; its access
rule is its queryset's `permission_section` (or its parent's, for sub-records with a plain
manager); a model may narrow it per record with a `section_modification()` method.
"""

import datetime

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Correction
from .permissions import CHANGE, RULES, VIEW, Role, ScopedQuerySet, can, get_object_for_user, user_roles

DELAI_RESTAURATION = datetime.timedelta(days=30)

# The apps whose models are records written by the units.
APPS_UNITES = (
    "signalements", "accompagnement", "psychosocial", "juridique", "sensibilisation", "documents",
    "rapports", "donnees",
)  # fmt: skip

# Models of those apps that are not deleted through this mechanism, and why.
EXEMPTES = {
    "accompagnement.personne": "a person is removed only by erasure (anonymisation) and the retention rule",
    "juridique.jetonagenda": "a user's calendar-feed key, revoked on its own page; not case data",
    "psychosocial.appartement": "the capacity of a flat (a parameter), corrected by editing it",
    "rapports.saisieannuelle": "a yearly input of the report, corrected by editing it (an empty value counts nothing)",
    "rapports.generationpdf": "a generated file, not a record",
    "rapports.exercicecloture": "published figures are immutable: a correction is a new version (a revision)",
    "accompagnement.synthese": "derived from a person's records and rewritten whenever they change (not a record)",
    "donnees.exportation": "an export request, removed by its own retention",
}


# --- Which models, which rule -------------------------------------------------------------------


def modeles_unites() -> list[type[models.Model]]:
    """The domain models of the units (history tables and auto-created tables excluded)."""
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in APPS_UNITES and not m.__name__.startswith("Historical") and m._meta.managed
    ]


def supprimable(model) -> bool:
    return (
        model._meta.app_label in APPS_UNITES and model._meta.label_lower not in EXEMPTES and model in modeles_unites()
    )


def _scope_propre(model) -> bool:
    return isinstance(model._default_manager.all(), ScopedQuerySet)


def champ_parent(model) -> models.ForeignKey | None:
    """For a sub-record with a plain manager (an attendance, a place): the link to the record that scopes it."""
    if _scope_propre(model):
        return None
    for field in model._meta.concrete_fields:
        if field.many_to_one and _scope_propre(field.related_model):
            return field
    raise LookupError(f"{model._meta.label} has no scoped queryset and no scoped parent")


def section_modele(model) -> str:
    parent = champ_parent(model)
    return (parent.related_model if parent else model)._default_manager.all().permission_section


def section(obj) -> str:
    """The section whose CHANGE rule allows deleting or moving this record."""
    if hasattr(obj, "section_modification"):
        return obj.section_modification()
    parent = champ_parent(type(obj))
    return section(getattr(obj, parent.name)) if parent else section_modele(type(obj))


def modifie_quelque_chose(user, model) -> bool:
    """May the user delete or move some record of this model (checked before fetching it: 403)."""
    return any(can(user, s, CHANGE) for s in (section_modele(model), *getattr(model, "sections_modification", ())))


def peut_modifier(user, obj) -> bool:
    return can(user, section(obj), CHANGE)


def peut_restaurer(user, correction: Correction) -> bool:
    """Direction restores; where Direction may not see the record (psychologist entries), the roles
    that may change it do."""
    return peut_restaurer_section(user, correction.section)


def sections_elements() -> set[str]:
    """Every section a deletable record may fall under."""
    sections = set()
    for model in modeles_unites():
        if supprimable(model):
            sections.add(section_modele(model))
            sections.update(getattr(model, "sections_modification", ()))
    return sections


def restaure_quelque_chose(user) -> bool:
    """May the user restore any kind of record at all (checked before looking the deletion up)."""
    return any(peut_restaurer_section(user, s) for s in sections_elements())


def peut_restaurer_section(user, section_: str) -> bool:
    regle = RULES.get(section_, {})
    direction = Role.DIRECTION in user_roles(user) or Role.DIRECTION not in regle.get(CHANGE, set())
    return direction and can(user, section_, CHANGE)


def restaurable(correction: Correction, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    return (
        correction.action == Correction.Action.SUPPRESSION
        and correction.restaure_le is None
        and bool(correction.donnees)
        and now - correction.le <= DELAI_RESTAURATION
    )


def modele(label: str) -> type[models.Model]:
    """`app_label.model` from a URL → the model, 404 unless it is deletable."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not supprimable(model):
        raise Http404
    return model


def element_pour(user, model, pk: int):
    """Fetch the record through its scope (404 when missing or out of scope), as every view does."""
    parent = champ_parent(model)
    if parent is None:
        return get_object_for_user(model._default_manager.all(), user, pk=pk)
    obj = get_object_for_user(
        model._default_manager.select_related(parent.name), user, section=section_modele(model), pk=pk
    )
    get_object_for_user(parent.related_model._default_manager.all(), user, pk=getattr(obj, parent.attname))
    return obj


def visibles(user, model):
    """The model's records the user may see, through its own scope or its parent's (a sub-record);
    None for a model with neither (a calendar key: not case data)."""
    try:
        parent = champ_parent(model)
    except LookupError:
        return None
    if parent is None:
        return model._default_manager.all().visible_to(user)
    parents = parent.related_model._default_manager.all().visible_to(user)
    return model._default_manager.filter(**{f"{parent.name}__in": parents.values("pk")})


def champ_personne(model) -> models.ForeignKey | None:
    try:
        field = model._meta.get_field("personne")
    except FieldDoesNotExist:
        return None
    return field if field.many_to_one else None


def personne_id(obj) -> int | None:
    """The person the record belongs to, if it belongs to one (directly or through its parent)."""
    if champ_personne(type(obj)):
        return obj.personne_id
    parent = champ_parent(type(obj))
    return personne_id(getattr(obj, parent.name)) if parent else None


def destination(obj) -> str:
    """Where to go once the record is gone: its person, its parent, or the home page."""
    cible = getattr(obj, "personne", None) if champ_personne(type(obj)) else None
    if cible is None:
        for field in type(obj)._meta.concrete_fields:
            if field.many_to_one and hasattr(field.related_model, "get_absolute_url") and getattr(obj, field.attname):
                cible = getattr(obj, field.name)
                break
    try:
        return cible.get_absolute_url() if cible is not None else reverse("accueil")
    except NoReverseMatch:
        return reverse("accueil")


def parents(obj) -> list[models.Model]:
    """The record a sub-record belongs to (an attendance's activity): its dates are the sub-record's years."""
    parent = champ_parent(type(obj))
    return [getattr(obj, parent.name)] if parent else []


def champs_dates(model) -> list[models.DateField]:
    """A record's own dates (creation/modification stamps excluded): what places it in a year."""
    return [
        f for f in model._meta.concrete_fields if isinstance(f, models.DateField) and not (f.auto_now or f.auto_now_add)
    ]


def annees(objets) -> list[int]:
    """The years of the records' own dates: the closed years a deletion or a move revises."""
    trouvees = set()
    for obj in objets:
        for field in champs_dates(type(obj)):
            valeur = getattr(obj, field.attname)
            if valeur is not None:
                trouvees.add(valeur.year)
    return sorted(trouvees)


def _motif(motif: str) -> str:
    motif = (motif or "").strip()
    if not motif:
        raise ValidationError({"motif": _("Give the reason.")})
    return motif


# --- Services -----------------------------------------------------------------------------------


def _collecter(obj) -> tuple[Collector, list[models.Model], list]:
    """The rows a deletion removes (deletion order: dependents first) and the links it sets to null."""
    collector = Collector(using=router.db_for_write(type(obj)))
    try:
        collector.collect([obj])
    except (ProtectedError, RestrictedError) as exc:
        lies = sorted({str(o._meta.verbose_name_plural) for o in exc.args[1]})
        raise ValidationError(
            _("This record cannot be deleted: other records depend on it (%(lies)s). Correct or delete them first.")
            % {"lies": ", ".join(lies)}
        ) from None
    lignes = []
    for qs in collector.fast_deletes:  # many-to-many links included: they come back as rows
        lignes += list(qs)
    collector.sort()
    for instances in collector.data.values():
        lignes += list(instances)
    liens = []
    for (field, _valeur), groupes in collector.field_updates.items():
        for groupe in groupes:
            pks = [o.pk for o in groupe]
            valeurs = field.model._base_manager.filter(pk__in=pks).values_list("pk", field.attname)
            liens += [[field.model._meta.label_lower, field.attname, pk, v] for pk, v in valeurs]
    return collector, lignes, liens


@transaction.atomic
def element_supprimer(*, obj: models.Model, motif: str, by, now: datetime.datetime | None = None) -> Correction:
    """Delete a record softly: out of every query, kept for restoration, with who, when, why and years.

    `obj` keeps its pk afterwards, so the caller can name it in the access log.
    """
    motif = _motif(motif)
    model = type(obj)
    if not supprimable(model):
        raise ValueError(f"{model._meta.label} is not deleted through this mechanism")
    pk = obj.pk
    purger_contenus(now)  # each deletion also empties what earlier ones kept beyond the 30 days
    collector, lignes, liens = _collecter(obj)
    correction = Correction.objects.create(
        action=Correction.Action.SUPPRESSION,
        content_type=ContentType.objects.get_for_model(model),
        object_id=str(pk),
        libelle=str(obj)[:300],
        section=section(obj),
        personne_id=personne_id(obj),
        annees=annees([*lignes, *parents(obj)]),
        motif=motif,
        par=by,
        le=now or timezone.now(),
        elements=[[o._meta.label_lower, o.pk] for o in lignes],
        donnees=serializers.serialize("json", lignes),
        liens=liens,
    )
    for ligne in lignes:  # the history's deletion rows carry the user and the reason
        ligne._history_user, ligne._change_reason = by, motif[:100]
    collector.delete()
    obj.pk = pk
    return correction


@transaction.atomic
def lignes_enregistrer(*, parent: models.Model, relation: str, lignes: list[dict], by, motif: str = "") -> None:
    """Bring the sub-rows a record's form edits (`parent.<relation>`: an exploitation's places, an
    intervention's material, an activity's attendances) to `lignes`, in place.

    A line holding the `pk` of one of the parent's rows updates that row (a history row only when a
    value changed); a line without creates a row; a row no line names is deleted softly through
    `element_supprimer`, with `motif` or a reason naming the parent (the parent's form asks none).
    A `pk` that is not one of the parent's rows (removed since the form was opened) is an
    EditConflict: the user sees the current rows rather than having a deletion silently undone.
    """
    from .concurrency import EditConflict

    manager = getattr(parent, relation)
    existantes = {ligne.pk: ligne for ligne in manager.all()}
    a_enregistrer = []
    for valeurs in lignes:
        valeurs = dict(valeurs)
        pk = valeurs.pop("pk", None)
        if pk is None:
            ligne = manager.model(**{manager.field.name: parent})
        elif pk in existantes:
            ligne = existantes.pop(pk)
            if all(getattr(ligne, champ) == valeur for champ, valeur in valeurs.items()):
                continue
        else:
            raise EditConflict
        for champ, valeur in valeurs.items():
            setattr(ligne, champ, valeur)
        a_enregistrer.append(ligne)
    motif = motif or _("Removed while editing the record it belongs to (%(modele)s: %(parent)s).") % {
        "modele": parent._meta.verbose_name,
        "parent": parent,
    }
    for ligne in existantes.values():  # first, so a removed row's unique values are free again
        element_supprimer(obj=ligne, motif=motif, by=by)
    for ligne in a_enregistrer:
        ligne.full_clean()
        ligne._history_user = by
        ligne.save()


@transaction.atomic
def element_restaurer(*, correction: Correction, by, now: datetime.datetime | None = None) -> models.Model:
    """Put back the rows of a deletion, with their ids, within `DELAI_RESTAURATION`."""
    correction = Correction.objects.select_for_update().get(pk=correction.pk)
    if not restaurable(correction, now):
        raise ValidationError(_("This deletion can no longer be undone (restored already, or more than 30 days ago)."))
    raison = _("Restored (deleted on %(le)s: %(motif)s)") % {
        "le": f"{correction.le:%Y-%m-%d}",
        "motif": correction.motif,
    }
    objets = list(serializers.deserialize("json", correction.donnees))
    try:
        with transaction.atomic():
            for d in reversed(objets):  # parents first, many-to-many links last (kept as rows)
                d.object.full_clean()  # today's rules: a restored row must be one the forms would accept
                d.object._history_user, d.object._change_reason = by, raison[:100]
                d.object.save(force_insert=True)
            for label, attname, pk, valeur in correction.liens:
                apps.get_model(label)._base_manager.filter(pk=pk).update(**{attname: valeur})
    except IntegrityError:
        raise ValidationError(
            _("This record cannot be restored: what it belonged to has changed since (deleted or merged).")
        ) from None
    correction.restaure_le = now or timezone.now()
    correction.restaure_par = by
    correction.donnees = ""
    correction.save(update_fields=["restaure_le", "restaure_par", "donnees"])
    model = correction.content_type.model_class()
    return model._default_manager.get(pk=correction.object_id)


@transaction.atomic
def element_deplacer(*, obj: models.Model, personne, motif: str, by, now: datetime.datetime | None = None):
    """Move a record to the right person (recorded on the wrong one), with the reason."""
    from .concurrency import VersionedModel, save_versioned

    motif = _motif(motif)
    if champ_personne(type(obj)) is None:
        raise ValueError(f"{type(obj)._meta.label} does not belong to one person")
    if personne.pk == obj.personne_id:
        raise ValidationError({"numero_dossier": _("The record already belongs to this person.")})
    ancienne = obj.personne_id
    obj.personne = personne
    obj.full_clean()
    obj._history_user, obj._change_reason = by, motif[:100]
    if isinstance(obj, VersionedModel):
        save_versioned(obj, obj.version)
    else:
        obj.save()
    Correction.objects.create(
        action=Correction.Action.DEPLACEMENT,
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        libelle=str(obj)[:300],
        section=section(obj),
        personne_id=ancienne,
        personne_vers_id=personne.pk,
        annees=annees([obj]),
        motif=motif,
        par=by,
        le=now or timezone.now(),
    )
    return obj


# --- Reads --------------------------------------------------------------------------------------


def suppressions_visibles(user, personne_id: int | None = None):
    """The deletions the user may see (by the section of each record), newest first."""
    sections = [s for s in RULES if can(user, s, VIEW)]
    qs = Correction.objects.filter(action=Correction.Action.SUPPRESSION, section__in=sections, restaure_le__isnull=True)
    if personne_id is not None:
        qs = qs.filter(personne_id=personne_id)
    return qs.select_related("par", "content_type").order_by("-le", "-pk")


# --- Erasure and retention ----------------------------------------------------------------------


def oublier_personne(personne_id: int) -> list[tuple[str, int]]:
    """Erasure of a person: their deleted records can no longer be restored (the kept content is
    emptied). Returns the [label, pk] of those rows, whose history the erasure also clears."""
    corrections = Correction.objects.filter(action=Correction.Action.SUPPRESSION, personne_id=personne_id)
    lignes = [(label, pk) for c in corrections for label, pk in c.elements]
    corrections.update(donnees="")
    return lignes


def purger_contenus(now: datetime.datetime | None = None) -> int:
    """Empty the content kept for restoration once the 30 days are over (who, when, why stay)."""
    limite = (now or timezone.now()) - DELAI_RESTAURATION
    return Correction.objects.filter(le__lt=limite).exclude(donnees="").update(donnees="")
