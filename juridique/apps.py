from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuridiqueConfig(AppConfig):
    name = "juridique"
    verbose_name = _("Legal unit")

    def ready(self):
        from comptes.registres import register_home_panels, register_person_sections, register_search

        from . import home, personne, recherche

        register_home_panels(home.panels)
        register_person_sections(personne.sections)
        register_search(recherche.resultats)
