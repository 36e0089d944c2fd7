"""Reads of discipline cases, through the user's scope, and what the rules say about them.

Views render what these compute: the case's timeline (its steps, who recorded each, the dates
the rules derive from them) and the review of a case on a day, each answer beside the text of
the rule it applied (`dangbo.rules.versions`, never retyped).
"""

from datetime import date

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dangbo.core import audit
from dangbo.core.dates import vn_date, vn_date_or_dash
from dangbo.discipline.facts import as_case, cases_by_subject
from dangbo.discipline.models import (
    ComplaintOutcome,
    DisciplineCase,
    Form,
    PublishedList,
)
from dangbo.org import scope
from dangbo.rules import discipline as rules
from dangbo.rules.dates import add_months
from dangbo.rules.versions import (
    AUTO_EXPIRY_MONTHS,
    COMPLAINT_MONTHS,
    LIMITATION_YEARS,
    PROMOTION_BAR_MONTHS,
    applicable,
)


def case_list_visible_to(*, user) -> QuerySet[DisciplineCase]:
    return scope.filter_by_unit_path(
        DisciplineCase.objects.select_related("person", "unit"), user, "unit"
    )


def case_visible_to(*, user, pk) -> DisciplineCase:
    """One case the user may see, or 404."""
    return get_object_or_404(case_list_visible_to(user=user), pk=pk)


def cases_decided_by(*, user, as_of: date) -> QuerySet[DisciplineCase]:
    """The cases the user sees that were decided on or before `as_of` (a review as of D)."""
    return case_list_visible_to(user=user).filter(decided_date__lte=as_of)


def cases_announced_between(*, user, first_day, last_day) -> QuerySet[DisciplineCase]:
    """The decisions announced in a period: the six-monthly and yearly published lists."""
    return (
        case_list_visible_to(user=user)
        .filter(announced_date__gte=first_day, announced_date__lte=last_day)
        .order_by("announced_date", "code")
    )


def subject_name(case: DisciplineCase) -> str:
    return case.person.full_name if case.person_id else case.unit.name


def form_label(case: DisciplineCase) -> str:
    return case.get_form_display() if case.form else _("Not decided yet")


def _facts(case: DisciplineCase):
    fact = as_case(case)
    related = cases_by_subject(DisciplineCase.objects.filter(pk=case.pk))
    return fact, related[(fact.subject_kind, fact.subject_code)]


def _visible(user, case: DisciplineCase) -> DisciplineCase:
    return case_visible_to(user=user, pk=case.pk)


def review_lines(*, user, case: DisciplineCase, as_of: date) -> list[dict]:
    """The rules' review of a decided case on `as_of`: each answer beside the rule text it
    applied. An open case (no decision yet) has no review: []."""
    case = _visible(user, case)
    fact, related = _facts(case)
    if not fact.decided:
        return []
    review = rules.review_case(fact, related, as_of)
    yes, no = _("Yes"), _("No")
    announced = fact.announced_date or as_of
    limitation = applicable(LIMITATION_YEARS, fact.decided_date)
    expiry = applicable(AUTO_EXPIRY_MONTHS, announced)
    complaint = applicable(COMPLAINT_MONTHS, announced)
    bar = applicable(PROMOTION_BAR_MONTHS, announced)
    return [
        {
            "label": _("Time-barred"),
            "value": yes if review.time_barred else no,
            "flag": review.time_barred,
            "detail": (
                _(
                    "Decisions may be taken until %(day)s (from the violation, restarted by a "
                    "later violation of the same subject)."
                )
                % {"day": vn_date(review.limitation_until)}
                if review.limitation_until
                else _("No limitation period for this form or category.")
            ),
            "rule": limitation.label,
        },
        {
            "label": _("Expires on"),
            "value": vn_date_or_dash(review.expires_on),
            "flag": False,
            "detail": expiry_detail(expiry.value),
            "rule": expiry.label,
        },
        {
            "label": _("In force today"),
            "value": yes if review.in_force else no,
            "flag": review.in_force,
            "detail": (
                _("Ended on %(day)s by the complaint's outcome.")
                % {"day": vn_date(review.ended_on)}
                if review.ended_on
                else _("From the announcement until it expires or a complaint ends it.")
            ),
            "rule": expiry.label,
        },
        {
            "label": _("Promotion bar until"),
            "value": vn_date_or_dash(review.promotion_bar_until),
            "flag": bool(review.promotion_bar_until and as_of < review.promotion_bar_until),
            "detail": _(
                "Not appointed to or nominated for a higher post before this day (persons "
                "only; none for expulsion)."
            ),
            "rule": bar.label,
        },
        {
            "label": _("Late complaint"),
            "value": (yes if review.complaint_late else no) if case.complaint_date else "—",
            "flag": review.complaint_late,
            "detail": complaint_detail(complaint.value),
            "rule": complaint.label,
        },
    ]


def expiry_detail(months: int) -> str:
    return _(
        "%(months)s months after the announcement (or the resolution of a complaint); no "
        "automatic expiry for expulsion or dissolution, while a complaint is pending, or "
        "after a new violation within those %(months)s months."
    ) % {"months": months}


def complaint_detail(months: int) -> str:
    return _("A complaint must be filed within %(months)s month(s) of the announcement.") % {
        "months": months
    }


# --- the timeline --------------------------------------------------------------------------


def step_label(step: str) -> str:
    # Translated when asked, in the user's language.
    return {
        rules.OPENED: _("Case opened (ideological work)"),
        rules.DECIDED: pgettext("discipline", "Decision"),
        rules.ANNOUNCED: pgettext("discipline", "Announcement"),
        rules.COMPLAINT_FILED: pgettext("discipline", "Complaint filed"),
        rules.COMPLAINT_RESOLVED: pgettext("discipline", "Complaint resolved"),
    }[step]


def _recorded_by(case: DisciplineCase) -> dict[str, tuple[str, object]]:
    """step date field → (who recorded it, when): the first audit entry that set it."""
    entries = audit.with_creation_values(audit.history(case), case)
    found: dict[str, tuple[str, object]] = {}
    fields = set(rules.STEP_DATES.values())
    for entry in reversed(entries):  # oldest first
        changes = (entry.data or {}).get("changes") or {}
        for field in fields - set(found):
            change = changes.get(field)
            if change and change[1] is not None:
                found[field] = (
                    entry.user_display_name or pgettext("discipline", "the system"),
                    entry.timestamp,
                )
    return found


def _step_detail(case: DisciplineCase, step: str, fact) -> str:
    if step == rules.OPENED:
        parts = [_("Violation on %(day)s.") % {"day": vn_date(case.violation_date)}]
        if case.ideological_work_date:
            parts.append(
                _("Ideological work on %(day)s.") % {"day": vn_date(case.ideological_work_date)}
            )
        if case.ideological_work_note:
            parts.append(case.ideological_work_note)
        return " ".join(parts)
    if step == rules.DECIDED:
        text = str(Form(case.form).label) if case.form else ""
        return f"{text} — {case.decided_by}" if case.decided_by else text
    if step == rules.COMPLAINT_FILED:
        return _("Filed late.") if rules.complaint_late(fact) else _("Filed in time.")
    if step == rules.COMPLAINT_RESOLVED and case.complaint_outcome:
        return str(ComplaintOutcome(case.complaint_outcome).label)
    return ""


def case_timeline(*, user, case: DisciplineCase, as_of: date) -> dict:
    """The case's steps and the dates the rules compute from them, as of `as_of`.

    `steps`: each step with its date, what it recorded and who recorded it (the audit);
    `next_steps`: the steps that may be recorded now; `dates`: the limitation deadline,
    the complaint deadline, the automatic expiry and the end of the promotion bar, each with
    the text of the rule (version) that gave it.
    """
    case = _visible(user, case)
    fact, related = _facts(case)
    recorded = _recorded_by(case)
    reached = rules.STEPS.index(rules.current_step(fact))
    following = rules.next_steps(fact)
    steps = []
    for index, step in enumerate(rules.STEPS):
        field = rules.STEP_DATES[step]
        done = index <= reached
        who, when = recorded.get(field, ("", None)) if done else ("", None)
        steps.append(
            {
                "step": step,
                "label": step_label(step),
                "done": done,
                "next": step in following,
                "day": getattr(case, field) if done else None,
                "detail": _step_detail(case, step, fact) if done else "",
                "who": who,
                "when": when,
            }
        )
    return {
        "steps": steps,
        "next_steps": [{"step": s, "label": step_label(s)} for s in following],
        "dates": computed_dates(fact, related, as_of),
        "as_of": as_of,
    }


def computed_dates(fact, related, as_of: date) -> list[dict]:
    """The dates the rules derive from the steps so far, each with its rule's text."""
    lines = []
    if not fact.decided:
        version = applicable(LIMITATION_YEARS, as_of)
        deadlines = rules.open_deadlines(fact, related, as_of)
        parts = [
            _("%(form)s: until %(day)s") % {"form": Form(form).label, "day": vn_date(day)}
            if day
            else _("%(form)s: no limitation") % {"form": Form(form).label}
            for form, day in deadlines.items()
        ]
        lines.append(
            {
                "label": _("Limitation deadline"),
                "value": "; ".join(parts),
                "flag": any(day is not None and day < as_of for day in deadlines.values()),
                "detail": _(
                    "The last day a decision may be taken, by the form still to be chosen "
                    "(from the violation, restarted by a later violation of the same subject)."
                ),
                "rule": version.label,
            }
        )
        return lines
    review = rules.review_case(fact, related, as_of)
    lines.append(
        {
            "label": _("Limitation deadline"),
            "value": vn_date(review.limitation_until)
            if review.limitation_until
            else pgettext("discipline", "No limitation"),
            "flag": review.time_barred,
            "detail": _("The decision was taken after it: time-barred.")
            if review.time_barred
            else _("The decision was taken within the limitation period."),
            "rule": applicable(LIMITATION_YEARS, fact.decided_date).label,
        }
    )
    if not fact.announced:
        return lines
    announced = fact.announced_date
    complaint = applicable(COMPLAINT_MONTHS, announced)
    lines.append(
        {
            "label": _("Complaint deadline"),
            "value": vn_date(add_months(announced, complaint.value)),
            "flag": review.complaint_late,
            "detail": complaint_detail(complaint.value),
            "rule": complaint.label,
        }
    )
    expiry = applicable(AUTO_EXPIRY_MONTHS, announced)
    if review.ended_on:
        expiry_value = _("Ended on %(day)s by the complaint's outcome.") % {
            "day": vn_date(review.ended_on)
        }
    elif review.expires_on:
        expiry_value = vn_date(review.expires_on)
    else:
        expiry_value = _("No automatic expiry")
    lines.append(
        {
            "label": _("Automatic expiry of the decision"),
            "value": expiry_value,
            "flag": False,
            "detail": expiry_detail(expiry.value),
            "rule": expiry.label,
        }
    )
    if fact.subject_kind == rules.PERSON:
        bar = applicable(PROMOTION_BAR_MONTHS, announced)
        lines.append(
            {
                "label": _("End of the promotion bar"),
                "value": vn_date_or_dash(review.promotion_bar_until),
                "flag": bool(review.promotion_bar_until and as_of < review.promotion_bar_until),
                "detail": _(
                    "Not appointed to or nominated for a higher post before this day (persons "
                    "only; none for expulsion)."
                ),
                "rule": bar.label,
            }
        )
    return lines


# --- the published lists (RULES §4) ------------------------------------------------------

#: The fields a published list shows: what the regulation makes public, nothing else (no
#: summary of the violation, no dates of the violation or the complaint, no case code).
PUBLIC_FIELDS = ("name", "unit", "form", "decided_date", "decided_by")


def published_list_visible_to(*, user) -> QuerySet[PublishedList]:
    return scope.filter_by_unit_path(
        PublishedList.objects.select_related("unit", "approved_by", "page"), user, "unit"
    )


def _unit_label(unit, committee) -> str:
    """A unit as the list names it: with the unit it belongs to when that is not the
    committee itself ("Chi bộ xóm 3, Đảng bộ xã Nghĩa Bình")."""
    parent = unit.parent
    if parent is None or parent.pk == committee.pk or unit.pk == committee.pk:
        return unit.name
    return f"{unit.name}, {parent.name}"


def list_rows(*, unit, first_day: date, last_day: date) -> list[dict]:
    """The rows of `unit`'s list: the decisions announced from `first_day` to `last_day` in
    its tree, each with its public fields only (`PUBLIC_FIELDS`) and the case's id.

    The same for whoever asks: a committee's list is one list. Callers check the right
    (the list's policy) first.
    """
    cases = (
        DisciplineCase.objects.filter(
            unit__path__startswith=unit.path,
            announced_date__gte=first_day,
            announced_date__lte=last_day,
        )
        .exclude(form="")
        .select_related("person", "unit", "unit__parent")
        .order_by("announced_date", "code")
    )
    rows = []
    for case in cases:
        if case.person_id:
            name, where = case.person.full_name, _unit_label(case.unit, unit)
        else:
            parent = case.unit.parent
            name = case.unit.name
            where = _unit_label(parent, unit) if parent is not None else ""
        rows.append(
            {
                "case": case.pk,
                "name": name,
                "unit": where,
                "form": case.form,
                "decided_date": case.decided_date.isoformat() if case.decided_date else None,
                "decided_by": case.decided_by,
            }
        )
    return rows


def public_rows(rows: list[dict]) -> list[dict]:
    """The rows as the portal shows them: the public fields alone."""
    return [{key: row.get(key) for key in PUBLIC_FIELDS} for row in rows]


def list_changes(before: list[dict], after: list[dict]) -> list[dict]:
    """What a correction changed in a list: rows added, removed, or with public fields
    changed (each [field, before, after]), in the order of the list after it."""
    old = {row["case"]: row for row in before}
    new = {row["case"]: row for row in after}
    changes = []
    for row in after:
        previous = old.get(row["case"])
        if previous is None:
            changes.append({"kind": "added", **public_rows([row])[0]})
            continue
        fields = [
            [f, previous.get(f), row.get(f)] for f in PUBLIC_FIELDS if previous.get(f) != row.get(f)
        ]
        if fields:
            changes.append({"kind": "changed", **public_rows([previous])[0], "fields": fields})
    for row in before:
        if row["case"] not in new:
            changes.append({"kind": "removed", **public_rows([row])[0]})
    return changes
