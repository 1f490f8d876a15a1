from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportsConfig(AppConfig):
    name = "rapports"
    verbose_name = _("Activity reports")

    def ready(self):
        from comptes.registres import register_home_panels

        from . import checks, home  # noqa: F401  (checks: registers the registry's start-up check)

        register_home_panels(home.panels)
