"""The documents shown on the person page and on the pages of reports, proceedings and permits.

Rows come through `Document.objects.visible_to(user)`, so the psychologist's documents are listed to
the psychologist only; the psycho-social unit (rule `psychosocial.psy.existence`) learns how many
there are, as it learns that a psychological follow-up exists; nobody else learns even that.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from comptes.permissions import CHANGE, can

from . import services
from .enums import Unite
from .models import SCELLE, Document


def _contexte(request, documents, cible, enregistrement, scelles: int = 0) -> dict:
    user = request.user
    unites = services.unites_permises(user, cible)
    for document in documents:
        document.modifiable = can(user, document.unite, CHANGE)
    return {
        "documents": documents,
        "scelles": scelles,
        "ajouter": reverse("documents:ajouter", args=[cible.value, enregistrement.pk]) if unites else "",
    }


def sections(request, personne) -> list[dict]:
    """Two queries at most: the documents the viewer may read, and the count of sealed ones."""
    user = request.user
    cible = services.cible_de(personne)
    documents = list(Document.objects.visible_to(user).de_personne(personne).with_list_data())
    scelles = 0
    if can(user, SCELLE) and not can(user, Unite.PSY):
        scelles = Document.objects.filter(personne=personne, unite=Unite.PSY).count()
    contexte = _contexte(request, documents, cible, personne, scelles)
    if not documents and not scelles and not contexte["ajouter"]:
        return []
    return [{"titre": _("Documents"), "template": "documents/includes/liste.html", "contexte": contexte}]


def sections_enregistrement(request, obj) -> list[dict]:
    """The documents attached to a report, a proceeding or a residence permit (one query)."""
    try:
        cible = services.cible_de(obj)
    except KeyError:
        return []
    documents = list(Document.objects.visible_to(request.user).filter(**{cible.value: obj}).with_list_data())
    contexte = _contexte(request, documents, cible, obj)
    if not documents and not contexte["ajouter"]:
        return []
    return [{"titre": _("Documents"), "template": "documents/includes/liste.html", "contexte": contexte}]
