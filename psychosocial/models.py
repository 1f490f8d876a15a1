"""Psycho-social unit: shelter, housing/health/integration steps, aid, domiciliation and mail,
psychologist, collective activities. Every item belongs to a person and is signed by its author."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, ExpressionWrapper, Max, Q, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accompagnement.models import Personne
from comptes.coherence import Coherent, Date
from comptes.concurrency import VersionedModel
from comptes.permissions import ScopedQuerySet

from . import enums

# --- QuerySets ------------------------------------------------------------------------------


class PsychosocialQuerySet(ScopedQuerySet):
    permission_section = "psychosocial"

    def with_list_data(self):
        return self.select_related("personne", "auteur")

    def with_detail_data(self):
        return self.select_related("personne", "auteur")


def q_nuits_dans(debut: datetime.date, fin: datetime.date, prefix: str = "") -> Q:
    """Stays with at least one night between `debut` and `fin` (inclusive). A night belongs to
    the day it starts; an open stay counts from its entry up to today."""
    aujourd_hui = timezone.localdate()
    ouverts = Q(**{f"{prefix}date_sortie__isnull": True, f"{prefix}date_entree__lt": aujourd_hui})
    if aujourd_hui <= debut:  # a period still to come: open stays have no night in it yet
        ouverts = Q(pk__in=[])
    return Q(**{f"{prefix}date_entree__lte": fin}) & (Q(**{f"{prefix}date_sortie__gt": debut}) | ouverts)


class HebergementQuerySet(PsychosocialQuerySet):
    def en_cours(self, jour: datetime.date | None = None):
        """Stays under way on `jour` (entered, not yet left)."""
        jour = jour or timezone.localdate()
        return self.filter(date_entree__lte=jour).filter(Q(date_sortie__isnull=True) | Q(date_sortie__gt=jour))

    def chevauchant(self, debut: datetime.date, fin: datetime.date):
        return self.filter(q_nuits_dans(debut, fin))

    def avec_nuits(self, debut: datetime.date, fin: datetime.date):
        """Stays with nights in [debut, fin], annotated with `nuits` (a timedelta): nights are
        clipped to the period, so a stay across New Year is split between the two years."""
        return self.chevauchant(debut, fin).annotate(nuits=expression_nuits(debut, fin))


class DemarcheQuerySet(PsychosocialQuerySet):
    def ouvertes(self):
        return self.exclude(resultat__in=enums.RESULTATS_CLOS)


class DomiciliationQuerySet(PsychosocialQuerySet):
    def actives(self, jour: datetime.date | None = None):
        jour = jour or timezone.localdate()
        return self.filter(date_debut__lte=jour).filter(Q(date_fin__isnull=True) | Q(date_fin__gte=jour))


class PsyQuerySet(ScopedQuerySet):
    """Psychologist records: the psychologist only (section "psychosocial.psy")."""

    permission_section = "psychosocial.psy"

    def with_list_data(self):
        return self.select_related("personne", "auteur")

    def with_detail_data(self):
        return self.select_related("personne", "auteur")


class ActiviteQuerySet(ScopedQuerySet):
    permission_section = "psychosocial"

    def with_list_data(self):
        return self.select_related("auteur").annotate(nb_participants=Count("participations"))

    def with_detail_data(self):
        return self.select_related("auteur")


class AppartementQuerySet(ScopedQuerySet):
    permission_section = "psychosocial"


# --- Base -----------------------------------------------------------------------------------


class ElementPersonne(Coherent, VersionedModel):
    """Common fields: the person concerned, the author who signs the record, timestamps."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    commentaire = models.TextField(_("comment"), blank=True)
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modified on"), auto_now=True)

    class Meta:
        abstract = True


def expression_nuits(debut: datetime.date, fin: datetime.date):
    """Database expression of `nuits_entre` (portable: SQLite and PostgreSQL), a DurationField."""
    fin_sejour = Coalesce("date_sortie", Value(timezone.localdate()), output_field=models.DateField())
    borne_fin = Least(fin_sejour, Value(fin + datetime.timedelta(days=1)), output_field=models.DateField())
    borne_debut = Greatest("date_entree", Value(debut), output_field=models.DateField())
    return ExpressionWrapper(borne_fin - borne_debut, output_field=models.DurationField())


def nuits_entre(entree: datetime.date, sortie: datetime.date | None, debut: datetime.date, fin: datetime.date) -> int:
    """Nights of a stay falling between `debut` and `fin` inclusive (a night belongs to the day it starts).

    An open stay runs until today. Mirrors the aggregate used by the indicators.
    """
    fin_sejour = sortie or timezone.localdate()
    jours = (min(fin_sejour, fin + datetime.timedelta(days=1)) - max(entree, debut)).days
    return max(jours, 0)


# --- Shelter --------------------------------------------------------------------------------

SEJOUR_LONG_JOURS = 2 * 365  # a longer stay is possible but rare: the user confirms it


class Hebergement(ElementPersonne):
    """An emergency shelter stay. Nights run from the entry date to the exit date (exit day excluded)."""

    personne = models.ForeignKey(
        Personne, on_delete=models.CASCADE, related_name="hebergements_urgence", verbose_name=_("person")
    )
    dispositif = models.CharField(_("arrangement"), max_length=20, choices=enums.Dispositif.choices)
    date_entree = models.DateField(_("entry date"))
    date_sortie = models.DateField(_("exit date"), null=True, blank=True, help_text=_("Empty while the stay lasts."))
    nb_enfants = models.PositiveSmallIntegerField(_("accompanying children"), default=0)
    sortie_vers = models.CharField(_("moved on to"), max_length=20, choices=enums.SortieHebergement.choices, blank=True)

    history = HistoricalRecords()
    objects = HebergementQuerySet.as_manager()

    class Meta:
        verbose_name = _("shelter stay")
        verbose_name_plural = _("shelter stays")
        ordering = ["-date_entree", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_sortie__isnull=True) | Q(date_sortie__gte=models.F("date_entree")),
                name="hebergement_sortie_apres_entree",
            ),
        ]

    def __str__(self):
        return f"{self.get_dispositif_display()} {self.date_entree:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("psychosocial:hebergement_modifier", args=[self.pk])

    coherence_personne = "personne"
    regles_dates = {"date_entree": Date(pendant_suivi=True), "date_sortie": Date(apres=("date_entree",))}

    def avertissements(self) -> dict[str, str]:
        if self.date_entree and self.nuits > SEJOUR_LONG_JOURS:
            champ = "date_sortie" if self.date_sortie else "date_entree"
            message = _("This stay lasts more than two years (%(n)s nights): check the dates.")
            return {champ: message % {"n": self.nuits}}
        return {}

    def clean(self):
        errors = {}
        if self.sortie_vers and not self.date_sortie:
            errors["sortie_vers"] = _("Give the exit date first.")
        if errors:
            raise ValidationError(errors)

    def nuits_annee(self, annee: int) -> int:
        return nuits_entre(self.date_entree, self.date_sortie, datetime.date(annee, 1, 1), datetime.date(annee, 12, 31))

    @property
    def nuits(self) -> int:
        """Nights of the whole stay (so far, for a stay under way)."""
        return max(((self.date_sortie or timezone.localdate()) - self.date_entree).days, 0)


class Appartement(models.Model):
    """Capacity of one of the CCEM's emergency flats (a parameter, not a stay)."""

    dispositif = models.CharField(
        _("flat"), max_length=20, unique=True, choices=[(d.value, d.label) for d in enums.APPARTEMENTS]
    )
    places = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)

    history = HistoricalRecords()
    objects = AppartementQuerySet.as_manager()

    class Meta:
        verbose_name = _("CCEM emergency flat")
        verbose_name_plural = _("CCEM emergency flats")
        ordering = ["dispositif"]

    def __str__(self):
        return self.get_dispositif_display()


def appartements_du_ccem(queryset) -> list[Appartement]:
    """Both CCEM flats in a fixed order; a flat without its parameter row has no capacity yet."""
    existants = {a.dispositif: a for a in queryset}
    return [existants.get(d) or Appartement(dispositif=d) for d in enums.APPARTEMENTS]


# --- Steps ----------------------------------------------------------------------------------


class Demarche(ElementPersonne):
    """A housing, health-right or integration step: filed on a date, with an outcome."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="demarches", verbose_name=_("person"))
    type = models.CharField(_("kind of step"), max_length=20, choices=enums.TypeDemarche.choices)
    nature = models.CharField(
        _("new or renewal"), max_length=20, choices=enums.Nature.choices, blank=True,
        help_text=_("Health rights only."),
    )  # fmt: skip
    date_depot = models.DateField(_("filing / start date"))
    resultat = models.CharField(
        _("outcome"), max_length=20, choices=enums.Resultat.choices, default=enums.Resultat.EN_ATTENTE
    )
    date_resultat = models.DateField(_("outcome date"), null=True, blank=True)
    date_fin = models.DateField(
        _("end date"), null=True, blank=True,
        help_text=_("When the follow-up or the period ended (e.g. the end of a job-seeking period)."),
    )  # fmt: skip

    history = HistoricalRecords()
    objects = DemarcheQuerySet.as_manager()

    class Meta:
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        ordering = ["-date_depot", "pk"]
        # By date alone: the yearly figures select steps filed or concluded in a year.
        indexes = [
            models.Index(fields=["type", "date_depot"]),
            models.Index(fields=["date_depot"]),
            models.Index(fields=["date_resultat"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True) | Q(date_fin__gte=models.F("date_depot")),
                name="demarche_fin_apres_depot",
            ),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.date_depot:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("psychosocial:demarche_modifier", args=[self.pk])

    @property
    def domaine(self) -> str:
        return enums.DOMAINE_DES_TYPES[enums.TypeDemarche(self.type)]

    coherence_personne = "personne"
    regles_dates = {
        "date_depot": Date(pendant_suivi=True),
        "date_resultat": Date(apres=("date_depot",)),
        "date_fin": Date(apres=("date_depot",)),
    }

    def get_domaine_display(self):
        return enums.Domaine(self.domaine).label

    @property
    def en_attente(self) -> bool:
        return self.resultat not in enums.RESULTATS_CLOS

    def clean(self):
        errors = {}
        if self.type in enums.TYPES_AVEC_NATURE and not self.nature:
            errors["nature"] = _("Say whether it is a new application or a renewal.")
        if self.type and self.type not in enums.TYPES_AVEC_NATURE and self.nature:
            errors["nature"] = _("Only health-right applications are new or renewals.")
        if self.resultat != enums.Resultat.EN_ATTENTE and not self.date_resultat:
            errors["date_resultat"] = _("Give the date of the outcome.")
        if self.resultat == enums.Resultat.EN_ATTENTE and self.date_resultat:
            errors["date_resultat"] = _("A pending step has no outcome date yet.")
        if errors:
            raise ValidationError(errors)


# --- Financial aid --------------------------------------------------------------------------


class AideFinanciere(ElementPersonne):
    """An aid handover. Service vouchers are a quantity (nb_tickets), counted apart (INC-2)."""

    personne = models.ForeignKey(
        Personne, on_delete=models.CASCADE, related_name="aides_financieres", verbose_name=_("person")
    )
    date = models.DateField(_("date"))
    type = models.CharField(_("kind of aid"), max_length=20, choices=enums.TypeAide.choices)
    motif = models.CharField(
        _("reason (exceptional aid)"), max_length=20, choices=enums.MotifAideExceptionnelle.choices, blank=True
    )
    montant = models.DecimalField(_("amount (€)"), max_digits=8, decimal_places=2, null=True, blank=True)
    nb_tickets = models.PositiveSmallIntegerField(_("number of vouchers"), null=True, blank=True)
    primo_sortante = models.BooleanField(
        _("just out of exploitation (primo-sortante)"), default=False,
        help_text=_("Aid given right after the person left exploitation."),
    )  # fmt: skip

    history = HistoricalRecords()
    objects = PsychosocialQuerySet.as_manager()

    class Meta:
        verbose_name = _("financial aid")
        verbose_name_plural = _("financial aid")
        ordering = ["-date", "pk"]
        # The yearly figures; with the person, P_PSY reads a year's persons from the index alone.
        indexes = [models.Index(fields=["date", "personne"])]
        constraints = [
            models.CheckConstraint(condition=Q(montant__isnull=True) | Q(montant__gte=0), name="aide_montant_positif"),
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("psychosocial:aide_modifier", args=[self.pk])

    coherence_personne = "personne"
    regles_dates = {"date": Date(pendant_suivi=True)}

    def clean(self):
        errors = {}
        tickets = self.type == enums.TypeAide.TICKETS_SERVICES
        if tickets and not self.nb_tickets:
            errors["nb_tickets"] = _("Give the number of vouchers handed out.")
        if not tickets and self.nb_tickets:
            errors["nb_tickets"] = _("Only service vouchers are counted in vouchers.")
        if not tickets and self.montant is None:
            errors["montant"] = _("Give the amount.")
        if self.montant is not None and self.montant < 0:
            errors["montant"] = _("The amount cannot be negative.")
        if self.type == enums.TypeAide.EXCEPTIONNELLE and not self.motif:
            errors["motif"] = _("Give the reason for the exceptional aid.")
        if self.type and self.type != enums.TypeAide.EXCEPTIONNELLE and self.motif:
            errors["motif"] = _("A reason is only given for exceptional aid.")
        if errors:
            raise ValidationError(errors)


# --- Domiciliation and mail -----------------------------------------------------------------


class Domiciliation(ElementPersonne):
    """A postal domiciliation at the CCEM, from its start to its end (empty while active)."""

    personne = models.ForeignKey(
        Personne, on_delete=models.CASCADE, related_name="domiciliations", verbose_name=_("person")
    )
    date_debut = models.DateField(_("start"))
    date_echeance = models.DateField(_("renewal due"), null=True, blank=True)
    date_fin = models.DateField(_("end"), null=True, blank=True)

    history = HistoricalRecords()
    objects = DomiciliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("postal domiciliation")
        verbose_name_plural = _("postal domiciliations")
        ordering = ["-date_debut", "pk"]
        indexes = [models.Index(fields=["date_debut"])]  # the yearly figures
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True) | Q(date_fin__gte=models.F("date_debut")),
                name="domiciliation_fin_apres_debut",
            ),
        ]

    def __str__(self):
        return f"{self.personne.numero_dossier} {self.date_debut:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("psychosocial:domiciliation_modifier", args=[self.pk])

    coherence_personne = "personne"
    regles_dates = {
        "date_debut": Date(pendant_suivi=True),
        "date_echeance": Date(passe=False, apres=("date_debut",)),
        "date_fin": Date(apres=("date_debut",)),
    }


class PassageCourrier(Coherent, VersionedModel):
    """A mail-collection visit at the desk: who came, when, how many letters were handed over."""

    personne = models.ForeignKey(
        Personne, on_delete=models.CASCADE, related_name="passages_courrier", verbose_name=_("person")
    )
    date = models.DateField(_("date"))
    nb_courriers = models.PositiveSmallIntegerField(_("letters handed over"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PsychosocialQuerySet.as_manager()

    class Meta:
        verbose_name = _("mail-collection visit")
        verbose_name_plural = _("mail-collection visits")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date", "personne"])]  # as AideFinanciere's

    coherence_personne = "personne"
    regles_dates = {"date": Date()}

    def __str__(self):
        return f"{self.personne.numero_dossier} {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("psychosocial:passage_modifier", args=[self.pk])


# --- Psychologist ---------------------------------------------------------------------------


class ConsultationPsy(ElementPersonne):
    """A consultation with the psychologist. Its content is for the psychologist only."""

    personne = models.ForeignKey(
        Personne, on_delete=models.CASCADE, related_name="consultations_psy", verbose_name=_("person")
    )
    date = models.DateField(_("date"))
    type = models.CharField(_("kind of consultation"), max_length=20, choices=enums.TypeConsultation.choices)
    lien_juridique = models.BooleanField(
        _("linked to a legal proceeding"), default=False, help_text=_("Court, OFPRA, CNDA, compensation…")
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = PsyQuerySet.as_manager()

    class Meta:
        verbose_name = _("psychological consultation")
        verbose_name_plural = _("psychological consultations")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date", "personne"])]  # as AideFinanciere's

    def __str__(self):
        return f"{self.get_type_display()} {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("psychosocial:consultation", args=[self.pk])

    coherence_personne = "personne"
    regles_dates = {"date": Date(pendant_suivi=True)}

    @classmethod
    def existence_par_personne(cls, personnes) -> dict[int, dict]:
        """What non-psychologists may know: a follow-up exists, how many, when last. No content."""
        rows = (
            cls._default_manager.filter(personne__in=personnes)
            .values("personne")
            .annotate(nombre=Count("pk"), derniere=Max("date"))
            .order_by()
        )
        return {r["personne"]: r for r in rows}


class OrientationSoins(ElementPersonne):
    """A referral by the psychologist to outside care (mental health, physical care)."""

    personne = models.ForeignKey(
        Personne, on_delete=models.CASCADE, related_name="orientations_soins", verbose_name=_("person")
    )
    date = models.DateField(_("date"))
    type = models.CharField(
        _("kind of care"), max_length=20, choices=enums.TypeOrientation.choices,
        default=enums.TypeOrientation.SANTE_MENTALE,
    )  # fmt: skip
    structure = models.CharField(_("care service"), max_length=200, blank=True)

    history = HistoricalRecords()
    objects = PsyQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral to care")
        verbose_name_plural = _("referrals to care")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date"])]  # the yearly figures

    def __str__(self):
        return f"{self.get_type_display()} {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("psychosocial:orientation_modifier", args=[self.pk])

    coherence_personne = "personne"
    regles_dates = {"date": Date(pendant_suivi=True)}


# --- Collective activities ------------------------------------------------------------------


class Activite(Coherent, VersionedModel):
    """A workshop, social & cultural outing or CVA meeting, with the persons who attended."""

    date = models.DateField(_("date"))
    type = models.CharField(_("kind of activity"), max_length=20, choices=enums.TypeActivite.choices)
    theme = models.CharField(_("theme"), max_length=20, choices=enums.Theme.choices)
    intitule = models.CharField(_("title"), max_length=200)
    nb_accompagnants = models.PositiveSmallIntegerField(
        _("other attendees (children…)"), default=0,
        help_text=_("People attending who are not in the file active, e.g. children. Not counted as persons."),
    )  # fmt: skip
    pole = models.CharField(
        _("unit that ran it"), max_length=20, choices=enums.PoleActivite.choices, blank=True,
        help_text=_("Empty for activities recorded before the field existed."),
    )  # fmt: skip
    nb_classes = models.PositiveSmallIntegerField(
        _("number of school classes"), default=0, help_text=_("Testimonies in schools only.")
    )
    participants = models.ManyToManyField(
        Personne, through="Participation", related_name="activites_psychosociales", verbose_name=_("participants")
    )
    commentaire = models.TextField(_("comment"), blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modified on"), auto_now=True)

    history = HistoricalRecords()
    objects = ActiviteQuerySet.as_manager()

    class Meta:
        verbose_name = _("collective activity")
        verbose_name_plural = _("collective activities")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.intitule} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("psychosocial:activite", args=[self.pk])

    # Workshops are announced ahead (the unit's page lists those to come), so the future is allowed.
    regles_dates = {"date": Date(passe=False)}

    def clean(self):
        if self.nb_classes and self.type != enums.TypeActivite.INTERVENTION_SCOLAIRE_CVA:
            raise ValidationError({"nb_classes": _("Classes are only given for a testimony in a school.")})


class Participation(models.Model):
    activite = models.ForeignKey(Activite, on_delete=models.CASCADE, related_name="participations")
    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="participations_activites")
    enfant = models.BooleanField(
        _("child"), default=False,
        help_text=_("A child attending: counted in the attendances, not among the persons of the file."),
    )  # fmt: skip

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["activite", "personne"], name="participation_unique")]

    def __str__(self):
        return f"{self.personne.numero_dossier} – {self.activite}"


def elements_psychosociaux(debut: datetime.date, fin: datetime.date) -> list:
    """The psycho-social records dated between `debut` and `fin`, one queryset per kind (P_PSY)."""
    return [
        Hebergement.objects.chevauchant(debut, fin),
        Demarche.objects.filter(date_depot__range=(debut, fin)),
        Demarche.objects.filter(date_resultat__range=(debut, fin)),
        AideFinanciere.objects.filter(date__range=(debut, fin)),
        Domiciliation.objects.filter(date_debut__range=(debut, fin)),
        PassageCourrier.objects.filter(date__range=(debut, fin)),
        ConsultationPsy.objects.filter(date__range=(debut, fin)),
        OrientationSoins.objects.filter(date__range=(debut, fin)),
        Participation.objects.filter(activite__date__range=(debut, fin)),
    ]
