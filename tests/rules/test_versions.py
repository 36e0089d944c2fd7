"""Effective-dated parameters (RULES.md preamble): one table per regulation value."""

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.rules.versions import (
    AUTO_EXPIRY_MONTHS,
    COMPLAINT_MONTHS,
    LIMITATION_YEARS,
    PROMOTION_BAR_MONTHS,
    RATING_QUOTA,
    RETIREMENT_AGE,
    ROTATION_MIN_MONTHS,
    ROTATION_SERVICE_YEARS,
    SCORE_BANDS,
    SUPERVISION,
    TABLES,
    Version,
    applicable,
    for_rating_year,
    in_force,
)

V1 = Version(date(2022, 1, 1), 1, "A")
V2 = Version(date(2025, 10, 8), 2, "B")


def test_in_force_picks_latest_effective_on_or_before():
    assert in_force((V1, V2), date(2022, 1, 1)) is V1
    assert in_force((V1, V2), date(2025, 10, 7)) is V1
    assert in_force((V1, V2), date(2025, 10, 8)) is V2
    assert in_force((V2, V1), date(2030, 1, 1)) is V2  # order of the input does not matter


def test_in_force_raises_before_first_and_on_empty():
    with pytest.raises(ValueError, match="2021-12-31"):
        in_force((V1, V2), date(2021, 12, 31))
    with pytest.raises(ValueError):
        in_force((), date(2021, 12, 31))


def test_applicable_falls_back_to_earliest():
    assert applicable((V1, V2), date(1990, 1, 1)) is V1
    assert applicable((V1, V2), date(2026, 1, 1)) is V2
    with pytest.raises(ValueError):
        applicable((), date(2021, 12, 31))


def test_label():
    assert LIMITATION_YEARS[0].label == (
        "69-QĐ/TW (2022), sửa đổi bởi 264-QĐ/TW (2025); v2022-07-06"
    )


def test_discipline_values():
    lim = in_force(LIMITATION_YEARS, date(2024, 1, 1)).value
    assert dict(lim) == {"khien_trach": 5, "canh_cao": 10, "cach_chuc": 10}
    assert "khai_tru" not in lim and "giai_tan" not in lim
    assert in_force(AUTO_EXPIRY_MONTHS, date(2024, 1, 1)).value == 12
    assert in_force(COMPLAINT_MONTHS, date(2024, 1, 1)).value == 1


def test_promotion_bar_boundary_2025_10_08():
    before = in_force(PROMOTION_BAR_MONTHS, date(2025, 10, 7))
    after = in_force(PROMOTION_BAR_MONTHS, date(2025, 10, 8))
    assert dict(before.value) == {"khien_trach": 12, "canh_cao": 30, "cach_chuc": 60}
    assert dict(after.value) == {"khien_trach": 24, "canh_cao": 36, "cach_chuc": 60}
    assert "80-QĐ/TW" in before.citation and "377-QĐ/TW" in after.citation
    # RULES: 80-QĐ/TW applies to every announcement before 2025-10-08.
    assert applicable(PROMOTION_BAR_MONTHS, date(2019, 1, 1)) is before


def test_rating_tables_by_year():
    assert for_rating_year(RATING_QUOTA, 2020).value == Fraction(1, 5)
    assert "124-QĐ/TW" in for_rating_year(RATING_QUOTA, 2024).citation
    assert "366-QĐ/TW" in for_rating_year(RATING_QUOTA, 2025).citation
    assert len(RATING_QUOTA) == 2 and RATING_QUOTA[0].value == RATING_QUOTA[1].value
    with pytest.raises(ValueError):
        in_force(SCORE_BANDS, date(2024, 12, 31))
    bands = for_rating_year(SCORE_BANDS, 2025).value
    assert [level for _low, level in bands] == ["xuat_sac", "tot", "hoan_thanh", "khong_hoan_thanh"]


def test_rotation_and_retirement_values():
    assert in_force(ROTATION_MIN_MONTHS, date(2024, 1, 1)).value == 36
    assert dict(in_force(ROTATION_SERVICE_YEARS, date(2024, 1, 1)).value) == {
        "default": 10,
        "term_limit": 5,
        "non_local": 5,
    }
    schedule = RETIREMENT_AGE[0].value
    assert [schedule["M"].age_months(y) for y in (2020, 2021, 2022, 2028, 2040)] == [
        720,
        723,
        726,
        744,
        744,
    ]
    assert [schedule["F"].age_months(y) for y in (2020, 2021, 2022, 2035, 2040)] == [
        660,
        664,
        668,
        720,
        720,
    ]
    assert schedule["F"].age_months(2034) == 716


def test_supervision_versions():
    assert "30-QĐ/TW" in in_force(SUPERVISION, date(2019, 3, 25)).citation
    assert "22-QĐ/TW" in in_force(SUPERVISION, date(2025, 3, 25)).citation
    assert "296-QĐ/TW" in in_force(SUPERVISION, date(2025, 6, 25)).citation


def test_tables_are_sorted_and_immutable():
    for versions in TABLES.values():
        starts = [v.effective_from for v in versions]
        assert starts == sorted(set(starts))
        for v in versions:
            assert v.citation
    with pytest.raises(TypeError):
        LIMITATION_YEARS[0].value["khien_trach"] = 1  # type: ignore[index]
    with pytest.raises(AttributeError):
        V1.value = 3  # type: ignore[misc]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_in_force_is_the_latest_not_after(on):
    for versions in TABLES.values():
        try:
            v = in_force(versions, on)
        except ValueError:
            assert all(x.effective_from > on for x in versions)
            continue
        assert v.effective_from <= on
        assert all(not (v.effective_from < x.effective_from <= on) for x in versions)
        assert in_force(versions, on + timedelta(days=0)) is v
