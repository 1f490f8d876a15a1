"""The full export built by a real Celery worker through Redis (CI sets CELERY_BROKER_URL)."""

import io
import time
import zipfile

import pytest

from ccem.celery import app
from comptes.permissions import Role
from donnees import services
from donnees.models import Exportation


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_builds_the_full_export(real_broker, make_user, jeu):
    from celery.contrib.testing.worker import start_worker

    user = make_user(Role.ADMINISTRATEUR)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        demande = services.export_demander(format="zip", by=user)
        assert not app.conf.task_always_eager  # queued to Redis, not run inline
        limite = time.monotonic() + 120
        while time.monotonic() < limite:
            demande.refresh_from_db()
            if not demande.en_cours:
                break
            time.sleep(0.5)
    assert demande.statut == Exportation.Statut.TERMINEE, demande.erreur
    with demande.fichier.open("rb") as f:
        assert "01-personnes.csv" in zipfile.ZipFile(io.BytesIO(f.read())).namelist()
