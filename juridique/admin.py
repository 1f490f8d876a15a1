from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Avocat, Decision, Etape, JetonAgenda, Procedure, TitreSejour


@admin.register(Avocat)
class AvocatAdmin(SimpleHistoryAdmin):
    list_display = ["nom", "prenom", "barreau", "actif"]
    list_filter = ["actif", "barreau"]
    search_fields = ["nom", "prenom", "barreau"]


class EtapeInline(admin.TabularInline):
    model = Etape
    extra = 0
    fields = ["type", "date", "heure", "lieu", "salle"]


class DecisionInline(admin.TabularInline):
    model = Decision
    extra = 0
    fields = ["date", "niveau", "nature", "definitive", "montant_accorde"]


@admin.register(Procedure)
class ProcedureAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "type", "date_ouverture", "date_cloture"]
    list_filter = ["type"]
    list_select_related = ["affaire"]
    search_fields = ["affaire__reference", "numero_juridiction"]
    raw_id_fields = ["affaire", "personnes"]
    inlines = [EtapeInline, DecisionInline]


@admin.register(TitreSejour)
class TitreSejourAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "type", "issue", "date_demande", "date_decision"]
    list_filter = ["type", "issue", "premier"]
    raw_id_fields = ["personne", "procedure"]


@admin.register(JetonAgenda)
class JetonAgendaAdmin(admin.ModelAdmin):
    """Accounts admins can revoke a lost key; the key itself is never shown."""

    list_display = ["utilisateur", "libelle", "debut_cle", "cree_le", "revoque_le", "dernier_acces"]
    readonly_fields = ["utilisateur", "libelle", "debut_cle", "cree_le", "dernier_acces"]
    fields = ["utilisateur", "libelle", "debut_cle", "cree_le", "dernier_acces", "revoque_le"]
