"""Keeping each person's `Synthese` equal to what their records give.

The report reads, for every person of a population, the first support start, the main
exploitation, the earliest exploitation start and the longest exploitation. Computed from every
record of every person each time, they cost a third of the report page at scale 100
(docs/benchmark.md); stored, they are read like any column. What makes them trustworthy:

- one computation (`calculees`), used to write the rows and to check them;
- written on every save of a person and every save and delete of a support period or an
  exploitation (signals: the edit views, the services, a move to another person, a cascade), and
  by the bulk writers that bypass signals (the import, the demo data) through `actualiser`;
- checked: `ecarts` lists the persons whose row differs from their records; the test suite calls
  it after every test that touched the database; `manage.py verifier_syntheses` checks live data;
  closing a year corrects any difference first (and logs it), so published figures always read
  the records.
"""

from django.apps import apps as registre_courant
from django.db import connection, transaction
from django.db.models import (
    Case,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, LessThan
from django.db.models.signals import post_delete, post_save, pre_save

from .models import ORDRE_PRINCIPALE, Accompagnement, Exploitation, Personne, Synthese

SOURCES = (Personne, Accompagnement, Exploitation)  # the records a summary is computed from
COLONNES = ("personne_id", "premier_accompagnement", "age_premier_accompagnement", "exploitation_principale_id",
            "debut_exploitation", "age_debut_exploitation", "duree_exploitation_max")  # fmt: skip


def age(reference: str, personne: str = ""):
    """Completed years between birth and the annotated date `reference` (None when unknown).

    `personne` prefixes the birth fields when the query is not over Personne ("personne__")."""
    naissance, annee = f"{personne}date_naissance", f"{personne}annee_naissance"
    pas_encore = Case(
        When(
            LessThan(ExtractMonth(reference), ExtractMonth(naissance))
            | (
                Exact(ExtractMonth(reference), ExtractMonth(naissance))
                & LessThan(ExtractDay(reference), ExtractDay(naissance))
            ),
            then=Value(1),
        ),
        default=Value(0),
    )
    return Case(
        When(**{f"{naissance}__isnull": False}, then=ExtractYear(reference) - ExtractYear(naissance) - pas_encore),
        When(**{f"{annee}__isnull": False}, then=ExtractYear(reference) - F(annee)),
        default=None,
        output_field=IntegerField(),
    )


def _par_personne(queryset, valeur):
    """A correlated subquery: `valeur` aggregated over the person's rows of `queryset`."""
    return Subquery(queryset.values("personne").annotate(v=valeur).values("v"))


def _modele(apps, nom: str):
    return apps.get_model("accompagnement", nom)


def calculees(personnes=None, apps=registre_courant) -> QuerySet:
    """What each summary must hold, from the records: one tuple of `COLONNES` per person with a support
    period or an exploitation (`personnes`: ids, a list or a query, to limit to). `apps`: the
    migration's models when it fills the table."""
    periodes = _modele(apps, "Accompagnement")._base_manager.filter(personne=OuterRef("pk")).order_by()
    exploitations = _modele(apps, "Exploitation")._base_manager.filter(personne=OuterRef("pk")).order_by()
    duree = ExpressionWrapper(F("date_fin") - F("date_debut"), output_field=DurationField())
    lignes = (
        _modele(apps, "Personne")
        ._base_manager.order_by()
        .annotate(
            premier=_par_personne(periodes, Min("date_debut")),
            principale=Subquery(exploitations.order_by(*ORDRE_PRINCIPALE).values("pk")[:1]),
            debut=_par_personne(exploitations, Min("date_debut")),
            duree=_par_personne(exploitations, Max(duree)),
        )
    )
    if personnes is not None:
        lignes = lignes.filter(pk__in=personnes)
    lignes = lignes.filter(Q(premier__isnull=False) | Q(principale__isnull=False))
    lignes = lignes.annotate(age_premier=age("premier"), age_debut=age("debut"))
    return lignes.values_list("pk", "premier", "age_premier", "principale", "debut", "age_debut", "duree")


LOT = 5000  # ids per statement: SQLite caps a statement's parameters


def actualiser(personnes=None, apps=registre_courant) -> None:
    """Rewrite the summaries of these persons (ids; None: everyone) from their records: two
    statements per `LOT` of ids (INSERT … SELECT of `calculees`)."""
    if personnes is None or isinstance(personnes, QuerySet):
        lots = [personnes]
    else:
        ids = sorted(set(personnes))
        lots = [ids[debut : debut + LOT] for debut in range(0, len(ids), LOT)]
    modele = _modele(apps, "Synthese")
    with transaction.atomic():
        for lot in lots:
            stock = modele._base_manager.all() if lot is None else modele._base_manager.filter(personne__in=lot)
            stock.delete()  # derived rows: nothing refers to them, no signal, no history (one DELETE)
            sql, params = calculees(lot, apps).query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {modele._meta.db_table} ({', '.join(COLONNES)}) {sql}", params)


def ecarts(personnes=None) -> list[int]:
    """The persons whose stored summary is not what their records give (missing, extra or other values)."""
    attendues = {ligne[0]: ligne for ligne in calculees(personnes)}
    stock = Synthese.objects.all() if personnes is None else Synthese.objects.filter(personne__in=personnes)
    stockees = {ligne[0]: ligne for ligne in stock.values_list(*COLONNES)}
    return sorted(pk for pk in attendues.keys() | stockees.keys() if attendues.get(pk) != stockees.get(pk))


def corriger() -> list[int]:
    """Rewrite the summaries that differ from their records; the persons concerned (none, unless a
    write path bypassed the upkeep: the caller says so)."""
    differents = ecarts()
    actualiser(differents)
    return differents


def _personne_supprimee(origine) -> bool:
    """The deletion started from persons: their summaries go with them (cascade)."""
    if isinstance(origine, QuerySet):
        return origine.model is Personne
    return isinstance(origine, Personne)


def _personne(instance) -> int:
    return instance.pk if isinstance(instance, Personne) else instance.personne_id


def _avant_enregistrement(sender, instance, raw=False, **kwargs):
    """A record moved to another person (`element_deplacer`) changes the summary of both."""
    if instance.pk is not None and not raw:
        avant = sender._base_manager.filter(pk=instance.pk).values_list("personne_id", flat=True).first()
        instance._synthese_personne_avant = avant


def _apres_enregistrement(sender, instance, **kwargs):
    actualiser({_personne(instance), getattr(instance, "_synthese_personne_avant", None)} - {None})


def _apres_suppression(sender, instance, origin=None, **kwargs):
    if not _personne_supprimee(origin):
        actualiser([instance.personne_id])


def connecter() -> None:
    for model in SOURCES:
        nom = model.__name__
        post_save.connect(_apres_enregistrement, sender=model, dispatch_uid=f"synthese_save_{nom}")
        if model is not Personne:  # a person's summary is deleted with them (cascade)
            pre_save.connect(_avant_enregistrement, sender=model, dispatch_uid=f"synthese_pre_save_{nom}")
            post_delete.connect(_apres_suppression, sender=model, dispatch_uid=f"synthese_delete_{nom}")
