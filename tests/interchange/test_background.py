"""The back office's imports as background runs: the run's page while it waits or runs,
the list of runs, whose runs a user sees, and one import at a time into the same units.
(The tasks run at once here, tests/conftest.py; real workers: tests/worker/.)"""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from dangbo.interchange import scope_lock
from dangbo.interchange.models import ImportLock, ImportRun
from dangbo.interchange.progress import CHECK, FileProgress
from dangbo.interchange.uploads import progress_folder
from dangbo.people.models import Person
from tests.factories import UserFactory
from tests.interchange.test_admin import HEADER, zipped

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def _checked(client, user, unit_code="X-DV", code="P8"):
    client.force_login(user)
    people = HEADER + f"\n{code},Người mới,M,1980-01-01,,,,,{unit_code}\n"
    response = client.post(reverse("interchange_import"), {"file": zipped({"people.csv": people})})
    return ImportRun.objects.get(pk=response.url.rstrip("/").split("/")[-1])


def _holding(user, file_name="lon.xlsx") -> ImportRun:
    """An import by `user` queued and holding its units (its task not yet handed over)."""
    run = ImportRun.objects.create(
        user=user,
        via=ImportRun.Via.SCREEN,
        file_name=file_name,
        status=ImportRun.Status.QUEUED,
        started_at=timezone.now(),
    )
    assert scope_lock.take(run=run, actor=user) is None
    return run


def test_a_second_import_into_the_same_units_is_refused_and_changes_nothing(
    client, office_a, office_district, data_dir
):
    holder = _holding(office_district)
    preview = _checked(client, office_a)
    with translation.override("vi"):
        response = client.post(reverse("interchange_run", args=[preview.pk]))
    assert response.status_code == 409
    page = response.content.decode()
    assert "lon.xlsx" in page and "office_hu" in page
    assert "Một lần nhập khác vào cùng các đơn vị đang chạy" in page
    assert not Person.objects.exists()
    assert set(ImportRun.objects.values_list("pk", flat=True)) == {holder.pk, preview.pk}
    preview.refresh_from_db()
    assert preview.stored_path  # still confirmable once the other import ends

    scope_lock.release(holder)
    ImportRun.objects.filter(pk=holder.pk).update(status=ImportRun.Status.DONE)
    response = client.post(reverse("interchange_run", args=[preview.pk]))
    assert response.status_code == 302
    assert Person.objects.get(code="P8")


def test_imports_into_units_apart_run_side_by_side(client, office_a, tree, data_dir):
    office_b = UserFactory(username="office_b", unit=tree.commune_b)
    _holding(office_b)
    preview = _checked(client, office_a)
    response = client.post(reverse("interchange_run", args=[preview.pk]))
    assert response.status_code == 302
    assert ImportRun.objects.get(pk=response.url.rstrip("/").split("/")[-1]).status == "done"


def test_the_operator_holds_the_whole_tree(superuser, office_a, tree):
    _holding(superuser)
    run = ImportRun.objects.create(
        user=office_a, via="screen", file_name="x", status="queued", started_at=timezone.now()
    )
    assert scope_lock.take(run=run, actor=office_a) is not None
    assert not ImportLock.objects.filter(run=run).exists()


def test_a_lock_whose_task_failed_is_let_go(office_a, office_district, tree):
    with override_settings(TASKS=DATABASE_TASKS):
        from django_tasks_db.models import DBTaskResult

        from dangbo.interchange.tasks import import_upload

        holder = _holding(office_district)
        result = import_upload.enqueue(holder.pk)
        ImportRun.objects.filter(pk=holder.pk).update(task_id=result.id)
        holder.refresh_from_db()
        assert scope_lock.still_running(holder)
        DBTaskResult.objects.filter(pk=result.id).update(status="FAILED")
        run = ImportRun.objects.create(
            user=office_a, via="screen", file_name="x", status="queued", started_at=timezone.now()
        )
        assert scope_lock.take(run=run, actor=office_a) is None
    holder.refresh_from_db()
    assert holder.status == ImportRun.Status.FAILED
    assert holder.locks.get().released_at is not None


def test_a_queued_run_waits_for_the_worker_and_reloads_itself(client, office_a, data_dir, settings):
    with override_settings(TASKS=DATABASE_TASKS, DANGBO_TASKS_BACKEND="database"):
        run = _checked(client, office_a)
        assert run.status == ImportRun.Status.QUEUED  # no worker has taken it
        page = client.get(reverse("interchange_run", args=[run.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "Waiting for the worker" in page  # the status, in words
    assert reverse("interchange_runs") in page


def test_a_running_run_shows_rows_checked_and_written_and_the_current_file(
    client, office_a, data_dir
):
    run = ImportRun.objects.create(
        user=office_a,
        via="screen",
        file_name="lon.xlsx",
        stored_path=str(data_dir / "imports" / "abc" / "lon.xlsx"),
        status=ImportRun.Status.RUNNING,
        started_at=timezone.now(),
    )
    progress = FileProgress(progress_folder(run), every_rows=10)

    class Sheet:
        label = "Đảng viên"

    progress.phase = CHECK
    list(progress.rows(range(25), Sheet()))
    client.force_login(office_a)
    page = client.get(reverse("interchange_run", args=[run.pk])).content.decode()
    assert '<dd id="stage">checking</dd>' in page  # the test client's language
    assert '<dd id="rows-checked">25</dd>' in page
    assert '<dd id="rows-written">0</dd>' in page
    assert '<dd id="current-file">Đảng viên</dd>' in page


def test_the_list_of_runs_shows_the_users_own(client, office_a, office_district, data_dir):
    mine = _checked(client, office_a)
    theirs = _checked(client, office_district, unit_code="HU-TK", code="P9")
    client.force_login(office_a)
    page = client.get(reverse("interchange_runs")).content.decode()
    assert reverse("interchange_run", args=[mine.pk]) in page
    assert reverse("interchange_run", args=[theirs.pk]) not in page


def test_another_users_run_is_not_found(client, office_a, office_district, data_dir):
    theirs = _checked(client, office_district, unit_code="HU-TK", code="P9")
    client.force_login(office_a)
    assert client.get(reverse("interchange_run", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("interchange_run", args=[theirs.pk])).status_code == 404
    assert not Person.objects.exists()


def test_the_operator_sees_every_run_and_cannot_confirm_anothers(
    client, superuser, office_a, data_dir
):
    theirs = _checked(client, office_a)
    client.force_login(superuser)
    assert (
        reverse("interchange_run", args=[theirs.pk])
        in client.get(reverse("interchange_runs")).content.decode()
    )
    page = client.get(reverse("interchange_run", args=[theirs.pk])).content.decode()
    assert "office_a" not in page or 'type="submit"' not in page.split("</table>")[-1]
    client.post(reverse("interchange_run", args=[theirs.pk]))
    assert not Person.objects.exists()


def test_the_report_lists_the_files_with_rows_each_cell_labelled(client, office_a, data_dir):
    """An upload of people alone: one row of counts, not one per file of the format; each
    cell carries its heading, so that on a phone the row reads as a card."""
    run = _checked(client, office_a)
    page = client.get(reverse("interchange_run", args=[run.pk])).content.decode()
    counts = page[page.index('id="counts"') : page.index("</table>", page.index('id="counts"'))]
    assert counts.count("<tr>") == 2  # the headings and people
    assert "people.csv" in counts
    assert "positions" not in counts
    assert 'data-label="Created">1</td>' in counts
    assert ".dangbo-review td::before" in page  # the narrow screens' cards


def test_the_administrators_list_names_who_ran_each_import(client, office_a, superuser, data_dir):
    office_a.first_name, office_a.last_name = "Lan", "Nguyễn Thị"
    office_a.save()
    _checked(client, office_a)
    client.force_login(superuser)
    page = client.get(reverse("interchange_runs")).content.decode()
    by = page.index('data-label="By">')
    assert page[by : page.index("</td>", by)].endswith(office_a.get_full_name())
