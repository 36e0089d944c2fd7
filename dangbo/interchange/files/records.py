"""What the files of the capabilities share (rotations, assessments, assistance, supervision,
discipline, ratings): references to people, stored records by natural key, a simple writer.

These files are small beside people and posts (tens of thousands of rows for a province), so
their rows are kept in memory between the passes and written through the ORM in batches,
each change audited by AuditWriter.add.

Pass 1 of these files runs after people and positions were checked: a row may refer to a
person of the people file (their official date, their unit) and to the posts of the
positions file, or to stored ones. `PersonFacts` gathers what the rows need about the
people they name, from the dataset (the spools of pass 1) over the stored records.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from dangbo.core.audit import snapshot
from dangbo.core.errors import Problem
from dangbo.interchange.auditlog import AuditWriter
from dangbo.interchange.bulk import BATCH_SIZE
from dangbo.interchange.context import ImportContext, UnitState
from dangbo.interchange.rows import Row
from dangbo.interchange.specs import FileSpec
from dangbo.org.validation import check_within
from dangbo.people.models import Person, Position


@dataclass
class PersonState:
    """A person as the import will leave them."""

    code: str
    official: date | None
    unit_code: str
    posts: dict = field(default_factory=dict)  # (unit_code, role, start) → end

    def held_post_on(self, day: date) -> bool:
        return any(
            start <= day and (end is None or end >= day)
            for (_unit, _role, start), end in self.posts.items()
        )


class PersonFacts:
    """The people named by rows of these files: from the dataset over what is stored."""

    def __init__(self, ctx: ImportContext, spools: dict, codes: set[str]):
        self.ctx = ctx
        self.people: dict[str, PersonState] = {}
        # The rows accepted so far, by file (a progress note names a help of the same dataset).
        self.accepted: dict[str, list] = {}
        codes = set(codes)
        if not codes:
            return
        for chunk in _chunks(codes):
            for code, official, unit_code in Person.objects.filter(code__in=chunk).values_list(
                "code", "party_official_date", "unit__code"
            ):
                self.people[code] = PersonState(code, official, unit_code or "")
            for code, unit_code, role, start, end in Position.objects.filter(
                person__code__in=chunk
            ).values_list("person__code", "unit__code", "role", "start_date", "end_date"):
                self.people[code].posts[(unit_code, role, start)] = end
        if "people" in spools:
            for row in spools["people"].scan():
                code = row[1]
                if code in codes and code in ctx.person_codes:
                    posts = self.people[code].posts if code in self.people else {}
                    official = date.fromisoformat(row[8]) if row[8] else None
                    self.people[code] = PersonState(code, official, row[9] or "", posts)
        if "positions" in spools:
            rejected = ctx.rejected_rows("positions")
            for number, code, unit_code, role, start, _title, end in spools["positions"].scan():
                if code in self.people and number not in rejected:
                    key = (unit_code, role, date.fromisoformat(start))
                    self.people[code].posts[key] = date.fromisoformat(end) if end else None

    def reference(self, code: str) -> tuple[PersonState | None, str | None]:
        """The person a row refers to, or the reason it cannot be used (None: reported)."""
        if code in self.ctx.rejected_people:
            if self.ctx.partial:
                return None, _(
                    "The person %(code)s was rejected (see their row), so this row is too."
                ) % {"code": code}
            return None, None
        person = self.people.get(code)
        if person is None:
            return None, _(
                "Unknown person code %(code)s: it is neither in the people file nor stored."
            ) % {"code": code}
        return person, None


def _chunks(values: Iterable, size: int = BATCH_SIZE):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


@dataclass
class Pending:
    """A row accepted by pass 1: its natural key, parsed values and the unit it belongs to."""

    number: int
    key: tuple
    values: dict
    unit_code: str  # the unit that places the record in the tree (scope)


class RowChecks:
    """Pass 1 of one file: reports problems on the file's rows, keeps the accepted ones."""

    def __init__(self, spec: FileSpec, ctx: ImportContext, facts: PersonFacts | None = None):
        self.spec = spec
        self.ctx = ctx
        self.facts = facts
        self.first_row: dict[tuple, int] = {}
        self.accepted: list[Pending] = []

    def error(self, row: Row, column: str, value, message: str) -> None:
        self.ctx.error(self.spec.name, row.number, column, value, message)

    def duplicate(self, row: Row, key: tuple, column: str, what: str) -> bool:
        """True (and reported) when the key was on an earlier row of the file."""
        if key in self.first_row:
            self.error(
                row,
                column,
                row.raw.get(column, ""),
                _("%(what)s was already on row %(row)d.")
                % {"what": what, "row": self.first_row[key]},
            )
            return True
        self.first_row[key] = row.number
        return False

    def new_rows(self, rows, column: str, what) -> Iterator[tuple[Row, tuple]]:
        """(row, natural key) of the file's good rows, each key once: a key already on an
        earlier row is reported on `column`, as `what` (a text, or one made from the row's
        values)."""
        natural_key = self.spec.natural_key
        for row in rows:
            if not row.ok:
                continue
            key = tuple(row.values[k] for k in natural_key)
            if key in self.first_row:
                self.duplicate(row, key, column, what(row.values) if callable(what) else what)
                continue
            self.first_row[key] = row.number
            yield row, key

    def unit(self, row: Row, column: str) -> UnitState | None:
        code = row.values[column]
        unit, reason = self.ctx.unit_reference(code)
        if reason:
            self.error(row, column, code, reason)
        return unit

    def person(self, row: Row, column: str) -> PersonState | None:
        code = row.values[column]
        person, reason = self.facts.reference(code)
        if reason:
            self.error(row, column, code, reason)
        return person

    def person_unit(self, row: Row, column: str, person: PersonState) -> UnitState | None:
        """The unit of a person, which places a record about them in the tree."""
        if not person.unit_code:
            self.error(
                row,
                column,
                person.code,
                _(
                    "The person %(code)s has no unit (unit_code in the people file), so this "
                    "record cannot be placed in the tree."
                )
                % {"code": person.code},
            )
            return None
        unit, reason = self.ctx.unit_reference(person.unit_code)
        if reason:
            self.error(row, column, person.code, reason)
        return unit

    def subject(self, row: Row) -> tuple[PersonState | None, UnitState | None]:
        """The subject a row of a file about persons and units (discipline, ratings) names
        in subject_kind and subject_code, and the unit that places it: the subject unit, or
        the person's unit. None for what could not be used (reported)."""
        if row.values["subject_kind"] != PERSON:
            return None, self.unit(row, "subject_code")
        person = self.person(row, "subject_code")
        return person, person and self.person_unit(row, "subject_code", person)

    def problems(self, row: Row, problems: list[Problem]) -> bool:
        return self.ctx.problems(self.spec.name, row, problems, self.spec)

    def in_scope(self, row: Row, column: str, unit: UnitState | None) -> bool:
        if self.ctx.guard_for(self.spec.name).allows(unit.path if unit else None):
            return True
        self.error(
            row, column, row.raw.get(column, ""), self.ctx.guard_for(self.spec.name).message()
        )
        return False

    def accept(self, row: Row, key: tuple, unit_code: str) -> None:
        self.accepted.append(Pending(row.number, key, row.values, unit_code))

    def accept_in(self, row: Row, key: tuple, column: str, unit, problems=()) -> None:
        """Accept the row, placed in `unit` (None: in none), unless its last checks found
        `problems` or the unit is outside the user's subtree (reported on `column`)."""
        if problems and self.problems(row, list(problems)):
            return
        if self.in_scope(row, column, unit):
            self.accept(row, key, unit.code if unit else "")

    def finish(self, module: "Module") -> list[Pending]:
        """The accepted rows, once the stored records they update are checked too."""
        check_stored_scope(self.ctx, module, self)
        return self.accepted


# The subject_kind of a row about a person (discipline.SubjectKind, ratings.SubjectKind).
PERSON = "person"


def subject_people(rows) -> set[str]:
    """`person_codes` of a file about persons and units: the persons its good rows name."""
    return {
        row.values["subject_code"]
        for row in rows
        if row.ok and row.values["subject_kind"] == PERSON
    }


def the_code(values: dict) -> str:
    """What a repeated code is called in the report (`RowChecks.new_rows`)."""
    return _("The code %s") % values["code"]


def given(values: dict, *keys: str) -> dict:
    """The added columns (specs.Column.added) among `keys` that the file has: a column left
    out is not written, so what the screens entered stays."""
    return {key: values[key] for key in keys if key in values}


def outside_life(values: dict, *units: tuple[UnitState, str]) -> list[Problem]:
    """A record from `start_date` to `end_date` lies within the life of each unit, given
    as (unit, the column that names it)."""
    problems = []
    for unit, column in units:
        problems += check_within(
            values["start_date"],
            values["end_date"],
            unit.valid_from,
            unit.valid_to,
            what=_("The unit %(unit)s") % {"unit": unit.name},
            field=column,
        )
    return problems


def not_within(unit: UnitState, day: date, column: str) -> list[Problem]:
    """A record that begins on `day` needs its unit to exist on that day."""
    if (unit.valid_from and day < unit.valid_from) or (unit.valid_to and day > unit.valid_to):
        return [
            Problem(
                column,
                _("The unit %(unit)s does not exist on %(day)s.")
                % {"unit": unit.name or unit.code, "day": day.isoformat()},
                unit.code,
            )
        ]
    return []


@dataclass
class Module:
    """How the shared writer handles one file: its model, stored lookup and fields.

    A record's audit label is `str(record)`, as the screens write it (names and choices in
    words, `dangbo.core.audit.record`); `label_related` are the relations its `__str__` reads,
    fetched once per batch instead of once per record.
    """

    spec: FileSpec
    model: type
    # The stored records whose natural keys may be among `keys`, with what key_of needs.
    stored: Callable[[list[tuple]], Iterable]
    key_of: Callable  # stored record → natural key as the file writes it
    fields: Callable  # (Pending, Refs) → {attname: value}
    unit_path_of: Callable  # stored record → path of the unit that places it (scope)
    label_related: tuple[str, ...] = ()

    def write(self, ctx: ImportContext, audit: AuditWriter, accepted, refs: "Refs") -> None:
        write(ctx, audit, self, accepted, refs)


def by_code(model: type, *related: str) -> Callable[[list[tuple]], Iterable]:
    """`Module.stored` for a file whose natural key is its code."""

    def stored(keys):
        return model.objects.select_related(*related).filter(code__in=[k[0] for k in keys])

    return stored


def code_of(record) -> tuple:
    """`Module.key_of` for a file whose natural key is its code."""
    return (record.code,)


def fields(*copied: str, units=(), people=(), added=()) -> Callable:
    """`Module.fields` for a row written as it is: the columns `copied` under their own
    names, `units` and `people` as (attname, column) pairs whose codes become ids, and the
    added columns (`given`) the file has."""

    def of(pending: Pending, refs: "Refs") -> dict:
        v = pending.values
        values = {key: v[key] for key in copied}
        values.update({attname: refs.unit(v[column]) for attname, column in units})
        values.update({attname: refs.person(v[column]) for attname, column in people})
        values.update(given(v, *added))
        return values

    return of


def exported(order_by: tuple[str, ...], columns: tuple[str, ...]) -> Callable:
    """`export_rows` for a file whose columns are fields (or lookups) of its records."""

    def export_rows(records):
        yield from records.order_by(*order_by).values_list(*columns)

    return export_rows


def check_stored_scope(ctx: ImportContext, module: Module, checks: RowChecks) -> None:
    """An update by a restricted user needs the stored record in their subtree too."""
    if not ctx.restricted:
        return
    by_key = {p.key: p for p in checks.accepted}
    for record in module.stored(list(by_key)):
        pending = by_key.get(module.key_of(record))
        if pending and not ctx.guard_for(module.spec.name).allows(module.unit_path_of(record)):
            column = module.spec.natural_key[-1]
            ctx.error(
                module.spec.name,
                pending.number,
                column,
                pending.values.get(column, ""),
                ctx.guard_for(module.spec.name).message(),
            )


class Refs:
    """Ids of the codes rows refer to, once units and people are written."""

    def __init__(self, ctx: ImportContext):
        self.ctx = ctx
        self._people: dict[str, int] = {}
        self.plans: dict[str, int] = {}
        self.assistance: dict[tuple, int] = {}  # (unit, helper, start) → id

    def unit(self, code: str) -> int | None:
        return self.ctx.units[code].id if code else None

    def person(self, code: str) -> int:
        if code not in self._people:
            self._people[code] = Person.objects.values_list("id", flat=True).get(code=code)
        return self._people[code]

    def load_people(self, codes: set[str]) -> None:
        codes = codes - set(self._people)
        for chunk in _chunks(codes):
            self._people.update(Person.objects.filter(code__in=chunk).values_list("code", "id"))


def write(ctx: ImportContext, audit: AuditWriter, module: Module, accepted, refs: Refs) -> None:
    """Pass 2: create or update each accepted row (none rejected since), audited."""
    name = module.spec.name
    counts = ctx.report.file_counts(name)
    if ctx.file_rejected(name):
        return
    rejected = ctx.rejected_rows(name)
    rows = [p for p in accepted if p.number not in rejected]
    for batch in _chunks(rows, 1000):
        stored = {module.key_of(r): r for r in module.stored([p.key for p in batch])}
        created, updated, changed = [], [], set()
        for pending in batch:
            values = module.fields(pending, refs)
            record = stored.get(pending.key)
            if record is None:
                created.append((module.model(**values), pending))
                continue
            before = snapshot(record)
            for attname, value in values.items():
                setattr(record, attname, value)
            after = snapshot(record)
            if after == before:
                counts.unchanged += 1
                continue
            changed.update(k for k in after if after[k] != before[k])
            updated.append((record, before, after))
            counts.updated += 1
        if updated:
            prefetch_related_objects([r for r, _b, _a in updated], *module.label_related)
            for record, before, after in updated:
                audit.add(module.model, record.pk, str(record), before, after)
        if created:
            module.model.objects.bulk_create([record for record, _pending in created])
            prefetch_related_objects([r for r, _p in created], *module.label_related)
            for record, _pending in created:
                audit.add(module.model, record.pk, str(record), None, snapshot(record))
            counts.created += len(created)
        if updated:
            fields = [f.name for f in module.model._meta.concrete_fields if f.attname in changed]
            module.model.objects.bulk_update([r for r, _b, _a in updated], fields)
