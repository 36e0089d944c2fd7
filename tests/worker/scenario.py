"""What the worker tests do inside a dangbo process of their own, against the database the
worker processes use: `python -m tests.worker.scenario ACTION [ARG…]` prints one JSON value."""

import json
import os
import sys
import time
from pathlib import Path


def setup_tree():
    from dangbo.accounts.models import UserRole
    from dangbo.org.models import UnitKind
    from tests.factories import UnitFactory, UserFactory

    province = UnitFactory(code="TU-NA", name="Tỉnh ủy Nghệ An", kind=UnitKind.PROVINCE_COMMITTEE)
    district = UnitFactory(
        code="HU-TK", name="Huyện ủy Tân Kỳ", kind=UnitKind.DISTRICT_COMMITTEE, parent=province
    )
    commune_a = UnitFactory(code="X-DV", name="Đảng bộ xã Đồng Văn", parent=district)
    commune_b = UnitFactory(code="X-TX", name="Đảng bộ xã Tân Xuân", parent=district)
    for username, unit in (
        ("office_a", commune_a),
        ("office_b", commune_b),
        ("office_hu", district),
    ):
        UserFactory(username=username, unit=unit, role=UserRole.ORGANIZATION_OFFICE)
    return {"ok": True}


def write_people(folder, count, unit_code="X-DV", prefix="W"):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["code,full_name,gender,birth_date,unit_code"]
    lines += [f"{prefix}{i:06d},Nguyễn Văn {i},M,1970-05-17,{unit_code}" for i in range(int(count))]
    (folder / "people.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(folder)


def _user(username):
    from dangbo.accounts.models import User

    return User.objects.get(username=username)


def queue_check(username, path):
    from dangbo.interchange.background import queue_check as queue

    return queue(actor=_user(username), dataset=Path(path), file_name=Path(path).name).pk


def queue_import(username, run_id):
    from dangbo.interchange.background import ImportRefused
    from dangbo.interchange.background import queue_import as queue
    from dangbo.interchange.models import ImportRun

    try:
        run = queue(actor=_user(username), preview=ImportRun.objects.get(pk=run_id))
    except ImportRefused as refused:
        return {"refused": str(refused)}
    return {"run": run.pk}


def hold_scope(username, path, held_file, go_file):
    """Queue an import of `path` by `username` and keep its transaction open (the scope
    lock taken, not committed) until `go_file` exists."""
    from django.db import transaction
    from django.utils import timezone

    from dangbo.interchange import scope_lock
    from dangbo.interchange.models import ImportRun

    with transaction.atomic():
        run = ImportRun.objects.create(
            user=_user(username),
            via="screen",
            file_name="held",
            stored_path=path,
            status=ImportRun.Status.QUEUED,
            started_at=timezone.now(),
        )
        holder = scope_lock.take(run=run, actor=_user(username))
        Path(held_file).touch()
        while not Path(go_file).exists():
            time.sleep(0.05)
    return {"held": holder is None, "run": run.pk}


def take_scope(username):
    from django.utils import timezone

    from dangbo.interchange import scope_lock
    from dangbo.interchange.models import ImportRun

    run = ImportRun.objects.create(
        user=_user(username),
        via="screen",
        file_name="second",
        status=ImportRun.Status.QUEUED,
        started_at=timezone.now(),
    )
    holder = scope_lock.take(run=run, actor=_user(username))
    return {"refused_by": holder.pk if holder else None}


def run(run_id):
    from dangbo.interchange.models import ImportLock, ImportRun
    from dangbo.people.models import Person

    found = ImportRun.objects.get(pk=run_id)
    return {
        "status": found.status,
        "error_count": found.error_count,
        "errors": found.errors[:3],
        "counts": found.counts,
        "task_id": found.task_id,
        "stored_path": found.stored_path,
        "people": Person.objects.count(),
        "locks_held": ImportLock.objects.filter(released_at=None).count(),
    }


def enqueue(name, *args):
    from tests.worker import tasks

    return str(getattr(tasks, name).enqueue(*args).id)


def task(task_id):
    from django_tasks_db.models import DBTaskResult

    found = DBTaskResult.objects.get(pk=task_id)
    return {
        "status": found.status,
        "worker_ids": found.worker_ids,
        "return_value": found.return_value,
    }


def rq_job(task_id):
    import django_rq

    from dangbo.worker.rq import Job

    found = Job.fetch(task_id, connection=django_rq.get_connection("default"))
    return {"status": found.get_status().value, "retries_left": found.retries_left}


def rq_heartbeats_lapse():
    """What the next worker's cleaning of the registries does once the heartbeat of a dead
    worker's job has lapsed (job_monitoring_interval 30 s + 60 s): seen 120 s from now."""
    import django_rq

    queue = django_rq.get_queue("default")
    queue.started_job_registry.cleanup(timestamp=time.time() + 120)
    return {"queued": queue.count}


def schedule_state():
    """What the schedule has done, without the moments it did it: the days run and their
    counts, each notice, the expiries on cases' histories, the lists, the audit entries."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    from dangbo.discipline.models import DisciplineCase, PublishedList
    from dangbo.notices.models import Notice, ScheduleDay
    from dangbo.notices.services import EXPIRED

    cases = ContentType.objects.get_for_model(DisciplineCase)
    return {
        "days": [[d.day, d.counts] for d in ScheduleDay.objects.order_by("day")],
        "notices": sorted(
            [n.recipient.username, n.kind, n.content_type.model, n.object_id, n.occasion, n.title]
            for n in Notice.objects.select_related("recipient", "content_type")
        ),
        "expiries": sorted(
            [e.object_id, e.data.get("expires_on")]
            for e in ModelLogEntry.objects.filter(content_type=cases, action=EXPIRED)
        ),
        "lists": sorted(
            [x.unit.code, x.year, x.period, x.status, x.rows]
            for x in PublishedList.objects.select_related("unit")
        ),
        "audit": sorted(
            [e.content_type.model if e.content_type else "", e.action]
            for e in ModelLogEntry.objects.select_related("content_type")
        ),
    }


def units(code_prefix):
    from dangbo.org.models import Unit

    return Unit.objects.filter(code__startswith=code_prefix).count()


def health():
    from dangbo.worker.health import worker_state

    return worker_state()


ACTIONS = {
    f.__name__: f
    for f in (
        setup_tree,
        write_people,
        queue_check,
        queue_import,
        hold_scope,
        take_scope,
        run,
        enqueue,
        task,
        rq_job,
        rq_heartbeats_lapse,
        schedule_state,
        units,
        health,
    )
}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangbo.settings")
    import django

    django.setup()
    action, *arguments = sys.argv[1:]
    print(json.dumps(ACTIONS[action](*arguments), ensure_ascii=False, default=str))
