"""What the requests handed to the Celery worker share (a report PDF, a full export)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatutTache(models.TextChoices):
    """Where a request handed to the worker stands."""

    EN_ATTENTE = "pending", _("Pending")
    EN_COURS = "running", _("Running")
    TERMINEE = "done", _("Done")
    ECHEC = "failed", _("Failed")
