"""Numbers in words as Vietnamese documents write them, whatever the screen's language:
thousands with a dot (1.234), decimals with a comma (8,5), percents with a comma and a space
before the sign (87,5 %; TCVN 7870 / SI: a space between a number and its unit). Django's vi
format groups no digits, and a screen in English would write 87.5%; the charts, their tables
and the documents are read beside one another, so they share these."""

from decimal import ROUND_HALF_UP, Decimal


def vn_number(n: int) -> str:
    """A count: 1.234.567."""
    return f"{int(n):,}".replace(",", ".")


def vn_decimal(value) -> str:
    """A decimal as written (8,5; 10), '' for none: a score, a share already in percent."""
    if value is None:
        return ""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    whole, _dot, fraction = f"{abs(value).normalize():f}".partition(".")
    return sign + vn_number(int(whole)) + ("," + fraction if fraction else "")


def vn_percent(share) -> str:
    """A share 0–1 as a percent to one decimal (87,5 %; 100 %; 66,7 %); '—' when none."""
    if share is None:
        return "—"
    value = (Decimal(share) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{vn_decimal(value)} %"
