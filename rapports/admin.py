from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ExerciceCloture, GenerationPDF, SaisieAnnuelle


@admin.register(SaisieAnnuelle)
class SaisieAnnuelleAdmin(SimpleHistoryAdmin):
    list_display = ["annee", "cle", "valeur", "note", "modifie_le"]
    list_filter = ["annee"]
    search_fields = ["cle"]


@admin.register(GenerationPDF)
class GenerationPDFAdmin(SimpleHistoryAdmin):
    list_display = ["annee", "langue", "edition_publique", "statut", "progression", "demande_par", "cree_le"]
    list_filter = ["statut", "langue", "annee"]
    readonly_fields = ["fichier", "erreur", "termine_le"]


@admin.register(ExerciceCloture)
class ExerciceClotureAdmin(SimpleHistoryAdmin):
    """Read-only: published figures are never changed, a revision is published from the report page."""

    list_display = ["annee", "version", "cloture_par", "cloture_le", "motif"]
    list_filter = ["annee"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
