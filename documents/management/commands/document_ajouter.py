"""Add a document to a person's file from the command line: the page's service, checks and log row."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accompagnement.models import Personne
from comptes import audit
from comptes.models import JournalAcces
from documents import services
from documents.enums import Cible, TypeDocument, Unite


class Command(BaseCommand):
    help = "Add a document (checked, encrypted, logged) to the file of a person, as a given user."

    def add_arguments(self, parser):
        parser.add_argument("--personne", required=True, help="file number (numero_dossier)")
        parser.add_argument("--fichier", required=True, type=Path)
        parser.add_argument("--type", required=True, choices=TypeDocument.values)
        parser.add_argument("--par", required=True, help="username of the staff member adding it")
        parser.add_argument("--unite", choices=Unite.values, help="default: the case file, else the user's only unit")
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--description", default="")

    def handle(self, *args, personne, fichier, type, par, unite, date, description, **options):
        user = get_user_model().objects.filter(username=par, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account {par!r}.")
        # The user's scope, as on the page: a file they may not open is "not found", like a missing one.
        cible = Personne.objects.visible_to(user).filter(numero_dossier=personne).first()
        if cible is None:
            raise CommandError(f"No file {personne!r} that {par} may open.")
        permises = services.unites_permises(user, Cible.PERSONNE)
        if unite is None:
            unite = Unite.ACCOMPAGNEMENT if Unite.ACCOMPAGNEMENT in permises else (permises or [""])[0]
        if not fichier.is_file():
            raise CommandError(f"{fichier}: no such file.")
        with fichier.open("rb") as flux:
            try:
                document = services.document_ajouter(
                    enregistrement=cible,
                    fichier=File(flux, name=fichier.name),
                    nom=fichier.name,
                    type=type,
                    date=date or timezone.localdate(),
                    description=description,
                    unite=unite,
                    by=user,
                )
            except ValidationError as exc:
                raise CommandError(" ".join(_messages(exc))) from None
        # The page's access-log row (same view name), without an address: the command is the page.
        audit.enregistrer(user, JournalAcces.Action.MODIFICATION, document, vue="documents:ajouter")
        self.stdout.write(self.style.SUCCESS(f"Document {document.pk} added to {personne} ({document.unite})."))


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"{champ}: {m}" for champ, erreurs in exc.message_dict.items() for m in erreurs]
    return exc.messages
