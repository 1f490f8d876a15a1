from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalementsConfig(AppConfig):
    name = "signalements"
    verbose_name = _("Reception")

    def ready(self):
        from comptes.registres import register_home_panels, register_search

        from . import home, recherche

        register_home_panels(home.panels)
        register_search(recherche.resultats)
