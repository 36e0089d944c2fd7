"""The state one import run carries from file to file: the unit tree, codes seen, rejections.

Units and events are few (tens of thousands for a whole country) and are kept whole;
people and posts are streamed, and only their codes are kept.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.utils.translation import gettext as _

from dangbo.core.errors import Problem
from dangbo.interchange.report import ImportReport
from dangbo.org import scope
from dangbo.org.policy import CHANGE, policy_for


@dataclass
class UnitState:
    """A unit as the import will leave it: the stored record overlaid by the units file."""

    code: str
    name: str = ""
    kind: str = ""
    parent_code: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    row: int = 0  # its row in the units file; 0 when only stored
    id: int | None = None
    stored: dict | None = None  # audited values as stored, None when new
    stored_path: str | None = None
    path: str | None = None  # None until computed, or when the parent chain is broken
    filled_by_event: bool = False

    @property
    def in_import(self) -> bool:
        return bool(self.row) or self.filled_by_event


class ScopeGuard:
    """Which units the acting user may keep records of one file in: the file's model policy.

    Rows add or update records, so the right asked is "change" (the roles that keep them).
    """

    def __init__(self, actor, policy):
        self.actor = actor
        self.policy = policy

    def allows(self, path: str | None) -> bool:
        unit = SimpleNamespace(path=path) if path else None
        return self.policy.can(self.actor, CHANGE, unit)

    def message(self) -> str:
        return _("You may not change records of this unit (outside your unit's subtree).")


@dataclass
class ImportContext:
    actor: object
    report: ImportReport
    partial: bool
    guards: dict[str, ScopeGuard] = field(default_factory=dict)
    units: dict[str, UnitState] = field(default_factory=dict)
    rejected_units: set[str] = field(default_factory=set)
    person_codes: set[str] = field(default_factory=set)
    # code → id of the file's people, once written (pass 2): posts need no lookup then.
    person_ids: dict[str, int] = field(default_factory=dict)
    rejected_people: set[str] = field(default_factory=set)
    events: list = field(default_factory=list)

    @property
    def restricted(self) -> bool:
        """Is the actor bounded by grants (not the operator)?"""
        return not scope.is_unrestricted(self.actor)

    def guard_for(self, file: str) -> ScopeGuard:
        """The guard of a dataset file (its model's permission policy)."""
        guard = self.guards.get(file)
        if guard is None:
            from dangbo.interchange.files import file_models

            guard = self.guards[file] = ScopeGuard(self.actor, policy_for(file_models()[file]))
        return guard

    def error(self, file: str, row: int, column: str, value, message: str) -> None:
        self.report.add(file, row, column, value, message)

    def outside_scope(self, file: str, row, column: str, value, path: str | None) -> bool:
        """True (and reported on `column`) when a restricted user may not keep records of
        the unit at `path` (None: a record in no unit) in `file`."""
        if not self.restricted or self.guard_for(file).allows(path):
            return False
        self.error(file, row.number, column, value, self.guard_for(file).message())
        return True

    def coded_rows(self, file: str, rows: Iterable, rejected: set[str]) -> Iterator:
        """The good rows of a file keyed by `code`, each code once: the code of a bad row
        goes to `rejected`, a code already on an earlier row is reported."""
        first_row: dict[str, int] = {}
        for row in rows:
            code = row.values.get("code")
            if not row.ok:
                if code:
                    rejected.add(code)
                continue
            if code in first_row:
                self.error(
                    file,
                    row.number,
                    "code",
                    code,
                    _("The code %(code)s appears again; it was first on row %(row)d.")
                    % {"code": code, "row": first_row[code]},
                )
                continue
            first_row[code] = row.number
            yield row

    def problems(self, file: str, row, problems: list[Problem], spec) -> bool:
        """Report `problems` for `row` (a rows.Row); True when there were any."""
        for problem in problems:
            row.problem(self.report, spec, problem)
        return bool(problems)

    def rejected_rows(self, file: str) -> set[int]:
        return {e.row for e in self.report.errors if e.file == file}

    def file_rejected(self, file: str) -> bool:
        """Header problems and unreadable files reject every row of the file."""
        return any(e.file == file and e.row in (0, 1) for e in self.report.errors)

    def unit_reference(self, code: str) -> tuple[UnitState | None, str | None]:
        """The unit a row refers to, or the reason it cannot be used."""
        if code in self.rejected_units:
            if self.partial:
                return None, _(
                    "The unit %(code)s was rejected (see its row), so this row is too."
                ) % {"code": code}
            return None, None
        unit = self.units.get(code)
        if unit is None:
            return None, _(
                "Unknown unit code %(code)s: it is neither in the units file nor stored."
            ) % {"code": code}
        return unit, None
