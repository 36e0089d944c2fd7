"""The dataset files this version imports and exports, in the order they are processed."""

from dangbo.interchange.files import people, positions, unit_events, units

SPECS = {m.SPEC.name: m.SPEC for m in (units, unit_events, people, positions)}

# Files of INTERCHANGE.md that later versions add; a dataset that has them is still read.
NOT_YET_SUPPORTED = (
    "rotations",
    "assessments",
    "assistance",
    "supervision_assignments",
    "supervision_reports",
    "discipline",
    "ratings",
)
