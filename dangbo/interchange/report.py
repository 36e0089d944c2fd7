"""What an import found and did: every bad row, warnings, and counts per file."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dangbo.core.text import visible

# A value is shown in the report up to this many characters (a 30,000-character cell once).
VALUE_SHOWN = 120


@dataclass(frozen=True)
class RowError:
    """One bad cell or row. `row` is the spreadsheet row number (the header is row 1);
    0 means the whole file, and `column` is "" when no single column is at fault."""

    file: str
    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


@dataclass
class FileCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportReport:
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, FileCounts] = field(default_factory=dict)
    written: bool = False

    def add(self, file, row, column, value, message) -> None:
        # What was written, with control characters shown as their codes: a NUL byte cannot
        # be stored in the run's report (PostgreSQL's JSON) nor shown on a screen.
        value = "" if value is None else visible(str(value))
        if len(value) > VALUE_SHOWN:
            value = value[:VALUE_SHOWN] + "…"
        self.errors.append(
            RowError(visible(str(file)), row, visible(str(column)), value, visible(message))
        )

    def file_counts(self, name: str) -> FileCounts:
        return self.counts.setdefault(name, FileCounts())

    @property
    def ok(self) -> bool:
        return not self.errors

    def counts_dict(self) -> dict:
        return {name: vars(c).copy() for name, c in self.counts.items()}


def format_errors(report: ImportReport) -> str:
    lines = [
        _("%(file)s, row %(row)s, column %(column)s, value “%(value)s”: %(message)s")
        % {
            "file": e.file,
            "row": e.row or "—",
            "column": e.column or "—",
            "value": e.value,
            "message": e.message,
        }
        for e in sorted(report.errors, key=lambda e: (e.file, e.row, e.column))
    ]
    lines += [_("Warning: %(text)s") % {"text": w} for w in report.warnings]
    return "\n".join(lines)


def format_counts(report: ImportReport) -> str:
    return "\n".join(
        _(
            "%(file)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged"
            ", %(rejected)d rejected"
        )
        % {"file": name, **vars(c)}
        for name, c in report.counts.items()
    )


def format_preview(run) -> str:
    """The preview's rows (interchange/preview.py) as lines: "+ label: field: value; …" for
    a row to add, "~ label: field: before → after; …" for a row to change."""
    lines = []
    for entry in run.preview:
        counts = run.counts.get(entry["file"], {})
        lines.append(f"{entry['file']} ({entry['title']}):")
        for row in entry["rows"]:
            if row["action"] == "added":
                parts = [f"{c['field']}: {c['after']}" for c in row["changes"]]
                lines.append(f"  + {row['label']}: " + "; ".join(parts))
            else:
                parts = [f"{c['field']}: {c['before']} → {c['after']}" for c in row["changes"]]
                lines.append(f"  ~ {row['label']}: " + "; ".join(parts))
        more = counts.get("created", 0) + counts.get("updated", 0) - len(entry["rows"])
        if more > 0:
            lines.append("  " + _("and %(count)d more") % {"count": more})
    return "\n".join(lines)
