from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied

from .models import JournalAcces, TentativeConnexion
from .permissions import Role, user_roles


class AdministrateurOnlyMixin:
    """Accounts are managed by the Administrateur role only (is_staff alone is not enough)."""

    def has_module_permission(self, request):
        return Role.ADMINISTRATEUR in user_roles(request.user)

    def has_view_permission(self, request, obj=None):
        return Role.ADMINISTRATEUR in user_roles(request.user)

    def has_change_permission(self, request, obj=None):
        return Role.ADMINISTRATEUR in user_roles(request.user)

    def has_add_permission(self, request):
        return Role.ADMINISTRATEUR in user_roles(request.user)

    def has_delete_permission(self, request, obj=None):
        return Role.ADMINISTRATEUR in user_roles(request.user)


class CcemUserAdmin(AdministrateurOnlyMixin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    list_filter = ["groups", "is_active"]

    def get_fieldsets(self, request, obj=None):
        # Roles are groups; individual Django permissions and superuser status are not used.
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        return [
            (None, {"fields": ("username", "password")}),
            (UserAdmin.fieldsets[1][0], {"fields": ("first_name", "last_name", "email")}),
            (UserAdmin.fieldsets[2][0], {"fields": ("is_active", "is_staff", "groups")}),
            (UserAdmin.fieldsets[3][0], {"fields": ("last_login", "date_joined")}),
        ]

    def delete_model(self, request, obj):
        # Users who acted on records stay for the audit trail: deactivate instead.
        raise PermissionDenied


class CcemGroupAdmin(AdministrateurOnlyMixin, GroupAdmin):
    pass


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return Role.ADMINISTRATEUR in user_roles(request.user)

    def has_view_permission(self, request, obj=None):
        return Role.ADMINISTRATEUR in user_roles(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JournalAcces)
class JournalAccesAdmin(ReadOnlyAdmin):
    list_display = ["horodatage", "utilisateur", "action", "content_type", "object_id", "vue", "adresse_ip"]
    list_filter = ["action", "content_type"]
    list_select_related = ["utilisateur", "content_type"]


@admin.register(TentativeConnexion)
class TentativeConnexionAdmin(ReadOnlyAdmin):
    list_display = ["horodatage", "identifiant", "reussie", "adresse_ip"]
    list_filter = ["reussie"]


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(User, CcemUserAdmin)
admin.site.register(Group, CcemGroupAdmin)
