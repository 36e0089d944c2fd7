"""What `dangbo backup` and `dangbo restore` print about a backup."""

from django.utils.translation import gettext as _

from dangbo.core.backup import KIND_NAMES, BackupInfo


def summary(info: BackupInfo) -> str:
    return _(
        "%(kind)s backup %(path)s (%(size).1f MB%(created)s): %(tables)d tables, %(rows)d rows."
    ) % {
        "kind": KIND_NAMES[info.kind],
        "path": info.path,
        "size": info.size / 1_000_000,
        "created": _(", made %(when)s") % {"when": f"{info.created:%Y-%m-%d %H:%M}"}
        if info.created
        else "",
        "tables": len(info.tables),
        "rows": info.rows,
    }


def table_lines(info: BackupInfo) -> list[str]:
    width = max((len(name) for name in info.tables), default=0)
    return [f"  {name:<{width}}  {rows:>10}" for name, rows in info.tables.items()]


def key_counts(info: BackupInfo) -> str:
    """The rows an operator recognizes: users, audit entries, units, people."""
    from wagtail.models import ModelLogEntry

    from dangbo.accounts.models import User
    from dangbo.org.models import Unit
    from dangbo.people.models import Person

    labels = (
        (User, _("users")),
        (ModelLogEntry, _("audit entries")),
        (Unit, _("units")),
        (Person, _("people")),
    )
    return ", ".join(
        f"{info.tables.get(model._meta.db_table, 0)} {label}" for model, label in labels
    )
