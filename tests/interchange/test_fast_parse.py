"""The fast parses of pass 1 give the values the reporting parse gives, or step aside (None)
for any row the reporting parse would report; the text one (CSV) equals the general one."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dangbo.interchange.files import people, positions
from dangbo.interchange.report import ImportReport
from dangbo.interchange.rows import SheetRows, _fast_parse, _TextRowParser

CELL = st.one_of(
    st.sampled_from(
        ["", " ", "P1", " P 1", "X1 ", "2020-01-31", "2020-02-30", "31/12/2019", "Nam", "nữ", "F"]
        + ["head", "member", "chief", "Nguyễn Văn An", "x" * 65, "2020-W01-1"]
    ),
    st.text(max_size=12),
)


class _Sheet:
    text_cells = True


def _columns(spec, present):
    return [(c, present.get(c.key)) for c in spec.columns]


@settings(max_examples=300)
@given(
    spec=st.sampled_from([people.SPEC, positions.SPEC]),
    cells=st.lists(CELL, max_size=10),
    drop=st.sets(st.integers(0, 9), max_size=3),
)
def test_text_parse_equals_general_parse_and_reporting_parse(spec, cells, drop):
    # Optional columns may be left out of the file; required ones are always there.
    present, index = {}, 0
    for position, column in enumerate(spec.columns):
        if position in drop and not column.required:
            continue
        present[column.key] = index
        index += 1
    columns = _columns(spec, present)
    fast = [(c.key, c.parse, i, c.required and not c.blank_ok) for c, i in columns]
    general = _fast_parse(cells, fast)
    text = _TextRowParser(columns)(cells)
    if text is not None:
        assert general == text
        assert list(text) == [c.key for c in spec.columns]
    report = ImportReport()
    rows = SheetRows(_Sheet(), spec, report)
    reported = rows._parse(2, cells, columns)
    if general is not None:
        assert reported.ok and reported.values == general
    if not reported.ok:
        assert text is None


def test_a_short_row_steps_aside():
    columns = _columns(positions.SPEC, {c.key: i for i, c in enumerate(positions.SPEC.columns)})
    assert _TextRowParser(columns)(["P1", "X1", "head"]) is None
    assert _TextRowParser(columns)(["P1", "X1", "head", "2020-01-01", " Bí thư ", ""]) == {
        "person_code": "P1",
        "unit_code": "X1",
        "role": "head",
        "start_date": date(2020, 1, 1),
        "title": "Bí thư",
        "end_date": None,
    }


CODE_LIKE = st.text(alphabet=st.sampled_from(list("Az09-_./ \tđĐ\u202e\u200f\x00\n")), max_size=70)
CODE_EXAMPLES = ["\u00a0x", "a\u2003b", "a\x1cb", "a\x85b", "x" * 64, "x" * 65, "X-DONGVAN/LEAK"]


@given(st.text(max_size=70) | CODE_LIKE | st.sampled_from(CODE_EXAMPLES))
def test_code_text_accepts_what_the_code_pattern_accepts(text):
    from dangbo.interchange.parsers import CellError, code_text
    from dangbo.org.validation import CODE_RE

    value = text.strip()
    try:
        assert code_text(text) == value
        accepted = True
    except CellError:
        accepted = False
    assert accepted == (not value or bool(CODE_RE.match(value)))


@given(st.lists(st.text(max_size=10) | CODE_LIKE, max_size=4))
def test_codes_accepts_a_cell_whose_every_code_the_pattern_accepts(items):
    from dangbo.interchange.parsers import CellError, codes
    from dangbo.org.validation import CODE_RE

    cell = " ".join(items)
    try:
        values = codes(cell)
        accepted = True
    except CellError:
        accepted = False
    assert accepted == all(CODE_RE.match(value) for value in cell.split())
    if accepted:
        assert values == tuple(cell.split())
