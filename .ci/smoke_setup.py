# Run by .ci/smoke through `manage.py shell`, with the production settings: a Direction account with
# a TOTP authenticator (the secret comes from the environment, as an authenticator app would hold it)
# and one person supported, whose id is printed for the browser.
import os

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group, User

from accompagnement import services
from comptes.permissions import Role

user = User.objects.create_user("smoke-direction", password=os.environ["SMOKE_PASSWORD"], first_name="Smoke")
user.groups.add(Group.objects.get(name=Role.DIRECTION))
TOTP.activate(user, os.environ["SMOKE_TOTP_SECRET"])
personne = services.personne_creer(by=user, nom=os.environ["SMOKE_NOM"], prenom="Test")
print(f"SMOKE_PERSONNE={personne.pk}")
