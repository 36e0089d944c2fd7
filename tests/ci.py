"""What a test needs from the machine (Chromium, LibreOffice, axe-core): missing, it is
skipped locally with the reason and fails on CI (CI=true), so a green CI means it ran."""

import os

import pytest


def on_ci(environ=os.environ) -> bool:
    return environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str, environ=os.environ):
    """Fail on CI, skip elsewhere, saying why."""
    if on_ci(environ):
        pytest.fail(f"CI=true but {reason}: install it (.ci/run does)", pytrace=False)
    pytest.skip(reason)
