"""What /healthz and `dangbo worker_health` report: the database, and the workers with the
queue's length, for either queue backend (docs/operations.md, "Watching")."""

from django.conf import settings
from django.db import connection
from django.utils import timezone


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure to reach the database is "down"
        return False


def worker_state() -> dict:
    """{"backend", "ok", "workers": [...], "queue_length", "running", "last_beat_age_seconds"}."""
    backend = settings.DANGBO_TASKS_BACKEND
    if backend == "rq":
        state = _rq_state()
    elif backend == "database":
        state = _database_state()
    else:  # immediate: tasks run in the caller, there is no worker to watch
        state = {"workers": [], "queue_length": 0, "running": 0, "ok": True}
    ages = [w["beat_age_seconds"] for w in state["workers"] if w["beat_age_seconds"] is not None]
    state["last_beat_age_seconds"] = min(ages) if ages else None
    return {"backend": backend, **state}


def _database_state() -> dict:
    from django_tasks_db.models import DBTaskResult

    from dangbo.worker.lease import is_alive
    from dangbo.worker.models import WorkerBeat

    now = timezone.now()
    workers = []
    for beat in WorkerBeat.objects.filter(stopped_at=None).order_by("-beat_at")[:50]:
        if not is_alive(beat.worker_id):
            continue  # killed: its row stays as it was, its lease is gone
        workers.append(
            {
                "worker_id": beat.worker_id,
                "host": beat.hostname,
                "pid": beat.pid,
                "beat_age_seconds": round((now - beat.beat_at).total_seconds(), 1),
                "task": beat.task_id or None,
            }
        )
    tasks = DBTaskResult.objects.filter(backend_name="default")
    return {
        "workers": workers,
        "queue_length": tasks.ready().count(),
        "running": tasks.running().count(),
        "ok": bool(workers),
    }


def _rq_state() -> dict:
    import django_rq
    from rq import Worker

    queue = django_rq.get_queue("default")
    now = timezone.now()
    workers = []
    for worker in Worker.all(queue=queue):
        beat = worker.last_heartbeat
        if beat is not None and timezone.is_naive(beat):
            beat = timezone.make_aware(beat, timezone.UTC)
        workers.append(
            {
                "worker_id": worker.name,
                "host": worker.hostname,
                "pid": worker.pid,
                "beat_age_seconds": round((now - beat).total_seconds(), 1) if beat else None,
                "task": worker.get_current_job_id(),
            }
        )
    return {
        "workers": workers,
        "queue_length": queue.count,
        "running": queue.started_job_registry.count,
        "ok": bool(workers),
    }
