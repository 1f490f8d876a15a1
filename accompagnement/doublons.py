"""Possible duplicates: persons of the file active that resemble what the user is typing.

Nothing is merged or refused here: the candidates are shown and the user decides
(link to an existing person, or create a new one).
"""

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Personne, chiffres_telephone, cle_recherche, telephone_sans_separateurs

MAX_PREFILTRE = 300
SEUIL = 3


@dataclass
class Candidat:
    personne: Personne
    score: int
    raisons: list = field(default_factory=list)


def candidats(
    *,
    nom: str = "",
    prenom: str = "",
    date_naissance=None,
    annee_naissance: int | None = None,
    nationalite: str = "",
    telephone: str = "",
    queryset=None,
    exclure_pk: int | None = None,
    limite: int = 8,
) -> list[Candidat]:
    """Persons resembling the given identity, best first.

    Score: similar name (accent- and case-insensitive) 3, same first name 1, same birth date 3
    or same birth year 1, same nationality 1, same phone 4. Candidates need a score of 3.
    """
    queryset = queryset if queryset is not None else Personne.objects.all()
    cle_nom, cle_prenom = cle_recherche(nom), cle_recherche(prenom)
    annee = date_naissance.year if date_naissance else annee_naissance
    tel = chiffres_telephone(telephone)
    filtre = Q()
    if len(cle_nom) >= 2:
        filtre |= Q(cle_recherche__contains=cle_nom) | Q(cle_recherche__startswith=cle_nom[:3])
    if len(cle_prenom) >= 2 and annee:
        filtre |= Q(cle_recherche__contains=cle_prenom, annee_naissance=annee)
    if tel:
        filtre |= Q(telephone_chiffres__contains=tel[-6:])
    if annee and nationalite:
        filtre |= Q(annee_naissance=annee, nationalite=nationalite)
    if not filtre:
        return []
    rows = queryset.annotate(telephone_chiffres=telephone_sans_separateurs()).filter(filtre)
    if exclure_pk:
        rows = rows.exclude(pk=exclure_pk)
    result = []
    cle_saisie = f"{cle_nom} {cle_prenom}".strip()
    for personne in rows[:MAX_PREFILTRE]:
        score, raisons = 0, []
        cle_p = cle_recherche(personne.nom, personne.prenom)
        cle_p_inverse = cle_recherche(personne.prenom, personne.nom)
        ratio = max(
            SequenceMatcher(None, cle_saisie, cle_p).ratio(), SequenceMatcher(None, cle_saisie, cle_p_inverse).ratio()
        )
        if cle_nom and (cle_nom in personne.cle_recherche or ratio >= 0.8):
            score += 3
            raisons.append(_("similar name"))
        if cle_prenom and cle_prenom in personne.cle_recherche:
            score += 1
        if date_naissance and personne.date_naissance == date_naissance:
            score += 3
            raisons.append(_("same date of birth"))
        elif annee and personne.annee_naissance == annee:
            score += 1
            raisons.append(_("same year of birth"))
        if nationalite and personne.nationalite == nationalite:
            score += 1
            raisons.append(_("same nationality"))
        if tel and chiffres_telephone(personne.telephone) == tel:
            score += 4
            raisons.append(_("same phone"))
        if score >= SEUIL:
            result.append(Candidat(personne, score, raisons))
    result.sort(key=lambda c: (-c.score, c.personne.nom, c.personne.pk))
    return result[:limite]
