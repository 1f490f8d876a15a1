from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompagnementConfig(AppConfig):
    name = "accompagnement"
    verbose_name = _("Active caseload")

    def ready(self):
        from django.db.backends.signals import connection_created

        from comptes.registres import register_home_panels, register_search

        from . import home, recherche, synthese
        from .trigrammes import sqlite_unaccent

        connection_created.connect(sqlite_unaccent, dispatch_uid="ccem_unaccent")

        synthese.connecter()
        register_home_panels(home.panels)
        register_search(recherche.resultats)
