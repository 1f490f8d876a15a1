from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalementsConfig(AppConfig):
    name = "signalements"
    verbose_name = _("Reception")

    def ready(self):
        from comptes.registres import register_home_panels

        from . import home

        register_home_panels(home.panels)
