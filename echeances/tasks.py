"""Celery tasks of the deadlines app: thin, they call a service (scheduled in CELERY_BEAT_SCHEDULE)."""

from celery import shared_task


@shared_task(name="echeances.envoyer_recapitulatifs")
def envoyer_recapitulatifs() -> int:
    """The daily digest of open deadlines to each user who opted in; returns how many were sent."""
    from django.utils import timezone

    from . import services

    return services.recapitulatifs_envoyer(today=timezone.localdate())
