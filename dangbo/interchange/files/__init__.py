"""The dataset files this version imports and exports, in the order they are processed."""

from dangbo.interchange.files import (
    assessments,
    assistance,
    discipline,
    people,
    positions,
    ratings,
    rotations,
    supervision_assignments,
    supervision_reports,
    unit_events,
    units,
)

# The files of the capabilities, checked and written after units, events, people and posts
# (files/records.py): their rows may name any of those, from the dataset or stored.
RECORD_FILES = (
    rotations,
    assessments,
    assistance,
    supervision_assignments,
    supervision_reports,
    discipline,
    ratings,
)

SPECS = {m.SPEC.name: m.SPEC for m in (units, unit_events, people, positions, *RECORD_FILES)}


def file_models() -> dict:
    """The model each file writes: its permission policy decides who may import the file."""
    from dangbo.assessment.models import Assessment, Assistance
    from dangbo.discipline.models import DisciplineCase
    from dangbo.org.models import Unit, UnitEvent
    from dangbo.people.models import Person, Position
    from dangbo.ratings.models import Rating
    from dangbo.rotation.models import Rotation
    from dangbo.supervision.models import SupervisionAssignment, SupervisionReport

    return {
        "units": Unit,
        "unit_events": UnitEvent,
        "people": Person,
        "positions": Position,
        "rotations": Rotation,
        "assessments": Assessment,
        "assistance": Assistance,
        "supervision_assignments": SupervisionAssignment,
        "supervision_reports": SupervisionReport,
        "discipline": DisciplineCase,
        "ratings": Rating,
    }
