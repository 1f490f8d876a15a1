from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcheancesConfig(AppConfig):
    name = "echeances"
    verbose_name = _("Deadlines")

    def ready(self):
        from comptes.registres import register_calendar_events, register_home_panels

        from . import calendrier, home

        register_home_panels(home.panels)
        register_calendar_events(calendrier.evenements)
