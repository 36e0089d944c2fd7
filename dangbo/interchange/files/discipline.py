"""discipline: decisions against persons and units (kỷ luật), with complaints. Key: code.

Bad input (RULES §4) is `dangbo.rules.discipline.validate_case`, with the messages of
`dangbo.discipline.validation`: a form that does not fit the subject, a probationary member
(no official date, or one after the decision date) given more than khien_trach/canh_cao,
cach_chuc without a post on the decision date, a decision before the violation, an
announcement before the decision, a complaint out of order. A case still open (at the
ideological-work step) leaves form, decided_date and announced_date blank. The person's
official date and posts come from the people and positions files of the same dataset, or are
stored.

A case belongs to a unit (scope, published lists): the subject unit, or the person's unit.
"""

from dangbo.discipline.models import Category, ComplaintOutcome, DisciplineCase, Form, SubjectKind
from dangbo.discipline.validation import problems_from_codes
from dangbo.interchange import parsers
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import records
from dangbo.interchange.specs import Column, FileSpec
from dangbo.org.validation import check_code
from dangbo.rules.discipline import Case, validate_case

SPEC = FileSpec(
    name="discipline",
    title="Kỷ luật",
    columns=(
        Column("code", "mã", required=True, parse=parsers.code),
        Column("subject_kind", "đối tượng", required=True, parse=parsers.choice(SubjectKind)),
        Column("subject_code", "mã đối tượng", required=True, parse=parsers.code),
        Column("violation_date", "ngày vi phạm", required=True, parse=parsers.day),
        # Blank for a case opened without a decision yet (docs/interchange.md); a decided
        # case needs its form, a complaint its announcement (rules.discipline.validate_case).
        Column("form", "hình thức", required=True, blank_ok=True, parse=parsers.choice(Form)),
        Column("decided_date", "ngày quyết định", required=True, blank_ok=True, parse=parsers.day),
        Column("announced_date", "ngày công bố", required=True, blank_ok=True, parse=parsers.day),
        Column("category", "loại vi phạm", parse=parsers.choice(Category)),
        Column("complaint_date", "ngày khiếu nại", parse=parsers.day),
        Column("complaint_resolved_date", "ngày giải quyết khiếu nại", parse=parsers.day),
        Column(
            "complaint_outcome",
            "kết quả giải quyết khiếu nại",
            parse=parsers.choice(ComplaintOutcome),
        ),
        Column("summary", "tóm tắt"),
        # Added to INTERCHANGE.md (docs/interchange.md): entered on the case's screen.
        Column(
            "ideological_work_date",
            "ngày làm công tác tư tưởng",
            parse=parsers.day,
            added=True,
        ),
        Column("ideological_work_note", "công tác tư tưởng", added=True),
        Column("decided_by", "cơ quan quyết định", added=True),
    ),
    natural_key=("code",),
    model=DisciplineCase,
)


person_codes = records.subject_people


def check(rows, ctx: ImportContext, facts: records.PersonFacts) -> list[records.Pending]:
    checks = records.RowChecks(SPEC, ctx, facts)
    for row, key in checks.new_rows(rows, "code", records.the_code):
        v = row.values
        if checks.problems(row, check_code(v["code"])):
            continue
        person, unit = checks.subject(row)
        if unit is None:
            continue
        codes = validate_case(
            _case(v),
            person_official_date=person.official if person else None,
            person_held_post_on_decision=bool(
                person and v["decided_date"] and person.held_post_on(v["decided_date"])
            ),
        )
        checks.accept_in(row, key, "subject_code", unit, problems_from_codes(codes))
    return checks.finish(MODULE)


def _case(v: dict) -> Case:
    return Case(
        code=v["code"],
        subject_kind=v["subject_kind"],
        subject_code=v["subject_code"],
        violation_date=v["violation_date"],
        form=v["form"],
        decided_date=v["decided_date"],
        announced_date=v["announced_date"],
        category=v["category"] or Category.ORDINARY,
        complaint_date=v["complaint_date"],
        complaint_resolved_date=v["complaint_resolved_date"],
        complaint_outcome=v["complaint_outcome"] or None,
    )


def _fields(pending: records.Pending, refs: records.Refs) -> dict:
    v = pending.values
    person = v["subject_kind"] == SubjectKind.PERSON
    return {
        "code": v["code"],
        "subject_kind": v["subject_kind"],
        "person_id": refs.person(v["subject_code"]) if person else None,
        "unit_id": refs.unit(pending.unit_code),
        "violation_date": v["violation_date"],
        "form": v["form"] or "",
        "category": v["category"] or Category.ORDINARY,
        "decided_date": v["decided_date"],
        "announced_date": v["announced_date"],
        "complaint_date": v["complaint_date"],
        "complaint_resolved_date": v["complaint_resolved_date"],
        "complaint_outcome": v["complaint_outcome"],
        "summary": v["summary"],
        **records.given(v, "ideological_work_date", "ideological_work_note", "decided_by"),
    }


MODULE = records.Module(
    spec=SPEC,
    model=DisciplineCase,
    stored=records.by_code(DisciplineCase, "unit"),
    key_of=records.code_of,
    fields=_fields,
    unit_path_of=lambda r: r.unit.path,
)
write = MODULE.write


def export_rows(cases):
    for case in cases.select_related("person", "unit").order_by("code"):
        yield (
            case.code,
            case.subject_kind,
            case.subject_code,
            case.violation_date,
            case.form,
            case.decided_date,
            case.announced_date,
            case.category,
            case.complaint_date,
            case.complaint_resolved_date,
            case.complaint_outcome,
            case.summary,
            case.ideological_work_date,
            case.ideological_work_note,
            case.decided_by,
        )
