"""Who may do what with units and their events (docs/roles.md)."""

from dangbo.org import selectors
from dangbo.org.models import Unit, UnitEvent
from dangbo.org.policy import ADD, CHANGE, OFFICE, ScopedPolicy, register

unit_policy = register(
    ScopedPolicy(
        Unit,
        visible=lambda user: selectors.unit_list_visible_to(user=user).select_related("parent"),
        unit_fields=("",),
        rights={ADD: OFFICE, CHANGE: OFFICE},
    )
)

unit_event_policy = register(
    ScopedPolicy(
        UnitEvent,
        visible=lambda user: selectors.unit_event_list_visible_to(user=user),
        units_of=lambda event: [*event.sources.all(), *event.targets.all()],
        unit_fields=("sources", "targets"),
        rights={ADD: OFFICE, CHANGE: OFFICE},
    )
)
