"""Documents, created through the service (checked, encrypted, stored) like the page does."""

import datetime
import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from comptes.permissions import Role
from documents import services
from documents.enums import Cible, TypeDocument, Unite
from documents.models import Document
from tests.accompagnement.factories import PersonneFactory
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
ROLE_UNITE = {Unite.PSY: Role.PSYCHOLOGUE, Unite.SIGNALEMENTS: Role.ACCUEIL}


def fichier(contenu: bytes = PDF, nom: str = "passeport.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(nom, contenu)


class DocumentFactory(factory.django.DjangoModelFactory):
    """`personne=` (default), `signalement=`, `procedure=` or `titre_sejour=`; `contenu=`, `nom=`."""

    class Meta:
        model = Document

    personne = factory.SubFactory(PersonneFactory)
    type = TypeDocument.IDENTITE
    date = datetime.date(2024, 3, 1)
    description = "Copie du passeport"
    unite = None  # per record: the legal unit's in a person's file, Reception's on a report

    @classmethod
    def _create(cls, model_class, *args, contenu=PDF, nom="passeport.pdf", ajoute_par=None, **kwargs):
        autres = [c for c in Cible.values if c != Cible.PERSONNE and kwargs.get(c) is not None]
        cible = autres[0] if autres else Cible.PERSONNE
        enregistrement = kwargs[cible]
        if kwargs["unite"] is None:
            kwargs["unite"] = Unite.SIGNALEMENTS if cible == Cible.SIGNALEMENT else Unite.JURIDIQUE
        by = ajoute_par or UserFactory(role=ROLE_UNITE.get(kwargs["unite"], Role.DIRECTION))
        return services.document_ajouter(
            enregistrement=enregistrement,
            fichier=SimpleUploadedFile(nom, contenu) if isinstance(contenu, bytes) else io.BytesIO(contenu),
            nom=nom,
            type=kwargs["type"],
            date=kwargs["date"],
            description=kwargs["description"],
            unite=kwargs["unite"],
            by=by,
        )
