from celery import shared_task


@shared_task(name="documents.purger_fichiers")
def purger_fichiers() -> int:
    """Delete the bytes of documents whose deletion can no longer be restored (thin: the service does it)."""
    from . import services

    return services.fichiers_orphelins_purger()
