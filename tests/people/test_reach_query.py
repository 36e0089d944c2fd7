"""The people's reach as set operations (`person_list_visible_to`) gives exactly the people
of the first query, an OR of a subquery per link (`person_list_visible_to_by_or`), for every
demo login, by either plan (small scope: a UNION of ids; large scope: members by unit plus
linked people outside)."""

import pytest

from dangbo.accounts.models import User
from dangbo.demo.users import DEMO_LOGINS
from dangbo.org import scope
from dangbo.people import selectors


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


@pytest.mark.parametrize("share", [None, 0.0, 1.0])
def test_reach_is_the_same_as_the_or_query_for_every_demo_login(demo, monkeypatch, share):
    if share is not None:
        monkeypatch.setattr(selectors, "LARGE_SHARE", share)
    seen = set()
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        scope.forget(user)
        expected = ids(selectors.person_list_visible_to_by_or(user=user))
        scope.forget(user)
        visible = selectors.person_list_visible_to(user=user)
        assert ids(visible) == expected, login.username
        assert visible.count() == len(expected), login.username
        page = list(visible.order_by("code")[:20])
        assert [p.pk for p in page] == list(
            selectors.person_list_visible_to_by_or(user=user)
            .order_by("code")
            .values_list("pk", flat=True)[:20]
        ), login.username
        seen.add(len(expected))
    assert len(seen) > 2  # logins of different reach, not all everything or nothing


def test_reach_of_a_user_without_grant_is_empty(demo):
    user = User.objects.create(username="no-grant")
    assert not selectors.person_list_visible_to(user=user).exists()
