"""Who may do what with units and their events (docs/roles.md)."""

from dangbo.org import selectors
from dangbo.org.models import Unit, UnitEvent
from dangbo.org.policy import (
    ADD,
    CHANGE,
    COMMITTEE,
    HELPERS,
    INSPECTION,
    OFFICE,
    SECRETARIES,
    STANDING,
    VIEW,
    ScopedPolicy,
    register,
)

# Who reads the tree: every role but the portal's editor; a helper body its own unit and the
# units it helps, not their history of events.
READERS = OFFICE | STANDING | COMMITTEE | INSPECTION | HELPERS | SECRETARIES

unit_policy = register(
    ScopedPolicy(
        Unit,
        visible=lambda user: selectors.unit_list_visible_to(user=user).select_related("parent"),
        unit_fields=("",),
        rights={VIEW: READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)

unit_event_policy = register(
    ScopedPolicy(
        UnitEvent,
        visible=lambda user: selectors.unit_event_list_visible_to(user=user),
        units_of=lambda event: [*event.sources.all(), *event.targets.all()],
        unit_fields=("sources", "targets"),
        rights={VIEW: READERS - HELPERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)
