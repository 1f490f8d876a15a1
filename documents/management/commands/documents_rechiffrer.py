"""Key rotation: rewrite every document not yet encrypted with the first key of DOCUMENTS_KEYS."""

from django.core.management.base import BaseCommand

from documents import chiffrement, services
from documents.models import Document


class Command(BaseCommand):
    help = "Re-encrypt the documents with the current (first) key of DOCUMENTS_KEYS; idempotent."

    def handle(self, *args, **options):
        courante = chiffrement.cle_courante()
        n = 0
        for document in Document.objects.exclude(cle=courante).order_by("pk").iterator():
            n += services.document_rechiffrer(document)
        reste = Document.objects.exclude(cle=courante).count()
        self.stdout.write(self.style.SUCCESS(f"{n} document(s) re-encrypted with key {courante!r}; {reste} left."))
