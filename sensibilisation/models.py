"""Awareness and training: interventions for outside audiences and the CCEM's own events."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from accompagnement.models import cle_recherche
from ccem.referentiels import DEPARTEMENT_CHOICES, DEPARTEMENTS
from comptes.coherence import Coherent, Date, Historique, Requis
from comptes.concurrency import VersionedModel
from comptes.permissions import ScopedQuerySet

from . import enums


@dataclass(frozen=True)
class Categorie:
    """A participant category: the count field, its code in breakdown B30, and how the report groups it."""

    champ: str
    code: str
    label: str
    professionnel: bool
    service_enquete: bool = False


# The order of the report (B30). Professionals first, then pupils and the general public.
CATEGORIES = [
    Categorie("nb_inspection_travail", "inspection_travail", _("Labour Inspectorate"), True, True),
    Categorie("nb_gendarmerie", "gendarmerie", _("Gendarmerie"), True, True),
    Categorie("nb_police", "police", _("Police / OCLTI"), True, True),
    Categorie("nb_professionnels_droit", "professionnels_droit", _("Legal professionals (lawyers, judges)"), True),
    Categorie("nb_travailleurs_sociaux", "travailleurs_sociaux", _("Social workers"), True),
    Categorie("nb_professionnels_sante", "professionnels_sante", _("Health professionals"), True),
    Categorie("nb_autres_professionnels", "autres_professionnels", _("Other professionals"), True),
    Categorie("nb_eleves", "eleves", _("Pupils"), False),
    Categorie("nb_grand_public", "grand_public", _("General public"), False),
    Categorie("nb_public_non_precise", "inconnu", _("Audience not specified"), False),
]
CHAMPS_PARTICIPANTS = [c.champ for c in CATEGORIES]
PARIS = "75"


def somme(champs) -> F:
    """An expression adding count fields, for annotations and aggregates."""
    expression = None
    for champ in champs:
        expression = F(champ) if expression is None else expression + F(champ)
    return expression


TOTAL_PARTICIPANTS = somme(CHAMPS_PARTICIPANTS)
TOTAL_PROFESSIONNELS = somme(c.champ for c in CATEGORIES if c.professionnel)


def lieu_clean(instance):
    """A place is either a French département or a foreign country, never both nor neither."""
    if bool(instance.departement) == bool(instance.pays):
        raise ValidationError(
            {"departement": _("Give either a département (in France) or a country (abroad), not both.")}
        )
    if instance.pays and instance.pays.code == "FR":
        raise ValidationError({"pays": _("For a place in France, choose its département instead.")})


def lieu_str(instance) -> str:
    if instance.pays:
        return ", ".join(p for p in (instance.commune, instance.pays.name) if p)
    if not instance.departement:
        return instance.commune
    nom = DEPARTEMENTS.get(instance.departement, "")
    return f"{instance.commune or nom} ({instance.departement})"


# --- QuerySets ------------------------------------------------------------------------------


class InterventionQuerySet(ScopedQuerySet):
    permission_section = "sensibilisation"

    def realisees(self):
        return self.filter(statut=enums.Statut.REALISEE)

    def de_l_annee(self, annee: int):
        return self.filter(date__year=annee)

    def a_venir(self, aujourd_hui):
        return self.filter(statut=enums.Statut.PREVUE, date__gte=aujourd_hui)

    def avec_totaux(self):
        return self.annotate(total_participants=TOTAL_PARTICIPANTS, total_professionnels=TOTAL_PROFESSIONNELS)

    def pour_liste(self):
        """What the list and the planning show, in a fixed number of queries."""
        return self.avec_totaux().prefetch_related("animateurs")

    def recherche(self, terme: str):
        return self.filter(cle_recherche__contains=cle_recherche(terme))

    def with_detail_data(self):
        # The witnesses are persons supported: the page loads them only for those who may see them.
        return self.select_related("cree_par").prefetch_related("animateurs", "materiels")


class EvenementQuerySet(ScopedQuerySet):
    permission_section = "sensibilisation"


# --- Models ---------------------------------------------------------------------------------

# A planned (or cancelled) session may be dated ahead; a held one cannot be in the future.
A_VENIR = (enums.Statut.PREVUE, enums.Statut.ANNULEE)


class Intervention(Coherent, Historique, VersionedModel):
    """A session given by the CCEM to an outside audience at someone's request (counted in the report)."""

    date = models.DateField(_("date"))
    titre = models.CharField(_("title"), max_length=200)
    type = models.CharField(_("kind"), max_length=20, choices=enums.TypeIntervention.choices, blank=True)
    statut = models.CharField(_("status"), max_length=10, choices=enums.Statut.choices, default=enums.Statut.PREVUE)
    organisme = models.CharField(_("requesting organisation"), max_length=200, blank=True)
    type_organisme = models.CharField(
        _("type of organisation"), max_length=30, choices=enums.TypeOrganisme.choices, blank=True
    )
    commune = models.CharField(_("town"), max_length=120, blank=True)
    departement = models.CharField(_("département"), max_length=3, choices=DEPARTEMENT_CHOICES, blank=True)
    pays = CountryField(_("country (abroad)"), blank=True)
    modalite = models.CharField(
        _("format"), max_length=10, choices=enums.Modalite.choices, default=enums.Modalite.PRESENTIEL
    )
    duree_heures = models.DecimalField(
        _("duration (hours)"), max_digits=4, decimal_places=1, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    animateurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff facilitators"), blank=True, related_name="interventions"
    )
    nb_benevoles = models.PositiveSmallIntegerField(_("volunteer facilitators"), default=0)
    temoins = models.ManyToManyField(
        "accompagnement.Personne",
        verbose_name=_("persons supported who testified"),
        blank=True,
        related_name="temoignages",
    )
    nb_inspection_travail = models.PositiveIntegerField(_("Labour Inspectorate"), default=0)
    nb_gendarmerie = models.PositiveIntegerField(_("Gendarmerie"), default=0)
    nb_police = models.PositiveIntegerField(_("Police / OCLTI"), default=0)
    nb_professionnels_droit = models.PositiveIntegerField(_("legal professionals (lawyers, judges)"), default=0)
    nb_travailleurs_sociaux = models.PositiveIntegerField(_("social workers"), default=0)
    nb_professionnels_sante = models.PositiveIntegerField(_("health professionals"), default=0)
    nb_autres_professionnels = models.PositiveIntegerField(_("other professionals"), default=0)
    nb_eleves = models.PositiveIntegerField(_("pupils"), default=0)
    nb_classes = models.PositiveSmallIntegerField(_("number of classes"), default=0)
    nb_grand_public = models.PositiveIntegerField(_("general public"), default=0)
    nb_public_non_precise = models.PositiveIntegerField(
        _("audience not specified"),
        default=0,
        help_text=_("Participants whose audience is not known (e.g. only a total was given)."),
    )
    notes = models.TextField(_("notes"), blank=True)
    cle_recherche = models.CharField(max_length=700, editable=False, db_index=True, default="")
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords(excluded_fields=["cle_recherche"], m2m_fields=[animateurs, temoins])
    objects = InterventionQuerySet.as_manager()

    regles_dates = {"date": Date(futur_si=("statut", A_VENIR))}
    regles_requis = {"type": Requis(), "organisme": Requis()}  # history may lack them (coherence.Historique)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nb_classes=0) | Q(nb_eleves__gt=0), name="sensibilisation_classes_avec_eleves"
            ),
        ]

    def __str__(self):
        return f"{self.titre} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("sensibilisation:detail", args=[self.pk])

    @property
    def lieu(self) -> str:
        return lieu_str(self)

    @property
    def a_l_etranger(self) -> bool:
        return bool(self.pays)

    @property
    def participants(self) -> int:
        return sum(getattr(self, champ) for champ in CHAMPS_PARTICIPANTS)

    @property
    def professionnels(self) -> int:
        return sum(getattr(self, c.champ) for c in CATEGORIES if c.professionnel)

    def repartition(self) -> list[tuple[Categorie, int]]:
        return [(c, getattr(self, c.champ)) for c in CATEGORIES]

    def clean(self):
        lieu_clean(self)
        if self.nb_classes and not self.nb_eleves:
            raise ValidationError({"nb_classes": _("Classes can only be given with a number of pupils.")})

    def save(self, *args, **kwargs):
        # Derived search key, kept in step with the texts (the demo generator calls it too).
        self.cle_recherche = self.calculer_cle()
        super().save(*args, **kwargs)

    def calculer_cle(self) -> str:
        return cle_recherche(self.titre, self.organisme, self.commune, DEPARTEMENTS.get(self.departement, ""))


class MaterielRemis(models.Model):
    """Material handed out during an intervention (e.g. 40 prevention brochures in Tagalog)."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="materiels")
    support = models.CharField(_("material"), max_length=20, choices=enums.Support.choices)
    langue = models.CharField(_("language"), max_length=10, choices=enums.Langue.choices, blank=True)
    quantite = models.PositiveIntegerField(_("quantity"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("material handed out")
        verbose_name_plural = _("material handed out")
        ordering = ["intervention", "support", "langue", "pk"]

    def __str__(self):
        langue = f" ({self.get_langue_display()})" if self.langue else ""
        return f"{self.quantite} × {self.get_support_display()}{langue}"


class Evenement(Coherent, VersionedModel):
    """An event the CCEM organises itself (symposium, open day…): kept apart from interventions,
    so that its audience does not inflate the interventions' participants in the report."""

    date = models.DateField(_("date"))
    titre = models.CharField(_("title"), max_length=200)
    type = models.CharField(_("kind of event"), max_length=20, choices=enums.TypeEvenement.choices)
    statut = models.CharField(_("status"), max_length=10, choices=enums.Statut.choices, default=enums.Statut.PREVUE)
    commune = models.CharField(_("town"), max_length=120, blank=True)
    departement = models.CharField(_("département"), max_length=3, choices=DEPARTEMENT_CHOICES, blank=True)
    pays = CountryField(_("country (abroad)"), blank=True)
    nb_participants = models.PositiveIntegerField(_("participants"), default=0)
    nb_personnes_accompagnees = models.PositiveIntegerField(
        _("persons supported present"), default=0, help_text=_("Not counting those who spoke.")
    )
    partenaires = models.CharField(_("partners"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords()
    objects = EvenementQuerySet.as_manager()

    regles_dates = {"date": Date(futur_si=("statut", A_VENIR))}

    class Meta:
        verbose_name = _("CCEM event")
        verbose_name_plural = _("CCEM events")
        ordering = ["-date", "pk"]

    def __str__(self):
        return f"{self.titre} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("sensibilisation:evenement_modifier", args=[self.pk])

    @property
    def lieu(self) -> str:
        return lieu_str(self)

    def clean(self):
        lieu_clean(self)
