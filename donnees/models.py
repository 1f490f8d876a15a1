"""Full exports requested in the browser: built by a Celery task, the file kept one day."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comptes.coherence import TECHNIQUE, Coherent
from comptes.permissions import ScopedQuerySet
from comptes.taches import StatutTache


class ExportationQuerySet(ScopedQuerySet):
    permission_section = "donnees"


class Exportation(Coherent, models.Model):
    """Who exported everything, when, in which format; the file itself is deleted after a day
    (services.CONSERVATION_EXPORT): it holds every person's data."""

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook (.xlsx)")
        ZIP = "zip", _("ZIP of CSV files")

    Statut = StatutTache

    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    statut = models.CharField(_("status"), max_length=10, choices=Statut.choices, default=Statut.EN_ATTENTE)
    erreur = models.TextField(_("error"), blank=True)
    fichier = models.FileField(_("file"), upload_to="exports/", blank=True)
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    cree_le = models.DateTimeField(_("requested on"), auto_now_add=True)
    termine_le = models.DateTimeField(_("finished on"), null=True, blank=True)

    objects = ExportationQuerySet.as_manager()

    regles_dates = {"termine_le": TECHNIQUE}

    class Meta:
        verbose_name = _("full export")
        verbose_name_plural = _("full exports")
        ordering = ["-cree_le", "-pk"]

    def __str__(self):
        return f"{self.cree_le:%Y-%m-%d %H:%M} {self.format}"

    def get_absolute_url(self):
        return reverse("donnees:export_telecharger", args=[self.pk])

    @property
    def en_cours(self) -> bool:
        return self.statut in {self.Statut.EN_ATTENTE, self.Statut.EN_COURS}

    def nom_fichier(self) -> str:
        return f"ccem-export-{self.cree_le:%Y%m%d-%H%M}.{self.format}"
