"""The History screens say when, as dd/mm/yyyy HH:MM in Vietnam's time (issue 8)."""

from datetime import UTC, date, datetime

from django.urls import reverse

from dangbo.core import audit
from dangbo.org import services


def test_the_history_screen_shows_the_local_time_not_how_long_ago(as_user, office_a, tree):
    services.unit_end(actor=office_a, unit=tree.branch_a, valid_to=date(2025, 6, 30))
    # 20:30 in UTC is 03:30 the next day in Hà Nội (UTC+7).
    audit.history(tree.branch_a).update(timestamp=datetime(2025, 7, 1, 20, 30, tzinfo=UTC))
    response = as_user(office_a).get(reverse("unit:history", args=[tree.branch_a.pk]))
    body = response.content.decode()
    assert "02/07/2025 03:30" in body
    assert "trước" not in body.split("<tbody")[1].split("</tbody>")[0]  # "… ago"
