from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .coherence import TECHNIQUE, Coherent


class AppendOnlyQuerySet(models.QuerySet):
    """The access log is evidence: rows are never updated or deleted by the application.

    This refuses the ORM's usual paths early; the database triggers of migration 0004 refuse every
    path (base manager, raw SQL). The only deletion is the retention purge (comptes/journaux.py).
    """

    def update(self, **kwargs):
        raise PermissionError("This log is append-only.")

    def delete(self):
        raise PermissionError("This log is append-only.")


class AppendOnlyModel(models.Model):
    """Rows are written once: no save of an existing row, no delete (the triggers refuse them too)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("This log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("This log is append-only.")


class JournalAcces(AppendOnlyModel):
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

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-horodatage", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.horodatage:%Y-%m-%d %H:%M} {self.utilisateur_id} {self.action} {self.vue}"


class TentativeConnexion(AppendOnlyModel):
    """Every login attempt, successful or not (the lockout rules read it: comptes/connexion.py)."""

    horodatage = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    identifiant = models.CharField(_("username entered"), max_length=150)
    reussie = models.BooleanField(_("successful"))
    adresse_ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("login attempt")
        verbose_name_plural = _("login attempts")
        ordering = ["-horodatage", "-pk"]

    def __str__(self):
        return f"{self.horodatage:%Y-%m-%d %H:%M} {self.identifiant} {self.reussie}"


class ChangementRole(AppendOnlyModel):
    """A role given to or taken from an account, whatever the path (admin, command, shell).

    Append-only like the access log (same triggers); never purged: it is the history of who could see what.
    """

    horodatage = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    compte = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("account")
    )
    role = models.CharField(_("role"), max_length=150)
    ajout = models.BooleanField(_("given"), help_text=_("False when the role was taken away."))
    par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when done outside a web request (management command)."),
    )
    adresse_ip = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-horodatage", "-pk"]

    def __str__(self):
        return f"{self.horodatage:%Y-%m-%d %H:%M} {self.compte_id} {'+' if self.ajout else '-'}{self.role}"


class PurgeJournal(Coherent, AppendOnlyModel):
    """What the retention purge removed from a log table: the trace of the only deletion allowed."""

    horodatage = models.DateTimeField(_("time"), auto_now_add=True)
    table = models.CharField(_("table"), max_length=100)
    nombre = models.PositiveIntegerField(_("rows removed"))
    plus_ancienne = models.DateTimeField(_("oldest row removed"), null=True, blank=True)
    plus_recente = models.DateTimeField(_("newest row removed"), null=True, blank=True)
    limite = models.DateTimeField(_("rows older than"))
    retention_mois = models.PositiveSmallIntegerField(_("retention (months)"))

    # Written by the purge command from the rows it removed, never typed.
    regles_dates = {"plus_ancienne": TECHNIQUE, "plus_recente": TECHNIQUE, "limite": TECHNIQUE}

    class Meta:
        verbose_name = _("log purge")
        verbose_name_plural = _("log purges")
        ordering = ["-horodatage", "-pk"]

    def __str__(self):
        return f"{self.horodatage:%Y-%m-%d %H:%M} {self.table} {self.nombre}"


class Correction(Coherent, models.Model):
    """A deletion or a move of a record, with who, when and why (see `comptes.suppression`).

    A deletion keeps the removed rows (`donnees`, serialised) so that Direction can restore them
    for 30 days; `annees` are the years of the record's dates, the closed years it revises.
    """

    class Action(models.TextChoices):
        SUPPRESSION = "suppression", _("Deleted")
        DEPLACEMENT = "deplacement", _("Moved to another person")

    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("record type"))
    object_id = models.CharField(_("record id"), max_length=40)
    libelle = models.CharField(_("record"), max_length=300)
    section = models.CharField(_("permission section"), max_length=50)
    # Plain ids: comptes does not depend on the units' apps.
    personne_id = models.PositiveBigIntegerField(_("person"), null=True, blank=True, db_index=True)
    personne_vers_id = models.PositiveBigIntegerField(_("moved to person"), null=True, blank=True)
    annees = models.JSONField(_("years concerned"), default=list, blank=True)
    motif = models.TextField(_("reason"))
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    le = models.DateTimeField(_("on"), db_index=True)
    # Deletions only: the removed rows ([label, pk] and their serialised content) and the foreign
    # keys the deletion set to null elsewhere, to put everything back on restoration.
    elements = models.JSONField(_("rows removed"), default=list, blank=True)
    donnees = models.TextField(_("content kept for restoration"), blank=True)
    liens = models.JSONField(_("links to restore"), default=list, blank=True)
    restaure_le = models.DateTimeField(_("restored on"), null=True, blank=True)
    restaure_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("restored by"),
    )  # fmt: skip

    # Set by the application when it deletes, moves or restores, never typed.
    regles_dates = {"le": TECHNIQUE, "restaure_le": TECHNIQUE}

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-le", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_action_display()}: {self.libelle}"
