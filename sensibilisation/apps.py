from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SensibilisationConfig(AppConfig):
    name = "sensibilisation"
    verbose_name = _("Awareness and training")
