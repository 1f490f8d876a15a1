import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ccem.settings")

app = Celery("ccem")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ccem.sante")
def sante(valeur: int = 1) -> dict:
    """Trivial task: proves a worker consumes the queue and reaches the database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT %s", [valeur])
        (echo,) = cursor.fetchone()
    return {"status": "ok", "echo": echo}
