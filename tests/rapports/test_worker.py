"""The PDF task run by a real Celery worker through Redis (CI sets CELERY_BROKER_URL)."""

import time

import pytest

from ccem.celery import app
from comptes.permissions import Role
from rapports import services
from rapports.models import GenerationPDF, SaisieAnnuelle


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_generates_the_pdf(real_broker, make_user):
    from celery.contrib.testing.worker import start_worker

    SaisieAnnuelle.objects.create(annee=2024, cle="benevoles", valeur=71)
    user = make_user(Role.DIRECTION)
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
        generation = services.generation_demander(annee=2024, langue="fr", edition_publique=False, seuil=5, by=user)
        assert not app.conf.task_always_eager  # queued to Redis, not run inline
        limite = time.monotonic() + 120
        while time.monotonic() < limite:
            generation.refresh_from_db()
            if generation.terminee:
                break
            time.sleep(0.5)
    assert generation.statut == GenerationPDF.Statut.TERMINEE, generation.erreur
    with generation.fichier.open("rb") as f:
        assert f.read(4) == b"%PDF"
