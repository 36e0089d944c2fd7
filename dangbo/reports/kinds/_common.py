"""What the five kinds of issue 10 share: the area a document covers, words for posts and
units, and the lower-case subject line."""

from django.utils.translation import gettext as _

from dangbo.core.dates import vn_date
from dangbo.org import scope
from dangbo.org.models import UnitKind

# A committee (or a branch) issues for its own subtree; a board or an agency of a committee
# (Ban Tổ chức Huyện ủy) issues for the committee it serves.
ISSUING_FOR_ITSELF = (
    UnitKind.PROVINCE_COMMITTEE,
    UnitKind.DISTRICT_COMMITTEE,
    UnitKind.GRASSROOTS_COMMITTEE,
    UnitKind.BRANCH,
)


def area(unit):
    """The unit whose subtree a document issued by `unit` covers (None: the user's scope)."""
    while unit is not None and unit.kind not in ISSUING_FOR_ITSELF and unit.parent_id:
        unit = unit.parent
    return unit


def area_paths(covered) -> tuple[str, ...] | None:
    """The paths the `covered` unit's documents read: its subtree and the units merged or
    split into it (scope.subtree_and_history); None (every unit the user sees) for none."""
    return None if covered is None else scope.subtree_and_history(covered)


def within(unit_path: str | None, paths: tuple[str, ...] | None) -> bool:
    """Is a unit (by its path) in the area of `paths` (area_paths; any unit when None)?"""
    return paths is None or scope.path_within(unit_path, paths)


def in_area(queryset, unit_field: str, paths: tuple[str, ...] | None):
    """The records of `queryset` whose unit lies in the area of `paths` (area_paths)."""
    condition = scope.unit_condition(paths, unit_field)
    return queryset if condition is None else queryset.filter(condition)


def named(name: str | None, code: str | None) -> str:
    """A record in words, its code beside: "Nguyễn Văn An (P0037)"."""
    if not name:
        return code or ""
    return f"{name} ({code})" if code and code != name else name


def post(title: str | None, role_label: str, unit_name: str | None) -> str:
    """A post in words: its title (else its role) and its unit."""
    what = title or role_label
    if unit_name:
        return _("%(post)s, %(unit)s") % {"post": what, "unit": unit_name} if what else unit_name
    return what


def day(value) -> str:
    return vn_date(value) if value else ""


def lower_first(text: str) -> str:
    """A subject line starts lower case (DOCUMENTS.md): "kết quả rà soát …"."""
    return text[:1].lower() + text[1:] if text else text


def list_items(lines) -> tuple[str, ...]:
    """The `- …;` lines of a section, the last one ending with a full stop (the engine writes
    the dash)."""
    lines = list(lines)
    return tuple(f"{line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines))
