from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from comptes.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, create_demo_users


class Command(BaseCommand):
    help = "Create one demo account per role (local use only: refused when DEBUG is off)."

    def handle(self, *args, **options):
        try:
            users = create_demo_users()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        for user in users:
            self.stdout.write(f"  {user.username:<16} {', '.join(user.groups.values_list('name', flat=True))}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Password: {DEMO_PASSWORD}  ·  TOTP secret: {DEMO_TOTP_SECRET}  ·  current code: manage.py code_demo"
            )
        )
