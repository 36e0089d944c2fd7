"""Checks on unit records shared by the screens, the services and the importer.

Each check takes plain values and returns Problems (empty when fine), so the importer can
run it on millions of rows without building model instances.
"""

import re
from collections.abc import Callable
from datetime import date

from django.utils.translation import gettext as _

from dangbo.core.dates import vn_date_or_dash
from dangbo.core.errors import Problem
from dangbo.org.models import UnitKind

# Every code (units, people, rotations, plans, discipline cases, ...): ASCII letters, digits
# and "-", "_", "."; 1 to 64 characters. No "/" (a path separator), no spaces, no control
# or bidirectional characters, no letters with diacritics (they look alike in other
# encodings). docs/interchange.md and docs/user-guide.md say the same; the importer's fast
# path (interchange/parsers.py code_text) must agree (property test).
CODE_MAX_LENGTH = 64
CODE_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."
CODE_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}\Z")


def code_message() -> str:
    return _(
        "A code holds only letters without diacritics (A-Z, a-z), digits and the signs - _ . "
        "(no spaces, no /); at most 64 characters."
    )


def check_code(code: str, field: str = "code") -> list[Problem]:
    if not code:
        return [Problem(field, _("A code is required."), code)]
    if not CODE_RE.match(code):
        return [Problem(field, code_message(), code)]
    return []


def check_kind(kind: str, field: str = "kind") -> list[Problem]:
    if kind not in UnitKind.values:
        return [
            Problem(
                field,
                _("Unknown unit kind; use one of: %(kinds)s.")
                % {"kinds": ", ".join(UnitKind.values)},
                kind,
            )
        ]
    return []


def check_period(start: date | None, end: date | None, end_field: str) -> list[Problem]:
    if start and end and end < start:
        return [
            Problem(
                end_field,
                _("The end date %(end)s is before the start date %(start)s.")
                % {"end": vn_date_or_dash(end), "start": vn_date_or_dash(start)},
                end.isoformat(),
            )
        ]
    return []


def check_within(
    start: date | None,
    end: date | None,
    outer_from: date | None,
    outer_to: date | None,
    *,
    what: str | Callable[[], str],
    field: str,
) -> list[Problem]:
    """The period start–end must lie within outer_from–outer_to (`what` names the outer).

    `what` may be a function giving the name, for callers that check millions of rows and
    should not translate a name for each (the importer).
    """
    problems = []
    if outer_from and (start is None or start < outer_from):
        problems.append(
            Problem(
                field,
                _("%(what)s only exists from %(day)s.")
                % {"what": _name(what), "day": vn_date_or_dash(outer_from)},
                start.isoformat() if start else "",
            )
        )
    if outer_to and (end is None or end > outer_to):
        problems.append(
            Problem(
                field,
                _("%(what)s ended on %(day)s; this must end by then.")
                % {"what": _name(what), "day": vn_date_or_dash(outer_to)},
                end.isoformat() if end else "",
            )
        )
    return problems


def _name(what: str | Callable[[], str]) -> str:
    return what() if callable(what) else what
