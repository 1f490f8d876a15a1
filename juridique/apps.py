from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuridiqueConfig(AppConfig):
    name = "juridique"
    verbose_name = _("Legal unit")
