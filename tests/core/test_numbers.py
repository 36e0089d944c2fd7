"""Numbers as Vietnamese documents write them (core/numbers.py), shared by the charts, their
tables and the documents."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from dangbo.core.numbers import vn_decimal, vn_number, vn_percent


def test_examples():
    assert vn_number(1234567) == "1.234.567"
    assert vn_decimal(Decimal("8.50")) == "8,5"
    assert vn_decimal(Decimal("10")) == "10"
    assert vn_decimal(Decimal("1234.5")) == "1.234,5"
    assert vn_decimal(Decimal("-0.5")) == "-0,5"
    assert vn_decimal(None) == ""
    assert vn_percent(2 / 3) == "66,7 %"
    assert vn_percent(1) == "100 %"
    assert vn_percent(0) == "0 %"
    assert vn_percent(None) == "—"


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=3, allow_nan=False))
def test_a_decimal_reads_back(value):
    text = vn_decimal(value)
    assert "." not in text.split(",")[-1] if "," in text else True
    assert Decimal(text.replace(".", "").replace(",", ".")) == value
