"""Home-page panels of the psycho-social unit: flats occupancy, pending steps, the mail desk."""

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comptes.permissions import can

from . import enums
from .models import Appartement, ConsultationPsy, Demarche, Hebergement, PassageCourrier, appartements_du_ccem


def _panel_appartements(user) -> dict:
    occupes = dict(
        Hebergement.objects.visible_to(user)
        .en_cours()
        .filter(dispositif__in=enums.APPARTEMENTS)
        .values_list("dispositif")
        .annotate(n=Count("pk"))
        .order_by()
    )
    autres = Hebergement.objects.visible_to(user).en_cours().exclude(dispositif__in=enums.APPARTEMENTS).count()
    items = []
    for appartement in appartements_du_ccem(Appartement.objects.visible_to(user)):
        n = occupes.get(appartement.dispositif, 0)
        meta = f"{n} / {appartement.places}" if appartement.places is not None else str(n)
        items.append({"label": str(appartement), "url": reverse("psychosocial:occupation"), "meta": meta})
    items.append(
        {
            "label": _("Other shelter (hotel, solidarity housing…)"),
            "url": reverse("psychosocial:hebergement_liste") + "?en_cours=true",
            "meta": str(autres),
        }
    )
    return {
        "title": _("Emergency shelter today"),
        "count": None,
        "items": items,
        "empty": _("No flat is set up."),
        "action": {"label": _("Occupancy of the flats"), "url": reverse("psychosocial:occupation")},
    }


def _panel_demarches(user) -> dict:
    attente = Demarche.objects.visible_to(user).ouvertes().select_related("personne").order_by("date_depot", "pk")
    rows = list(attente[:5])
    items = [
        {
            "label": f"{d.get_type_display()} · {d.personne}",
            "url": d.get_absolute_url(),
            "meta": f"{d.date_depot:%d/%m/%Y}",
        }
        for d in rows
    ]
    return {
        "title": _("Steps awaiting an outcome"),
        "count": attente.count() if rows else 0,
        "items": items,
        "empty": _("No step is waiting for an outcome. Steps are added from a person's psycho-social page."),
        "action": {
            "label": _("All pending steps"),
            "url": reverse("psychosocial:demarche_liste") + "?resultat=en_attente",
        },
    }


def _panel_courrier(user) -> dict:
    jour = PassageCourrier.objects.visible_to(user).filter(date=timezone.localdate())
    totaux = jour.aggregate(visites=Count("pk"), lettres=Sum("nb_courriers"))
    visites, lettres = totaux["visites"], totaux["lettres"] or 0
    items = []
    if visites:
        items.append(
            {
                "label": ngettext("%(n)s visit today", "%(n)s visits today", visites) % {"n": visites},
                "url": reverse("psychosocial:guichet"),
                "meta": ngettext("%(n)s letter", "%(n)s letters", lettres) % {"n": lettres},
            }
        )
    action = None
    if can(user, "psychosocial", "change"):
        action = {"label": _("Open the mail desk"), "url": reverse("psychosocial:guichet")}
    return {
        "title": _("Mail desk"),
        "count": None,
        "items": items,
        "empty": _("No mail collected today."),
        "action": action,
    }


def _panel_psy(user) -> dict:
    debut = timezone.localdate().replace(day=1)
    n = ConsultationPsy.objects.visible_to(user).filter(date__gte=debut).count()
    return {
        "title": _("Psychologist"),
        "count": None,
        "items": [
            {
                "label": _("Consultations this month"),
                "url": reverse("psychosocial:consultation_liste") + f"?depuis={debut:%Y-%m-%d}",
                "meta": str(n),
            }
        ],
        "empty": "",
        "action": {"label": _("New consultation"), "url": reverse("psychosocial:consultation_creer")},
    }


def panels(request) -> list[dict]:
    user = request.user
    result = []
    if can(user, "psychosocial.psy"):
        result.append(_panel_psy(user))
    if can(user, "psychosocial"):
        result += [_panel_appartements(user), _panel_demarches(user), _panel_courrier(user)]
    return result
