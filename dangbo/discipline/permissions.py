"""Who may do what with discipline cases: the inspection commission keeps them (docs/roles.md).

They are read by the commission, the office (its reviews of rotations and ratings weigh
them) and the standing committee; not by helper bodies, committee members, grassroots
secretaries or the portal's editor.
"""

from dangbo.discipline import selectors
from dangbo.discipline.models import DisciplineCase
from dangbo.org.policy import (
    ADD,
    CHANGE,
    INSPECTION,
    OFFICE,
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
        rights={VIEW: INSPECTION | OFFICE | STANDING, ADD: INSPECTION, CHANGE: INSPECTION},
    )
)

link_people(DisciplineCase, "person", ("unit",))
