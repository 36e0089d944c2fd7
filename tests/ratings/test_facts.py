"""The database pre-filter of `findings_for` never drops a rating the rules would flag."""

from datetime import date
from decimal import Decimal

import pytest

from dangbo.discipline.models import DisciplineCase
from dangbo.ratings.facts import findings_for
from dangbo.ratings.models import Rating
from dangbo.rules import ratings as rules
from dangbo.rules.versions import SCORE_BANDS
from tests.factories import PersonFactory, UnitFactory

LEVELS = ["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"]


def _scores() -> list[Decimal | None]:
    """Every band boundary (from the table, not copied here), a step either side, the ends."""
    scores: set[Decimal] = {Decimal("0"), Decimal("100")}
    for version in SCORE_BANDS:
        for low, _level in version.value:
            if low != float("-inf"):
                low = Decimal(str(low))
                scores |= {low - Decimal("0.01"), low, low + Decimal("0.01")}
    return [None, *sorted(s for s in scores if 0 <= s <= 100)]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_the_prefilter_keeps_every_rating_a_finding_concerns(tree, year):
    ratings = Rating.objects.filter(year=year)
    facts = []
    n = 0
    for score in _scores():
        for level in LEVELS:
            for kind in ("person", "unit"):
                n += 1
                group = f"G{n % 3}"
                unit = UnitFactory(code=f"R{n:03d}", parent=tree.district)
                person = PersonFactory(code=f"PR{n:03d}", unit=unit) if kind == "person" else None
                Rating.objects.create(
                    year=year,
                    subject_kind=kind,
                    person=person,
                    unit=unit,
                    group=group,
                    level=level,
                    score=score,
                )
                code = person.code if person else unit.code
                facts.append(
                    rules.Rating(
                        year, kind, code, group, level, None if score is None else float(score)
                    )
                )
                if n % 7 == 0 and person is not None:  # a decision announced in the year
                    DisciplineCase.objects.create(
                        code=f"KL{n:03d}",
                        subject_kind="person",
                        person=person,
                        unit=unit,
                        violation_date=date(year, 1, 2),
                        form="khien_trach",
                        decided_date=date(year, 2, 1),
                        announced_date=date(year, 2, 3),
                    )
    decided = {f.subject_code for f in facts if f.subject_kind == "person"} & set(
        DisciplineCase.objects.values_list("person__code", flat=True)
    )
    # Every rating, no counts given: what the rules say without any help from the database.
    expected = rules.rating_findings(
        facts,
        year,
        person_decisions_in_year=decided,
        unit_parent={},  # no decision against a unit, so the tree blocks nothing
        units_with_decision_in_year=set(),
        head_or_deputy_in_year={},  # nobody holds a post
    )
    got = findings_for(ratings, year)
    assert got == expected
    assert any(f["finding"] == "score_level_mismatch" for f in got) == (year >= 2025)
