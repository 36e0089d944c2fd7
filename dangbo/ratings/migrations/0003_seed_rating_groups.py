"""Seed the kept list of rating groups: the codes the ratings already use, with a name each
(a code in use that is not in the seed list keeps its code as its name until renamed)."""

from django.db import migrations

SEED = (
    ("dang_bo_xa", "Đảng bộ xã, thị trấn"),
    ("chi_bo", "Chi bộ trực thuộc"),
    ("can_bo_xa", "Cán bộ chủ chốt cấp xã"),
    ("can_bo_huyen", "Cán bộ diện Ban Thường vụ Huyện ủy quản lý"),
    ("dang_vien", "Đảng viên"),
)


def seed(apps, schema_editor):
    RatingGroup = apps.get_model("ratings", "RatingGroup")
    Rating = apps.get_model("ratings", "Rating")
    names = dict(SEED)
    in_use = set(Rating.objects.values_list("group", flat=True).distinct())
    for code in [c for c, _n in SEED] + sorted(in_use - set(names)):
        RatingGroup.objects.get_or_create(code=code[:64], defaults={"name": names.get(code, code)})


class Migration(migrations.Migration):
    dependencies = [("ratings", "0002_rating_groups_and_round_stages")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
