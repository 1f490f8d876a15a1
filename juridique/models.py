"""Legal unit: proceedings and their dated stages, decisions, residence permits, volunteer lawyers,
and the personal calendar-feed tokens."""

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, ExpressionWrapper, F, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accompagnement.models import Affaire, Personne
from comptes.coherence import TECHNIQUE, Coherent, Date
from comptes.concurrency import VersionedModel
from comptes.permissions import ScopedQuerySet

from . import enums

# --- QuerySets ------------------------------------------------------------------------------


class AvocatQuerySet(ScopedQuerySet):
    permission_section = "juridique"

    def with_list_data(self):
        ouvertes = Count("procedures", filter=Q(procedures__date_cloture__isnull=True), distinct=True)
        return self.annotate(nb_ouvertes=ouvertes, nb_procedures=Count("procedures", distinct=True))


class ProcedureQuerySet(ScopedQuerySet):
    permission_section = "juridique"

    def recherche(self, terme: str):
        """The case's reference ("A-2026-0012", or "A-2026-0012/P40") or the court's number."""
        terme = terme.strip()
        if not terme:
            return self.none()
        reference, _sep, numero = terme.upper().partition("/P")
        # One UNION of ids, each part read through its trigram index, then the rows by key.
        affaires = Affaire.objects.filter(reference__icontains=reference).values("pk")
        par_affaire = Procedure.objects.filter(affaire__in=affaires).values("pk").order_by()
        par_numero = Procedure.objects.filter(numero_juridiction__icontains=terme).values("pk").order_by()
        if numero.isdigit():
            par_numero = par_numero.union(Procedure.objects.filter(pk=int(numero)).values("pk").order_by())
        return self.filter(pk__in=par_affaire.union(par_numero))

    def ouvertes(self):
        return self.filter(date_cloture__isnull=True)

    def ouvertes_pendant(self, debut: datetime.date, fin: datetime.date):
        """Open at some point between `debut` and `fin` (opened by `fin`, not closed before `debut`)."""
        return self.filter(date_ouverture__lte=fin).filter(Q(date_cloture__isnull=True) | Q(date_cloture__gte=debut))

    def sans_prochaine_etape(self, today: datetime.date):
        """Open proceedings with nothing dated today or later: nobody knows what comes next."""
        a_venir = Etape.objects.filter(procedure=OuterRef("pk"), date__gte=today)
        return self.ouvertes().filter(~Exists(a_venir))

    def with_list_data(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        prochaine = Etape.objects.filter(procedure=OuterRef("pk"), date__gte=today).order_by("date", "heure", "pk")
        derniere = Etape.objects.filter(procedure=OuterRef("pk"), date__lte=today).order_by("-date", "-pk")
        return (
            self.select_related("affaire")
            .prefetch_related(
                Prefetch("personnes", queryset=Personne.objects.order_by("numero_dossier", "pk")),
                Prefetch("avocats", queryset=Avocat.objects.order_by("nom", "prenom", "pk")),
            )
            .annotate(
                prochaine_date=models.Subquery(prochaine.values("date")[:1]),
                derniere_etape=models.Subquery(derniere.values("type")[:1]),
            )
        )

    def with_detail_data(self):
        """What the proceedings page shows, in a fixed number of queries."""
        return self.select_related("affaire", "referent").prefetch_related(
            Prefetch("personnes", queryset=Personne.objects.order_by("numero_dossier", "pk")),
            Prefetch("avocats", queryset=Avocat.objects.order_by("nom", "prenom", "pk")),
            Prefetch("etapes", queryset=Etape.objects.order_by("-date", "-heure", "-pk")),
            Prefetch("decisions", queryset=Decision.objects.order_by("-date", "-pk")),
            Prefetch("titres_sejour", queryset=TitreSejour.objects.select_related("personne")),
        )


class EtapeQuerySet(ScopedQuerySet):
    permission_section = "juridique"

    def agenda(self):
        """Hearings and deadlines: what goes into the calendar and the feed."""
        return self.filter(Q(type__in=enums.AUDIENCES) | Q(type=enums.TypeEtape.ECHEANCE))

    def with_calendar_data(self):
        return self.select_related("procedure__affaire").order_by("date", "heure", "pk")

    def with_detail_data(self):
        return self.select_related("procedure__affaire")


class DecisionQuerySet(ScopedQuerySet):
    permission_section = "juridique"


class TitreSejourQuerySet(ScopedQuerySet):
    permission_section = "juridique"

    def en_attente(self):
        return self.filter(date_decision__isnull=True, issue=enums.IssueTitre.EN_ATTENTE)

    def attente_depuis_plus_de(self, jours: int, today: datetime.date):
        return self.en_attente().filter(date_demande__lte=today - datetime.timedelta(days=jours))

    def with_list_data(self):
        return self.select_related("personne", "procedure__affaire")

    def avec_attente(self, today: datetime.date):
        """`attente_tri`: application to decision, or to today while waiting (what `attente_jours` says)."""
        fin = Coalesce("date_decision", Value(today, output_field=models.DateField()))
        attente = ExpressionWrapper(fin - F("date_demande"), output_field=models.DurationField())
        return self.annotate(attente_tri=attente)

    def with_detail_data(self):
        return self.select_related("personne")


class JetonAgendaQuerySet(models.QuerySet):
    def actifs(self):
        return self.filter(revoque_le__isnull=True)


# --- Models ---------------------------------------------------------------------------------


class Avocat(VersionedModel):
    """A volunteer lawyer of the CCEM's network (about 30)."""

    nom = models.CharField(_("last name"), max_length=150)
    prenom = models.CharField(_("first name"), max_length=150, blank=True)
    barreau = models.CharField(_("bar"), max_length=100, blank=True, help_text=_("e.g. Paris, Versailles, Bobigny"))
    cabinet = models.CharField(_("law firm"), max_length=200, blank=True)
    telephone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    domaines = models.CharField(
        _("fields"), max_length=200, blank=True, help_text=_("e.g. criminal, labour law, asylum")
    )
    actif = models.BooleanField(_("active in the network"), default=True)

    history = HistoricalRecords()
    objects = AvocatQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer lawyer")
        verbose_name_plural = _("volunteer lawyers")
        ordering = ["nom", "prenom", "pk"]

    def __str__(self):
        return f"Me {self.prenom} {self.nom.upper()}".replace("  ", " ")

    def get_absolute_url(self):
        return reverse("juridique:avocat", args=[self.pk])


def reference_procedure(affaire_reference: str, numero: int | str) -> str:
    """The reference a proceeding keeps for life: its case's reference and a number (A-2024-0007/P12)."""
    return f"{affaire_reference}/P{numero}"


class Procedure(Coherent, VersionedModel):
    """One proceeding for one or several persons of a case, before one court or body."""

    # The natural key of the import: two claimants' proceedings opened the same day stay two records.
    reference = models.CharField(_("proceedings reference"), max_length=60, unique=True, editable=False)
    affaire = models.ForeignKey(Affaire, on_delete=models.PROTECT, related_name="procedures", verbose_name=_("case"))
    personnes = models.ManyToManyField(Personne, related_name="procedures", verbose_name=_("persons"))
    type = models.CharField(_("kind of proceedings"), max_length=20, choices=enums.TypeProcedure.choices)
    juridiction = models.CharField(
        _("court or body"), max_length=200, blank=True, help_text=_("e.g. Tribunal judiciaire de Paris, CPH de Bobigny")
    )
    numero_juridiction = models.CharField(
        _("court reference"), max_length=60, blank=True, help_text=_("Prosecution, RG or OFPRA number.")
    )
    avocats = models.ManyToManyField(Avocat, related_name="procedures", blank=True, verbose_name=_("volunteer lawyers"))
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("legal advisor in charge"),
    )  # fmt: skip
    # Employer or accused as the court names them: legal unit and Direction only (like exploiter details).
    partie_adverse = models.CharField(_("opposing party"), max_length=200, blank=True)
    partie_civile_ccem = models.BooleanField(_("the CCEM is a civil party"), default=False)
    inspection_travail = models.BooleanField(_("initiated with the Labour Inspectorate"), default=False)
    date_ouverture = models.DateField(_("opened on"))
    date_saisine = models.DateField(
        _("earlier referral date"), null=True, blank=True,
        help_text=_("When the court or body was referred to before these proceedings were recorded."),
    )  # fmt: skip
    date_cloture = models.DateField(_("closed on"), null=True, blank=True)
    # Legal notes: legal unit and Direction only (section "journal.juridique").
    notes = models.TextField(_("legal notes"), blank=True)
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords(m2m_fields=[personnes, avocats])
    objects = ProcedureQuerySet.as_manager()

    regles_dates = {
        "date_ouverture": Date(),
        "date_saisine": Date(),
        "date_cloture": Date(apres=("date_ouverture",)),
    }

    class Meta:
        verbose_name = _("proceedings")
        verbose_name_plural = _("proceedings")
        ordering = ["-date_ouverture", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_cloture__isnull=True) | Q(date_cloture__gte=models.F("date_ouverture")),
                name="procedure_cloture_apres_ouverture",
            ),
        ]

    def __str__(self):
        # References only, never names: this label appears in the calendar feed.
        return f"{self.reference} · {self.get_type_display()}"

    def get_absolute_url(self):
        return reverse("juridique:procedure", args=[self.pk])

    @property
    def ouverte(self) -> bool:
        return self.date_cloture is None


class Etape(Coherent, VersionedModel):
    """A dated stage or event of a proceeding: complaint, referral, hearing (with time and room), deadline."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="etapes")
    type = models.CharField(_("stage or event"), max_length=30, choices=enums.TypeEtape.choices)
    date = models.DateField(_("date"))
    heure = models.TimeField(pgettext_lazy("hearing", "time"), null=True, blank=True)
    lieu = models.CharField(
        _("court or place"), max_length=200, blank=True, help_text=_("Leave empty to use the court of the proceedings.")
    )
    salle = models.CharField(_("court room"), max_length=60, blank=True)
    precision = models.CharField(
        _("details"), max_length=300, blank=True, help_text=_("Short and factual; legal analysis goes in the notes.")
    )
    stade_apres = models.CharField(
        _("stage reached after this step"), max_length=30, choices=enums.Stade.choices, blank=True,
        help_text=_("Only when it is not what the step implies (e.g. as a history sheet states it)."),
    )  # fmt: skip
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords()
    objects = EtapeQuerySet.as_manager()

    # Hearings and deadlines are planned ahead; the other stages are recorded once they happened.
    regles_dates = {"date": Date(futur_si=("type", tuple(enums.ETAPES_PLANIFIEES)))}

    class Meta:
        verbose_name = _("stage or event")
        verbose_name_plural = _("stages and events")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["procedure", "date"]),
            models.Index(fields=["type", "date"]),
            models.Index(fields=["date"]),  # stages of a year (P_JUR)
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_type_display()}"

    def get_absolute_url(self):
        return self.procedure.get_absolute_url()

    def clean(self):
        if self.procedure_id is None:
            return
        type_procedure = self.procedure.type
        errors = {}
        if self.type and self.type not in {*enums.ETAPES_PAR_TYPE[type_procedure], *enums.GENERIQUES}:
            errors["type"] = _("This stage does not apply to this kind of proceedings.")
        if self.stade_apres and self.stade_apres not in enums.STADES_PAR_TYPE.get(type_procedure, []):
            errors["stade_apres"] = _("This stage does not apply to this kind of proceedings.")
        if errors:
            raise ValidationError(errors)

    @property
    def stade(self) -> str:
        """The stage the proceeding is at after this step ("" when the step does not move it)."""
        derive = enums.STADE_PAR_TYPE.get(self.procedure.type, {}).get(self.type, "")
        return self.stade_apres or derive

    @property
    def stade_libelle(self) -> str:
        return str(enums.Stade(self.stade).label) if self.stade else ""

    @property
    def est_audience(self) -> bool:
        return self.type in enums.AUDIENCES

    @property
    def lieu_affiche(self) -> str:
        return self.lieu or self.procedure.juridiction

    def debut(self) -> datetime.datetime | None:
        """Aware start time for timed events (hearings), None for all-day ones."""
        if self.heure is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(self.date, self.heure))


class Decision(Coherent, VersionedModel):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="decisions")
    date = models.DateField(_("date of the decision"))
    niveau = models.CharField(_("level"), max_length=1, choices=enums.NiveauDecision.choices)
    nature = models.CharField(_("outcome"), max_length=30, choices=enums.NatureDecision.choices)
    definitive = models.BooleanField(_("final (no further appeal)"), default=False)
    montant_demande = models.DecimalField(
        _("amount claimed (€)"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    montant_accorde = models.DecimalField(
        _("amount awarded (€)"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    montant_recouvre = models.DecimalField(
        _("amount recovered (€)"), max_digits=11, decimal_places=2, null=True, blank=True
    )
    precision = models.CharField(_("details"), max_length=300, blank=True, help_text=_("e.g. sentence handed down"))

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    regles_dates = {"date": Date(apres=("procedure.date_ouverture",))}

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date"])]  # decisions of a year (P_JUR, outcomes)

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_nature_display()}"

    def get_absolute_url(self):
        return self.procedure.get_absolute_url()

    def clean(self):
        for field in ("montant_demande", "montant_accorde", "montant_recouvre"):
            value = getattr(self, field)
            if value is not None and value < 0:
                raise ValidationError({field: _("An amount cannot be negative.")})


class TitreSejour(Coherent, VersionedModel):
    """A residence-permit application and its outcome; waiting time = decision date − application date."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="titres_sejour")
    procedure = models.ForeignKey(
        Procedure, on_delete=models.SET_NULL, null=True, blank=True, related_name="titres_sejour",
        verbose_name=_("related proceedings"),
    )  # fmt: skip
    type = models.CharField(_("kind of permit"), max_length=20, choices=enums.TypeTitre.choices)
    premier = models.BooleanField(_("first permit"), default=True, help_text=_("Untick for a renewal."))
    prefecture = models.CharField(_("prefecture"), max_length=100, blank=True)
    date_demande = models.DateField(_("application date"))
    date_decision = models.DateField(_("decision date"), null=True, blank=True)
    issue = models.CharField(
        _("outcome"), max_length=20, choices=enums.IssueTitre.choices, default=enums.IssueTitre.EN_ATTENTE
    )
    date_fin_validite = models.DateField(_("valid until"), null=True, blank=True)
    precision = models.CharField(_("details"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = TitreSejourQuerySet.as_manager()

    coherence_personne = "personne"
    regles_dates = {
        "date_demande": Date(pendant_suivi=True),
        "date_decision": Date(apres=("date_demande",)),
        "date_fin_validite": Date(passe=False, apres=("date_decision",)),
    }

    class Meta:
        verbose_name = _("residence permit")
        verbose_name_plural = _("residence permits")
        ordering = ["-date_demande", "pk"]
        # Requests filed or decided in a year (P_JUR, permits obtained).
        indexes = [models.Index(fields=["date_demande"]), models.Index(fields=["date_decision"])]

    def __str__(self):
        return f"{self.get_type_display()} {self.date_demande:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("juridique:titre_modifier", args=[self.pk])

    def clean(self):
        errors = {}
        if self.date_decision and self.issue == enums.IssueTitre.EN_ATTENTE:
            errors["issue"] = _("Give the outcome of the decision.")
        if not self.date_decision and self.issue in (enums.IssueTitre.ACCORDE, enums.IssueTitre.REFUSE):
            errors["date_decision"] = _("Give the date of the decision.")
        if self.date_fin_validite and self.issue != enums.IssueTitre.ACCORDE:
            errors["date_fin_validite"] = _("Only a granted permit has an end of validity.")
        if errors:
            raise ValidationError(errors)

    def attente_jours(self, today: datetime.date | None = None) -> int:
        """Days from application to decision, or to today while waiting."""
        fin = self.date_decision or today or timezone.localdate()
        return (fin - self.date_demande).days


def hash_cle(cle: str) -> str:
    return hashlib.sha256(cle.encode()).hexdigest()


class JetonAgenda(Coherent, models.Model):
    """A revocable secret giving read access to one user's calendar feed. Only its hash is stored."""

    utilisateur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jetons_agenda")
    libelle = models.CharField(_("label"), max_length=100, help_text=_("Where you use it, e.g. “work phone”."))
    cle_hash = models.CharField(max_length=64, unique=True, editable=False)
    debut_cle = models.CharField(_("start of the key"), max_length=8, editable=False)
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)
    revoque_le = models.DateTimeField(_("revoked on"), null=True, blank=True)
    dernier_acces = models.DateTimeField(_("last used"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["cle_hash", "dernier_acces"])
    objects = JetonAgendaQuerySet.as_manager()

    regles_dates = {"revoque_le": TECHNIQUE, "dernier_acces": TECHNIQUE}

    class Meta:
        verbose_name = _("calendar feed key")
        verbose_name_plural = _("calendar feed keys")
        ordering = ["-cree_le", "-pk"]

    def __str__(self):
        return f"{self.libelle} ({self.debut_cle}…)"

    @property
    def actif(self) -> bool:
        return self.revoque_le is None
