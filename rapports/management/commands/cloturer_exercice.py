"""Close a year from the command line: `manage.py cloturer_exercice --annee 2024 --par direction`."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from comptes import audit
from comptes.models import JournalAcces
from rapports import services


class Command(BaseCommand):
    help = (
        "Close a year: publish its figures as an immutable version, with its PDFs of record "
        "(or, with --revision, publish a new version of a closed year)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--annee", type=int, required=True, help="year to close, e.g. 2024")
        parser.add_argument("--par", required=True, help="username of the Direction account that closes it")
        parser.add_argument("--revision", action="store_true", help="publish a new version of a closed year")
        parser.add_argument("--motif", default="", help="why the revision is published")
        parser.add_argument("--sans-pdf", action="store_true", help="do not request the PDFs of record")

    def handle(self, *args, annee, par, revision, motif, sans_pdf, **options):
        if not 1994 <= annee <= 2100:
            raise CommandError("--annee must be a year between 1994 and 2100.")
        user = get_user_model().objects.filter(username=par, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account named {par!r}.")
        try:
            exercice = services.exercice_cloturer(
                annee=annee, by=user, revision=revision, motif=motif, avec_pdf=not sans_pdf
            )
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        # Written in the access log as the page does (no request: the command is the page).
        audit.enregistrer(user, JournalAcces.Action.MODIFICATION, exercice, vue="manage.py cloturer_exercice")
        self.stdout.write(f"{annee} closed: version {exercice.version} published by {user.get_username()}.")
