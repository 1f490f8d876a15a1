from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from comptes.demo import current_demo_code


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo accounts (local use only: refused when DEBUG is off)."

    def handle(self, *args, **options):
        try:
            self.stdout.write(current_demo_code())
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
