"""What a preview shows before the user confirms: the rows to be added or changed, in words.

The dry run writes and rolls back (services.py), so the writers see exactly what the import
would do. Every change passes through the AuditWriter (auditlog.py), which hands it to a
Preview: it keeps only the first PREVIEW_ROWS changes of each file (constant memory, a
million-row file included) and the counts of the file tell how many more there are. Just
before the rollback, `describe` turns the kept changes into words (field labels, choice
labels, names of the units and people referred to, dates dd/mm/yyyy, decimals with a comma)
while the records they name (a unit the same file adds) can still be read.
"""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dangbo.core import audit
from dangbo.core.dates import vn_date

# Rows shown per file; the rest are counted ("and 1,234 more").
PREVIEW_ROWS = 50

ADDED = "added"
CHANGED = "changed"


class Preview:
    def __init__(self, limit: int | None = None):
        self.limit = PREVIEW_ROWS if limit is None else limit
        self.kept: dict[type, list[tuple]] = {}  # model → [(action, pk, label, before, after)]
        self.created_ids: dict[type, list[int]] = {}  # bulk creations: values read back

    def _room(self, model) -> int:
        return self.limit - len(self.kept.get(model, ())) - len(self.created_ids.get(model, ()))

    def changed(self, model, pk, label: str, before: dict | None, after: dict) -> None:
        if self._room(model) > 0:
            action = CHANGED if before else ADDED
            self.kept.setdefault(model, []).append((action, pk, label, before, after))

    def created(self, model, ids: list[int]) -> None:
        room = self._room(model)
        if room > 0:
            self.created_ids.setdefault(model, []).extend(ids[:room])

    def describe(self, files: dict[type, str]) -> list[dict]:
        """The kept changes in words, per file (`files`: model → file name), in the order of
        `files`: [{"file", "title", "rows": [{"action", "label", "changes": [{"field",
        "before", "after"}]}]}]."""
        names = _Names()
        described = []
        for model, file in files.items():
            rows = []
            for action, _pk, label, before, after in self.kept.get(model, ()):
                rows.append(_row(model, action, label, before, after, names))
            ids = self.created_ids.get(model, ())
            for instance in model._default_manager.filter(pk__in=ids).order_by("pk"):
                after = audit.snapshot(instance)
                rows.append(_row(model, ADDED, str(instance), None, after, names))
            if rows:
                described.append(
                    {
                        "file": file,
                        "title": capfirst(str(model._meta.verbose_name_plural)),
                        "rows": rows,
                    }
                )
        return described


def _row(model, action, label, before, after, names) -> dict:
    changes = []
    for attname, (old, new) in audit.diff(before or {}, after).items():
        if _blank(old) and _blank(new):
            continue
        field = _field(model, attname)
        changes.append(
            {
                "field": capfirst(str(field.verbose_name)) if field is not None else attname,
                "before": "" if before is None else names.show(field, old),
                "after": names.show(field, new),
            }
        )
    return {"action": action, "label": label, "changes": changes}


def _field(model, attname):
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field
    return None


def _blank(value) -> bool:
    return value is None or value == "" or value == []


class _Names:
    """Values in words; a record referred to by id is read once (its name, code beside)."""

    def __init__(self):
        self.cache: dict[tuple, str] = {}

    def show(self, field, value) -> str:
        if _blank(value):
            return "—"
        if field is not None and field.many_to_one:
            key = (field.related_model, value)
            if key not in self.cache:
                related = field.related_model._default_manager.filter(pk=value).first()
                self.cache[key] = str(related) if related is not None else f"#{value}"
            return self.cache[key]
        if field is not None and field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.BooleanField):
            return _("Yes") if value else _("No")
        if isinstance(field, models.DateField) and isinstance(value, str | datetime.date):
            try:
                return vn_date(value)
            except ValueError:
                return str(value)
        if isinstance(field, models.DecimalField | models.FloatField) or isinstance(
            value, Decimal | float
        ):
            return str(value).replace(".", ",")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) or "—"
        return str(value)
