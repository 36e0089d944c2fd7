"""An upload from the back office watched in Chromium: the run's page waits for the worker,
reloads itself until a real worker process has checked the file, the confirmed import runs
in the worker too, and the list of imports leads back to both (tests/worker/ for the
database both processes share)."""

import socket
import zipfile

import pytest

from tests.browser.helpers import fits, log_in
from tests.worker.conftest import (  # noqa: F401 - fixtures
    new_site,
    site,
    wait_for,
    worker_template,
)

PASSWORD = "mật-khẩu-thử-123"  # tests/factories.py


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def served(site):  # noqa: F811 - the fixture imported above
    port = _free_port()
    site.start("runserver", f"127.0.0.1:{port}", "--noreload", "--insecure")
    wait_for(lambda: _answers(port), "the web server")
    return site, f"http://127.0.0.1:{port}"


def test_an_upload_is_checked_and_imported_by_the_worker(served, browser_page, tmp_path):
    workers, url = served
    upload = tmp_path / "dang-vien.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr(
            "people.csv",
            "code,full_name,gender,birth_date,unit_code\nB1,Lê Văn Ba,M,1970-05-17,X-DV\n",
        )
    page = browser_page
    log_in(page, url, "office_a", PASSWORD)
    page.goto(f"{url}/admin/interchange/import/")
    page.set_input_files("input[name=file]", str(upload))
    page.click("form[enctype='multipart/form-data'] button[type=submit]")
    page.wait_for_url(f"{url}/admin/interchange/runs/*/")
    assert "Đang chờ bộ xử lý nền" in page.inner_text("main h2")
    assert "Tệp đang chờ bộ xử lý nền" in page.inner_text("#progress")
    page.set_viewport_size({"width": 360, "height": 800})
    fits(page, 360)

    workers.worker()  # the page reloads itself until the check's report replaces the wait
    page.wait_for_selector("form.w-mt-8 button[type=submit]", timeout=120_000)
    assert page.locator("#progress").count() == 0
    page.click("form.w-mt-8 button[type=submit]")
    # The import's page, reloading itself until its report.
    page.locator("main h2", has_text="Đã nhập").wait_for(timeout=120_000)
    page.goto(f"{url}/admin/interchange/runs/")
    rows = page.locator("#import-runs tbody tr")
    assert rows.count() == 2
    assert "dang-vien.zip" in rows.first.inner_text()
    fits(page, 360)
