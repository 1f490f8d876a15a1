"""Celery tasks of the data unit: thin, they take ids or numbers and call a service.

Scheduled by Celery beat (CELERY_BEAT_SCHEDULE in ccem/settings.py): the purge of expired export
and upload files every few minutes, the retention rule monthly when configured.

As in every app, services.py imports its tasks (to enqueue them) and a task imports its service
when it runs, so that importing either module first works (the worker imports tasks first).
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


@shared_task(name="donnees.purger_fichiers")
def purger_fichiers() -> int:
    """Delete the expired export files and the uploads never confirmed; returns how many."""
    from . import services

    return services.export_nettoyer() + services.imports_nettoyer()
