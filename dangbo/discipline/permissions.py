"""Who may do what with discipline cases: the inspection commission keeps them (docs/roles.md)."""

from dangbo.discipline import selectors
from dangbo.discipline.models import DisciplineCase
from dangbo.org.policy import ADD, CHANGE, INSPECTION, ScopedPolicy, register
from dangbo.people.selectors import link_people

case_policy = register(
    ScopedPolicy(
        DisciplineCase,
        visible=lambda user: selectors.case_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={ADD: INSPECTION, CHANGE: INSPECTION},
    )
)

link_people(DisciplineCase, "person", ("unit",))
