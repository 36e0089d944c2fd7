"""Who may do what with supervision assignments and reports (docs/roles.md)."""

from dangbo.org.policy import ADD, CHANGE, OFFICE, ScopedPolicy, register
from dangbo.people.selectors import link_people
from dangbo.supervision import selectors
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport

assignment_policy = register(
    ScopedPolicy(
        SupervisionAssignment,
        visible=lambda user: selectors.assignment_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={ADD: OFFICE, CHANGE: OFFICE},
    )
)

report_policy = register(
    ScopedPolicy(
        SupervisionReport,
        visible=lambda user: selectors.report_list_visible_to(user=user),
        unit_fields=("person__unit",),
        rights={ADD: OFFICE, CHANGE: OFFICE},
    )
)

link_people(SupervisionAssignment, "person", ("unit",))
