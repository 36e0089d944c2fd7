"""What an import found and did: every bad row, warnings, and counts per file."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dangbo.core.text import fold, visible

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
    # The file and the column as the user's file named them (sheet_shown, column_shown):
    # "Đảng viên" and "Đơn vị" when it used the Vietnamese names, "people (Đảng viên)" and
    # "unit_code (Đơn vị)" when it used the keys. `file` and `column` stay the keys.
    sheet: str = ""
    heading: str = ""

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "sheet": self.sheet or self.file,
            "heading": self.heading or self.column,
        }


@dataclass
class FileNames:
    """How one file of the dataset is named: its sheet (or CSV file) as written, and each
    column's header as written, beside the Vietnamese names of the spec."""

    title: str  # the spec's Vietnamese title ("Đảng viên")
    labels: dict[str, str]  # column key → Vietnamese header ("Đơn vị")
    sheet: str = ""  # the sheet's name or the CSV file's name, as written
    headers: dict[str, str] = field(default_factory=dict)  # column key → header as written

    def sheet_shown(self, key: str) -> str:
        written = self.sheet or key
        if not self.title or _same(_stem(written), self.title):
            return written
        return f"{written} ({self.title})"

    def column_shown(self, key: str) -> str:
        if key not in self.labels:
            return key  # a header the file wrote that is not one of the columns
        written = self.headers.get(key, key)
        label = self.labels[key]
        if not label or _same(written, label):
            return written
        return f"{written} ({label})"


def _stem(name: str) -> str:
    return name[:-4] if name.lower().endswith(".csv") else name


def _same(written: str, vietnamese: str) -> bool:
    return fold(written.replace("_", " ")) == fold(vietnamese)


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
    # File key → how the user's file names it and its columns (rows.py, services.py).
    names: dict[str, FileNames] = field(default_factory=dict)

    def name_file(self, spec, sheet: str | None = None, header=None, positions=None) -> None:
        """Remember how the user's file names `spec`'s sheet and, once its header is read,
        its columns: the error rows then say them so."""
        names = self.names.get(spec.name)
        if names is None:
            names = self.names[spec.name] = FileNames(
                spec.title, {c.key: c.heading for c in spec.columns}
            )
        if sheet:
            names.sheet = sheet
        if header is not None and positions is not None:
            names.headers = {
                key: str(header[index]).strip() or key for key, index in positions.items()
            }

    def add(self, file, row, column, value, message) -> None:
        # What was written, with control characters shown as their codes: a NUL byte cannot
        # be stored in the run's report (PostgreSQL's JSON) nor shown on a screen.
        value = "" if value is None else visible(str(value))
        if len(value) > VALUE_SHOWN:
            value = value[:VALUE_SHOWN] + "…"
        file, column = visible(str(file)), visible(str(column))
        names = self.names.get(file)
        sheet = names.sheet_shown(file) if names else file
        heading = names.column_shown(column) if names and column else column
        self.errors.append(
            RowError(file, row, column, value, visible(message), visible(sheet), visible(heading))
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
            "file": e.sheet or e.file,
            "row": e.row or "—",
            "column": e.heading or e.column or "—",
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
