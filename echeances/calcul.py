"""Deadlines derived from the records, never typed twice.

Each source reads one kind of record through its own scope (`visible_to(user)`), so a role sees the
deadlines of the records it may see and nothing else:
- residence permits and receipts granted: their end of validity (`TitreSejour.date_fin_validite`),
  unless a later application for the same person shows the renewal was asked for;
- hearings and deadlines recorded as stages of a proceeding (`Etape`);
- appeal periods: a decision not final, through the table `DelaiRecours` (kind of proceedings, level,
  outcome → period), unless the proceeding shows an appeal lodged since the decision;
- health rights (AME, CSS) granted: one year after the application, unless a later application of the
  same kind was filed;
- postal domiciliations still active: their renewal date (`Domiciliation.date_echeance`).

A deadline is named by (kind, record, due date); `EcheanceTraitee` rows with that name hide it.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from accompagnement.models import Accompagnement, Personne, Suivi
from juridique import enums as jur
from juridique.models import Decision, Etape, Procedure, TitreSejour
from psychosocial import enums as psy
from psychosocial.models import Demarche, Domiciliation

from . import enums
from .enums import Pole, TypeEcheance, Urgence
from .models import DelaiRecours, EcheanceTraitee

# Overdue deadlines stay shown this long; the page and the digest look this far ahead.
JOURS_DEPASSEES = 60
JOURS_HORIZON = 90
# AME and CSS are granted for one year (art. L252-3 CASF; art. L861-5 CSS): renew before it ends.
MOIS_DROIT_SANTE = 12
TYPES_DROIT_SANTE = (psy.TypeDemarche.AME, psy.TypeDemarche.CSS)
# Stages showing that a decision was challenged (its appeal period is then behind us).
ETAPES_RECOURS = (jur.TypeEtape.APPEL, jur.TypeEtape.CASSATION, jur.TypeEtape.RECOURS_CNDA, jur.TypeEtape.RECOURS)


def ajouter_mois(jour: datetime.date, mois: int) -> datetime.date:
    """Same day `mois` months later, or the month's last day when it has none (art. 641 CPC)."""
    index = jour.month - 1 + mois
    annee, mois_final = jour.year + index // 12, index % 12 + 1
    return jour.replace(year=annee, month=mois_final, day=min(jour.day, calendar.monthrange(annee, mois_final)[1]))


def date_limite(depart: datetime.date, delai: DelaiRecours) -> datetime.date:
    """The last day of the period counted from `depart`, which is not counted (art. 641 CPC, 801 CPP).

    No extension to the next working day (art. 642 CPC): the date shown is never later than the real one.
    """
    if delai.unite == enums.Unite.MOIS:
        return ajouter_mois(depart, delai.duree)
    return depart + datetime.timedelta(days=delai.duree)


def regle_pour(regles: dict, type_procedure: str, niveau: str, nature: str) -> DelaiRecours | None:
    """The row for this outcome, else the row for every outcome of that kind and level, else None."""
    return regles.get((type_procedure, niveau, nature)) or regles.get((type_procedure, niveau, ""))


def table_des_regles() -> dict:
    return {(d.type_procedure, d.niveau, d.nature): d for d in DelaiRecours.objects.actifs()}


@dataclass(frozen=True)
class Echeance:
    type: str
    objet_id: int
    date: datetime.date
    # File numbers, case and proceedings references, dates: never a name nor a fact (no kind of permit,
    # right or hearing: an AME reveals a status). It goes into e-mails and the command's output.
    reference: str
    action: str
    url: str
    personnes: tuple = field(default=(), compare=False)
    detail: str = ""  # shown on the page only (the kind of permit, right or stage)
    # For the calendar feed, whose rule is stricter: no file number either (a phone is not a safe place).
    reference_agenda: str | None = None

    @property
    def reference_sans_dossier(self) -> str:
        return self.reference if self.reference_agenda is None else self.reference_agenda

    @property
    def pole(self) -> str:
        return enums.POLE_DU_TYPE[self.type]

    @property
    def libelle(self) -> str:
        return str(TypeEcheance(self.type).label)

    @property
    def cle(self) -> tuple:
        return (self.type, self.objet_id, self.date)

    def urgence(self, today: datetime.date) -> str:
        if self.date < today:
            return Urgence.DEPASSEE
        if self.date <= today + datetime.timedelta(days=7):
            return Urgence.SEMAINE
        if self.date <= today + datetime.timedelta(days=31):
            return Urgence.MOIS
        return Urgence.PLUS_TARD


@dataclass
class Selection:
    """Whose deadlines: `referent` narrows to the persons and proceedings the user is in charge of;
    `pole` to one unit's kinds. The user's scope always applies."""

    user: object
    today: datetime.date
    referent: bool = True
    pole: str = ""
    personne: int | None = None  # one person's deadlines (the person page)

    @property
    def debut(self) -> datetime.date:
        return self.today - datetime.timedelta(days=JOURS_DEPASSEES)

    @property
    def fin(self) -> datetime.date:
        return self.today + datetime.timedelta(days=JOURS_HORIZON)

    def voit(self, pole: str) -> bool:
        return not self.pole or self.pole == pole


def personnes_du_referent(user):
    """Ids of the persons `user` is referent of: an open support period or an open unit follow-up."""
    periodes = Accompagnement.objects.ouverts().du_referent(user)
    suivis = Suivi.objects.filter(date_fin__isnull=True, referent=user)
    return Personne.objects.filter(Q(pk__in=periodes.values("personne_id")) | Q(pk__in=suivis.values("personne_id")))


def _du_referent(queryset, sel: Selection, chemin_personne: str = "personne"):
    if sel.personne is not None:
        queryset = queryset.filter(**{chemin_personne: sel.personne})
    if not sel.referent:
        return queryset
    return queryset.filter(**{f"{chemin_personne}__in": personnes_du_referent(sel.user).values("pk")})


def _procedures_du_referent(queryset, sel: Selection):
    if sel.personne is not None:
        queryset = queryset.filter(procedure__personnes=sel.personne)
    if not sel.referent:
        return queryset
    procedures = Procedure.objects.filter(
        Q(referent=sel.user) | Q(personnes__in=personnes_du_referent(sel.user).values("pk"))
    )
    return queryset.filter(procedure__in=procedures.values("pk"))


_PERSONNES = Prefetch("procedure__personnes", queryset=Personne.objects.order_by("numero_dossier", "pk"))


def _titres(sel: Selection) -> list[Echeance]:
    renouvellement = TitreSejour.objects.filter(
        personne=OuterRef("personne"), date_demande__gte=OuterRef("date_decision")
    ).exclude(pk=OuterRef("pk"))
    titres = TitreSejour.objects.visible_to(sel.user).filter(
        issue=jur.IssueTitre.ACCORDE, date_fin_validite__range=(sel.debut, sel.fin)
    )
    titres = _du_referent(titres, sel).filter(~Exists(renouvellement)).select_related("personne")
    return [
        Echeance(
            type=TypeEcheance.RECEPISSE if t.type == jur.TypeTitre.RECEPISSE else TypeEcheance.TITRE,
            objet_id=t.pk,
            date=t.date_fin_validite,
            reference=t.personne.numero_dossier,
            reference_agenda="",
            detail=t.get_type_display(),
            action=_("Apply for the renewal (within the two months before expiry)"),
            url=t.get_absolute_url(),
            personnes=(t.personne,),
        )
        for t in titres
    ]


def _etapes(sel: Selection) -> list[Echeance]:
    etapes = Etape.objects.visible_to(sel.user).agenda().filter(date__range=(sel.debut, sel.fin))
    etapes = _procedures_du_referent(etapes, sel).select_related("procedure__affaire").prefetch_related(_PERSONNES)
    return [
        Echeance(
            type=TypeEcheance.AUDIENCE if e.est_audience else TypeEcheance.ECHEANCE_PROCEDURE,
            objet_id=e.pk,
            date=e.date,
            reference=e.procedure.reference,
            detail=e.get_type_display(),
            action=_("Prepare the hearing with the person and the lawyer")
            if e.est_audience
            else _("See the proceedings"),
            url=reverse("juridique:procedure", args=[e.procedure_id]),
            personnes=tuple(e.procedure.personnes.all()),
        )
        for e in etapes
    ]


def _recours(sel: Selection) -> list[Echeance]:
    regles = table_des_regles()
    if not regles:
        return []
    plus_long = max(d.duree * (31 if d.unite == enums.Unite.MOIS else 1) for d in regles.values())
    conteste = Etape.objects.filter(
        procedure=OuterRef("procedure"), type__in=ETAPES_RECOURS, date__gte=OuterRef("date")
    )
    decisions = Decision.objects.visible_to(sel.user).filter(
        definitive=False, date__range=(sel.debut - datetime.timedelta(days=plus_long), sel.fin)
    )
    decisions = (
        _procedures_du_referent(decisions, sel)
        .filter(~Exists(conteste))
        .select_related("procedure__affaire")
        .prefetch_related(_PERSONNES)
    )
    resultat = []
    for d in decisions:
        regle = regle_pour(regles, d.procedure.type, d.niveau, d.nature)
        if regle is None:
            continue
        echeance = date_limite(d.date, regle)
        if sel.debut <= echeance <= sel.fin:
            resultat.append(
                Echeance(
                    type=TypeEcheance.RECOURS,
                    objet_id=d.pk,
                    date=echeance,
                    reference=_("%(procedure)s · decision of %(date)s")
                    % {"procedure": d.procedure.reference, "date": f"{d.date:%d/%m/%Y}"},
                    action=f"{regle.recours} — {regle.duree_affichee} ({regle.source})",
                    url=reverse("juridique:procedure", args=[d.procedure_id]),
                    personnes=tuple(d.procedure.personnes.all()),
                )
            )
    return resultat


def _droits_sante(sel: Selection) -> list[Echeance]:
    # The right ends MOIS_DROIT_SANTE months after the application: read the applications whose end falls in the window.
    debut = ajouter_mois(sel.debut, -MOIS_DROIT_SANTE) - datetime.timedelta(days=3)
    fin = ajouter_mois(sel.fin, -MOIS_DROIT_SANTE) + datetime.timedelta(days=3)
    suivante = Demarche.objects.filter(
        personne=OuterRef("personne"), type=OuterRef("type"), date_depot__gt=OuterRef("date_depot")
    )
    demarches = Demarche.objects.visible_to(sel.user).filter(
        type__in=TYPES_DROIT_SANTE, resultat=psy.Resultat.POSITIF, date_depot__range=(debut, fin)
    )
    demarches = _du_referent(demarches, sel).filter(~Exists(suivante)).select_related("personne")
    resultat = []
    for d in demarches:
        echeance = ajouter_mois(d.date_depot, MOIS_DROIT_SANTE)
        if sel.debut <= echeance <= sel.fin:
            resultat.append(
                Echeance(
                    type=TypeEcheance.DROIT_SANTE,
                    objet_id=d.pk,
                    date=echeance,
                    reference=d.personne.numero_dossier,
                    reference_agenda="",
                    detail=d.get_type_display(),
                    action=_("File the renewal application (two months ahead)"),
                    url=d.get_absolute_url(),
                    personnes=(d.personne,),
                )
            )
    return resultat


def _domiciliations(sel: Selection) -> list[Echeance]:
    domiciliations = Domiciliation.objects.visible_to(sel.user).filter(
        date_fin__isnull=True, date_echeance__range=(sel.debut, sel.fin)
    )
    domiciliations = _du_referent(domiciliations, sel).select_related("personne")
    return [
        Echeance(
            type=TypeEcheance.DOMICILIATION,
            objet_id=d.pk,
            date=d.date_echeance,
            reference=d.personne.numero_dossier,
            reference_agenda="",
            action=_("Renew the domiciliation"),
            url=d.get_absolute_url(),
            personnes=(d.personne,),
        )
        for d in domiciliations
    ]


SOURCES = [
    (Pole.JURIDIQUE, _recours),
    (Pole.JURIDIQUE, _titres),
    (Pole.JURIDIQUE, _etapes),
    (Pole.PSYCHOSOCIAL, _droits_sante),
    (Pole.PSYCHOSOCIAL, _domiciliations),
]


def echeances(sel: Selection, *, traitees: bool = False) -> list[Echeance]:
    """The open deadlines of the selection, most urgent first (`traitees=True` keeps the handled ones)."""
    trouvees = [e for pole, source in SOURCES if sel.voit(pole) for e in source(sel)]
    if not traitees and trouvees:
        faites = set(
            EcheanceTraitee.objects.filter(objet_id__in={e.objet_id for e in trouvees}).values_list(
                "type", "objet_id", "date_echeance"
            )
        )
        trouvees = [e for e in trouvees if e.cle not in faites]
    return sorted(trouvees, key=lambda e: (e.date, e.type, e.objet_id))


def decisions_sans_regle(user) -> list:
    """Decisions not final whose kind, level and outcome no active row covers (shown on the table's page)."""
    regles = table_des_regles()
    decisions = (
        Decision.objects.visible_to(user)
        .filter(definitive=False)
        .values_list("procedure__type", "niveau", "nature")
        .distinct()
        .order_by("procedure__type", "niveau", "nature")
    )
    return [cle for cle in decisions if regle_pour(regles, *cle) is None]
