"""Who may do what with surveys, help to weak units and its progress notes (docs/roles.md).

A helper body records the progress of the help it gives (on its own unit, the helper); the
office keeping the helped unit's records may record it too. A helper body's grant reads the
units it helps (`scope.link_units`): their surveys, help, people and ratings.
"""

from dangbo.assessment import selectors
from dangbo.assessment.models import Assessment, Assistance, AssistanceProgress
from dangbo.org import scope
from dangbo.org.policy import (
    ADD,
    CHANGE,
    HELPERS,
    OFFICE,
    SECRETARIES,
    STANDING,
    VIEW,
    ScopedPolicy,
    register,
)

READERS = OFFICE | STANDING | HELPERS | SECRETARIES

assessment_policy = register(
    ScopedPolicy(
        Assessment,
        visible=lambda user: selectors.assessment_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={VIEW: READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)

assistance_policy = register(
    ScopedPolicy(
        Assistance,
        visible=lambda user: selectors.assistance_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={VIEW: READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)


class ProgressPolicy(ScopedPolicy):
    """A progress note belongs to the helped unit (office) and to the helper (helper body)."""

    def may_note(self, user, assistance: Assistance) -> bool:
        return assistance_policy.can(user, CHANGE, assistance.unit) or scope.can(
            user, scope.CHANGE, assistance.helper, HELPERS
        )

    def user_has_permission_for_instance(self, user, action, instance):
        if action in (ADD, CHANGE):
            return self.may_note(user, instance.assistance)
        return super().user_has_permission_for_instance(user, action, instance)


progress_policy = register(
    ProgressPolicy(
        AssistanceProgress,
        visible=lambda user: selectors.progress_list_visible_to(user=user),
        unit_fields=("assistance__unit",),
        rights={VIEW: READERS, ADD: OFFICE | HELPERS, CHANGE: OFFICE | HELPERS},
    )
)


def helped_unit_paths(path: str):
    """The units helped by the helper bodies at or under `path` (any year: read only)."""
    return Assistance.objects.filter(helper__path__startswith=path).values_list(
        "unit__path", flat=True
    )


scope.link_units(HELPERS, helped_unit_paths)
