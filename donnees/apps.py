from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonneesConfig(AppConfig):
    name = "donnees"
    verbose_name = _("Data import, export and privacy")

    def ready(self):
        from comptes.registres import register_home_panels

        from . import home

        register_home_panels(home.panels)
