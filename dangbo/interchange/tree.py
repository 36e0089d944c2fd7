"""Cross-file checks of the unit tree, run once units and events are read.

Parents must exist, never loop, and live at least as long as their children; every unit
written gets its materialized path; a restricted user may only touch their subtree.

A path holds ids (org.models.build_path). A unit new in this import has no id until it is
written (pass 2, units.write): until then its path is provisional (provisional_path), in
the right subtree for the scope checks of pass 1, and units.write gives it its own.
"""

from django.utils.translation import gettext as _

from dangbo.interchange.context import ImportContext, UnitState
from dangbo.org import validation
from dangbo.org.models import build_path, provisional_path

FILE = "units"


def check(ctx: ImportContext) -> None:
    _check_parent_references(ctx)
    _compute_paths(ctx)
    _check_parent_lives(ctx)
    _check_scope(ctx)
    if ctx.partial:
        _reject_children_of_rejected(ctx)


def _reject(ctx: ImportContext, unit: UnitState, column: str, value, message: str) -> None:
    ctx.error(FILE, unit.row, column, value, message)
    ctx.rejected_units.add(unit.code)


def _check_parent_references(ctx: ImportContext) -> None:
    for unit in list(ctx.units.values()):
        if not unit.row or not unit.parent_code or unit.code in ctx.rejected_units:
            continue
        parent, reason = ctx.unit_reference(unit.parent_code)
        if reason:
            _reject(ctx, unit, "parent_code", unit.parent_code, reason)


def _compute_paths(ctx: ImportContext) -> None:
    units = ctx.units
    paths: dict[str, str | None] = {}
    for start in units:
        chain: list[str] = []
        on_chain: set[str] = set()
        code = start
        while code not in paths:
            unit = units.get(code)
            if unit is None or code in ctx.rejected_units:
                paths[code] = None
                break
            if code in on_chain:
                _report_cycle(ctx, chain[chain.index(code) :])
                for looped in chain[chain.index(code) :]:
                    paths[looped] = None
                break
            on_chain.add(code)
            chain.append(code)
            if not unit.parent_code:
                break
            code = unit.parent_code
        for code in reversed(chain):
            if code in paths:
                continue
            parent_code = units[code].parent_code
            parent_path = paths.get(parent_code) if parent_code else ""
            if parent_path is None:
                paths[code] = None
            elif units[code].id is None:
                paths[code] = provisional_path(parent_path, code)
            else:
                paths[code] = build_path(parent_path, units[code].id)
    for code, unit in units.items():
        path = paths.get(code)
        if path is None and not unit.in_import:
            path = unit.stored_path  # under a rejected row: it stays where it is stored
        unit.path = path


def _report_cycle(ctx: ImportContext, codes: list[str]) -> None:
    loop = " → ".join([*codes, codes[0]])
    for code in codes:
        unit = ctx.units[code]
        if unit.row:
            _reject(
                ctx,
                unit,
                "parent_code",
                unit.parent_code,
                _("The parent units form a loop: %(loop)s.") % {"loop": loop},
            )
        ctx.rejected_units.add(code)


def _check_parent_lives(ctx: ImportContext) -> None:
    for unit in ctx.units.values():
        parent = ctx.units.get(unit.parent_code) if unit.parent_code else None
        if unit.path is None or parent is None or unit.code in ctx.rejected_units:
            continue
        if not (unit.in_import or parent.in_import):
            continue
        problems = validation.check_within(
            unit.valid_from,
            unit.valid_to,
            parent.valid_from,
            parent.valid_to,
            what=_("The parent unit %(unit)s") % {"unit": f"{parent.name} ({parent.code})"},
            field="parent_code",
        )
        if not problems:
            continue
        if unit.row:
            for problem in problems:
                _reject(ctx, unit, problem.field, problem.value, problem.message)
        else:
            _reject(
                ctx,
                parent if parent.row else unit,
                "valid_to",
                parent.valid_to.isoformat() if parent.valid_to else "",
                _("The sub-unit %(unit)s lives outside these dates; end or move it too.")
                % {"unit": f"{unit.name} ({unit.code})"},
            )


def _check_scope(ctx: ImportContext) -> None:
    for unit in ctx.units.values():
        if not unit.in_import or unit.code in ctx.rejected_units or unit.path is None:
            continue
        if not ctx.guard_for("units").allows(unit.path) or (
            unit.stored_path is not None and not ctx.guard_for("units").allows(unit.stored_path)
        ):
            _reject(ctx, unit, "code", unit.code, ctx.guard_for("units").message())


def _reject_children_of_rejected(ctx: ImportContext) -> None:
    changed = True
    while changed:
        changed = False
        for unit in ctx.units.values():
            if (
                unit.row
                and unit.code not in ctx.rejected_units
                and unit.parent_code in ctx.rejected_units
            ):
                _, reason = ctx.unit_reference(unit.parent_code)
                _reject(ctx, unit, "parent_code", unit.parent_code, reason)
                changed = True
