"""The dataset files this version imports and exports, in the order they are processed."""

from dangbo.interchange.files import (
    assessments,
    assistance,
    assistance_progress,
    discipline,
    people,
    positions,
    ratings,
    rotation_plans,
    rotations,
    supervision_assignments,
    supervision_reports,
    unit_events,
    units,
)

# The files of the capabilities, checked and written after units, events, people and posts
# (files/records.py): their rows may name any of those, from the dataset or stored.
RECORD_FILES = (
    rotation_plans,
    rotations,
    assessments,
    assistance,
    assistance_progress,
    supervision_assignments,
    supervision_reports,
    discipline,
    ratings,
)

SPECS = {m.SPEC.name: m.SPEC for m in (units, unit_events, people, positions, *RECORD_FILES)}


def file_models() -> dict:
    """The model each file writes: its permission policy decides who may import the file."""
    from dangbo.assessment.models import Assessment, Assistance, AssistanceProgress
    from dangbo.discipline.models import DisciplineCase
    from dangbo.org.models import Unit, UnitEvent
    from dangbo.people.models import Person, Position
    from dangbo.ratings.models import Rating
    from dangbo.rotation.models import Rotation, RotationPlan
    from dangbo.supervision.models import SupervisionAssignment, SupervisionReport

    models = {
        "units": Unit,
        "unit_events": UnitEvent,
        "people": Person,
        "positions": Position,
        "rotation_plans": RotationPlan,
        "rotations": Rotation,
        "assessments": Assessment,
        "assistance": Assistance,
        "assistance_progress": AssistanceProgress,
        "supervision_assignments": SupervisionAssignment,
        "supervision_reports": SupervisionReport,
        "discipline": DisciplineCase,
        "ratings": Rating,
    }
    assert models.keys() == SPECS.keys(), "every dataset file names its model"
    return models
