"""Create the first Administrateur (replaces `createsuperuser`, which would give case-data rights the
application does not use and an admin account outside the roles)."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from comptes.permissions import Role

PASSWORD_ENV = "CCEM_ADMIN_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an account with the Administrateur role (accounts and roles in the admin, access log, data). "
        f"The password is asked for, or read from {PASSWORD_ENV} with --noinput. The account enrols its "
        "second factor at first login."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, username, email, interactive, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"The account {username!r} already exists: give it the role in the admin.")
        user = User(username=username, email=email, is_staff=True, is_superuser=False)
        password = self._password(user, interactive)
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=Role.ADMINISTRATEUR))
        self.stdout.write(self.style.SUCCESS(f"Administrateur {username!r} created."))

    def _password(self, user, interactive: bool) -> str:
        if not interactive:
            password = os.environ.get(PASSWORD_ENV, "")
            if not password:
                raise CommandError(f"Set {PASSWORD_ENV} to create the account without a prompt.")
            self._validate(password, user)
            return password
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ.")
                continue
            try:
                self._validate(password, user)
            except CommandError as exc:
                self.stderr.write(str(exc))
                continue
            return password

    def _validate(self, password: str, user) -> None:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
