"""Fixtures and helpers for the back-office screen tests (shared with tests/people)."""

import pytest
from django.urls import reverse


@pytest.fixture
def as_user(client):
    """The test client, logged in as the given user."""

    def login(user):
        client.force_login(user)
        return client

    return login


def text(response) -> str:
    return response.content.decode()


def refused(response) -> bool:
    """Wagtail turns a PermissionDenied on a GET into a redirect to the dashboard."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code == 403


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)
