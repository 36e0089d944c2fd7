"""Who may do what with rotation plans and rotations (docs/roles.md).

The standing committee decides rotations: it approves plans, may record a rotation it decided
(with a written reason where a finding would block it); the office keeps them.
"""

from dangbo.org.policy import (
    ADD,
    CHANGE,
    DECIDE,
    OFFICE,
    SECRETARIES,
    STANDING,
    VIEW,
    ScopedPolicy,
    register,
)
from dangbo.people.selectors import link_people
from dangbo.rotation import selectors
from dangbo.rotation.models import Rotation, RotationPlan

plan_policy = register(
    ScopedPolicy(
        RotationPlan,
        visible=lambda user: selectors.plan_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={
            VIEW: OFFICE | STANDING | SECRETARIES,
            ADD: OFFICE,
            CHANGE: OFFICE,
            DECIDE: STANDING,
        },
    )
)

rotation_policy = register(
    ScopedPolicy(
        Rotation,
        visible=lambda user: selectors.rotation_list_visible_to(user=user),
        unit_fields=("to_unit",),
        rights={
            VIEW: OFFICE | STANDING | SECRETARIES,
            ADD: OFFICE | STANDING,
            CHANGE: OFFICE,
            DECIDE: STANDING,
        },
    )
)

link_people(Rotation, "person", ("to_unit", "from_unit"))
