import factory
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group, User

TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member. `role` puts them in that group; `second_factor` enrols TOTP (default)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.LazyAttribute(lambda u: f"{u.username}@ccem.invalid")
    password = factory.django.Password("correct-horse-battery-staple")

    @classmethod
    def _create(cls, model_class, *args, role=None, second_factor=True, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role:
            # get_or_create: transactional (browser) tests flush the groups created by the data migration.
            user.groups.add(Group.objects.get_or_create(name=role)[0])
            if role == "Administrateur":
                user.is_staff = True
                user.save(update_fields=["is_staff"])
        if second_factor:
            TOTP.activate(user, TEST_TOTP_SECRET)
        return user
