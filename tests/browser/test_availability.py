"""Without Chromium the browser tests skip locally and fail on CI (no browser needed here)."""

import pytest

from tests.browser.conftest import playwright_sync_api


def test_missing_chromium_fails_on_ci(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="CI=true but Debian's Chromium"):
        playwright_sync_api(str(tmp_path / "chromium"), environ={"CI": "true"})


def test_missing_chromium_skips_locally_with_the_reason(tmp_path):
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed at"):
        playwright_sync_api(str(tmp_path / "chromium"), environ={})


def test_present_chromium_gives_playwright(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.touch()
    assert hasattr(playwright_sync_api(str(chromium), environ={"CI": "true"}), "sync_playwright")
