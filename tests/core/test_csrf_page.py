"""A form sent without its CSRF token (a page kept open for days, a forged POST) is refused
with a page in Vietnamese that says what to do, and changes nothing."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from dangbo.notices.models import Notice, NoticeKind


@pytest.mark.django_db
def test_a_post_without_its_token_is_refused_in_vietnamese(office_a):
    unit = office_a.grants.get().unit
    Notice.objects.create(
        recipient=office_a,
        kind=NoticeKind.TENURE_OVER,
        title="Một thông báo",
        content_type=ContentType.objects.get_for_model(unit),
        object_id=str(unit.pk),
        occasion=date(2019, 9, 20),
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(office_a)
    response = client.post(reverse("notices_mark_all_read"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không gửi được biểu mẫu" in page
    assert "Chưa có gì bị thay đổi." in page
    assert "CSRF verification failed" not in page
    assert Notice.objects.get().read_at is None
