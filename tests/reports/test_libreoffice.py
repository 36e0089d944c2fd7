"""One document of each kind opened by LibreOffice: converted to PDF, then to PNG pages.

LibreOffice (libreoffice-writer-nogui) and pdftoppm (poppler-utils) are Debian packages that
.ci/run installs. Locally without them the test is skipped, saying why; on CI (CI=true) it
fails. With DANGBO_SAMPLES=docs/samples the pages are kept there (docs/samples/README.md).
"""

import shutil
import subprocess
from datetime import date
from os import environ
from pathlib import Path

import pytest

from dangbo.accounts.models import User
from dangbo.org.models import Unit
from dangbo.reports.kinds import KINDS
from dangbo.reports.services import document_issue
from tests.ci import unavailable
from tests.reports.conftest import issue_data


def _need(program: str, package: str) -> str:
    """The program's path; skipped locally, failed on CI, as the browser tests do."""
    found = shutil.which(program)
    if not found:
        unavailable(f"{program} not found (Debian package {package})")
    return found


# The district organization office's header (its superior is the committee, DOCUMENTS.md).
BOARD = {
    "superior_body": "HUYỆN UỶ TÂN KỲ",
    "issuing_body": "BAN TỔ CHỨC",
    "abbreviation": "BTCHU",
    "author": "Ban Tổ chức Huyện uỷ",
    "on_behalf": "",
    "signer_title": "TRƯỞNG BAN",
    "recipients": ["Thường trực Huyện uỷ (để b/c)", "Ban Tổ chức Tỉnh uỷ"],
}

# name: (login, options, issue data[, issuing unit's code, HU-TK when absent])
CASES = {
    "tenure": (
        "btc.huyen",
        {"as_of": date(2019, 6, 30), "include_deputies": True},
        issue_data(
            superior_body="HUYỆN UỶ TÂN KỲ",
            issuing_body="BAN TỔ CHỨC",
            abbreviation="BTCHU",
            author="Ban Tổ chức Huyện uỷ",
            on_behalf="",
            signer_title="TRƯỞNG BAN",
            recipients=["Thường trực Huyện uỷ (để b/c)", "Ban Tổ chức Tỉnh uỷ"],
            issued_on=date(2019, 7, 3),
        ),
    ),
    "rotation-plan": ("btv.huyen", {"plan": "KH-LC-2016-2020"}, issue_data()),
    "assistance-decision": (
        "btv.huyen",
        {"year": 2016},
        issue_data(issued_on=date(2016, 12, 20)),
    ),
    "supervision-quarter": (
        "btc.huyen",
        {"period": "2019Q3", "as_of": date(2019, 9, 30)},
        issue_data(**BOARD, issued_on=date(2019, 10, 4)),
        "BTC-HU",
    ),
    "discipline-list": ("ubkt.huyen", {"year": 2019, "list_period": "H1"}, issue_data()),
    "ratings": (
        "btc.huyen",
        {"year": 2018},
        issue_data(**BOARD, issued_on=date(2019, 1, 15)),
        "BTC-HU",
    ),
    "story": (
        "btc.huyen",
        {"as_of": date(2019, 6, 30), "include_deputies": True},
        issue_data(**BOARD, issued_on=date(2019, 7, 3)),
        "BTC-HU",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_libreoffice_opens_the_document(demo, name, tmp_path):
    soffice = _need("soffice", "libreoffice-writer-nogui")
    pdftoppm = _need("pdftoppm", "poppler-utils")
    username, options, data, *unit = CASES[name]
    issued = document_issue(
        actor=User.objects.get(username=username),
        kind=KINDS[name],
        unit=Unit.objects.get(code=unit[0] if unit else "HU-TK"),
        options=options,
        data=data,
    )
    docx = tmp_path / f"{name}.docx"
    docx.write_bytes(bytes(issued.docx))
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = tmp_path / f"{name}.pdf"
    assert pdf.stat().st_size > 1000
    subprocess.run(
        [pdftoppm, "-png", "-r", "60", str(pdf), str(tmp_path / name)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob(f"{name}-*.png"))
    assert len(pages) >= 2  # the notice or report, then its annex on a new page
    if keep := environ.get("DANGBO_SAMPLES"):
        folder = Path(keep)
        folder.mkdir(parents=True, exist_ok=True)
        for page in pages:
            shutil.copy(page, folder / page.name)
