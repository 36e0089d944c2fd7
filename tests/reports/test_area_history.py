"""A document of a unit formed in the 2025 reform covers the units merged into it (issue 10:
scope follows unit history): the new commune Tân Kỳ's secretary reports on the four units'
years before the merger, as the screens show them to her."""

from collections import Counter
from datetime import date

from dangbo.accounts.models import User
from dangbo.org.models import Unit
from dangbo.reports.kinds import KINDS
from dangbo.reviews.registry import REVIEWS

MERGED = {"TT-TANKY", "X-NGHIADUNG", "X-KYTAN", "X-KYSON"}


def _in_merged(unit_code: str) -> bool:
    unit = Unit.objects.get(code=unit_code)
    return any(unit.path.startswith(Unit.objects.get(code=code).path) for code in MERGED)


def test_the_new_communes_tenure_report_covers_the_merged_units(demo):
    user = User.objects.get(username="bithu.tanky")
    options = {"as_of": date(2019, 6, 30), "include_deputies": True}
    review = REVIEWS["tenure"].run(user=user, options=options)
    content = KINDS["tenure"].build(
        user=user, unit=Unit.objects.get(code="X25-TANKY"), options=options
    )
    assert review, "the demo has cadres over two terms in the four units in 2019"
    assert all(_in_merged(r["unit_code"]) for r in review)
    assert content.figures["found"] == len(review)
    assert len(list(content.tables[0].rows)) == len(review)
    assert content.figures["reviewed"] > content.figures["found"]


def test_the_new_communes_quarter_report_covers_the_merged_units(demo):
    user = User.objects.get(username="bithu.tanky")
    options = {"period": "2019Q3", "as_of": date(2019, 12, 31)}
    review = REVIEWS["supervision"].run(user=user, options=options)
    content = KINDS["supervision-quarter"].build(
        user=user, unit=Unit.objects.get(code="X25-TANKY"), options=options
    )
    assert review
    counted = Counter(r["status"] for r in review)
    assert content.figures["required"] == len(review)
    for status in ("on_time", "late", "missing"):
        assert content.figures[status] == counted[status], status
