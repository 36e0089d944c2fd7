"""Importing a dataset: validate every row (pass 1), then write in one transaction (pass 2).

With any bad row nothing is written, unless `partial`, which writes the good rows and
reports the others. A dry run does both passes and rolls back, so its counts are exact.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core import audit
from dangbo.interchange.auditlog import AuditWriter
from dangbo.interchange.beside import run_beside
from dangbo.interchange.bulk import bulk_session
from dangbo.interchange.context import ImportContext
from dangbo.interchange.files import (
    RECORD_FILES,
    SPECS,
    file_models,
    people,
    positions,
    records,
    unit_events,
    units,
)
from dangbo.interchange.models import ERRORS_KEPT, ImportRun
from dangbo.interchange.preview import Preview
from dangbo.interchange.progress import CHECK, SILENT, WRITE, Progress
from dangbo.interchange.readers import Sheet, SheetError, open_dataset
from dangbo.interchange.report import ImportReport
from dangbo.interchange.rows import SheetRows, check_headers
from dangbo.interchange.specs import header_form, spec_for_sheet
from dangbo.interchange.spool import Spool
from dangbo.interchange.template import LISTS_SHEET
from dangbo.org import scope
from dangbo.org.policy import CHANGE, policy_for, role_names


class _RollBack(Exception):
    """Raised inside the transaction to undo a dry run."""


@dataclass
class ImportResult:
    run: ImportRun
    report: ImportReport


def import_dataset(
    path: Path,
    *,
    actor,
    dry_run: bool = False,
    partial: bool = False,
    via: str = ImportRun.Via.COMMAND,
    progress: Progress = SILENT,
    file_name: str = "",
    run: ImportRun | None = None,
) -> ImportResult:
    """`run`: the record to fill (a run from the back office, queued before the worker
    took it, tasks.py); a new one otherwise."""
    started = timezone.now()
    report = ImportReport()
    if run is None:
        run = ImportRun(
            user=actor if getattr(actor, "pk", None) else None,
            via=via,
            file_name=file_name or Path(path).name,
            dry_run=dry_run,
            partial=partial,
            started_at=started,
        )
    sheets = _sheets(Path(path), actor, report)
    if sheets is not None:
        try:
            with bulk_session(), transaction.atomic():
                _import(sheets, actor, report, partial, dry_run, progress, run)
        except _RollBack:
            pass
    _finish(run, report)
    if not report.written:
        run.save()
    return ImportResult(run, report)


def may_import(user) -> bool:
    """May the user import any dataset file at all (keep some kind of record somewhere)?"""
    return any(policy_for(model).may(user, CHANGE) for model in file_models().values())


def _sheets(path: Path, actor, report: ImportReport) -> dict[str, Sheet] | None:
    if not may_import(actor):
        report.add("", 0, "", "", _("You may not import data."))
        return None
    try:
        found = open_dataset(path)
    except SheetError as error:
        report.add(path.name, 0, "", "", str(error))
        return None
    sheets = {}
    twice = False
    for sheet in found:
        spec = spec_for_sheet(SPECS, sheet.name)
        if spec is not None and spec.name in sheets:
            report.add(
                sheet.label,
                0,
                "",
                "",
                _("%(file)s holds the same file as %(other)s (%(name)s); keep only one.")
                % {"file": sheet.label, "other": sheets[spec.name].label, "name": spec.name},
            )
            twice = True
        elif spec is not None:
            sheet.name = spec.name  # "Đơn vị" is read as units
            sheets[spec.name] = sheet
            report.name_file(spec, sheet.written)  # its error rows name it as the user did
        elif header_form(sheet.name) == header_form(LISTS_SHEET):
            continue  # the template's dropdown lists
        else:
            report.warnings.append(
                _("%(file)s is not a dataset file (known files: %(files)s); it was left out.")
                % {"file": sheet.label, "files": ", ".join(SPECS)}
            )
    if twice:
        return None
    for name in list(sheets):
        policy = policy_for(file_models()[name])
        if not policy.may(actor, CHANGE):
            del sheets[name]
            report.add(
                name,
                0,
                "",
                "",
                _("You may not import this file: %(records)s are kept by %(roles)s.")
                % {
                    "records": policy.model._meta.verbose_name_plural,
                    "roles": role_names(policy.roles_for(CHANGE)),
                },
            )
    if not sheets:
        if report.errors:  # every file was refused above: that is the whole answer
            return None
        report.add(
            path.name,
            0,
            "",
            "",
            _("No dataset file was found; expected some of: %(files)s.")
            % {"files": ", ".join(SPECS)},
        )
        return None
    if not check_headers(sheets, SPECS, report):
        return None
    return sheets


def _import(sheets, actor, report, partial, dry_run, progress, run) -> None:
    ctx = ImportContext(actor=actor, report=report, partial=partial)
    progress.phase = CHECK
    units.load_stored(ctx)
    _read(sheets, "units", report, lambda s: units.check(s, ctx))
    _read(sheets, "unit_events", report, lambda s: unit_events.check(s, ctx))
    unit_events.check_across(ctx)
    # Each file of people and posts is parsed once: pass 1 keeps its accepted rows on disk.
    spools = {name: Spool(sheets[name].label) for name in ("people", "positions") if name in sheets}
    try:
        _check_people_and_posts(sheets, spools, ctx, report, progress)
        accepted = _check_records(sheets, spools, ctx, report)
        if report.errors and not partial:
            return
        _write(sheets, spools, accepted, ctx, actor, report, dry_run, progress, run)
    finally:
        for spool in spools.values():
            spool.close()


def _check_people_and_posts(sheets, spools, ctx, report, progress) -> None:
    """Pass 1 of people and posts: the posts' own checks beside the people's, then the
    posts' people (beside.py)."""

    def check_people():
        _read(sheets, "people", report, lambda s: people.check(s, ctx, progress, spools[s.name]))

    if "positions" not in sheets:
        check_people()
        return
    posts = spools["positions"]

    def check_posts():
        # Its errors on a list of their own, which the caller adds (here or from the copy).
        kept, report.errors = report.errors, []
        try:
            _read(sheets, "positions", report, lambda s: positions.check(s, ctx, progress, posts))
            posts.flush()  # on disk for this process, when the check ran in the copy
            return report.errors, posts.count
        finally:
            report.errors = kept

    scope.reaches(ctx.actor)  # the user's grants read here, so the check beside needs no query
    errors, posts.count = run_beside(check_people, check_posts)
    report.errors.extend(errors)
    positions.check_people(posts, ctx)


def _check_records(sheets, spools, ctx, report) -> dict[str, list]:
    """Pass 1 of the capability files: rows parsed, the people they name gathered, checked."""
    rows = {}
    for module in RECORD_FILES:
        name = module.SPEC.name
        _read(sheets, name, report, lambda s, m=module: rows.update({s.name: _rows(s, m, report)}))
    if not rows:
        return {}
    codes = set().union(*(m.person_codes(rows.get(m.SPEC.name, ())) for m in RECORD_FILES))
    facts = records.PersonFacts(ctx, spools, codes)
    accepted = facts.accepted  # a file's check may read those checked before it
    for m in RECORD_FILES:
        if m.SPEC.name in rows:
            accepted[m.SPEC.name] = m.check(rows[m.SPEC.name], ctx, facts)
    return accepted


def _rows(sheet, module, report) -> list:
    sheet_rows = SheetRows(sheet, module.SPEC, report)
    rows = list(sheet_rows)
    # An added column the file leaves out is not written: the stored value stays.
    absent = [c.key for c in module.SPEC.columns if c.added and c.key not in sheet_rows.present]
    for row in rows:
        for key in absent:
            row.values.pop(key, None)
    return rows


def _write(sheets, spools, accepted, ctx, actor, report, dry_run, progress, run) -> None:
    progress.phase = WRITE
    writer = AuditWriter(actor=actor, source=audit.SOURCE_IMPORT, batch=run.uuid)
    if dry_run:
        writer.preview = Preview()
    for name in SPECS:
        report.file_counts(name)
    if not ctx.file_rejected("units"):
        units.write(ctx, writer)
    if not ctx.file_rejected("unit_events"):
        unit_events.write(ctx, writer)
    for name, module in (("people", people), ("positions", positions)):
        if name in sheets and not ctx.file_rejected(name):
            module.write(spools[name], ctx, writer, progress)
    refs = records.Refs(ctx)
    for module in RECORD_FILES:
        if module.SPEC.name in accepted:
            module.write(ctx, writer, accepted[module.SPEC.name], refs)
    report.written = not dry_run
    if dry_run:
        writer.flush()
        # In words while the rows this import adds can still be read (a new unit's name).
        run.preview = writer.preview.describe(
            {SPECS[name].model: name for name in SPECS if SPECS[name].model is not None}
        )
        raise _RollBack
    _finish(run, report)
    run.save()
    writer.finish(run)


def _read(sheets, name, report, check) -> None:
    sheet = sheets.get(name)
    if sheet is None:
        return
    try:
        check(sheet)
    except SheetError as error:
        report.add(name, 0, "", "", str(error))


def _finish(run: ImportRun, report: ImportReport) -> None:
    for name in report.counts:
        rejected = {e.row for e in report.errors if e.file == name and e.row > 1}
        report.counts[name].rejected = len(rejected)
    run.finished_at = timezone.now()
    run.counts = report.counts_dict()
    run.error_count = len(report.errors)
    run.errors = [e.as_dict() for e in report.errors[:ERRORS_KEPT]]
    run.warnings = report.warnings
    if run.dry_run:
        run.status = ImportRun.Status.PREVIEWED
    elif report.written:
        run.status = ImportRun.Status.PARTIAL if report.errors else ImportRun.Status.DONE
    else:
        run.status = ImportRun.Status.REJECTED
