"""Reports (signalements) received by the reception unit and their identification workflow."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from accompagnement.enums import FormeExploitation, Secteur, Sexe
from accompagnement.models import (
    TELEPHONE_SAISI,
    chiffres_telephone,
    cle_recherche,
    filtre_mots,
    filtre_sans_accents,
    telephone_sans_separateurs,
)
from ccem.referentiels import DEPARTEMENT_CHOICES
from comptes.coherence import Coherent, Date, Historique, Requis
from comptes.concurrency import VersionedModel
from comptes.permissions import ScopedQuerySet

from . import enums

# --- QuerySets ------------------------------------------------------------------------------


class SignalementQuerySet(ScopedQuerySet):
    permission_section = "signalements"

    def ouverts(self):
        return self.filter(decision=enums.Decision.EN_COURS)

    def with_list_data(self):
        """What the queue shows, in one query: handler and number of potential victims."""
        return self.select_related("charge_par").annotate(nb_personnes=Count("personnes_signalees", distinct=True))

    def recherche(self, terme: str, *, limite: int | None = None):
        """Reference, the caller (organisation or contact, any accents) or a potential victim's
        names in any order; trigram-indexed on PostgreSQL (migration 0004). A phone number is
        not looked for in names. `limite`: at most that many reports per way of matching (the
        global search shows a few; a short word can match tens of thousands)."""
        terme = terme.strip()
        if not terme:
            return self.none()
        telephone = bool(TELEPHONE_SAISI.match(terme))
        victimes = PersonneSignalee.objects.filter(
            Q(pk__in=[]) if telephone else filtre_mots("cle_recherche", terme)
        ).values_list("signalement_id", flat=True)
        directs = filtre_sans_accents(
            Signalement.objects.all(),
            [] if telephone else ["source_organisation", "source_contact"],
            terme,
            ou=Q(reference__icontains=terme),
        ).values_list("pk", flat=True)
        if limite is not None:
            return self.filter(pk__in={*directs[:limite], *victimes[:limite]})
        # One UNION of ids, each part read through its trigram indexes; the reports are then fetched
        # by key (an OR of the conditions would walk the whole table in the list's order).
        return self.filter(pk__in=directs.order_by().union(victimes.order_by()))

    def de_la_victime(self, *, nom: str = "", prenom: str = "", telephone: str = ""):
        """Reports with a potential victim of the same names (any order, any accents) or phone."""
        filtre = filtre_mots("cle_recherche", f"{nom} {prenom}") if nom.strip() else Q(pk__in=[])
        if tel := chiffres_telephone(telephone):
            filtre |= Q(telephone_chiffres__contains=tel)
        victimes = PersonneSignalee.objects.alias(telephone_chiffres=telephone_sans_separateurs()).filter(filtre)
        return self.filter(pk__in=victimes.values("signalement_id"))

    def with_detail_data(self):
        """What the report page shows, in a fixed number of queries."""
        return self.select_related(
            "charge_par", "consentement_recueilli_par", "questionnaire_par", "decision_par", "cree_par"
        ).prefetch_related("personnes_signalees__personne", "entretiens__mene_par", "accompagnements__personne")


class PersonneSignaleeQuerySet(ScopedQuerySet):
    permission_section = "signalements"

    def with_detail_data(self):
        return self.select_related("signalement", "personne")


class EntretienQuerySet(ScopedQuerySet):
    permission_section = "signalements"


# --- Models ---------------------------------------------------------------------------------

# The rule of `Signalement.verifier_victimes()`, also counted by the data-quality panel (`sans_victime`).
MESSAGE_SANS_VICTIME = _(
    "A report concerns at least one potential victim: add one, even unnamed (give what is known, e.g. the sex "
    "or an approximate age)."
)


class Signalement(Coherent, Historique, VersionedModel):
    """One reported situation; it can concern several potential victims (collective cases)."""

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    date_reception = models.DateField(_("date received"))
    canal = models.CharField(_("channel"), max_length=20, choices=enums.Canal.choices, blank=True)
    source_type = models.CharField(_("reported by"), max_length=40, choices=enums.SourceType.choices, blank=True)
    source_organisation = models.CharField(_("reporting organisation"), max_length=200, blank=True)
    source_contact = models.CharField(
        _("reporter's contact"), max_length=300, blank=True, help_text=_("Name, phone, e-mail of the reporter.")
    )
    secteur_presume = models.CharField(_("presumed sector"), max_length=30, choices=Secteur.choices, blank=True)
    # enums.FormeExploitation codes, several possible (national survey: victims spotted by form).
    formes_presumees = models.JSONField(_("presumed forms of exploitation"), default=list, blank=True)
    departement_faits = models.CharField(
        _("département of the facts"), max_length=3, choices=DEPARTEMENT_CHOICES, blank=True
    )
    pays_faits = CountryField(_("country of the facts"), default="FR", blank=True)
    description = models.TextField(_("description of the situation"), blank=True)

    # Consent of the potential victim: required before any step beyond first information.
    consentement_date = models.DateField(_("consent given on"), null=True, blank=True)
    consentement_recueilli_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("consent recorded by"),
    )  # fmt: skip

    etape = models.CharField(_("step reached"), max_length=20, choices=enums.Etape.choices, default=enums.Etape.RECU)
    date_questionnaire = models.DateField(_("questionnaire sent on"), null=True, blank=True)
    questionnaire_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("questionnaire handled by"),
    )  # fmt: skip

    decision = models.CharField(
        _("decision"), max_length=20, choices=enums.Decision.choices, default=enums.Decision.EN_COURS
    )
    date_decision = models.DateField(_("decision date"), null=True, blank=True)
    decision_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    type_reorientation = models.CharField(
        _("kind of re-referral"), max_length=30, choices=enums.TypeReorientation.choices, blank=True
    )
    structure_reorientation = models.CharField(_("structure referred to"), max_length=200, blank=True)
    motif_sans_suite = models.CharField(
        _("reason for no follow-up"), max_length=30, choices=enums.MotifSansSuite.choices, blank=True
    )
    decision_commentaire = models.TextField(_("comment on the decision"), blank=True)

    charge_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("handled by"),
    )  # fmt: skip
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords()
    objects = SignalementQuerySet.as_manager()

    regles_dates = {
        "date_reception": Date(),
        "consentement_date": Date(apres=("date_reception",)),
        "date_questionnaire": Date(apres=("date_reception",)),
        "date_decision": Date(apres=("date_reception",)),
    }
    # Required of new reports; history may lack them (comptes.coherence.Historique).
    regles_requis = {
        "canal": Requis(),
        "source_type": Requis(),
        "consentement_date": Requis(
            si=("etape", (enums.Etape.QUESTIONNAIRE, enums.Etape.ENTRETIEN)),
            message=_("Record the consent of the potential victim before going beyond first information."),
        ),
        "date_decision": Requis(
            si=("decision", tuple(d for d in enums.Decision if d != enums.Decision.EN_COURS)),
            message=_("Give the date of the decision."),
        ),
        "motif_sans_suite": Requis(
            si=("decision", (enums.Decision.SANS_SUITE,)), message=_("Give the reason for no follow-up.")
        ),
    }

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-date_reception", "-pk"]
        indexes = [models.Index(fields=["decision", "etape"]), models.Index(fields=["date_reception"])]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("signalements:detail", args=[self.pk])

    @property
    def consentement_recueilli(self) -> bool:
        return self.consentement_date is not None

    @property
    def est_ouvert(self) -> bool:
        return self.decision == enums.Decision.EN_COURS

    @property
    def rang_etape(self) -> int:
        return enums.ORDRE_ETAPES.index(self.etape)

    def verifier_victimes(self, personnes=None) -> None:
        """The rule: a report concerns at least one potential victim. An unknown or anonymous victim is
        recorded as a victim without identity (what is known: sex, approximate age), not as an exception.

        `personnes`: the victims the report will have (those about to be saved with a new report, or
        the remaining ones when one is removed); by default its saved ones. The creation service, the
        removal service, `clean()` and the import all call this one rule."""
        if personnes is None:
            if self._state.adding:
                return  # not saved yet (new, imported or restored): its victims are saved after it
            personnes = self.personnes_signalees.all()
        vide = not personnes.exists() if hasattr(personnes, "exists") else not personnes
        if vide:
            raise ValidationError(MESSAGE_SANS_VICTIME, code="sans_victime")

    def clean(self):
        errors = {}
        try:
            self.verifier_victimes()
        except ValidationError as exc:
            errors[NON_FIELD_ERRORS] = exc.error_list
        if self.pays_faits and self.pays_faits != "FR" and self.departement_faits:
            errors["departement_faits"] = _("A département only applies to France.")
        if set(self.formes_presumees or []) - set(FormeExploitation.values):
            errors["formes_presumees"] = _("Unknown form of exploitation.")
        if self.decision == enums.Decision.REORIENTATION and not self.type_reorientation:
            errors["type_reorientation"] = _("Say what kind of structure the report was referred to.")
        if errors:
            raise ValidationError(errors)


class PersonneSignalee(VersionedModel):
    """What is known of one potential victim of a report; linked to a Personne once identified."""

    signalement = models.ForeignKey(Signalement, on_delete=models.CASCADE, related_name="personnes_signalees")
    nom = models.CharField(_("last name"), max_length=150, blank=True)
    prenom = models.CharField(_("first name"), max_length=150, blank=True)
    sexe = models.CharField(_("sex"), max_length=1, choices=Sexe.choices, blank=True)
    age = models.PositiveSmallIntegerField(_("approximate age"), null=True, blank=True)
    annee_naissance = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    nationalite = CountryField(_("nationality"), blank=True)
    telephone = models.CharField(_("phone"), max_length=40, blank=True)
    personne = models.ForeignKey(
        "accompagnement.Personne", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="signalements_lies", verbose_name=_("person in the active caseload"),
    )  # fmt: skip
    cle_recherche = models.CharField(max_length=500, editable=False, db_index=True, default="")

    history = HistoricalRecords(excluded_fields=["cle_recherche"])
    objects = PersonneSignaleeQuerySet.as_manager()

    class Meta:
        verbose_name = _("potential victim")
        verbose_name_plural = _("potential victims")
        ordering = ["pk"]

    def __str__(self):
        nom = f"{self.nom.upper()} {self.prenom}".strip()
        return nom or str(_("Unnamed person"))

    def get_absolute_url(self):
        return self.signalement.get_absolute_url()

    def save(self, *args, **kwargs):
        self.cle_recherche = cle_recherche(self.nom, self.prenom)
        super().save(*args, **kwargs)

    def clean(self):
        if self.age is not None and self.age > 120:
            raise ValidationError({"age": _("Give an age between 0 and 120.")})


class Entretien(Coherent, models.Model):
    """An in-depth or identification interview held for a report."""

    signalement = models.ForeignKey(Signalement, on_delete=models.CASCADE, related_name="entretiens")
    date = models.DateField(_("date"))
    type = models.CharField(_("kind"), max_length=20, choices=enums.TypeEntretien.choices)
    mene_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("conducted by")
    )
    compte_rendu = models.TextField(_("summary"), blank=True)

    history = HistoricalRecords()
    objects = EntretienQuerySet.as_manager()

    regles_dates = {"date": Date(apres=("signalement.date_reception",))}

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_type_display()} {self.date:%d/%m/%Y}"
