"""Celery tasks of the accounts app: thin, they call a service.

Scheduled by Celery beat (CELERY_BEAT_SCHEDULE in ccem/settings.py).
"""

from celery import shared_task


@shared_task(name="comptes.purger_contenus")
def purger_contenus() -> int:
    """Empty the content deletions keep once their 30 days of restoration are over; returns how many."""
    from . import suppression

    return suppression.purger_contenus()
