from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompagnementConfig(AppConfig):
    name = "accompagnement"
    verbose_name = _("Active caseload")

    def ready(self):
        from comptes.registres import register_home_panels

        from . import home

        register_home_panels(home.panels)
