"""The records review rows name by code: their names for the tables, the records for links."""

from dangbo.discipline.models import DisciplineCase
from dangbo.org.models import Unit
from dangbo.people.models import Person
from dangbo.reviews.labels import labeller
from dangbo.reviews.registry import Column
from dangbo.rotation.models import Rotation

# kind -> (model, the field the row's code matches, the field holding the name or None)
RECORDS = {
    "person": (Person, "code", "full_name"),
    "unit": (Unit, "code", "name"),
    "case": (DisciplineCase, "code", None),
    "rotation": (Rotation, "code", None),
}


def names(kind: str, codes) -> dict[str, str]:
    """code -> name of the `kind` records with these codes (names only, no instances)."""
    model, code_field, name_field = RECORDS[kind]
    codes = {c for c in codes if c}
    if name_field is None or not codes:
        return {}
    rows = model.objects.filter(**{f"{code_field}__in": codes})
    return dict(rows.values_list(code_field, name_field))


def records(kind: str, codes) -> dict[str, object]:
    """code -> the `kind` record with that code, for links."""
    model, code_field, _ = RECORDS[kind]
    codes = {c for c in codes if c}
    if not codes:
        return {}
    return model.objects.in_bulk(codes, field_name=code_field)


def subject_names(rows, kind_key="subject_kind", code_key="subject_code") -> dict:
    """(kind, code) -> name for rows whose subject is a person or a unit."""
    found = {}
    for kind in ("person", "unit"):
        codes = [r[code_key] for r in rows if r.get(kind_key) == kind]
        found.update({(kind, c): n for c, n in names(kind, codes).items()})
    return found


def record_column(heading, rows, kind: str, key: str, name_key: str | None = None) -> Column:
    """A column naming a person or a unit: its name (from the row's `name_key` if it has
    one, else read once for all rows), its code beside, linked on the screens."""
    if name_key:
        found = {r[key]: r[name_key] for r in rows if r.get(name_key)}
    else:
        found = names(kind, (r.get(key) for r in rows))
    return Column(
        heading,
        lambda r: found.get(r.get(key)) or r.get(key) or "",
        code=lambda r: r.get(key),
        record=lambda r: kind,
    )


def label_column(heading, kind: str, key: str) -> Column:
    """A column showing the label of the row's `key` among the `kind` labels (labels.py),
    put into words once for all the rows."""
    words = labeller(kind)
    return Column(heading, lambda r: words(r[key]))


def code_column(heading, kind: str, key: str) -> Column:
    """A column showing a record's code alone (a case, a rotation), linked on the screens."""
    return Column(heading, lambda r: r.get(key) or "", record=lambda r: kind)


def subject_column(heading, rows) -> Column:
    """The subject of a row (subject_kind, subject_code): a person's or a unit's name."""
    found = subject_names(rows)

    def words(row):
        code = row.get("subject_code")
        return found.get((row.get("subject_kind"), code)) or code or ""

    return Column(
        heading,
        words,
        code=lambda r: r.get("subject_code"),
        record=lambda r: r.get("subject_kind") if r.get("subject_code") else None,
    )
