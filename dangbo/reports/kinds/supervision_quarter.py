"""`supervision-quarter` (BÁO CÁO): the quarter's supervision reports of the committee members,
on time, late, missing, per member and per area, with the scheme's figures so far (RULES §6).

Read through `dangbo.supervision.selectors.quarter_board`, the quarter board's own selector
(whose statuses are the supervision review's), in the issuing committee's areas.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.core.errors import InputError, Problem
from dangbo.reports.content import Content, DocumentKind, Section, Table
from dangbo.reports.kinds._common import area, day, list_items, lower_first, named
from dangbo.rules.supervision import parse_period
from dangbo.supervision.labels import STATUS_LABELS, period_label
from dangbo.supervision.selectors import quarter_board

STATUSES = ("on_time", "late", "missing", "not_due")


def period_option(options) -> str:
    """The quarter: the reviews' `period` option (YYYYQn); `quarter` is read as the same."""
    text = str(options.get("period") or options.get("quarter") or "").strip().upper()
    try:
        parse_period(text)
    except ValueError:
        message = _("Write the quarter as YYYYQn, e.g. 2019Q1.")
        raise InputError([Problem("period", message, text)]) from None
    return text


def board_for(*, user, unit, period: str, as_of):
    covered = area(unit)
    return quarter_board(user=user, period=period, unit=covered, as_of=as_of)


def tally_figures(tally, prefix: str = "") -> dict:
    return {
        f"{prefix}required": tally.required,
        **{f"{prefix}{status}": getattr(tally, status) for status in STATUSES},
    }


def quarter_figures(board) -> dict:
    """The board's counts: members who had to report in the quarter and how they did, the
    areas, and the scheme's stage up to the date (member × quarter)."""
    return {
        "period": board.period,
        "due": day(board.due),
        **tally_figures(board.members),
        "areas": len(board.by_unit),
        **{
            f"area.{t.subject.code}.{status}": getattr(t.tally, status)
            for t in board.by_unit
            for status in STATUSES
        },
        **tally_figures(board.stage_total, "stage_"),
    }


def _tally_words(tally) -> str:
    """ "10 on time, 1 missing": the statuses counted, those with none left out."""
    words = {
        "on_time": _("%(n)d on time"),
        "late": _("%(n)d late"),
        "missing": _("%(n)d missing"),
        "not_due": _("%(n)d not yet due"),
    }
    parts = [words[s] % {"n": getattr(tally, s)} for s in STATUSES if getattr(tally, s)]
    return ", ".join(parts) or _("none")


LINE_COLUMNS = (
    ("member", gettext_lazy("Committee member")),
    ("area", gettext_lazy("Area supervised")),
    ("field", gettext_lazy("Field")),
    ("due", gettext_lazy("Due")),
    ("submitted", gettext_lazy("Submitted")),
    ("status", gettext_lazy("Status")),
)
AREA_COLUMNS = (
    ("area", gettext_lazy("Area supervised")),
    ("members", gettext_lazy("Committee members")),
    ("on_time", gettext_lazy("On time")),
    ("late", gettext_lazy("Late")),
    ("missing", gettext_lazy("Missing")),
    ("not_due", gettext_lazy("Not due yet")),
)


def line_rows(lines):
    for line in lines:
        yield {
            "member": named(line.person.full_name, line.person.code),
            "area": line.unit.name,
            "field": line.field,
            "due": day(line.status.due),
            "submitted": day(line.status.submitted),
            "status": str(STATUS_LABELS[line.status.status]),
        }


def area_rows(tallies):
    for t in tallies:
        yield {
            "area": t.subject.name,
            "members": ", ".join(p.full_name for p in t.others),
            **{status: str(getattr(t.tally, status)) for status in STATUSES},
        }


def build(*, user, unit=None, options) -> Content:
    period = period_option(options)
    board = board_for(user=user, unit=unit, period=period, as_of=options.get("as_of"))
    figures = quarter_figures(board)
    quarter = period_label(period)
    late_or_missing = [
        _("%(member)s (%(area)s): %(status)s%(submitted)s")
        % {
            "member": line.person.full_name,
            "area": line.unit.name,
            "status": str(STATUS_LABELS[line.status.status]).lower(),
            "submitted": (
                _(", submitted on %(day)s") % {"day": day(line.status.submitted)}
                if line.status.submitted
                else ""
            ),
        }
        for line in board.lines
        if line.status.status in ("late", "missing")
    ]
    sections = (
        Section(
            _("I- REPORTS OF THE QUARTER"),
            paragraphs=(
                _(
                    "Under the %(scheme)s, each committee member reports in writing on the "
                    "areas and fields assigned to them; the report of %(quarter)s was due on "
                    "%(due)s."
                )
                % {"scheme": board.stage_rule, "quarter": quarter.lower(), "due": figures["due"]},
                _(
                    "As of %(as_of)s, %(required)d committee members had to report on "
                    "%(areas)d areas: %(tally)s."
                )
                % {
                    "as_of": day(board.as_of),
                    "required": figures["required"],
                    "areas": figures["areas"],
                    "tally": _tally_words(board.members),
                },
            ),
            subsections=(
                Section(
                    _("1. Members late or missing"),
                    paragraphs=()
                    if late_or_missing
                    else (_("None: every report came in on time or is not yet due."),),
                    items=list_items(late_or_missing),
                ),
                Section(
                    _("2. By area"),
                    items=list_items(
                        f"{t.subject.name}: {_tally_words(t.tally)}" for t in board.by_unit
                    ),
                ),
            ),
        ),
        Section(
            _("II- THE SCHEME SO FAR"),
            paragraphs=(
                _(
                    "Over the stage %(first)s–%(last)s, as of %(as_of)s, %(required)d quarterly "
                    "reports were required: %(tally)s."
                )
                % {
                    "first": board.stage_years[0],
                    "last": board.stage_years[1],
                    "as_of": day(board.as_of),
                    "required": figures["stage_required"],
                    "tally": _tally_words(board.stage_total),
                },
            ),
        ),
    )
    return Content(
        kind="supervision-quarter",
        doc_type="BC",
        type_title=_("REPORT"),
        subject=lower_first(
            _("the committee members' regular supervision reports, %(quarter)s")
            % {"quarter": quarter.lower()}
        ),
        sections=sections,
        tables=(
            Table(
                title=_("LIST"),
                subtitle=_("committee members' supervision reports of %(quarter)s")
                % {"quarter": quarter.lower()},
                columns=tuple((key, str(heading)) for key, heading in LINE_COLUMNS),
                rows=line_rows(board.lines),
                landscape=True,
            ),
            Table(
                title=_("APPENDIX"),
                subtitle=_("supervision reports of %(quarter)s by area")
                % {"quarter": quarter.lower()},
                columns=tuple((key, str(heading)) for key, heading in AREA_COLUMNS),
                rows=area_rows(board.by_unit),
            ),
        ),
        figures=figures,
    )


KIND = DocumentKind(
    name="supervision-quarter",
    title=gettext_lazy("Quarterly supervision report"),
    doc_type="BC",
    options=("period", "as_of"),
    reads=("supervision.SupervisionReport", "supervision.SupervisionAssignment"),
    build=build,
)
