"""Exporting the dataset in the import format: a folder of CSV files or one .xlsx workbook.

Rows are streamed from the database; an export holds only what its user may see (the
models' permission policies, as on the screens); `scope.OPERATOR` exports everything. Text
that a spreadsheet would run as a formula is neutralized (`dangbo.core.cells`); the import
takes the neutralizing quote off again.
"""

import csv
from datetime import date
from pathlib import Path

from dangbo.assessment.models import Assessment, Assistance, AssistanceProgress
from dangbo.core import cells
from dangbo.discipline.models import DisciplineCase
from dangbo.interchange.files import (
    SPECS,
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
from dangbo.org import scope
from dangbo.org.models import Unit, UnitEvent
from dangbo.org.policy import policy_for
from dangbo.people.models import Person, Position
from dangbo.ratings.models import Rating
from dangbo.rotation.models import Rotation, RotationPlan
from dangbo.supervision.models import SupervisionAssignment, SupervisionReport


def _visible(model, user):
    """The records of `model` the user may see: its permission policy, as on the screens."""
    return policy_for(model).visible(user)


def _events_visible(user):
    paths = scope.read_paths(user)
    events = UnitEvent.objects.order_by("pk")
    if paths is None:
        return events
    # Only events whose units are all visible, so that the file is whole on its own.
    outside = Unit.objects.exclude(scope.unit_condition(paths))
    return events.exclude(sources__in=outside).exclude(targets__in=outside)


def dataset_rows(user):
    """(file name, rows) for each file, in the order of the format."""
    return (
        ("units", units.export_rows(_visible(Unit, user))),
        ("unit_events", unit_events.export_rows(_events_visible(user))),
        ("people", people.export_rows(_visible(Person, user))),
        ("positions", positions.export_rows(_visible(Position, user))),
        (
            "rotation_plans",
            rotation_plans.export_rows(_visible(RotationPlan, user)),
        ),
        ("rotations", rotations.export_rows(_visible(Rotation, user))),
        (
            "assessments",
            assessments.export_rows(_visible(Assessment, user)),
        ),
        ("assistance", assistance.export_rows(_visible(Assistance, user))),
        (
            "assistance_progress",
            assistance_progress.export_rows(_visible(AssistanceProgress, user)),
        ),
        (
            "supervision_assignments",
            supervision_assignments.export_rows(_visible(SupervisionAssignment, user)),
        ),
        (
            "supervision_reports",
            supervision_reports.export_rows(_visible(SupervisionReport, user)),
        ),
        (
            "discipline",
            discipline.export_rows(_visible(DisciplineCase, user)),
        ),
        ("ratings", ratings.export_rows(_visible(Rating, user))),
    )


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def export_dataset(path: Path, *, user) -> dict[str, int]:
    """Write the dataset to `path` (a folder, or a file ending .xlsx); rows per file."""
    if path.suffix.lower() == ".xlsx":
        return _export_xlsx(path, user)
    path.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, rows in dataset_rows(user):
        with open(path / f"{name}.csv", "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(SPECS[name].keys)
            counts[name] = 0
            for row in rows:
                writer.writerow([_cell(cells.neutralize(v)) for v in row])
                counts[name] += 1
    return counts


def _export_xlsx(path: Path, user) -> dict[str, int]:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    counts = {}
    for name, rows in dataset_rows(user):
        sheet = workbook.create_sheet(name)
        sheet.append(list(SPECS[name].keys))
        counts[name] = 0
        for row in rows:
            # Text, dates as ISO text too: Excel would otherwise show them in a local format
            # and turn codes like 0123 into numbers.
            sheet.append(
                [cells.xlsx_cell(sheet, v) if isinstance(v, str) else _cell(v) for v in row]
            )
            counts[name] += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return counts
