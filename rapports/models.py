"""Yearly manual inputs of the report, the closed years (published snapshots) and the PDF generations."""

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


class ExerciceClotureQuerySet(ScopedQuerySet):
    """Published figures are a record of what the association printed: the application never
    updates or deletes them; a correction is a new version (see services.exercice_cloturer)."""

    permission_section = "rapports"

    def update(self, **kwargs):
        raise PermissionError("A closed year's published figures are never changed: publish a revision.")

    def delete(self):
        raise PermissionError("A closed year's published figures are never deleted: publish a revision.")

    def dernieres(self, annees) -> dict[int, "ExerciceCloture"]:
        """The latest version of each closed year among `annees`, by year (one query)."""
        resultat = {}
        for exercice in self.filter(annee__in=list(annees)).order_by("annee", "version"):
            resultat[exercice.annee] = exercice
        return resultat

    def derniere(self, annee: int) -> "ExerciceCloture | None":
        return self.filter(annee=annee).order_by("-version").first()


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


class ExerciceCloture(models.Model):
    """One published version of a year's report: every figure as printed, frozen (`resultat`, see
    rapports.calcul.Rapport.instantane), with who closed it and when. Version 1 is the closing;
    later versions are revisions, the earlier ones kept. Its PDFs of record are GenerationPDF rows
    pointing to it (French and English)."""

    annee = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"))
    resultat = models.JSONField(_("published figures"), editable=False)
    motif = models.CharField(_("reason"), max_length=300, blank=True, help_text=_("Why this revision is published."))
    cloture_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("published by")
    )
    cloture_le = models.DateTimeField(_("published on"), auto_now_add=True)

    history = HistoricalRecords()
    objects = ExerciceClotureQuerySet.as_manager()

    class Meta:
        verbose_name = _("closed year")
        verbose_name_plural = _("closed years")
        ordering = ["-annee", "-version"]
        constraints = [models.UniqueConstraint(fields=["annee", "version"], name="exercice_cloture_unique")]

    def __str__(self):
        return f"{self.annee} v{self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("A closed year's published figures are never changed: publish a revision.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A closed year's published figures are never deleted: publish a revision.")

    def pdf(self, langue: str) -> "GenerationPDF | None":
        """The PDF of record in that language (the latest attempt)."""
        return next((g for g in self.generations.all() if g.langue == langue), None)


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
    # Set for the PDFs of record of a closed year: they print that version's figures.
    cloture = models.ForeignKey(
        ExerciceCloture,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="generations",
        verbose_name=_("published version"),
        editable=False,
    )

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
