"""Who may do what with supervision assignments and reports (docs/roles.md).

The office records the reports it receives. A committee member files their own: only for the
person their login is linked to (`accounts.User.person`), and only for a quarter in which
that person holds an assignment (`ReportPolicy.may_file_own`).
"""

from dangbo.accounts.models import UserRole
from dangbo.org import scope
from dangbo.org.policy import (
    ADD,
    CHANGE,
    OFFICE,
    SECRETARIES,
    STANDING,
    VIEW,
    ScopedPolicy,
    register,
)
from dangbo.people.selectors import link_people
from dangbo.rules.supervision import quarter_bounds
from dangbo.supervision import selectors
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport

MEMBERS = frozenset({UserRole.COMMITTEE_MEMBER})
# The quarter board is the standing committee's, and the office's that keeps supervision.
BOARD = STANDING | OFFICE
# Supervision is read by the office, the standing committee, the committee members and the
# grassroots secretary (its own unit's).
SUPERVISION_READERS = OFFICE | STANDING | MEMBERS | SECRETARIES

assignment_policy = register(
    ScopedPolicy(
        SupervisionAssignment,
        visible=lambda user: selectors.assignment_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={VIEW: SUPERVISION_READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)


class ReportPolicy(ScopedPolicy):
    """The office's rights on the reports of its units, and a member's on their own."""

    def may_see_board(self, user) -> bool:
        """May `user` open the quarter board (of the units they reach)?"""
        return scope.may_any(user, BOARD)

    def may_file_own(self, user, person, period: str) -> bool:
        """May `user` file `person`'s report for `period` (YYYYQn) as that committee member?"""
        if person is None or getattr(user, "person_id", None) != person.pk:
            return False
        if not (scope.roles_of(user) & MEMBERS):
            return False
        first, last = quarter_bounds(period)
        return (
            SupervisionAssignment.objects.filter(person=person, start_date__lte=last)
            .exclude(end_date__lt=first)
            .exists()
        )


report_policy = register(
    ReportPolicy(
        SupervisionReport,
        visible=lambda user: selectors.report_list_visible_to(user=user),
        unit_fields=("person__unit",),
        rights={VIEW: SUPERVISION_READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)

link_people(SupervisionAssignment, "person", ("unit",))
