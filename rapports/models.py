"""Yearly manual inputs of the report and the PDF generations."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptes.coherence import TECHNIQUE, Coherent
from comptes.concurrency import VersionedModel
from comptes.permissions import ScopedQuerySet
from comptes.taches import StatutTache

from .registre import INDICATEURS

BLOCAGE = datetime.timedelta(minutes=15)
CLES_MANUELLES = [(i.cle, i.libelle_fr) for i in INDICATEURS if i.manuel]


class SaisieAnnuelleQuerySet(ScopedQuerySet):
    permission_section = "rapports"

    def de_annees(self, *annees: int) -> dict[tuple[int, str], "SaisieAnnuelle"]:
        return {(s.annee, s.cle): s for s in self.filter(annee__in=annees)}


class GenerationPDFQuerySet(ScopedQuerySet):
    permission_section = "rapports"

    def with_detail_data(self):
        return self.select_related("demande_par")


class SaisieAnnuelle(VersionedModel):
    """One yearly figure that no case record holds (media, followers, volunteers, finances)."""

    annee = models.PositiveSmallIntegerField(_("year"))
    cle = models.CharField(_("indicator"), max_length=60, choices=CLES_MANUELLES)
    valeur = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Source, or why the value is approximate.")
    )
    modifie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    modifie_le = models.DateTimeField(_("changed on"), auto_now=True)

    history = HistoricalRecords()
    objects = SaisieAnnuelleQuerySet.as_manager()

    class Meta:
        verbose_name = _("yearly manual input")
        verbose_name_plural = _("yearly manual inputs")
        ordering = ["-annee", "cle", "pk"]
        constraints = [models.UniqueConstraint(fields=["annee", "cle"], name="saisie_annuelle_unique")]

    def __str__(self):
        return f"{self.annee} {self.cle}"


class GenerationPDF(Coherent, models.Model):
    """A request to print the report of a year as PDF, run by a Celery task; the file is kept."""

    Statut = StatutTache

    class Langue(models.TextChoices):
        FR = "fr", _("French")
        EN = "en", _("English")

    annee = models.PositiveSmallIntegerField(_("year"))
    langue = models.CharField(_("language"), max_length=2, choices=Langue.choices, default=Langue.FR)
    edition_publique = models.BooleanField(
        _("public edition"), default=False, help_text=_("Small counts are printed as “< threshold”.")
    )
    seuil = models.PositiveSmallIntegerField(_("threshold of the public edition"), default=5)
    statut = models.CharField(_("status"), max_length=10, choices=Statut.choices, default=Statut.EN_ATTENTE)
    progression = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    erreur = models.TextField(_("error"), blank=True)
    fichier = models.FileField(_("file"), upload_to="rapports/pdf/%Y/", blank=True)
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    cree_le = models.DateTimeField(_("requested on"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("updated on"), auto_now=True)
    termine_le = models.DateTimeField(_("finished on"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["progression", "modifie_le"])
    objects = GenerationPDFQuerySet.as_manager()

    regles_dates = {"termine_le": TECHNIQUE}

    class Meta:
        verbose_name = _("PDF generation")
        verbose_name_plural = _("PDF generations")
        ordering = ["-cree_le", "-pk"]

    def __str__(self):
        return f"{self.annee} {self.langue} {self.get_statut_display()}"

    def get_absolute_url(self):
        return reverse("rapports:pdf_statut", args=[self.pk])

    @property
    def terminee(self) -> bool:
        return self.statut in {self.Statut.TERMINEE, self.Statut.ECHEC}

    @property
    def bloquee(self) -> bool:
        """Pending or running with no news for a long time: the worker was stopped or is missing."""
        return not self.terminee and self.modifie_le < timezone.now() - BLOCAGE

    @property
    def relancable(self) -> bool:
        return self.statut == self.Statut.ECHEC or self.bloquee

    def nom_fichier(self) -> str:
        edition = "-public" if self.edition_publique else ""
        prefixe = "rapport-activite" if self.langue == "fr" else "activity-report"
        return f"ccem-{prefixe}-{self.annee}{edition}.{self.langue}.pdf"
