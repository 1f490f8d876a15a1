"""What the legal records say of many persons at a date: administrative status, complaint filed.

Read for whole populations (the national survey's per-victim file), in a fixed number of queries
whatever the number of persons: `personnes` is a Personne queryset, used as a subquery.

Administrative status at a date (not stored: derived), first rule that applies:
1. French or EU national at intake (`statut_admin_accueil`): stays so;
2. a residence permit (not a receipt) granted by the date and valid on it (no end = valid), or
   international protection (refugee status, subsidiary protection) granted by the date → residence permit;
3. a receipt (récépissé) granted by the date and valid on it → receipt;
4. an asylum proceeding open on the date (opened by it, not closed before it) → asylum seeker;
5. otherwise the status at intake, or "" (unknown).
A permit application still waiting is no status: the records do not say whether a receipt came with it.
"""

import datetime

from django.db.models import Q

from accompagnement.enums import StatutAdministratif as Statut
from accompagnement.models import Personne

from .enums import IssueTitre, NatureDecision, TypeEtape, TypeProcedure, TypeTitre
from .models import Decision, Etape, Procedure, TitreSejour

PersonneProcedure = Procedure.personnes.through

PROTECTIONS = (NatureDecision.STATUT_REFUGIE, NatureDecision.PROTECTION_SUBSIDIAIRE)
# Steps that file a complaint: a complaint to the police or prosecutor, or with civil-party status (PCPC).
PLAINTES = (TypeEtape.PLAINTE, TypeEtape.PCPC)


def _valide_le(date: datetime.date) -> Q:
    return Q(issue=IssueTitre.ACCORDE, date_decision__lte=date) & (
        Q(date_fin_validite__isnull=True) | Q(date_fin_validite__gte=date)
    )


def statuts_administratifs(personnes, date: datetime.date) -> dict[int, str]:
    """{person id: StatutAdministratif code or ""} at `date`, by the rules of the module docstring
    (five queries)."""
    protections = Decision.objects.filter(
        nature__in=PROTECTIONS, date__lte=date, procedure__type=TypeProcedure.ASILE
    ).values("procedure_id")
    titres = set(
        TitreSejour.objects.filter(_valide_le(date), personne__in=personnes)
        .exclude(type=TypeTitre.RECEPISSE)
        .values_list("personne_id", flat=True)
    ) | set(
        PersonneProcedure.objects.filter(personne__in=personnes, procedure__in=protections).values_list(
            "personne_id", flat=True
        )
    )
    recepisses = set(
        TitreSejour.objects.filter(_valide_le(date), personne__in=personnes, type=TypeTitre.RECEPISSE).values_list(
            "personne_id", flat=True
        )
    )
    asile = set(
        PersonneProcedure.objects.filter(
            Q(procedure__date_cloture__isnull=True) | Q(procedure__date_cloture__gt=date),
            personne__in=personnes,
            procedure__type=TypeProcedure.ASILE,
            procedure__date_ouverture__lte=date,
        ).values_list("personne_id", flat=True)
    )
    statuts = {}
    for pk, accueil in Personne.objects.filter(pk__in=personnes).values_list("pk", "statut_admin_accueil"):
        if accueil == Statut.FRANCAIS_UE:
            statuts[pk] = accueil
        elif pk in titres:
            statuts[pk] = Statut.TITRE_SEJOUR.value
        elif pk in recepisses:
            statuts[pk] = Statut.RECEPISSE.value
        elif pk in asile:
            statuts[pk] = Statut.DEMANDEUR_ASILE.value
        else:
            statuts[pk] = accueil or ""
    return statuts


def personnes_avec_plainte(personnes, date: datetime.date) -> set[int]:
    """Ids of the persons of a criminal proceeding with a complaint (or civil-party complaint) step
    dated on or before `date` (one query)."""
    etapes = Etape.objects.filter(type__in=PLAINTES, date__lte=date, procedure__type=TypeProcedure.PENAL)
    return set(
        PersonneProcedure.objects.filter(personne__in=personnes, procedure__in=etapes.values("procedure_id"))
        .values_list("personne_id", flat=True)
        .distinct()
    )
