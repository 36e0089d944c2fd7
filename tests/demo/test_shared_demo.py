"""The demo shared by the tests that read it: loaded once, and every test finds it as loaded."""

from django.contrib.auth.hashers import get_hasher

from dangbo.people.models import Person, Position
from dangbo.ratings.models import Rating
from tests.conftest import row_counts
from tests.factories import UserFactory


def test_a_test_that_writes_changes_only_its_own_copy(demo):
    Rating.objects.all().delete()
    Position.objects.all().delete()
    Person.objects.filter(code="P0002").update(full_name="Đã sửa trong một phép thử")
    assert not Rating.objects.exists()


def test_the_next_test_finds_the_demo_as_loaded(demo):
    assert demo.loads == 1  # once per session, not once per test
    assert row_counts() == demo.counts
    assert Rating.objects.count() > 100
    assert Person.objects.get(code="P0002").full_name == "Bùi Thanh Bảo"


def test_tests_hash_passwords_fast_production_does_not(db):
    from dangbo import settings as production

    assert get_hasher().algorithm == "md5"
    assert UserFactory().password.startswith("md5$")
    assert "MD5" not in "".join(getattr(production, "PASSWORD_HASHERS", []))


def test_after_the_demo_tests_the_database_is_empty_again(db):
    # Runs after the tests sharing the demo (they are grouped where the first one was).
    assert not Person.objects.exists()
    assert not Rating.objects.exists()
