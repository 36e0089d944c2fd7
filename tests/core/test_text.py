from hypothesis import given
from hypothesis import strategies as st

from dangbo.core.text import fold


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
