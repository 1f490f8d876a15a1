from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SensibilisationConfig(AppConfig):
    name = "sensibilisation"
    verbose_name = _("Awareness and training")

    def ready(self):
        from comptes.registres import register_home_panels, register_person_sections

        from . import home, personne

        register_home_panels(home.panels)
        register_person_sections(personne.sections)
