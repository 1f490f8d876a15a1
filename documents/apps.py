from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from comptes.registres import register_person_sections, register_record_sections

        from . import checks, personne  # noqa: F401 — checks registers the key check

        register_person_sections(personne.sections)
        register_record_sections(personne.sections_enregistrement)
