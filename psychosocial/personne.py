"""Person-page hook: the psycho-social records of one person, in a fixed number of queries.

Psychologist consultations and referrals show their content to the psychologist only; the
psycho-social unit learns that a follow-up exists (number, last date), nothing more; other
viewers (reception, management) do not learn even that: it is health data.
"""

import datetime

from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from accompagnement.models import Accompagnement
from comptes.permissions import can

from . import enums
from .models import (
    AideFinanciere,
    ConsultationPsy,
    Demarche,
    Domiciliation,
    Hebergement,
    OrientationSoins,
    Participation,
    PassageCourrier,
)

LIGNES = 10  # rows shown per kind; the unit-wide lists hold the rest (filtered on the person)


def six_mois_apres(debut: datetime.date) -> datetime.date:
    mois = debut.month + 6
    annee, mois = debut.year + (mois - 1) // 12, (mois - 1) % 12 + 1
    for jour in (debut.day, 30, 29, 28):
        try:
            return datetime.date(annee, mois, jour)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def aides_resume(personne) -> dict:
    """Totals per year and the amount given in the first six months of support (3 queries)."""
    hors_tickets = ~Q(type=enums.TypeAide.TICKETS_SERVICES)
    par_annee = list(
        AideFinanciere.objects.filter(personne=personne)
        .annotate(annee=ExtractYear("date"))
        .values("annee")
        .annotate(
            nombre=Count("pk", filter=hors_tickets),
            montant=Sum("montant", filter=hors_tickets),
            tickets=Sum("nb_tickets"),
        )
        .order_by("-annee")
    )
    debut = Accompagnement.objects.filter(personne=personne).aggregate(d=Min("date_debut"))["d"]
    six_mois = None
    if debut:
        six_mois = {
            "debut": debut,
            "fin": six_mois_apres(debut),
            "montant": AideFinanciere.objects.filter(personne=personne, date__gte=debut, date__lt=six_mois_apres(debut))
            .filter(hors_tickets)
            .aggregate(s=Sum("montant"))["s"]
            or 0,
        }
    return {"par_annee": par_annee, "six_mois": six_mois}


def donnees_psychosociales(personne) -> dict:
    aujourd_hui = timezone.localdate()
    courrier = PassageCourrier.objects.filter(personne=personne).aggregate(
        visites=Count("pk"), lettres=Sum("nb_courriers"), derniere=Max("date")
    )
    return {
        "personne": personne,
        "aujourd_hui": aujourd_hui,
        "hebergements": list(Hebergement.objects.filter(personne=personne).select_related("auteur")[:LIGNES]),
        "demarches": list(Demarche.objects.filter(personne=personne).select_related("auteur")[:LIGNES]),
        "aides": list(AideFinanciere.objects.filter(personne=personne).select_related("auteur")[:LIGNES]),
        "aides_resume": aides_resume(personne),
        "domiciliations": list(Domiciliation.objects.filter(personne=personne)[:LIGNES]),
        "courrier": courrier,
        "activites": list(
            Participation.objects.filter(personne=personne)
            .select_related("activite")
            .order_by("-activite__date", "-pk")[:LIGNES]
        ),
    }


def donnees_psy(request, personne) -> dict | None:
    """The psychologist's section, or None when the viewer may not know that a follow-up exists."""
    if can(request.user, "psychosocial.psy"):
        return {
            "personne": personne,
            "contenu_visible": True,
            "consultations": list(ConsultationPsy.objects.filter(personne=personne).select_related("auteur")[:LIGNES]),
            "orientations": list(OrientationSoins.objects.filter(personne=personne)[:LIGNES]),
        }
    if not can(request.user, "psychosocial.psy.existence"):
        return None
    return {
        "personne": personne,
        "contenu_visible": False,
        "existence": ConsultationPsy.existence_par_personne([personne.pk]).get(personne.pk),
    }


def sections(request, personne) -> list[dict]:
    if not can(request.user, "psychosocial"):
        return []
    peut_modifier = can(request.user, "psychosocial", "change")
    resultat = [
        {
            "titre": _("Psycho-social unit"),
            "template": "psychosocial/includes/personne_psychosocial.html",
            "contexte": {**donnees_psychosociales(personne), "peut_modifier": peut_modifier},
        },
    ]
    psy = donnees_psy(request, personne)
    if psy is not None:
        peut_modifier_psy = can(request.user, "psychosocial.psy", "change")
        resultat.append(
            {
                "titre": _("Psychologist"),
                "template": "psychosocial/includes/personne_psy.html",
                "contexte": {**psy, "peut_modifier": peut_modifier_psy},
            }
        )
    return resultat
