"""Who may do what with discipline cases: the inspection commission keeps them (docs/roles.md).

They are read by the commission, the office (its reviews of rotations and ratings weigh
them), the standing committee and the grassroots secretary (its own unit's); not by helper
bodies, committee members or the portal's editor.
"""

from dangbo.discipline import selectors
from dangbo.discipline.models import DisciplineCase, PublishedList
from dangbo.org.policy import (
    ADD,
    CHANGE,
    DECIDE,
    INSPECTION,
    OFFICE,
    SECRETARIES,
    STANDING,
    VIEW,
    ScopedPolicy,
    register,
)
from dangbo.people.selectors import link_people

case_policy = register(
    ScopedPolicy(
        DisciplineCase,
        visible=lambda user: selectors.case_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={
            VIEW: INSPECTION | OFFICE | STANDING | SECRETARIES,
            ADD: INSPECTION,
            CHANGE: INSPECTION,
        },
    )
)

# The published lists (RULES §4): read by whoever reads the committee's cases; generated,
# approved and published by its inspection commission, which keeps the cases they come from.
list_policy = register(
    ScopedPolicy(
        PublishedList,
        visible=lambda user: selectors.published_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={
            VIEW: INSPECTION | OFFICE | STANDING | SECRETARIES,
            ADD: INSPECTION,
            CHANGE: INSPECTION,
            DECIDE: INSPECTION,
        },
    )
)

link_people(DisciplineCase, "person", ("unit",))
