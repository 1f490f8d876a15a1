"""Home-page panels: the files where the user is referent, and the user's latest journal entries."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from comptes.permissions import can

from .models import Accompagnement, EntreeJournal


def panels(request) -> list[dict]:
    user = request.user
    if not can(user, "accompagnement"):
        return []
    mes_dossiers = (
        Accompagnement.objects.visible_to(user)
        .ouverts()
        .du_referent(user)
        .select_related("personne")
        .order_by("personne__nom", "personne__prenom", "pk")
    )
    total = mes_dossiers.count()
    dossiers = [
        {
            "label": str(p.personne),
            "url": p.personne.get_absolute_url(),
            "meta": date_format(p.date_debut, "SHORT_DATE_FORMAT"),
        }
        for p in mes_dossiers[:10]
    ]
    entrees = (
        EntreeJournal.objects.visible_to(user)
        .filter(auteur=user)
        .select_related("personne")
        .order_by("-date", "-pk")[:8]
    )
    journal = [
        {
            "label": f"{e.personne} — {e.get_type_display()}",
            "url": e.personne.get_absolute_url() + "#journal",
            "meta": date_format(e.date, "SHORT_DATE_FORMAT"),
        }
        for e in entrees
    ]
    liste = reverse("accompagnement:liste")
    return [
        {
            "title": _("Files where I am referent"),
            "count": total,
            "items": dossiers,
            "empty": _("You are referent of no open file. Referents are set on each person's support period."),
            "action": {"label": _("All my files"), "url": f"{liste}?statut=ouvert&referent={user.pk}"}
            if total > 10
            else None,
        },
        {
            "title": _("My latest journal entries"),
            "count": None,
            "items": journal,
            "empty": _("You have written no journal entry yet: add one from a person's page."),
            "action": None,
        },
    ]
