"""What the schedule finds on one day: the notices due, the expiries to record, the lists to
draw up. Which day each falls on is decided in `dangbo.rules.schedule`; the facts come from
the reviews' own functions (the supervision review, the tenure review, the discipline rules),
so the notices say what the reviews say as of that day.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Model, Q
from django.utils.translation import gettext as _

from dangbo.accounts.models import Grant, UserRole, active_on
from dangbo.core.dates import vn_date
from dangbo.core.models import RuleSettings
from dangbo.discipline.facts import cases_by_subject
from dangbo.discipline.models import DisciplineCase, PublishedList
from dangbo.notices.models import NoticeKind, NoticeSettings
from dangbo.notices.recipients import Recipients
from dangbo.org.scope import OPERATOR
from dangbo.people.models import Person, Position
from dangbo.reviews.supervision import supervision_rows
from dangbo.reviews.tenure import tenure_findings
from dangbo.rotation.models import Rotation
from dangbo.rules import schedule as rules
from dangbo.rules.dates import add_months
from dangbo.rules.discipline import PERMANENT_FORMS, expires_on
from dangbo.rules.supervision import due_date, quarter_bounds
from dangbo.rules.tenure import OVER_MONTHS
from dangbo.supervision.labels import period_label
from dangbo.supervision.models import SupervisionAssignment


@dataclass(frozen=True)
class Draft:
    """A notice to make (unless the same one was made before)."""

    recipient_id: int
    kind: str
    record: Model
    occasion: date
    title: str
    text: str
    link_name: str = ""
    link_query: str = ""


@dataclass(frozen=True)
class Expiry:
    """A decision reaching its automatic expiry (RULES §4), to record on its case."""

    case: DisciplineCase
    expires_on: date
    rule: str


class Day:
    """The schedule's findings for one day."""

    def __init__(self, day: date):
        self.day = day
        self.recipients = Recipients(day)
        self.rule_settings = RuleSettings.load()
        self.reminder_days = NoticeSettings.load().reminder_days

    # --- supervision (RULES §6) ------------------------------------------------------------

    def _members(self, period: str, statuses: set[str]):
        """The review's rows of `period` as of the day with one of `statuses`, with each
        member's person, login and the paths of the units (areas and own unit) their office
        reaches."""
        rows = [
            row
            for row in supervision_rows(user=OPERATOR, period=period, as_of=self.day)
            if row["status"] in statuses
        ]
        if not rows:
            return  # most days: nobody is due or overdue, and nothing more is read
        # The quarter's assignments and their members, read whole: a few per committee member
        # (a list of thousands of ids costs Django more to compile than the database to run).
        first, last = quarter_bounds(period)
        quarter = SupervisionAssignment.objects.filter(start_date__lte=last).exclude(
            end_date__lt=first
        )
        areas = defaultdict(set)
        for person_id, path in quarter.values_list("person_id", "unit__path"):
            areas[person_id].add(path)
        people = {
            person.code: person
            for person in Person.objects.filter(pk__in=quarter.values("person_id")).select_related(
                "unit"
            )
        }
        missing = {r["person_code"] for r in rows} - people.keys()
        if missing:
            people.update(Person.objects.select_related("unit").in_bulk(missing, field_name="code"))
        logins = self.recipients.logins()
        for row in rows:
            person = people[row["person_code"]]
            paths = areas[person.pk] | ({person.unit.path} if person.unit_id else set())
            yield row, person, logins.get(person.pk), paths

    def supervision(self) -> list[Draft]:
        drafts = []
        report_day = self.rule_settings.report_day
        period = rules.reminder_period(self.day, report_day, self.reminder_days)
        if period is not None:
            drafts += self._reminders(period, due_date(period, report_day))
        period = rules.overdue_period(self.day, report_day)
        drafts += self._overdue(period, due_date(period, report_day))
        return drafts

    def _reminders(self, period: str, due: date) -> list[Draft]:
        values = {"period": period_label(period), "due": vn_date(due)}
        drafts = []
        for _row, person, login, paths in self._members(period, {"not_due"}):
            if login is not None:
                drafts.append(
                    Draft(
                        login,
                        NoticeKind.REPORT_REMINDER,
                        person,
                        due,
                        _("Your supervision report for %(period)s is due on %(due)s") % values,
                        _(
                            "You have not filed your supervision report for %(period)s yet. "
                            "It is due on %(due)s."
                        )
                        % values,
                        "supervision_own_report",
                        f"period={period}",
                    )
                )
                continue
            # No login: the standing committee's office reminds the member itself.
            named = {**values, "name": person.full_name, "code": person.code}
            for user_id in self.recipients.holding_paths(UserRole.STANDING_COMMITTEE, paths):
                drafts.append(
                    Draft(
                        user_id,
                        NoticeKind.MEMBER_NOT_REPORTED,
                        person,
                        due,
                        _("%(name)s has not filed the report for %(period)s (due %(due)s)") % named,
                        _(
                            "%(name)s (%(code)s) has no login: remind them that their "
                            "supervision report for %(period)s is due on %(due)s."
                        )
                        % named,
                    )
                )
        return drafts

    def _overdue(self, period: str, due: date) -> list[Draft]:
        values = {"period": period_label(period), "due": vn_date(due)}
        drafts = []
        for _row, person, login, paths in self._members(period, {"missing"}):
            if login is not None:
                drafts.append(
                    Draft(
                        login,
                        NoticeKind.REPORT_OVERDUE,
                        person,
                        due,
                        _("Your supervision report for %(period)s is overdue") % values,
                        _(
                            "Your supervision report for %(period)s was due on %(due)s and "
                            "has not been filed. File it now: it will be counted as late."
                        )
                        % values,
                        "supervision_own_report",
                        f"period={period}",
                    )
                )
            named = {**values, "name": person.full_name, "code": person.code}
            for user_id in self.recipients.holding_paths(UserRole.STANDING_COMMITTEE, paths):
                drafts.append(
                    Draft(
                        user_id,
                        NoticeKind.MEMBER_OVERDUE,
                        person,
                        due,
                        _("%(name)s: supervision report for %(period)s overdue") % named,
                        _(
                            "%(name)s (%(code)s) has not filed the supervision report for "
                            "%(period)s, due on %(due)s."
                        )
                        % named,
                    )
                )
        return drafts

    # --- discipline: automatic expiry (RULES §4) ------------------------------------------

    def expiries(self) -> list[Expiry]:
        """Decisions whose automatic expiry is on the day (or within its grace)."""
        # expires_on = base + 12 months, base the announcement or a complaint's resolution:
        # only bases a year (and the grace, and a month's clamping) back can expire now.
        earliest = add_months(self.day - timedelta(days=rules.GRACE_DAYS), -12) - timedelta(3)
        candidates = (
            DisciplineCase.objects.filter(announced_date__lte=self.day)
            .exclude(form__in=PERMANENT_FORMS)
            .filter(Q(announced_date__gte=earliest) | Q(complaint_resolved_date__gte=earliest))
        )
        if not candidates.exists():
            return []
        by_code = {c.code: c for c in candidates.select_related("unit", "person")}
        found = []
        for cases in cases_by_subject(candidates).values():
            for fact in cases:
                if fact.code not in by_code:
                    continue
                expiry = expires_on(fact, cases)
                if expiry is not None and rules.in_grace(expiry, self.day):
                    found.append(Expiry(by_code[fact.code], expiry, _expiry_rule(fact)))
        return sorted(found, key=lambda e: e.case.code)

    def expiry_notices(self, expiries: list[Expiry]) -> list[Draft]:
        drafts = []
        for expiry in expiries:
            case = expiry.case
            values = {
                "code": case.code,
                "subject": case.person.full_name if case.person_id else case.unit.name,
                "form": case.get_form_display(),
                "day": vn_date(expiry.expires_on),
            }
            for user_id in self.recipients.holding(UserRole.INSPECTION, [case.unit]):
                drafts.append(
                    Draft(
                        user_id,
                        NoticeKind.DECISION_EXPIRED,
                        case,
                        expiry.expires_on,
                        _("Decision %(code)s expired on %(day)s") % values,
                        _(
                            "The decision %(code)s (%(form)s) against %(subject)s expired "
                            "automatically on %(day)s."
                        )
                        % values,
                    )
                )
        return drafts

    # --- rotations: evaluation due ---------------------------------------------------------

    def rotations(self) -> list[Draft]:
        horizon = add_months(self.day, rules.EVALUATION_NOTICE_MONTHS)
        rotations = (
            Rotation.objects.filter(evaluation="", start_date__lte=self.day)
            .exclude(end_date__lt=self.day)
            .select_related("person", "to_unit", "from_unit")
        )
        drafts = []
        for rotation in rotations:
            ends = rotation.end_date or add_months(rotation.start_date, rotation.planned_months)
            if ends > horizon or not rules.rotation_notice_due(rotation.start_date, ends, self.day):
                continue
            values = {
                "name": rotation.person.full_name,
                "code": rotation.code,
                "unit": rotation.to_unit.name,
                "day": vn_date(ends),
            }
            units = [rotation.to_unit, rotation.from_unit]
            for user_id in self.recipients.holding(UserRole.ORGANIZATION_OFFICE, units):
                drafts.append(
                    Draft(
                        user_id,
                        NoticeKind.ROTATION_ENDING,
                        rotation,
                        ends,
                        _("Rotation of %(name)s ends on %(day)s: evaluation due") % values,
                        _(
                            "The rotation %(code)s of %(name)s to %(unit)s ends on %(day)s. "
                            "Record its evaluation."
                        )
                        % values,
                    )
                )
        return drafts

    # --- tenures reaching 84 and 96 months (RULES §1) ---------------------------------------

    def tenures(self) -> list[Draft]:
        include_deputies = self.rule_settings.tenure_include_deputies
        findings = tenure_findings(user=OPERATOR, as_of=self.day, include_deputies=include_deputies)
        reached = []
        for finding in findings:
            milestone = rules.tenure_milestone(finding.since, finding.months, self.day)
            if milestone is not None:
                reached.append((finding, *milestone))
        if not reached:
            return []
        posts = Position.objects.select_related("person", "unit").in_bulk(
            [f.holdings[0].ref for f, _m, _o in reached]
        )
        drafts = []
        for finding, months, occasion in reached:
            post = posts[finding.holdings[0].ref]
            values = {
                "name": post.person.full_name,
                "unit": post.unit.name,
                "role": post.get_role_display().lower(),
                "since": vn_date(finding.since),
                "day": vn_date(occasion),
                "years": months // 12,
            }
            over = months >= OVER_MONTHS
            kind = NoticeKind.TENURE_OVER if over else NoticeKind.TENURE_APPROACHING
            title = _("%(name)s has held the same post for %(years)s years") % values
            text = (
                _(
                    "%(name)s (%(role)s, %(unit)s) has held the post since %(since)s: eight "
                    "years on %(day)s, more than two terms (65-QĐ/TW)."
                )
                if over
                else _(
                    "%(name)s (%(role)s, %(unit)s) has held the post since %(since)s: seven "
                    "years on %(day)s, one year before eight (65-QĐ/TW). Plan a rotation."
                )
            ) % values
            for user_id in self.recipients.holding(UserRole.ORGANIZATION_OFFICE, [post.unit]):
                drafts.append(Draft(user_id, kind, post, occasion, title, text))
        return drafts

    # --- the half-year discipline lists (RULES §4) -------------------------------------------

    def list_committees(self):
        """(year, period, occasion, units with an inspection commission) due on the day."""
        due = rules.half_year_list(self.day)
        if due is None:
            return None
        year, period, occasion = due
        units = {
            grant.unit
            for grant in Grant.objects.filter(role=UserRole.INSPECTION, user__is_active=True)
            .filter(active_on(self.day))
            .select_related("unit")
        }
        return year, period, occasion, sorted(units, key=lambda u: u.path)

    def list_notices(self, lists: list[PublishedList], occasion: date) -> list[Draft]:
        drafts = []
        for published_list in lists:
            values = {"list": published_list.period_label, "unit": published_list.unit.name}
            for user_id in self.recipients.holding(UserRole.INSPECTION, [published_list.unit]):
                drafts.append(
                    Draft(
                        user_id,
                        NoticeKind.LIST_DRAFT,
                        published_list,
                        occasion,
                        _("Discipline list of the %(list)s drawn up: approve it") % values,
                        _(
                            "The draft list of discipline decisions announced in the %(list)s "
                            "in %(unit)s was drawn up from the cases. Check it and approve it."
                        )
                        % values,
                    )
                )
        return drafts


def _expiry_rule(fact) -> str:
    from dangbo.rules.discipline import case_rule

    return case_rule(fact)
