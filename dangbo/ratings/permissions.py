"""Who may do what with ratings, rating rounds and rating groups (docs/roles.md).

The office records the year's ratings, opens the year's round as a draft and submits it;
the standing committee approves a submitted round or sends it back to draft with a reason.
A submitted or an approved round closes its ratings to changes from every door. The kept
list of rating groups is the office's: one list for the installation, not per unit.
"""

from dangbo.org.policy import (
    ADD,
    CHANGE,
    DECIDE,
    HELPERS,
    OFFICE,
    SECRETARIES,
    STANDING,
    VIEW,
    ScopedPolicy,
    register,
)
from dangbo.people.selectors import link_people
from dangbo.ratings import selectors
from dangbo.ratings.models import Rating, RatingGroup, RatingRound

# A unit's ratings are read by its office, standing committee and secretary, and by the
# helper body that helps it (its reach links the units it helps: assessment.permissions).
RATING_READERS = OFFICE | STANDING | SECRETARIES | HELPERS

rating_policy = register(
    ScopedPolicy(
        Rating,
        visible=lambda user: selectors.rating_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={VIEW: RATING_READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)

round_policy = register(
    ScopedPolicy(
        RatingRound,
        visible=lambda user: selectors.round_list_visible_to(user=user),
        unit_fields=("unit",),
        rights={
            VIEW: OFFICE | STANDING | SECRETARIES,
            ADD: OFFICE,
            CHANGE: OFFICE,
            DECIDE: STANDING,
        },
    )
)


class KeptListPolicy(ScopedPolicy):
    """A list kept for the whole installation (no unit): a grant of a reading role anywhere
    reads it, a grant of the keeping role anywhere adds and changes its entries."""

    def can(self, user, action: str, unit=None) -> bool:
        return self.may(user, action)

    def writable(self, user, action: str = CHANGE):
        return self.visible(user) if self.may(user, action) else self.model.objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.may(user, action)


group_policy = register(
    KeptListPolicy(
        RatingGroup,
        visible=lambda user: selectors.group_list_visible_to(user=user),
        unit_fields=(),
        rights={VIEW: RATING_READERS, ADD: OFFICE, CHANGE: OFFICE},
    )
)

link_people(Rating, "person", ("unit",))
