from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PsychosocialConfig(AppConfig):
    name = "psychosocial"
    verbose_name = _("Psycho-social unit")
