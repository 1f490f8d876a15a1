"""The Django admin manages accounts only (docs/securite.md §6): users and their roles, the logs
(read-only), second factors and calendar keys. No case data is registered here or in any app's admin.py
(tests/comptes/test_admin.py walks the registry), and only the Administrateur role may open it."""

from allauth.account.admin import EmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .connexion import compte_debloquer
from .models import ChangementRole, JournalAcces, PurgeJournal, TentativeConnexion
from .permissions import Role, user_roles
from .roles import verifier_ajout_roles


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

    actions = ["lever_retard_connexion"]

    def delete_model(self, request, obj):
        # Users who acted on records stay for the audit trail: deactivate instead.
        raise PermissionDenied

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)

        class RolesForm(form_class):
            def clean(self):
                cleaned = super().clean()
                if "groups" in cleaned and self.instance.pk:
                    ajoutes = set(cleaned["groups"]) - set(self.instance.groups.all())
                    try:
                        verifier_ajout_roles(par=request.user, compte=self.instance, roles=ajoutes)
                    except PermissionDenied as exc:
                        raise ValidationError({"groups": str(exc)}) from exc
                return cleaned

        return RolesForm

    @admin.action(description=_("Lift the login delay of the selected accounts"))
    def lever_retard_connexion(self, request, queryset):
        comptes = list(queryset)
        for compte in comptes:
            compte_debloquer(compte=compte, par=request.user, request=request)
        self.message_user(
            request,
            ngettext(
                "Login delay lifted for %(count)d account.", "Login delay lifted for %(count)d accounts.", len(comptes)
            )
            % {"count": len(comptes)},
        )


class ReadOnlyMixin:
    """Listed, never added, changed or deleted from the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CcemGroupAdmin(ReadOnlyMixin, AdministrateurOnlyMixin, GroupAdmin):
    """Roles are created by a migration and given on the user's page: here they are only listed
    (a renamed or deleted role would silently change who sees what)."""


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    def has_module_permission(self, request):
        return Role.ADMINISTRATEUR in user_roles(request.user)

    def has_view_permission(self, request, obj=None):
        return Role.ADMINISTRATEUR in user_roles(request.user)


@admin.register(JournalAcces)
class JournalAccesAdmin(ReadOnlyAdmin):
    list_display = ["horodatage", "utilisateur", "action", "content_type", "object_id", "vue", "adresse_ip"]
    list_filter = ["action", "content_type"]
    list_select_related = ["utilisateur", "content_type"]


@admin.register(TentativeConnexion)
class TentativeConnexionAdmin(ReadOnlyAdmin):
    list_display = ["horodatage", "identifiant", "reussie", "adresse_ip"]
    list_filter = ["reussie"]


@admin.register(ChangementRole)
class ChangementRoleAdmin(ReadOnlyAdmin):
    list_display = ["horodatage", "compte", "role", "ajout", "par", "adresse_ip"]
    list_filter = ["role", "ajout"]
    list_select_related = ["compte", "par"]


@admin.register(PurgeJournal)
class PurgeJournalAdmin(ReadOnlyAdmin):
    list_display = ["horodatage", "table", "nombre", "plus_ancienne", "plus_recente", "limite", "retention_mois"]


class CcemEmailAddressAdmin(AdministrateurOnlyMixin, EmailAddressAdmin):
    pass


class CcemAuthenticatorAdmin(AdministrateurOnlyMixin, AuthenticatorAdmin):
    """An Administrateur may delete a lost second factor (the user enrols again); the secret is never shown."""

    exclude = ["data"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


for model, model_admin in [
    (User, CcemUserAdmin),
    (Group, CcemGroupAdmin),
    (EmailAddress, CcemEmailAddressAdmin),
    (Authenticator, CcemAuthenticatorAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
