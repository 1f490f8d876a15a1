from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import GenerationPDF, SaisieAnnuelle


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
