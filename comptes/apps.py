from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComptesConfig(AppConfig):
    name = "comptes"
    verbose_name = _("Accounts and audit")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import signals  # noqa: F401  (login audit receivers)
        from .journaux import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="ccem_purge_autorisee")
