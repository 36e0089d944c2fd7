"""Who may do what with discipline cases: the inspection commission keeps them (docs/roles.md).

They are read by the commission, the office (its reviews of rotations and ratings weigh
them), the standing committee and the grassroots secretary (its own unit's); not by helper
bodies, committee members or the portal's editor.
"""

from dangbo.discipline import selectors
from dangbo.discipline.models import DisciplineCase
from dangbo.org.policy import (
    ADD,
    CHANGE,
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

link_people(DisciplineCase, "person", ("unit",))
