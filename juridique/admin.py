from django.contrib import admin

from comptes.admin import AdministrateurOnlyMixin

from .models import JetonAgenda

# The admin manages accounts only (docs/securite.md §6): proceedings, permits and lawyers are case data,
# read and changed through the app's scoped, access-logged views, never here.


@admin.register(JetonAgenda)
class JetonAgendaAdmin(AdministrateurOnlyMixin, admin.ModelAdmin):
    """Accounts admins can revoke a lost key; the key itself is never shown."""

    list_display = ["utilisateur", "libelle", "debut_cle", "cree_le", "revoque_le", "dernier_acces"]
    readonly_fields = ["utilisateur", "libelle", "debut_cle", "cree_le", "dernier_acces"]
    fields = ["utilisateur", "libelle", "debut_cle", "cree_le", "dernier_acces", "revoque_le"]

    def has_add_permission(self, request):
        return False
