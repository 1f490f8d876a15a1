"""Celery tasks of the reports: thin, they take ids and call a service.

services.py imports its tasks (to enqueue them); a task imports its service when it runs, so
that importing either module first works (the worker imports tasks first).
"""

from celery import shared_task


@shared_task(name="rapports.generer_pdf")
def generer_pdf(generation_id: int) -> str:
    from .services import generation_executer

    return generation_executer(generation_id=generation_id).statut
