"""Spreadsheet of the interventions a user filtered (e.g. for a funder's report).

Persons who testified are left out: the file leaves the application."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .models import CATEGORIES

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = _("Interventions")[:31]
    feuille.append(_entete())
    for cellule in feuille[1]:
        cellule.font = Font(bold=True)
    for intervention in interventions:
        feuille.append(_ligne(intervention))
        feuille.cell(row=feuille.max_row, column=1).number_format = "DD/MM/YYYY"
    feuille.column_dimensions["B"].width = 50
    feuille.column_dimensions["E"].width = 30
    feuille.freeze_panes = "C2"
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()
