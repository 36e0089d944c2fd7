"""Shared fixtures: a small tree with two communes under one district, and their users;
the Tân Kỳ demo, loaded once for the tests that read it; a fast password hasher."""

from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from dangbo.accounts.models import User, UserRole
from dangbo.org.models import Unit, UnitKind
from tests.factories import PersonFactory, PositionFactory, UnitFactory, UserFactory


@dataclass
class Tree:
    province: Unit
    district: Unit
    commune_a: Unit
    commune_b: Unit
    branch_a: Unit


@pytest.fixture
def tree(db) -> Tree:
    province = UnitFactory(code="TU-NA", name="Tỉnh ủy Nghệ An", kind=UnitKind.PROVINCE_COMMITTEE)
    district = UnitFactory(
        code="HU-TK", name="Huyện ủy Tân Kỳ", kind=UnitKind.DISTRICT_COMMITTEE, parent=province
    )
    commune_a = UnitFactory(code="X-DV", name="Đảng bộ xã Đồng Văn", parent=district)
    commune_b = UnitFactory(code="X-TX", name="Đảng bộ xã Tân Xuân", parent=district)
    branch_a = UnitFactory(
        code="CB-DV-1", name="Chi bộ xóm 1", kind=UnitKind.BRANCH, parent=commune_a
    )
    return Tree(province, district, commune_a, commune_b, branch_a)


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("admin", "admin@example.org", "mật-khẩu-thử-123")


@pytest.fixture
def office_a(tree) -> User:
    """Organization office staff of commune A: may change A's subtree, nothing else."""
    return UserFactory(username="office_a", unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)


@pytest.fixture
def office_district(tree) -> User:
    return UserFactory(username="office_hu", unit=tree.district, role=UserRole.ORGANIZATION_OFFICE)


@pytest.fixture
def secretary_a(tree) -> User:
    """A grassroots secretary of commune A: reads A's subtree, changes nothing."""
    return UserFactory(
        username="secretary_a", unit=tree.commune_a, role=UserRole.GRASSROOTS_SECRETARY
    )


@pytest.fixture
def person_b(tree):
    person = PersonFactory(code="P-B1", full_name="Đặng Thị Bình", unit=tree.commune_b)
    PositionFactory(person=person, unit=tree.commune_b)
    return person


@pytest.fixture
def person_a(tree):
    person = PersonFactory(code="P-A1", full_name="Nguyễn Văn An", unit=tree.commune_a)
    PositionFactory(person=person, unit=tree.commune_a)
    return person


@pytest.fixture
def as_user(client):
    """The test client, logged in as the given user."""

    def login(user):
        client.force_login(user)
        return client

    return login


# --- a fast password hasher -------------------------------------------------------------
# Django's default PBKDF2 costs about a third of a second per password; the demo sets nine
# and every UserFactory one. MD5 is fine for throw-away test users and only ever set here,
# never in dangbo/settings.py.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    # override_settings (not a plain assignment) so that Django's cached hasher list is reset.
    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


# --- tasks run where they are queued -----------------------------------------------------
# The screens' tests see a background import's end at once (ImmediateBackend runs each task
# inside the request that queues it); the queue itself, its worker and a worker's death are
# tested with real worker processes on the database and Redis backends (tests/worker/).
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="session", autouse=True)
def immediate_tasks():
    with override_settings(TASKS=IMMEDIATE_TASKS, DANGBO_TASKS_BACKEND="immediate"):
        yield


# --- the Tân Kỳ demo, loaded once ---------------------------------------------------------
# Loading the demo takes seconds; the tests that only read it share one copy. It is loaded
# inside a transaction that is never committed (the way Django's setUpTestData works); each
# test runs in its own savepoint inside it (pytest-django's `db`), so a test that writes is
# rolled back to the demo as loaded. The tests asking for `demo` are run one after the other
# (pytest_collection_modifyitems below) and the transaction is rolled back after the last of
# them, so the tests that follow find the empty database they expect.


@dataclass
class SharedDemo:
    blocker: object
    atomic: object = None
    loads: int = 0
    counts: dict = field(default_factory=dict)  # rows per model label, as loaded

    def load(self) -> None:
        with self.blocker.unblock():
            atomic = transaction.atomic(using="default")
            atomic._from_testcase = True  # what Django's TestCase marks its own atomics with
            atomic.__enter__()
            try:
                call_command("demo", "--no-serve", stdout=StringIO(), stderr=StringIO())
            except BaseException as error:
                atomic.__exit__(type(error), error, error.__traceback__)
                raise
            self.atomic = atomic
            self.loads += 1
            self.counts = row_counts()

    def alive(self) -> bool:
        return self.atomic is not None and self.atomic in connection.atomic_blocks[:1]

    def release(self) -> None:
        if self.atomic is None:
            return
        with self.blocker.unblock():
            if self.alive():
                transaction.set_rollback(True, using="default")
                self.atomic.__exit__(None, None, None)
        self.atomic = None
        cache.clear()


def row_counts() -> dict[str, int]:
    """Rows per model (concrete models only), for tests that check what the demo holds."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if not model._meta.proxy
    }


_shared: dict[str, SharedDemo] = {}


@pytest.fixture(scope="session")
def shared_demo(django_db_setup, django_db_blocker) -> SharedDemo:
    state = SharedDemo(django_db_blocker)
    _shared["demo"] = state
    state.load()
    yield state
    state.release()


@pytest.fixture
def demo(request, shared_demo, db) -> SharedDemo:
    """The Tân Kỳ demo, loaded once per session; each test's writes are rolled back."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        pytest.fail(
            "the shared demo lives in an uncommitted transaction: a transactional test "
            "(live_server, transactional_db) must load the demo itself"
        )
    if not shared_demo.alive():
        pytest.fail("the shared demo was released or its transaction ended before this test")
    return shared_demo


def _uses_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that share the demo one after the other, where the first of them was
    (pytest-django has already put the database tests before the transactional ones)."""
    first = next((i for i, item in enumerate(items) if _uses_demo(item)), None)
    if first is None:
        return
    sharing = [item for item in items if _uses_demo(item)]
    others = [item for item in items if not _uses_demo(item)]
    items[:] = others[:first] + sharing + others[first:]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # the test's own savepoint is rolled back first
    state = _shared.get("demo")
    if state is not None and _uses_demo(item) and (nextitem is None or not _uses_demo(nextitem)):
        state.release()
