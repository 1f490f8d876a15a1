"""A person's papers, attached to exactly one record, stored encrypted (documents/chiffrement.py)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accompagnement.models import Personne
from comptes.coherence import TECHNIQUE, Coherent, Date
from comptes.concurrency import VersionedModel
from comptes.permissions import VIEW, ScopedQuerySet, can
from juridique.models import Procedure, TitreSejour
from signalements.models import Signalement

from .enums import SECTION_CIBLE, UNITES_PAR_CIBLE, Cible, TypeDocument, Unite

SCELLE = "psychosocial.psy.existence"  # who may learn that the psychologist keeps documents


class DocumentQuerySet(ScopedQuerySet):
    permission_section = "accompagnement"

    def visible_to(self, user):
        """Rows whose unit AND whose record the user may read (both rules from RULES)."""
        unites = [u for u in Unite.values if can(user, u, VIEW)]
        cibles = Q()
        for cible in Cible:
            if can(user, SECTION_CIBLE[cible], VIEW):
                cibles |= Q(**{f"{cible.value}__isnull": False})
        if not unites or not cibles:
            return self.none()
        return self.filter(cibles, unite__in=unites)

    def de_personne(self, personne):
        """The person's documents and those of their residence permits and proceedings."""
        q = Q(personne=personne) | Q(titre_sejour__personne=personne)
        q |= Q(procedure__in=Procedure.objects.filter(personnes=personne).values("pk"))
        return self.filter(q)

    def with_list_data(self):
        return self.select_related("ajoute_par").order_by("-date", "-pk")


class Document(Coherent, VersionedModel):
    personne = models.ForeignKey(
        Personne, on_delete=models.CASCADE, null=True, blank=True, related_name="documents", verbose_name=_("person")
    )
    signalement = models.ForeignKey(
        Signalement, on_delete=models.CASCADE, null=True, blank=True, related_name="documents",
        verbose_name=_("report"),
    )  # fmt: skip
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, null=True, blank=True, related_name="documents",
        verbose_name=_("proceedings"),
    )  # fmt: skip
    titre_sejour = models.ForeignKey(
        TitreSejour, on_delete=models.CASCADE, null=True, blank=True, related_name="documents",
        verbose_name=_("residence permit"),
    )  # fmt: skip
    type = models.CharField(_("kind of document"), max_length=30, choices=TypeDocument.choices)
    date = models.DateField(_("date of the document"))
    description = models.TextField(_("description"), blank=True)
    unite = models.CharField(
        _("unit"), max_length=30, choices=Unite.choices,
        help_text=_("Who may read it. A psychologist's document is seen by the psychologist only."),
    )  # fmt: skip
    # The stored object: a random name, never the user's; the bytes are encrypted with key `cle`.
    nom_stockage = models.CharField(_("stored file"), max_length=100, unique=True, editable=False)
    cle = models.CharField(_("encryption key id"), max_length=32, editable=False)
    nom_original = models.CharField(_("file name"), max_length=150, editable=False)
    taille = models.PositiveBigIntegerField(_("size (bytes)"), editable=False)
    type_mime = models.CharField(_("content type"), max_length=100, editable=False)
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, editable=False)
    ajoute_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    ajoute_le = models.DateTimeField(_("added on"), auto_now_add=True)

    history = HistoricalRecords()
    objects = DocumentQuerySet.as_manager()

    # Identity papers may predate the CCEM and the person's birth year is not theirs to check.
    regles_dates = {"date": Date(depuis_1994=False, naissance=False), "ajoute_le": TECHNIQUE}
    sections_modification = tuple(Unite.values)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="document_une_seule_cible",
                condition=(
                    Q(personne__isnull=False, signalement=None, procedure=None, titre_sejour=None)
                    | Q(personne=None, signalement__isnull=False, procedure=None, titre_sejour=None)
                    | Q(personne=None, signalement=None, procedure__isnull=False, titre_sejour=None)
                    | Q(personne=None, signalement=None, procedure=None, titre_sejour__isnull=False)
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_type_display()} {self.date:%d/%m/%Y}"

    @property
    def cible(self) -> Cible:
        return next(c for c in Cible if getattr(self, f"{c.value}_id") is not None)

    @property
    def enregistrement(self):
        """The record the document is attached to."""
        return getattr(self, self.cible.value)

    @property
    def nom_telechargement(self) -> str:
        """The name offered on download: kind, date, number; never the uploaded name (it may
        name the person) nor anything a header could misread (ASCII letters, digits, dashes)."""
        extension = self.nom_original.rpartition(".")[2].lower() if "." in self.nom_original else "bin"
        extension = extension if extension.isascii() and extension.isalnum() else "bin"
        return f"{self.type.replace('_', '-')}-{self.date:%Y-%m-%d}-{self.pk}.{extension}"

    def section_modification(self) -> str:
        """Deleting a document needs the right to change its unit (comptes.suppression)."""
        return self.unite

    def get_absolute_url(self):
        return self.enregistrement.get_absolute_url()

    def clean(self):
        super().clean()
        if self.unite and sum(getattr(self, f"{c.value}_id") is not None for c in Cible) == 1:
            if self.unite not in UNITES_PAR_CIBLE[self.cible]:
                raise ValidationError({"unite": _("This unit does not keep documents of this kind of record.")})
