"""The template workbook: a sheet per dataset file, in the office's own words.

Each sheet is named by its file's Vietnamese title, has the Vietnamese headers, a dropdown
of the Vietnamese labels on every choice column, a frozen header row and one example row.
The example rows fit together (the people are in the units, the posts in the units...):
the template imports as downloaded into an empty database (tests/interchange).
"""

from datetime import date
from pathlib import Path

from dangbo.interchange import parsers
from dangbo.interchange.files import SPECS
from dangbo.people.models import Gender

# One example per file (units: the committee and the commune it helps, since assistance
# names two units), keys as INTERCHANGE.md names them; choices written as their labels.
EXAMPLES: dict[str, list[dict]] = {
    "units": [
        {"code": "HU-TK", "name": "Huyện ủy Tân Kỳ", "kind": "district_committee"},
        {
            "code": "X-DONGVAN",
            "name": "Đảng bộ xã Đồng Văn",
            "kind": "grassroots_committee",
            "parent_code": "HU-TK",
        },
    ],
    "unit_events": [
        {
            "date": date(2019, 1, 1),
            "kind": "rename",
            "sources": "X-DONGVAN",
            "targets": "X-DONGVAN",
            "name": "Đảng bộ xã Đồng Văn",
            "note": "Đổi tên theo nghị quyết của Huyện ủy",
            "previous_name": "Đảng ủy xã Đồng Văn",
        }
    ],
    "people": [
        {
            "code": "P0001",
            "full_name": "Nguyễn Văn An",
            "gender": "M",
            "birth_date": date(1975, 11, 17),
            "ethnicity": "Kinh",
            "hometown": "xã Đồng Văn, huyện Tân Kỳ, tỉnh Nghệ An",
            "party_join_date": date(2004, 7, 30),
            "party_official_date": date(2005, 7, 30),
            "unit_code": "X-DONGVAN",
        }
    ],
    "positions": [
        {
            "person_code": "P0001",
            "unit_code": "X-DONGVAN",
            "role": "head",
            "start_date": date(2017, 7, 1),
            "title": "Bí thư Đảng ủy xã",
        }
    ],
    "rotation_plans": [
        {
            "code": "KH-LC-2016-2020",
            "name": "Kế hoạch luân chuyển cán bộ nhiệm kỳ 2016–2020",
            "unit_code": "HU-TK",
            "kind": "term",
            "start_year": 2016,
            "end_year": 2020,
        }
    ],
    "rotations": [
        {
            "code": "LC-TK-01",
            "person_code": "P0001",
            "to_unit_code": "X-DONGVAN",
            "to_role": "head",
            "start_date": date(2017, 7, 1),
            "planned_months": 48,
            "from_unit_code": "HU-TK",
            "from_role": "member",
            "to_title": "Bí thư Đảng ủy xã",
            "reason": "development",
            "plan": "KH-LC-2016-2020",
        }
    ],
    "assessments": [{"year": 2016, "unit_code": "X-DONGVAN", "score": 41, "level": "weak"}],
    "assistance": [
        {
            "unit_code": "X-DONGVAN",
            "helper_code": "HU-TK",
            "role": "lead",
            "start_date": date(2017, 1, 5),
            "end_date": date(2020, 12, 31),
            "plan": "Củng cố chi bộ các xóm vùng sâu, bồi dưỡng nghiệp vụ cho bí thư chi bộ.",
        }
    ],
    "assistance_progress": [
        {
            "unit_code": "X-DONGVAN",
            "helper_code": "HU-TK",
            "start_date": date(2017, 1, 5),
            "year": 2017,
            "note": "Kiện toàn 3 chi bộ xóm; mở lớp bồi dưỡng cho 12 bí thư chi bộ.",
        }
    ],
    "supervision_assignments": [
        {
            "person_code": "P0001",
            "unit_code": "X-DONGVAN",
            "start_date": date(2017, 7, 1),
            "field": "Công tác xây dựng Đảng",
        }
    ],
    "supervision_reports": [
        {"person_code": "P0001", "period": "2017Q3", "submitted_date": date(2017, 9, 25)}
    ],
    "discipline": [
        {
            "code": "KL-2018-01",
            "subject_kind": "person",
            "subject_code": "P0001",
            "violation_date": date(2018, 5, 20),
            "form": "khien_trach",
            "decided_date": date(2018, 8, 10),
            "announced_date": date(2018, 8, 15),
            "category": "ordinary",
            "summary": "Chậm báo cáo kết quả thực hiện nhiệm vụ được giao.",
        }
    ],
    "ratings": [
        {
            "year": 2017,
            "subject_kind": "unit",
            "subject_code": "X-DONGVAN",
            "group": "dang_bo_xa",
            "level": "hoan_thanh",
        }
    ],
}

DATE_FORMAT = "DD/MM/YYYY"
# The hidden sheet holding the dropdown lists too long for a formula: an import leaves it out.
LISTS_SHEET = "Danh sách chọn"
# Wide enough for the header, the example and the dropdown's labels; never wider.
_MIN_WIDTH, _MAX_WIDTH = 10, 60


def choice_labels(column) -> list[str] | None:
    """The Vietnamese labels a column's dropdown offers (None: not a choice column)."""
    if column.parse is parsers.gender:
        return [str(label) for label in _vi(Gender.labels)]
    choices = getattr(column.parse, "choices", None)
    return None if choices is None else parsers.vietnamese_labels(choices)


def _vi(labels):
    from django.utils import translation

    with translation.override("vi"):
        return [str(label) for label in labels]


def _example_cell(column, value):
    """The example's value as the office writes it: labels for choices, dates as dates."""
    if value is None:
        return None
    if column.parse is parsers.gender:
        return dict(zip(Gender.values, _vi(Gender.labels), strict=True))[value]
    choices = getattr(column.parse, "choices", None)
    if choices is not None:
        labels = parsers.vietnamese_labels(choices)
        return dict(zip(choices.values, labels, strict=True))[value]
    return value


def vietnamese_header(column) -> str:
    return column.heading or column.key


def write_template(path: Path) -> Path:
    """Write the template workbook to `path` (an .xlsx file)."""
    import openpyxl
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for spec in SPECS.values():
        sheet = workbook.create_sheet(spec.title or spec.name)
        sheet.append([vietnamese_header(c) for c in spec.columns])
        examples = EXAMPLES.get(spec.name, [])
        for example in examples:
            sheet.append([_example_cell(c, example.get(c.key)) for c in spec.columns])
        last_row = max(1000, len(examples) + 1)
        for index, column in enumerate(spec.columns, start=1):
            letter = get_column_letter(index)
            labels = choice_labels(column)
            texts = [vietnamese_header(column)] + [_shown(e.get(column.key)) for e in examples]
            if labels:
                texts += labels
                # A list written in the formula itself: at most 255 characters, no commas
                # inside a label (a label with a comma is left to the sheet of lists).
                validation = DataValidation(
                    type="list",
                    formula1=_list_formula(workbook, spec, column, labels),
                    allow_blank=not column.required or column.blank_ok,
                    showErrorMessage=True,
                )
                validation.add(f"{letter}2:{letter}{last_row}")
                sheet.add_data_validation(validation)
            if column.parse is parsers.day:
                for row in range(2, len(examples) + 2):
                    sheet[f"{letter}{row}"].number_format = DATE_FORMAT
            width = max(len(t) for t in texts) + 2
            sheet.column_dimensions[letter].width = min(max(width, _MIN_WIDTH), _MAX_WIDTH)
        sheet.freeze_panes = "A2"
    lists = workbook[LISTS_SHEET] if LISTS_SHEET in workbook.sheetnames else None
    if lists is not None:
        lists.sheet_state = "hidden"
        workbook.move_sheet(lists, offset=len(workbook.sheetnames))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return "dd/mm/yyyy"
    return str(value)


def _list_formula(workbook, spec, column, labels: list[str]) -> str:
    inline = ",".join(labels)
    if len(inline) <= 250 and not any("," in label or '"' in label for label in labels):
        return f'"{inline}"'
    # Labels with commas (Đào tạo, rèn luyện): a list on a hidden sheet, referenced by range.
    if LISTS_SHEET not in workbook.sheetnames:
        workbook.create_sheet(LISTS_SHEET)
    lists = workbook[LISTS_SHEET]
    from openpyxl.utils import get_column_letter

    index = lists.max_column + 1 if lists.max_row > 1 or lists["A1"].value else 1
    letter = get_column_letter(index)
    for row, label in enumerate(labels, start=1):
        lists.cell(row=row, column=index, value=label)
    return f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(labels)}"
