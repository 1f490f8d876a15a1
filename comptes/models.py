from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyQuerySet(models.QuerySet):
    """The access log is evidence: rows are never updated or deleted by the application."""

    def update(self, **kwargs):
        raise PermissionError("The access log is append-only.")

    def delete(self):
        raise PermissionError("The access log is append-only.")


class JournalAcces(models.Model):
    """Who viewed, printed or exported which record, when and from where. Never any record content."""

    class Action(models.TextChoices):
        CONSULTATION = "view", _("Viewed")
        LISTE = "list", _("Listed")
        MODIFICATION = "change", _("Changed")
        IMPRESSION = "print", _("Printed")
        EXPORT = "export", _("Exported")

    horodatage = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("record type")
    )
    object_id = models.CharField(_("record id"), max_length=40, blank=True)
    vue = models.CharField(_("page"), max_length=100, help_text=_("Name of the page, never its content."))
    adresse_ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-horodatage", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.horodatage:%Y-%m-%d %H:%M} {self.utilisateur_id} {self.action} {self.vue}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The access log is append-only.")


class TentativeConnexion(models.Model):
    """Every login attempt, successful or not (the lockout itself is allauth's rate limit)."""

    horodatage = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    identifiant = models.CharField(_("username entered"), max_length=150)
    reussie = models.BooleanField(_("successful"))
    adresse_ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")
        ordering = ["-horodatage", "-pk"]

    def __str__(self):
        return f"{self.horodatage:%Y-%m-%d %H:%M} {self.identifiant} {self.reussie}"
