"""Who may do what with people and their posts (docs/roles.md)."""

from dangbo.org.permissions import READERS
from dangbo.org.policy import ADD, CHANGE, OFFICE, VIEW, ScopedPolicy, register
from dangbo.people import selectors
from dangbo.people.models import Person, Position

person_policy = register(
    ScopedPolicy(
        Person,
        visible=lambda user: selectors.person_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={VIEW: READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)

position_policy = register(
    ScopedPolicy(
        Position,
        visible=lambda user: selectors.position_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={VIEW: READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)

selectors.link_people(Position, "person", ("unit",))
