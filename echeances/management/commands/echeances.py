"""The open deadlines of one user (the persons they are referent of), for scripted checks.

    manage.py echeances --utilisateur USERNAME --format json

Each deadline: kind, due date, reference and the record's URL; never a name (same rule as the digest).
"""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from echeances import calcul


class Command(BaseCommand):
    help = "List a user's open deadlines (kind, due date, reference, URL; no names)."

    def add_arguments(self, parser):
        parser.add_argument("--utilisateur", required=True, help="username")
        parser.add_argument("--format", choices=["json", "texte"], default="texte")

    def handle(self, *args, utilisateur, format, **options):
        user = get_user_model().objects.filter(username=utilisateur, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {utilisateur!r}.")
        today = timezone.localdate()
        base = settings.SITE_URL.rstrip("/")
        lignes = [
            {
                "type": e.type,
                "libelle": e.libelle,
                "date": e.date.isoformat(),
                "urgence": str(e.urgence(today)),
                "reference": e.reference,
                "url": base + e.url,
            }
            for e in calcul.echeances(calcul.Selection(user=user, today=today))
        ]
        if format == "json":
            self.stdout.write(json.dumps(lignes, ensure_ascii=False, indent=2))
        else:
            for ligne in lignes:
                self.stdout.write(f"{ligne['date']}  {ligne['libelle']}  {ligne['reference']}  {ligne['url']}")
