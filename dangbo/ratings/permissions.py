"""Who may do what with ratings and rating rounds (docs/roles.md).

The office records the year's ratings; the standing committee approves a round, which closes
the round's ratings to changes from every door.
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
from dangbo.ratings.models import Rating, RatingRound

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
            ADD: STANDING,
            CHANGE: STANDING,
            DECIDE: STANDING,
        },
    )
)

link_people(Rating, "person", ("unit",))
