"""Celery tasks of the data unit: thin, they take ids or numbers and call a service.

As in every app, services.py imports its tasks (to enqueue them) and a task imports its service
when it runs, so that importing either module first works (the worker imports tasks first).

The retention task can be scheduled with Celery beat, e.g. monthly:

CELERY_BEAT_SCHEDULE = {"retention": {"task": "donnees.appliquer_retention",
                                      "schedule": crontab(day_of_month=1, hour=3, minute=0),
                                      "kwargs": {"annees": 10}}}
"""

from celery import shared_task


@shared_task(name="donnees.appliquer_retention")
def appliquer_retention(annees: int, essai: bool = False) -> list[int]:
    """Anonymise files closed more than `annees` years ago; returns the ids of the persons concerned."""
    from . import services

    return [p.pk for p in services.appliquer_retention(annees=annees, essai=essai)]


@shared_task(name="donnees.exporter")
def exporter(exportation_id: int) -> str:
    """Build the file of a full export requested in the browser."""
    from . import services

    return services.export_executer(exportation_id=exportation_id).statut
