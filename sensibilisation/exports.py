"""Spreadsheet of the interventions a user filtered (e.g. for a funder's report).

Persons who testified are left out: the file leaves the application."""

from django.utils.translation import gettext as _

from comptes import tableur

from .models import CATEGORIES


def _entete() -> list[str]:
    return [
        _("Date"), _("Title"), _("Kind"), _("Status"), _("Organisation"), _("Type of organisation"), _("Town"),
        _("Département"), _("Country (abroad)"), _("Format"), _("Duration (hours)"), _("Staff facilitators"),
        _("Volunteer facilitators"), *[str(c.label) for c in CATEGORIES], _("Classes"), _("Total participants"),
        _("of whom professionals"),
    ]  # fmt: skip


def _ligne(i) -> list:
    animateurs = ", ".join(u.get_full_name() or u.get_username() for u in i.animateurs.all())
    return [
        i.date, i.titre, i.get_type_display(), i.get_statut_display(), i.organisme, i.get_type_organisme_display(),
        i.commune, i.departement, i.pays.name if i.pays else "", i.get_modalite_display(),
        float(i.duree_heures) if i.duree_heures is not None else None, animateurs, i.nb_benevoles,
        *[getattr(i, c.champ) for c in CATEGORIES], i.nb_classes, i.total_participants, i.total_professionnels,
    ]  # fmt: skip


def interventions_xlsx(interventions) -> bytes:
    """`interventions` comes from `InterventionQuerySet.pour_liste()` (totals and facilitators loaded)."""
    lignes = [_entete(), *(_ligne(i) for i in interventions)]
    feuille = tableur.Feuille(_("Interventions"), lignes, largeurs={"B": 50, "E": 30}, figer="C2")
    return tableur.xlsx_bytes([feuille])
