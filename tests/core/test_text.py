import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.core.text import fold, nfc, refused_character, visible


def test_fold_every_vietnamese_letter():
    assert fold("Nguyễn Đặng Thị Hường") == "nguyen dang thi huong"
    assert fold("ĐẢNG CỘNG SẢN VIỆT NAM") == "dang cong san viet nam"
    assert fold("Tân Kỳ") == "tan ky"
    assert fold("ơ ư ă â ê ô ỡ ự ẳ ậ ể ổ") == "o u a a e o o u a a e o"


def test_fold_empty():
    assert fold(None) == ""
    assert fold("  ") == ""


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    ("text", "note", "found"),
    [
        ("Nguyễn Văn An", False, None),
        ("Nguyễn\u00a0Văn", False, None),  # a no-break space is a space, not a control
        ("Lê\x00", False, (3, "U+0000")),
        ("a\tb", False, (2, "U+0009")),
        ("a\tb\r\nc", True, None),
        ("a\x7fb", True, (2, "U+007F")),
        ("a\x9bb", True, (2, "U+009B")),
        ("abc\u202d", True, (4, "U+202D")),
        ("\u2068x", False, (1, "U+2068")),
        ("a\u200db", False, None),  # a zero-width joiner is neither control nor bidi
    ],
)
def test_refused_character(text, note, found):
    assert refused_character(text, note=note) == found


def test_nfc_and_visible():
    decomposed = unicodedata.normalize("NFD", "Hường")
    assert nfc(decomposed) == "Hường" and len(nfc(decomposed)) == 5
    assert visible("a\x00b\u202ec") == "a<U+0000>b<U+202E>c"
    assert visible("Hường") == "Hường"
