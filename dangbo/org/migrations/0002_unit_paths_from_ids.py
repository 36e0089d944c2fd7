"""Scope paths from ids, not codes (issue 7, item 4): recompute every stored path.

"/TU-NA/HU-TK/X-DV/" becomes "/1/17/203/": a code containing "/" (X-DONGVAN/LEAK under
HU-TK) no longer lands inside another unit's subtree, and no two units share a path.
"""

from django.db import migrations

SEP = "/"


def _paths(Unit, segment):
    """Every unit's path, its ancestors' segments first; `segment` maps (id, code) → text."""
    rows = {
        pk: (parent_id, code)
        for pk, parent_id, code in Unit.objects.values_list("id", "parent_id", "code")
    }
    paths = {}
    for start in rows:
        chain = []
        pk = start
        while pk is not None and pk not in paths and pk not in chain:
            chain.append(pk)
            pk = rows[pk][0]
        above = paths.get(pk, SEP) if pk is not None else SEP
        for pk in reversed(chain):
            above = paths[pk] = f"{above}{segment(pk, rows[pk][1])}{SEP}"
    return paths


def _write(Unit, paths):
    changed = [Unit(pk=pk, path=path) for pk, path in paths.items()]
    Unit.objects.bulk_update(changed, ["path"], batch_size=1000)


def paths_from_ids(apps, schema_editor):
    Unit = apps.get_model("org", "Unit")
    _write(Unit, _paths(Unit, lambda pk, code: str(pk)))


def paths_from_codes(apps, schema_editor):
    Unit = apps.get_model("org", "Unit")
    _write(Unit, _paths(Unit, lambda pk, code: code))


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [migrations.RunPython(paths_from_ids, paths_from_codes, elidable=False)]
