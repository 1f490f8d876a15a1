from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuridiqueConfig(AppConfig):
    name = "juridique"
    verbose_name = _("Legal unit")

    def ready(self):
        from comptes.registres import register_home_panels, register_person_sections

        from . import home, personne

        register_home_panels(home.panels)
        register_person_sections(personne.sections)
