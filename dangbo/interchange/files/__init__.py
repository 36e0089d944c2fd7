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

# Every file, in the order of the format (INTERCHANGE.md): each module has its SPEC and
# export_rows.
MODULES = (units, unit_events, people, positions, *RECORD_FILES)
SPECS = {m.SPEC.name: m.SPEC for m in MODULES}


def file_models() -> dict:
    """The model each file writes: its permission policy decides who may import the file."""
    return {name: spec.model for name, spec in SPECS.items()}
