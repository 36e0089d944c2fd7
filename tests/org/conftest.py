"""Helpers for the back-office screen tests (shared with tests/people)."""

from django.urls import reverse


def text(response) -> str:
    return response.content.decode()


def refused(response) -> bool:
    """Wagtail turns a PermissionDenied on a GET into a redirect to the dashboard; a screen
    the role does not have answers 404 (docs/roles.md)."""
    if response.status_code == 302:
        return response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)
