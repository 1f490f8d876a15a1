"""Celery tasks of the reports: thin, they take ids and call a service."""

from celery import shared_task


@shared_task(name="rapports.generer_pdf")
def generer_pdf(generation_id: int) -> str:
    from .services import generation_executer

    return generation_executer(generation_id=generation_id).statut
