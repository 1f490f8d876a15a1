"""The Celery path for real: a worker consumes a task through Redis and reaches the database."""

import pytest

from ccem.celery import app, sante


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_executes_health_task_through_redis(real_broker):
    from celery.contrib.testing.worker import start_worker

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = sante.delay(41)
        assert result.get(timeout=20) == {"status": "ok", "echo": 41}


@pytest.mark.django_db
def test_embedded_mode_runs_tasks_inline():
    """Without a broker (make run), a task runs in the calling process and returns at once."""
    assert sante.delay(3).get(timeout=1) == {"status": "ok", "echo": 3}


@pytest.mark.django_db
def test_tasks_are_enqueued_only_after_commit(django_capture_on_commit_callbacks, db):
    """delay_on_commit defers the enqueue to the end of the transaction (nothing sent on rollback)."""
    calls = []
    original = sante.delay
    sante.delay = lambda *a, **k: calls.append(a)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            sante.delay_on_commit(7)
        assert calls == []
        assert len(callbacks) == 1
    finally:
        sante.delay = original
