"""Deadlines are computed from the records (echeances.calcul); what is stored here is only what the
records cannot say: the table of legal appeal periods, which deadlines were handled, and who wants
the daily digest."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from comptes.coherence import TECHNIQUE, Coherent
from comptes.concurrency import VersionedModel
from comptes.permissions import ScopedQuerySet
from juridique import enums as jur

from . import enums


class DelaiRecoursQuerySet(ScopedQuerySet):
    permission_section = "juridique"

    def actifs(self):
        return self.filter(actif=True)


class DelaiRecours(VersionedModel):
    """A legal period to challenge a decision, by kind of proceedings, level and outcome.

    An empty outcome matches every outcome of that kind and level; a row naming the outcome wins
    over it. A decision no row matches gives no deadline.
    """

    type_procedure = models.CharField(_("kind of proceedings"), max_length=20, choices=jur.TypeProcedure.choices)
    niveau = models.CharField(_("level"), max_length=1, choices=jur.NiveauDecision.choices)
    nature = models.CharField(
        _("outcome"), max_length=30, choices=jur.NatureDecision.choices, blank=True,
        help_text=_("Leave empty for every outcome of this kind and level."),
    )  # fmt: skip
    duree = models.PositiveSmallIntegerField(_("period"))
    unite = models.CharField(pgettext_lazy("duree", "unit"), max_length=5, choices=enums.Unite.choices)
    recours = models.CharField(_("remedy"), max_length=200, help_text=_("e.g. Appeal to the court of appeal"))
    source = models.CharField(_("legal source"), max_length=200, help_text=_("e.g. art. 498 of the CPP"))
    citation = models.TextField(_("text of the source"), help_text=_("What the article says, and its exceptions."))
    actif = models.BooleanField(_("in force"), default=True)

    history = HistoricalRecords()
    objects = DelaiRecoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal period")
        verbose_name_plural = _("appeal periods")
        ordering = ["type_procedure", "niveau", "nature", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["type_procedure", "niveau", "nature"], name="delai_recours_unique"),
            models.CheckConstraint(condition=Q(duree__gt=0), name="delai_recours_duree_positive"),
        ]

    def __str__(self):
        return f"{self.get_type_procedure_display()} · {self.get_niveau_display()} → {self.recours}"

    def get_absolute_url(self):
        return reverse("echeances:delai_modifier", args=[self.pk])

    @property
    def duree_affichee(self) -> str:
        return f"{self.duree} {self.get_unite_display()}"


class EcheanceTraitee(Coherent, models.Model):
    """A deadline someone marked handled. A deadline has no row of its own: it is named by its kind,
    the record it comes from and its due date, so a changed date makes a new deadline to handle."""

    type = models.CharField(_("kind of deadline"), max_length=20, choices=enums.TypeEcheance.choices)
    objet_id = models.PositiveBigIntegerField(_("record"))
    date_echeance = models.DateField(_("due date"))
    etat = models.CharField(_("handled as"), max_length=12, choices=enums.Etat.choices)
    par = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by"))
    le = models.DateTimeField(_("on"), auto_now_add=True)

    history = HistoricalRecords()

    regles_dates = {"date_echeance": TECHNIQUE}

    class Meta:
        verbose_name = _("handled deadline")
        verbose_name_plural = _("handled deadlines")
        ordering = ["-le", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["type", "objet_id", "date_echeance"], name="echeance_traitee_unique"),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.objet_id} {self.date_echeance:%d/%m/%Y}"


class PreferenceEcheances(models.Model):
    """A user's choice to receive the daily digest of their deadlines by e-mail (off by default)."""

    utilisateur = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="preference_echeances", verbose_name=_("user")
    )
    recapitulatif_quotidien = models.BooleanField(_("daily e-mail digest of my deadlines"), default=False)

    class Meta:
        verbose_name = _("deadline preference")
        verbose_name_plural = _("deadline preferences")

    def __str__(self):
        return str(self.utilisateur)
