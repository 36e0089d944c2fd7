"""The due work, findings and counts the home shows out of the box (see registry.py).

Each reads through the apps' own selectors and policies, so a user sees only what their
grants reach; the queries count and filter in the database (indexed unit paths), and take
a few rows for display: nothing here loops over the population.
"""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.accounts.models import UserRole
from dangbo.core.dates import vn_date
from dangbo.core.models import RuleSettings
from dangbo.home.registry import (
    Count,
    DueGroup,
    DueItem,
    FindingSource,
    register_count,
    register_due,
    register_findings,
)
from dangbo.org import scope
from dangbo.org.policy import CHANGE, OFFICE, STANDING
from dangbo.rules import supervision as supervision_rules
from dangbo.rules.dates import add_months

# How many items of each kind the home lists (the rest is a link to the full list).
SHOWN = 5
# A rotation's evaluation is due from three months before its (planned) end.
EVALUATION_NOTICE_MONTHS = 3

# Who reads discipline on the home (cases, complaints, their counts): the inspection
# commission that keeps them, the office and the standing committee, and a grassroots
# secretary for their own unit. A helper body and an editor see none.
DISCIPLINE_READERS = frozenset(
    {
        UserRole.INSPECTION,
        UserRole.ORGANIZATION_OFFICE,
        UserRole.STANDING_COMMITTEE,
        UserRole.GRASSROOTS_SECRETARY,
    }
)
# Who follows the committee members' reports of their scope.
SUPERVISION_FOLLOWERS = OFFICE | STANDING


def reads(user, readers) -> bool:
    """Does the user hold a grant of one of `readers` (None: any grant), or is the operator?"""
    if readers is None:
        return scope.has_access(user)
    return scope.may_any(user, readers)


def _group(key, heading, items, total, more_url=None) -> DueGroup | None:
    if not total:
        return None
    return DueGroup(key, heading, items[:SHOWN], total, more_url)


# --- due work --------------------------------------------------------------------------


def last_due_period(today: date) -> str:
    """The latest quarter whose report was due by `today`."""
    report_day = RuleSettings.load().report_day
    year, quarter = today.year, (today.month - 1) // 3 + 1
    period = supervision_rules.format_period((year, quarter))
    if supervision_rules.due_date(period, report_day) > today:
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        period = supervision_rules.format_period((year, quarter))
    return period


@register_due
def own_reports(user, today):
    """The user's own quarterly reports (a committee member): missing, or due this quarter."""
    from dangbo.supervision.selectors import my_work

    if getattr(user, "person_id", None) is None:
        return None
    items = []
    url = reverse("supervision_my_work")
    for line in my_work(user=user, as_of=today):
        for quarter in line.quarters:
            if quarter.report is not None or quarter.status not in ("missing", "not_due"):
                continue
            items.append(
                DueItem(
                    text=_("Report for %(period)s — %(unit)s")
                    % {"period": quarter.period, "unit": line.assignment.unit.name},
                    url=url,
                    due=quarter.due,
                    overdue=quarter.status == "missing",
                    note=quarter.label,
                )
            )
    items.sort(key=lambda item: item.due)
    return _group("own_reports", _("My supervision reports"), items, len(items), url)


def late_first(row) -> tuple:
    """Missing reports before late ones, then by the member's code."""
    return (row["status"] != "missing", row["person_code"])


@register_due(review="supervision")
def members_late(user, today):
    """Committee members in the user's scope whose last due report is missing or late: the
    supervision review's findings, run once for this and for "New findings" (and kept)."""
    from dangbo.home.selectors import review_findings
    from dangbo.reviews.supervision import supervision_rows
    from dangbo.supervision.labels import STATUS_LABELS

    if not reads(user, SUPERVISION_FOLLOWERS):
        return None
    period = last_due_period(today)
    url = (
        reverse("reviews_review", args=["supervision"])
        + "?"
        + urlencode({"period": period, "as_of": today.isoformat()})
    )
    found = review_findings(user, "supervision", today)
    if found is not None:
        rows, total = found.rows, found.total
    else:  # the review's menu is not this role's: its rows all the same, not kept
        rows = sorted(
            (
                r
                for r in supervision_rows(user=user, period=period, as_of=today)
                if r["status"] in ("missing", "late")
            ),
            key=late_first,
        )
        total = len(rows)
    items = [
        DueItem(
            text=r.get("full_name") or r["person_code"],
            code=r["person_code"],
            url=url,
            due=date.fromisoformat(r["due"]),
            overdue=r["status"] == "missing",
            note=str(STATUS_LABELS[r["status"]]),
        )
        for r in rows[:SHOWN]
    ]
    return _group(
        "members_late",
        _("Members late with their report for %(period)s") % {"period": period},
        items,
        total,
        url,
    )


@register_due
def evaluations_due(user, today):
    """Rotations without an evaluation that end within three months or have ended."""
    from dangbo.rotation.permissions import rotation_policy

    if not rotation_policy.may(user, CHANGE):
        return None
    horizon = add_months(today, EVALUATION_NOTICE_MONTHS)
    # Rotations are few (one per thousand people); the planned end needs the rule's month
    # arithmetic, so it is computed for the rotations started by the horizon only.
    rows = (
        rotation_policy.writable(user, CHANGE)
        .filter(evaluation="", start_date__lte=horizon)
        .values_list("pk", "code", "person__full_name", "start_date", "planned_months", "end_date")
    )
    items = []
    for pk, code, name, start, months, end in rows:
        ends = end or add_months(start, months)
        if ends > horizon:
            continue
        items.append(
            DueItem(
                text=name,
                code=code,
                url=reverse("rotation:inspect", args=[pk]),
                due=ends,
                overdue=ends < today,
                note=_("ended on %(day)s") % {"day": vn_date(ends)}
                if ends < today
                else _("ends on %(day)s") % {"day": vn_date(ends)},
            )
        )
    items.sort(key=lambda item: item.due)
    return _group(
        "evaluations", _("Rotations to evaluate"), items, len(items), reverse("rotation:index")
    )


@register_due
def complaints_open(user, today):
    """Complaints filed against a decision and not resolved yet (for those who keep cases)."""
    from dangbo.discipline.permissions import case_policy

    if not case_policy.may(user, CHANGE):
        return None
    cases = case_policy.writable(user, CHANGE).filter(
        complaint_date__isnull=False, complaint_resolved_date__isnull=True
    )
    total = cases.count()
    rows = cases.order_by("complaint_date", "code").values_list(
        "pk", "code", "person__full_name", "unit__name", "complaint_date"
    )[:SHOWN]
    items = [
        DueItem(
            text=person or unit or code,
            code=code,
            url=reverse("discipline_case:inspect", args=[pk]),
            due=filed,
            note=_("complaint filed on %(day)s") % {"day": vn_date(filed)},
        )
        for pk, code, person, unit, filed in rows
    ]
    return _group(
        "complaints",
        _("Complaints not resolved"),
        items,
        total,
        reverse("discipline_case:index"),
    )


@register_due
def rounds_waiting(user, today):
    """Rating rounds waiting for the user's approval."""
    from dangbo.ratings.selectors import rounds_to_approve

    rounds = rounds_to_approve(user)
    total = rounds.count()
    items = [
        DueItem(
            text=_("Ratings %(year)s — %(unit)s") % {"year": r.year, "unit": r.unit.name},
            code=r.unit.code,
            url=reverse("rating_round:inspect", args=[r.pk]),
        )
        for r in rounds.select_related("unit")[:SHOWN]
    ]
    return _group(
        "rounds", _("Rating rounds to approve"), items, total, reverse("rating_round:index")
    )


@register_due
def pages_waiting(user, today):
    """Sub-site pages waiting for the user's approval (Wagtail's workflow tasks they may
    approve: the board's leader approving its editors' articles)."""
    from wagtail.models import TaskState

    states = (
        TaskState.objects.reviewable_by(user)
        .select_related("workflow_state")
        .order_by("started_at")
    )
    total = states.count()
    if not total:
        return None
    items = []
    for state in states[:SHOWN]:
        page = state.workflow_state.content_object
        if page is None:
            continue
        items.append(
            DueItem(
                text=page.get_admin_display_title(),
                url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                note=_("sent on %(day)s") % {"day": vn_date(timezone.localdate(state.started_at))},
            )
        )
    return _group("pages", _("Articles waiting for your approval"), items, total)


# --- findings --------------------------------------------------------------------------


def _review_url(name):
    def url(options):
        base = (
            reverse("reviews_tenure")
            if name == "tenure"
            else reverse("reviews_review", args=[name])
        )
        query = {
            k: (v.isoformat() if isinstance(v, date) else ("on" if v is True else v))
            for k, v in options.items()
            if v is not False
        }
        return base + ("?" + urlencode(query) if query else "")

    return url


register_findings(
    FindingSource(
        "tenure",
        lambda user, today: {
            "as_of": today,
            "include_deputies": RuleSettings.load().tenure_include_deputies,
        },
        _review_url("tenure"),
        is_finding=lambda row: row.get("status") == "over",
    )
)
register_findings(
    FindingSource(
        "supervision",
        lambda user, today: {"period": last_due_period(today), "as_of": today},
        _review_url("supervision"),
        is_finding=lambda row: row.get("status") in ("missing", "late"),
        date_key="due",
        readers=SUPERVISION_FOLLOWERS,
        order=late_first,
    )
)
register_findings(FindingSource("rotations", lambda user, today: {}, _review_url("rotations")))


def latest_assessment_year(user, today) -> dict:
    """The latest survey year the user's assessments hold (last year if none)."""
    from dangbo.assessment.selectors import assessment_list_visible_to

    years = assessment_list_visible_to(user=user).order_by("-year").values_list("year", flat=True)
    return {"year": years.first() or today.year - 1}


def latest_rating_year(user, today) -> dict:
    """The latest year the user's ratings hold (last year if none)."""
    from dangbo.ratings.selectors import rating_list_visible_to

    years = rating_list_visible_to(user=user).order_by("-year").values_list("year", flat=True)
    return {"year": years.first() or today.year - 1}


register_findings(FindingSource("assistance", latest_assessment_year, _review_url("assistance")))
register_findings(FindingSource("ratings", latest_rating_year, _review_url("ratings")))
register_findings(
    FindingSource(
        "discipline",
        lambda user, today: {"as_of": today},
        _review_url("discipline"),
        is_finding=lambda row: bool(row.get("time_barred") or row.get("complaint_late")),
        readers=DISCIPLINE_READERS,
        tallies={"in_force": lambda row: bool(row.get("in_force"))},
    )
)


# --- counts of the subtree -------------------------------------------------------------


def _own_units(user, today):
    from dangbo.org.selectors import unit_list_visible_to

    return unit_list_visible_to(user=user, as_of=today)


def count_units(user, today):
    return _own_units(user, today).count(), reverse("unit:index")


def count_members(user, today):
    from dangbo.people.models import Person

    paths = scope.read_paths(user)
    people = Person.objects.all()
    if paths is not None:
        # Members by their current unit: one indexed prefix match of the units' paths, then
        # the people's unit index (a count, no rows read into Python).
        people = people.filter(unit__in=_own_units(user, today).values("pk"))
    return people.count(), reverse("person:index")


def count_over_two_terms(user, today):
    from dangbo.home.selectors import review_findings

    found = review_findings(user, "tenure", today)
    return (found.total, found.url) if found else None


def count_weak_units(user, today):
    from dangbo.assessment.models import Level
    from dangbo.assessment.selectors import assessment_list_visible_to

    assessments = assessment_list_visible_to(user=user)
    year = assessments.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return 0, None
    weak = assessments.filter(year=year, level=Level.WEAK).count()
    url = reverse("assessment:index") + "?" + urlencode({"year": year, "level": Level.WEAK})
    return weak, url


def count_open_cases(user, today):
    """Discipline in force today, as the discipline review decides it (rules.discipline)."""
    from dangbo.home.selectors import review_findings

    found = review_findings(user, "discipline", today)
    return (found.tallies.get("in_force", 0), found.url) if found else None


register_count(Count("units", gettext_lazy("Units"), count_units, model="org.Unit"))
register_count(Count("members", gettext_lazy("Members"), count_members, model="people.Person"))
register_count(
    Count("over_two_terms", gettext_lazy("Posts held over two terms"), count_over_two_terms)
)
register_count(
    Count(
        "weak_units",
        gettext_lazy("Weak units (latest survey)"),
        count_weak_units,
        model="assessment.Assessment",
    )
)
register_count(
    Count(
        "open_cases",
        gettext_lazy("Discipline in force"),
        count_open_cases,
        readers=DISCIPLINE_READERS,
    )
)
