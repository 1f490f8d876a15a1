"""The file active: persons supported, their support periods, cases, exploitation, journal."""

import datetime
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Func, Prefetch, Q, Value
from django.db.models.functions import Replace
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ccem.referentiels import DEPARTEMENT_CHOICES
from comptes.coherence import TECHNIQUE, Coherent, Date, Historique, Requis
from comptes.concurrency import VersionedModel
from comptes.permissions import ScopedQuerySet, can

from . import enums


def cle_recherche(*parts: str) -> str:
    """Accent- and case-insensitive search key, identical on SQLite and PostgreSQL."""
    text = " ".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def mots_recherche(terme: str) -> list[str]:
    """The words of a search, as search keys: "OUÉDRAOGO Awa" -> ["ouedraogo", "awa"] (any order).
    Words under three letters are left out when a longer one remains ("Marie de Jésus"): no trigram
    index can find them, and the longer words narrow enough."""
    mots = cle_recherche(terme).split()
    return [mot for mot in mots if len(mot) >= 3] or mots


TELEPHONE_SAISI = re.compile(r"^[\d\s.+\-/()]+$")


def chiffres_telephone(telephone: str) -> str:
    """The last 9 digits of a phone number (ignores +33 / 0 prefixes and spaces); "" under 6 digits."""
    digits = re.sub(r"\D", "", telephone or "")
    return digits[-9:] if len(digits) >= 6 else ""


def telephone_sans_separateurs(champ: str = "telephone"):
    """The phone column without spaces, dots, dashes and slashes. The PostgreSQL trigram index of
    migration 0007 is built on this very expression, so searches by phone use it."""
    expression = F(champ)
    for sep in (" ", ".", "-", "/"):
        expression = Replace(expression, Value(sep), Value(""))
    return expression


class SansAccents(Func):
    """Lower case without accents, as `cle_recherche()` writes keys: `ccem_unaccent`, on PostgreSQL the
    immutable SQL function of migration 0007 (indexed by trigrams), on SQLite `cle_recherche()` itself
    (registered on each connection by `accompagnement.trigrammes.sqlite_unaccent`)."""

    template = "LOWER(ccem_unaccent(%(expressions)s))"
    output_field = models.TextField()


def filtre_sans_accents(queryset, champs: list[str], terme: str, ou: Q | None = None):
    """`queryset` narrowed to rows where one of the text `champs` holds every word of `terme`, whatever
    the accents (trigram-indexed on PostgreSQL); `ou`: other conditions, any of which is enough."""
    mots = mots_recherche(terme)
    filtre = ou or Q(pk__in=[])
    if mots:
        for champ in champs:
            filtre |= Q(*[Q(**{f"{champ}_cle__contains": mot}) for mot in mots])
    return queryset.alias(**{f"{champ}_cle": SansAccents(champ) for champ in champs}).filter(filtre)


def filtre_mots(champ: str, terme: str) -> Q:
    """Every word of `terme` appears in the stored key `champ` (an empty Q matches nothing)."""
    mots = mots_recherche(terme)
    return Q(*[Q(**{f"{champ}__contains": mot}) for mot in mots]) if mots else Q(pk__in=[])


# --- QuerySets ------------------------------------------------------------------------------


class PersonneQuerySet(ScopedQuerySet):
    permission_section = "accompagnement"

    def recherche(self, terme: str):
        """Names, birth name and alias in any order and any accents, file number, or phone in any
        spacing ("06 12 34 56 78", "0612345678", "+33 6…"). Each condition has its trigram index
        on PostgreSQL (migration 0007)."""
        terme = terme.strip()
        if not terme:
            return self.none()
        if tel := chiffres_telephone(terme) if TELEPHONE_SAISI.match(terme) else "":
            # Digits are not looked for in names ("06", "12"… would match nearly everyone, unindexed).
            return self.alias(telephone_chiffres=telephone_sans_separateurs()).filter(
                Q(numero_dossier__icontains=terme) | Q(telephone_chiffres__contains=tel)
            )
        return self.filter(filtre_mots("cle_recherche", terme) | Q(numero_dossier__icontains=terme))

    def with_periodes(self):
        """The support periods with their referents, newest first (list and person page)."""
        return self.prefetch_related(
            Prefetch(
                "accompagnements",
                queryset=Accompagnement.objects.select_related(
                    "referent_accueil", "referent_psychosocial", "referent_juridique", "signalement"
                ).order_by("-date_debut", "-pk"),
            )
        )

    def with_detail_data(self, viewer):
        """What the person page shows, in a fixed number of queries; `viewer` narrows the sealed follow-ups."""
        # The reports' model is reached through the relation: signalements imports this app, not the reverse.
        PersonneSignalee = self.model._meta.get_field("signalements_lies").related_model
        return (
            self.with_periodes()
            .select_related("cree_par")
            .prefetch_related(
                Prefetch(
                    "exploitations",
                    queryset=Exploitation.objects.select_related("affaire").prefetch_related(
                        Prefetch("lieux", queryset=LieuExploitation.objects.order_by("pk")),
                        Prefetch("evenements", queryset=EvenementTraite.objects.order_by("date_debut", "pk")),
                    ),
                ),
                Prefetch(
                    "consentements_transfert",
                    queryset=ConsentementTransfert.objects.select_related("recueilli_par").order_by(
                        "-date_consentement", "-pk"
                    ),
                ),
                Prefetch("suivis", queryset=Suivi.objects.visible_to(viewer).select_related("referent")),
                Prefetch(
                    "signalements_lies",
                    queryset=PersonneSignalee.objects.select_related("signalement").order_by(
                        "-signalement__date_reception"
                    ),
                ),
            )
        )


class AffaireQuerySet(ScopedQuerySet):
    permission_section = "accompagnement"

    def recherche(self, terme: str):
        """Reference or title (accent-insensitive)."""
        terme = terme.strip()
        if not terme:
            return self.none()
        champs = [] if TELEPHONE_SAISI.match(terme) else ["intitule"]  # digits: a reference, not a title
        return filtre_sans_accents(self, champs, terme, ou=Q(reference__icontains=terme))


def periode_chevauchant(annee: int) -> Q:
    """Q on Accompagnement: the support period overlaps year N (P_FA's rule)."""
    return Q(date_debut__year__lte=annee) & (Q(date_cloture__isnull=True) | Q(date_cloture__year__gte=annee))


class AccompagnementQuerySet(ScopedQuerySet):
    permission_section = "accompagnement"

    def chevauchant(self, annee: int):
        """Support periods overlapping year N (started by 31/12/N, not closed before 01/01/N)."""
        return self.filter(periode_chevauchant(annee))

    def ouverts(self):
        return self.filter(date_cloture__isnull=True)

    def du_referent(self, user):
        """Periods where `user` is one of the three referents (reception, psycho-social, legal)."""
        return self.filter(Q(referent_accueil=user) | Q(referent_psychosocial=user) | Q(referent_juridique=user))

    def with_detail_data(self):
        return self.select_related("personne")


class SuiviQuerySet(ScopedQuerySet):
    permission_section = "accompagnement"

    def visible_to(self, user):
        """A follow-up by the psychologist reveals health data: only for "psychosocial.psy.existence"."""
        qs = super().visible_to(user)
        return qs if can(user, "psychosocial.psy.existence") else qs.exclude(pole=enums.Pole.PSY)

    def chevauchant(self, annee: int):
        return self.filter(date_debut__year__lte=annee).filter(Q(date_fin__isnull=True) | Q(date_fin__year__gte=annee))

    def with_detail_data(self):
        return self.select_related("personne")


class ExploitationQuerySet(ScopedQuerySet):
    permission_section = "accompagnement"

    def with_detail_data(self):
        return self.select_related("personne")


class EntreeJournalQuerySet(ScopedQuerySet):
    permission_section = "accompagnement"

    def visible_to(self, user):
        """General entries for case staff; psychologist and legal entries per their own rule."""
        qs = super().visible_to(user)
        if not can(user, "journal.psy"):
            qs = qs.exclude(pole=enums.Pole.PSY)
        if not can(user, "journal.juridique"):
            qs = qs.exclude(pole=enums.Pole.JURIDIQUE)
        return qs

    def with_detail_data(self):
        return self.select_related("personne")


# --- Models ---------------------------------------------------------------------------------


class Personne(Coherent, VersionedModel):
    numero_dossier = models.CharField(_("file number"), max_length=20, unique=True)
    nom = models.CharField(_("last name"), max_length=150)
    prenom = models.CharField(_("first name"), max_length=150, blank=True)
    nom_usage = models.CharField(_("used name / alias"), max_length=150, blank=True)
    sexe = models.CharField(_("sex"), max_length=1, choices=enums.Sexe.choices, blank=True)
    date_naissance = models.DateField(_("date of birth"), null=True, blank=True)
    annee_naissance = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, help_text=_("When only the year is known.")
    )
    nationalite = CountryField(_("nationality / country of origin"), blank=True)
    langues = models.CharField(_("languages spoken"), max_length=200, blank=True)
    interprete = models.BooleanField(_("interpreter needed"), default=False)
    telephone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    adresse = models.TextField(_("address / how to reach"), blank=True)
    type_visa_entree = models.CharField(
        _("visa at entry into France"), max_length=20, choices=enums.TypeVisa.choices, blank=True
    )
    date_deces = models.DateField(_("date of death"), null=True, blank=True)
    membre_cva = models.BooleanField(_("member of the CVA (association life committee)"), default=False)
    # Situation at intake and identification (national survey, CTDC, HTCDS); None = not recorded.
    statut_admin_accueil = models.CharField(
        _("administrative status at intake"), max_length=20, choices=enums.StatutAdministratif.choices, blank=True
    )
    mna = models.BooleanField(_("unaccompanied minor at intake"), null=True, blank=True)
    ase = models.BooleanField(_("placed with child welfare (ASE)"), null=True, blank=True)
    addiction = models.BooleanField(_("addiction detected"), null=True, blank=True)
    poursuivie = models.BooleanField(_("also prosecuted as an offender"), null=True, blank=True)
    hors_exploitation_accueil = models.BooleanField(_("out of exploitation at intake"), null=True, blank=True)
    identification_statut = models.CharField(
        _("identification status"), max_length=20, choices=enums.StatutIdentification.choices, blank=True
    )
    identifie_par = models.CharField(
        _("identified by"), max_length=30, choices=enums.Identificateur.choices, blank=True
    )
    anonymise_le = models.DateTimeField(_("anonymised on"), null=True, blank=True, editable=False)
    cle_recherche = models.CharField(max_length=500, editable=False, db_index=True, default="")
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    history = HistoricalRecords(excluded_fields=["cle_recherche"])
    objects = PersonneQuerySet.as_manager()

    # Identity facts: a birth (or death) may precede the CCEM's founding.
    regles_dates = {
        "date_naissance": Date(depuis_1994=False, naissance=False),
        "date_deces": Date(depuis_1994=False, naissance=False, apres=("date_naissance",)),
        "anonymise_le": TECHNIQUE,
    }

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["nom", "prenom", "pk"]
        indexes = [
            models.Index(fields=["nom", "prenom", "id"], name="personne_ordre_liste"),
            # The few CVA members (the CVA figures), without reading every person.
            models.Index(fields=["id"], condition=Q(membre_cva=True), name="personne_membres_cva"),
        ]

    def __str__(self):
        nom = f"{self.nom.upper()} {self.prenom}".strip()
        return f"{nom} ({self.numero_dossier})"

    def get_absolute_url(self):
        return reverse("accompagnement:personne", args=[self.pk])

    def clean(self):
        if self.date_naissance and self.annee_naissance and self.date_naissance.year != self.annee_naissance:
            raise ValidationError({"annee_naissance": _("The year of birth does not match the date of birth.")})

    def save(self, *args, **kwargs):
        # Derived search key, kept in step with the names (bulk writers call cle_recherche() too).
        self.cle_recherche = cle_recherche(self.nom, self.prenom, self.nom_usage)
        if self.date_naissance:
            self.annee_naissance = self.date_naissance.year
        super().save(*args, **kwargs)

    def age_a(self, date) -> int | None:
        """Age in completed years at `date`; from the year alone when only the year is known."""
        if date is None:
            return None
        if self.date_naissance:
            born = self.date_naissance
            return date.year - born.year - ((date.month, date.day) < (born.month, born.day))
        if self.annee_naissance:
            return date.year - self.annee_naissance
        return None


class Affaire(Coherent, Historique, VersionedModel):
    """A case: the persons exploited in the same situation (collective cases hold 100+ persons)."""

    reference = models.CharField(_("case reference"), max_length=20, unique=True)
    intitule = models.CharField(_("title"), max_length=200, help_text=_("A neutral title, never a name."))
    date_ouverture = models.DateField(_("case opened on"), null=True, blank=True)
    source = models.CharField(
        _("source of the case"), max_length=30, choices=enums.SourceAffaire.choices, blank=True,
        help_text=_("Who brought the situation to the CCEM (for a case recorded without a report)."),
    )  # fmt: skip
    collective = models.BooleanField(
        _("collective case"), default=False, help_text=_("Several persons exploited in the same situation.")
    )
    type_exploiteur = models.CharField(
        _("type of exploiter"), max_length=20, choices=enums.TypeExploiteur.choices, blank=True
    )
    # Visible to the legal unit and Direction only (section "accompagnement.exploiteur").
    exploiteur_details = models.TextField(_("exploiter details"), blank=True)
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)

    history = HistoricalRecords()
    objects = AffaireQuerySet.as_manager()

    regles_dates = {"date_ouverture": Date()}
    regles_requis = {"type_exploiteur": Requis()}  # history may lack it (comptes.coherence.Historique)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-reference", "pk"]

    def __str__(self):
        return f"{self.reference} – {self.intitule}"

    def get_absolute_url(self):
        return reverse("accompagnement:affaire", args=[self.pk])


class Accompagnement(Coherent, VersionedModel):
    """A support period. A person's file can be closed and re-opened: one row per period."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="accompagnements")
    date_debut = models.DateField(_("start of support"))
    date_cloture = models.DateField(_("closing date"), null=True, blank=True)
    motif_cloture = models.CharField(_("closing reason"), max_length=20, choices=enums.MotifCloture.choices, blank=True)
    motif_cloture_precision = models.CharField(_("closing reason, details"), max_length=200, blank=True)
    referent_accueil = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("referent, reception"),
    )  # fmt: skip
    referent_psychosocial = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("referent, psycho-social unit"),
    )  # fmt: skip
    referent_juridique = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("referent, legal unit"),
    )  # fmt: skip
    # The report this support period came from (none for files opened before the app, or re-opened).
    signalement = models.ForeignKey(
        "signalements.Signalement", models.SET_NULL, null=True, blank=True, related_name="accompagnements",
        verbose_name=_("report"),
    )  # fmt: skip

    history = HistoricalRecords()
    objects = AccompagnementQuerySet.as_manager()

    coherence_personne = "personne"
    regles_dates = {"date_debut": Date(), "date_cloture": Date(apres=("date_debut",))}

    class Meta:
        verbose_name = _("support period")
        verbose_name_plural = _("support periods")
        ordering = ["-date_debut", "pk"]
        indexes = [models.Index(fields=["date_debut"])]  # periods opened in a year (P_NEW)
        constraints = [
            models.CheckConstraint(
                condition=Q(date_cloture__isnull=True) | Q(date_cloture__gte=models.F("date_debut")),
                name="accompagnement_cloture_apres_debut",
            ),
        ]

    def __str__(self):
        return f"{self.personne.numero_dossier} {self.date_debut:%d/%m/%Y}"

    def get_absolute_url(self):
        return self.personne.get_absolute_url()

    def clean(self):
        if self.date_cloture and not self.motif_cloture:
            raise ValidationError({"motif_cloture": _("Give the reason for closing the file.")})


class Suivi(Coherent, VersionedModel):
    """Follow-up of a person by one unit (P_PSY / P_JUR count these, with the units' activities)."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="suivis")
    pole = models.CharField(_("unit"), max_length=20, choices=enums.Pole.choices)
    date_debut = models.DateField(_("start"))
    date_fin = models.DateField(_("end"), null=True, blank=True)
    referent = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("referent")
    )

    history = HistoricalRecords()
    objects = SuiviQuerySet.as_manager()

    coherence_personne = "personne"
    regles_dates = {"date_debut": Date(), "date_fin": Date(apres=("date_debut",))}

    class Meta:
        verbose_name = _("unit follow-up")
        verbose_name_plural = _("unit follow-ups")
        ordering = ["-date_debut", "pk"]

    def __str__(self):
        return f"{self.get_pole_display()} {self.date_debut:%d/%m/%Y}"


class Exploitation(Coherent, VersionedModel):
    """Exploitation profile of one person within a case."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="exploitations")
    affaire = models.ForeignKey(
        Affaire, on_delete=models.PROTECT, null=True, blank=True, related_name="exploitations", verbose_name=_("case")
    )
    date_debut = models.DateField(_("start of exploitation"), null=True, blank=True)
    date_fin = models.DateField(_("end of exploitation"), null=True, blank=True)
    # The exploitation the person's profile figures read (one per person at most); without one, the latest.
    principale = models.BooleanField(_("main exploitation"), default=False)
    secteur = models.CharField(_("sector"), max_length=30, choices=enums.Secteur.choices, blank=True)
    heures_par_jour = models.DecimalField(_("hours per day"), max_digits=4, decimal_places=1, null=True, blank=True)
    jours_par_semaine = models.PositiveSmallIntegerField(_("days per week"), null=True, blank=True)
    remuneration_mensuelle_eur = models.DecimalField(
        _("monthly pay (€)"), max_digits=8, decimal_places=2, null=True, blank=True, help_text=_("0 = no pay at all.")
    )
    hebergement = models.CharField(
        _("housing during exploitation"), max_length=30, choices=enums.Hebergement.choices, blank=True
    )
    # Two facts a sheet may give apart from the kind of housing (None = not recorded).
    hebergement_par_exploiteur = models.BooleanField(_("housed by the exploiter"), null=True, blank=True)
    loge_sur_lieu = models.BooleanField(_("housed on the place of exploitation"), null=True, blank=True)
    # Multi-valued codes (lists of enums.Emprise / enums.Violence values).
    # Multi-valued codes: enums.FormeExploitation and enums.RelationExploiteur (empty = not recorded).
    formes = models.JSONField(_("forms of exploitation"), default=list, blank=True)
    relations_exploiteur = models.JSONField(_("relation to the exploiter"), default=list, blank=True)
    recrutement_mode = models.CharField(
        _("how the person was recruited"), max_length=20, choices=enums.ModeRecrutement.choices, blank=True
    )
    recrutement_pays = CountryField(_("country of recruitment"), blank=True)
    recrutement_date = models.DateField(_("date of recruitment"), null=True, blank=True)
    emprise = models.JSONField(_("control methods"), default=list, blank=True)
    # Tells "none" (recorded, empty list) from "not recorded", as violences_renseignees does.
    emprise_renseignee = models.BooleanField(_("control methods recorded"), default=False)
    dette_recrutement_eur = models.DecimalField(
        _("recruitment debt (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    violences_renseignees = models.BooleanField(_("violence questionnaire filled in"), default=False)
    violences = models.JSONField(_("violence suffered"), default=list, blank=True)

    history = HistoricalRecords()
    objects = ExploitationQuerySet.as_manager()

    # Exploitation facts may precede the CCEM's founding.
    coherence_personne = "personne"
    regles_dates = {
        "date_debut": Date(depuis_1994=False),
        "date_fin": Date(depuis_1994=False, apres=("date_debut",)),
        "recrutement_date": Date(depuis_1994=False),
    }

    class Meta:
        verbose_name = _("exploitation")
        verbose_name_plural = _("exploitations")
        ordering = ["-date_debut", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["personne"],
                condition=Q(principale=True),
                name="exploitation_une_principale",
                violation_error_message=_("This person already has a main exploitation."),
            ),
        ]

    def __str__(self):
        return f"{self.personne.numero_dossier} – {self.get_secteur_display() or _('sector unknown')}"

    def clean(self):
        errors = {}
        if self.heures_par_jour is not None and not 0 <= self.heures_par_jour <= 24:
            errors["heures_par_jour"] = _("Between 0 and 24 hours.")
        if self.jours_par_semaine is not None and not 0 <= self.jours_par_semaine <= 7:
            errors["jours_par_semaine"] = _("Between 0 and 7 days.")
        if set(self.emprise or []) - set(enums.Emprise.values):
            errors["emprise"] = _("Unknown control method.")
        if self.emprise:  # a method recorded answers the question (forms and import alike)
            self.emprise_renseignee = True
        if set(self.violences or []) - set(enums.Violence.values):
            errors["violences"] = _("Unknown kind of violence.")
        if set(self.formes or []) - set(enums.FormeExploitation.values):
            errors["formes"] = _("Unknown form of exploitation.")
        if set(self.relations_exploiteur or []) - set(enums.RelationExploiteur.values):
            errors["relations_exploiteur"] = _("Unknown relation to the exploiter.")
        errors.update(self._clean_hebergement())
        if self.principale and self.personne_id and self._autre_principale().exists():
            errors["principale"] = _("This person already has a main exploitation.")
        if errors:
            raise ValidationError(errors)

    def _autre_principale(self):
        return Exploitation.objects.filter(personne_id=self.personne_id, principale=True).exclude(pk=self.pk)

    def completer_hebergement(self) -> None:
        """Fill the housing facts left unknown with what the kind of housing says for sure (forms and
        import alike: specs.preparer calls it before comparing an imported row with the record)."""
        implicites = enums.FAITS_HEBERGEMENT.get(self.hebergement, (None, None))
        for champ, implicite in zip(("hebergement_par_exploiteur", "loge_sur_lieu"), implicites, strict=True):
            if implicite is not None and getattr(self, champ) is None:
                setattr(self, champ, implicite)

    def _clean_hebergement(self) -> dict:
        """The two housing facts agree with what the kind of housing says for sure."""
        self.completer_hebergement()
        errors = {}
        implicites = enums.FAITS_HEBERGEMENT.get(self.hebergement, (None, None))
        for champ, implicite in zip(("hebergement_par_exploiteur", "loge_sur_lieu"), implicites, strict=True):
            if implicite is not None and getattr(self, champ) != implicite:
                errors[champ] = _("This does not match the housing during exploitation (%(hebergement)s).") % {
                    "hebergement": self.get_hebergement_display()
                }
        return errors

    @property
    def emprise_libelles(self) -> list[str]:
        return libelles(enums.Emprise, self.emprise)

    @property
    def violences_libelles(self) -> list[str]:
        return libelles(enums.Violence, self.violences)

    @property
    def formes_libelles(self) -> list[str]:
        return libelles(enums.FormeExploitation, self.formes)

    @property
    def relations_libelles(self) -> list[str]:
        return libelles(enums.RelationExploiteur, self.relations_exploiteur)

    @property
    def duree_mois(self) -> float | None:
        if self.date_debut and self.date_fin:
            return (self.date_fin - self.date_debut).days / 30.44
        return None


def ordre_principale(exploitation) -> tuple:
    """Sort key of a person's exploitations read in Python, highest = the main one: the one marked
    main, else the latest started (`ORDRE_PRINCIPALE` in SQL)."""
    e = exploitation
    return (e.principale, e.date_debut is not None, e.date_debut or datetime.date.min, e.pk)


# The same order in SQL, first = the main one (`synthese.calculees` picks it).
ORDRE_PRINCIPALE = (F("principale").desc(), F("date_debut").desc(nulls_last=True), F("pk").desc())


class Synthese(Coherent, models.Model):
    """What every report reads per person and would otherwise recompute from all their records:
    derived, never edited. `accompagnement.synthese` keeps it (on every save of a person and every
    save and delete of a support period or an exploitation, and after the bulk writes of the import
    and the demo data); the test suite checks after every test that it equals what the records give.

    A row per person with a support period or an exploitation."""

    personne = models.OneToOneField(Personne, on_delete=models.CASCADE, primary_key=True, related_name="synthese")
    premier_accompagnement = models.DateField(_("first support start"), null=True, blank=True)
    age_premier_accompagnement = models.SmallIntegerField(_("age at first support"), null=True, blank=True)
    # DO_NOTHING: a deletion neither collects nor restores derived rows; the summary is rewritten
    # when the exploitation goes (`synthese`'s signal, in the same transaction).
    exploitation_principale = models.OneToOneField(
        Exploitation, on_delete=models.DO_NOTHING, null=True, blank=True, related_name="synthese_principale",
        verbose_name=_("main exploitation"),
    )  # fmt: skip
    debut_exploitation = models.DateField(_("earliest exploitation start"), null=True, blank=True)
    age_debut_exploitation = models.SmallIntegerField(_("age at the earliest exploitation"), null=True, blank=True)
    duree_exploitation_max = models.DurationField(_("longest exploitation"), null=True, blank=True)

    # Copies of dates their own records' rules checked, written by the application.
    regles_dates = {"premier_accompagnement": TECHNIQUE, "debut_exploitation": TECHNIQUE}

    class Meta:
        verbose_name = _("person's summary")
        verbose_name_plural = _("persons' summaries")

    def __str__(self):
        return str(self.personne_id)


def libelles(choices, codes) -> list[str]:
    """Labels of a multi-valued list of codes, unknown codes left out."""
    return [str(choices(code).label) for code in codes or [] if code in choices.values]


def a_le_code(champ: str, code: str) -> Q:
    """Q for a multi-valued JSON list field containing `code`, portable to SQLite and PostgreSQL."""
    return Q(**{f"{champ}__icontains": f'"{code}"'})


class LieuExploitation(models.Model):
    exploitation = models.ForeignKey(Exploitation, on_delete=models.CASCADE, related_name="lieux")
    departement = models.CharField(_("département"), max_length=3, choices=DEPARTEMENT_CHOICES, blank=True)
    pays = CountryField(_("country"), default="FR")
    commune = models.CharField(_("town"), max_length=150, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("place of exploitation")
        verbose_name_plural = _("places of exploitation")
        ordering = ["pk"]

    def __str__(self):
        return self.get_departement_display() if self.departement else self.pays.name

    def clean(self):
        if self.pays == "FR" and not self.departement:
            raise ValidationError({"departement": _("Give the département for a place in France.")})
        if self.pays != "FR" and self.departement:
            raise ValidationError({"departement": _("A département only applies to France.")})


class EvenementTraite(Coherent, VersionedModel):
    """A place and time on the person's path: recruitment, transit or exploitation (HTCDS events)."""

    exploitation = models.ForeignKey(Exploitation, on_delete=models.CASCADE, related_name="evenements")
    type = models.CharField(_("kind of event"), max_length=20, choices=enums.TypeEvenement.choices)
    pays = CountryField(_("country"))
    lieu = models.CharField(_("town or region"), max_length=150, blank=True)
    date_debut = models.DateField(_("from"), null=True, blank=True)
    date_fin = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords()

    coherence_personne = "exploitation.personne"
    regles_dates = {
        "date_debut": Date(depuis_1994=False),
        "date_fin": Date(depuis_1994=False, apres=("date_debut",)),
    }

    class Meta:
        verbose_name = _("trafficking event")
        verbose_name_plural = _("trafficking events")
        ordering = ["date_debut", "pk"]

    def __str__(self):
        return f"{self.get_type_display()} – {self.pays.name}"


class ConsentementTransfert(Coherent, VersionedModel):
    """The person's consent to send their case record to a partner organisation (HTCDS export).
    A consent withdrawn (`retire_le`) no longer allows an export."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="consentements_transfert")
    destinataire = models.CharField(_("partner organisation"), max_length=200)
    date_consentement = models.DateField(_("consent given on"))
    recueilli_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("consent recorded by"),
    )  # fmt: skip
    retire_le = models.DateField(_("consent withdrawn on"), null=True, blank=True)
    precision = models.CharField(_("details"), max_length=300, blank=True)
    cree_le = models.DateTimeField(_("created on"), auto_now_add=True)

    history = HistoricalRecords()

    coherence_personne = "personne"
    regles_dates = {"date_consentement": Date(), "retire_le": Date(apres=("date_consentement",))}

    class Meta:
        verbose_name = _("consent to transfer")
        verbose_name_plural = _("consents to transfer")
        ordering = ["-date_consentement", "pk"]

    def __str__(self):
        return f"{self.destinataire} {self.date_consentement:%d/%m/%Y}"

    @property
    def valide(self) -> bool:
        return self.retire_le is None


class EntreeJournal(Coherent, VersionedModel):
    """A dated follow-up entry. Psychologist and legal entries are restricted (see permissions).
    Only its author corrects it; the history keeps every earlier text."""

    personne = models.ForeignKey(Personne, on_delete=models.CASCADE, related_name="journal")
    date = models.DateField(_("date"))
    pole = models.CharField(_("unit"), max_length=20, choices=enums.Pole.choices)
    type = models.CharField(_("kind"), max_length=20, choices=enums.TypeEntreeJournal.choices)
    texte = models.TextField(_("text"))
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cree_le = models.DateTimeField(_("written on"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("corrected on"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = EntreeJournalQuerySet.as_manager()

    coherence_personne = "personne"
    regles_dates = {"date": Date(), "modifie_le": TECHNIQUE}

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-date", "-cree_le", "-pk"]
        indexes = [models.Index(fields=["pole", "date"])]  # a unit's entries of a year (P_JUR)

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_type_display()}"

    sections_modification = ("accompagnement", "journal.psy", "journal.juridique")  # every value of the method below

    def section_modification(self) -> str:
        """Who may delete or move the entry: psychologist and legal entries follow their own rule."""
        return {enums.Pole.PSY: "journal.psy", enums.Pole.JURIDIQUE: "journal.juridique"}.get(
            self.pole, "accompagnement"
        )
