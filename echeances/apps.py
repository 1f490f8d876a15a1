from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcheancesConfig(AppConfig):
    name = "echeances"
    verbose_name = _("Deadlines")

    def ready(self):
        from comptes.registres import register_calendar_events, register_home_panels, register_person_dates

        from . import calendrier, home, personne

        register_home_panels(home.panels)
        register_calendar_events(calendrier.evenements)
        register_person_dates(personne.dates)
