"""The kept list of rating groups: the groups a fresh installation starts with.

The codes are those the Tân Kỳ dataset uses (INTERCHANGE.md's `group` column) and the
usual groups of subjects with similar duties (RULES §5, 124-QĐ/TW); the office that keeps
ratings adds, renames and closes groups in the back office.
"""

SEED = (
    ("dang_bo_xa", "Đảng bộ xã, thị trấn"),
    ("chi_bo", "Chi bộ trực thuộc"),
    ("can_bo_xa", "Cán bộ chủ chốt cấp xã"),
    ("can_bo_huyen", "Cán bộ diện Ban Thường vụ Huyện ủy quản lý"),
    ("dang_vien", "Đảng viên"),
)


def ensure_seeded(group_model) -> None:
    """Create the seed groups that are missing (a renamed or closed one is left as kept)."""
    for code, name in SEED:
        group_model.objects.get_or_create(code=code, defaults={"name": name})


def seed_after_migrate(sender, **kwargs) -> None:
    """After `migrate` (and after a test database is flushed): the kept list is never empty."""
    from dangbo.ratings.models import RatingGroup

    ensure_seeded(RatingGroup)
