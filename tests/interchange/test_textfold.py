from hypothesis import given
from hypothesis import strategies as st

from dangbo.core.text import fold
from dangbo.interchange.textfold import fast_fold

VIETNAMESE = "ĐđƯưƠơẮẰẲẴẶắằẳẵặỄễỆệỖỗỘộỮữỰựÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýăĂ"


def test_the_fast_fold_is_fold():
    for text in ("", "  ", "P1 Nguyễn Văn An", "ĐẶNG  thị\tHƯƠNG\n", "a\u0301 b", "\u0301 x"):
        assert fast_fold(text) == fold(text)


@given(st.text(alphabet=st.sampled_from(VIETNAMESE + "aZ09 \t\u00a0\u2003\u0301\u0323İß")))
def test_the_fast_fold_is_fold_for_vietnamese_text(text):
    assert fast_fold(text) == fold(text)


@given(st.text())
def test_the_fast_fold_is_fold_for_any_text(text):
    assert fast_fold(text) == fold(text)
