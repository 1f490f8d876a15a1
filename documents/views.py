"""Upload, correction and download of documents. Every record is fetched through its scope; no
file has a URL of its own: the bytes only leave through `telecharger`, decrypted, logged."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accompagnement.models import Personne
from comptes.audit import log_access
from comptes.edition import edit
from comptes.models import JournalAcces
from comptes.permissions import CHANGE, can, get_object_for_user
from juridique.models import Procedure, TitreSejour
from signalements.models import Signalement

from . import services
from .enums import Cible, Unite
from .forms import DocumentForm, DocumentModifierForm
from .models import Document

MODELES = {
    Cible.PERSONNE: Personne,
    Cible.SIGNALEMENT: Signalement,
    Cible.PROCEDURE: Procedure,
    Cible.TITRE_SEJOUR: TitreSejour,
}


@require_http_methods(["GET", "POST"])
def ajouter(request, cible, pk):
    """Add a document to a person, a report, a proceeding or a permit (403 without a unit to file it in)."""
    if cible not in Cible.values:
        raise Http404
    cible = Cible(cible)
    unites = services.unites_permises(request.user, cible)
    if not unites:
        raise PermissionDenied
    enregistrement = get_object_for_user(MODELES[cible].objects.all(), request.user, pk=pk)
    form = DocumentForm(data=request.POST or None, files=request.FILES or None, unites=unites)

    def save(data):
        fichier = data["fichier"]
        return services.document_ajouter(
            enregistrement=enregistrement,
            fichier=fichier,
            nom=fichier.name,
            type=data["type"],
            date=data["date"],
            description=data["description"],
            unite=data["unite"],
            by=request.user,
        )

    return edit(
        request, form, obj=enregistrement, save=save,
        success=_("Document added. It is stored encrypted."), redirect_to=enregistrement.get_absolute_url(),
        template="documents/document_form.html",
        context={"enregistrement": enregistrement, "taille_max": settings.DOCUMENTS_TAILLE_MAX},
    )  # fmt: skip


@require_http_methods(["GET", "POST"])
def modifier(request, pk):
    # Among the documents the user may read, those of a unit they may change (else 404, like missing).
    modifiables = [u for u in Unite.values if can(request.user, u, CHANGE)]
    document = get_object_for_user(Document.objects.filter(unite__in=modifiables), request.user, pk=pk)
    unites = services.unites_permises(request.user, document.cible)
    form = DocumentModifierForm(data=request.POST or None, instance=document, unites=unites)
    return edit(
        request, form, obj=document,
        save=lambda data: services.document_modifier(
            document=form.save(commit=False), version_attendue=data["version_attendue"], by=request.user
        ),
        success=_("Saved."), redirect_to=document.get_absolute_url(),
        template="documents/document_form.html",
        context={"enregistrement": document.enregistrement, "document": document},
    )  # fmt: skip


@require_GET
def telecharger(request, pk):
    """The decrypted file, as an attachment that the browser may neither sniff nor run."""
    document = get_object_for_user(Document.objects.all(), request.user, pk=pk)
    log_access(request, JournalAcces.Action.CONSULTATION, document)
    response = StreamingHttpResponse(services.document_lire(document), content_type=document.type_mime)
    response["Content-Length"] = str(document.taille)
    response["Content-Disposition"] = f'attachment; filename="{document.nom_telechargement}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
