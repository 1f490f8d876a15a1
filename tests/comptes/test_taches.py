"""The daily purge of what deletions keep: scheduled by Celery beat, run by a worker."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from ccem.celery import app
from comptes import suppression
from comptes.models import Correction
from comptes.permissions import Role
from comptes.tasks import purger_contenus


def _deux_suppressions(direction):
    """One deletion past its 30 days (content still kept), one recent."""
    from tests.psychosocial.factories import AideFactory

    ancienne = suppression.element_supprimer(obj=AideFactory(), motif="doublon", by=direction)
    recente = suppression.element_supprimer(obj=AideFactory(), motif="erreur", by=direction)
    # The 31 days pass with no new deletion (each deletion also purges): only the schedule empties it.
    Correction.objects.filter(pk=ancienne.pk).update(le=timezone.now() - datetime.timedelta(days=31))
    ancienne.refresh_from_db()
    assert ancienne.donnees and recente.donnees
    return ancienne, recente


def test_the_purge_is_scheduled_daily():
    entree = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "comptes.purger_contenus")
    assert entree["schedule"].hour == {2} and entree["schedule"].day_of_month == set(range(1, 32))
    assert "comptes.purger_contenus" in app.tasks


@pytest.mark.django_db
def test_the_task_empties_only_contents_past_30_days(make_user):
    ancienne, recente = _deux_suppressions(make_user(Role.DIRECTION))
    assert purger_contenus.delay().get(timeout=1) == 1
    ancienne.refresh_from_db()
    recente.refresh_from_db()
    assert ancienne.donnees == "" and ancienne.motif == "doublon"  # who, when and why stay
    assert recente.donnees and suppression.restaurable(recente)
    assert purger_contenus.delay().get(timeout=1) == 0  # nothing left to empty


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_the_purge(real_broker, make_user):
    from celery.contrib.testing.worker import start_worker

    ancienne, _recente = _deux_suppressions(make_user(Role.DIRECTION))
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        assert purger_contenus.delay().get(timeout=20) == 1
    assert Correction.objects.get(pk=ancienne.pk).donnees == ""
