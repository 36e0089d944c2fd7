"""Demo logins, one per role, each attached to the unit where that role works in Tân Kỳ."""

from dataclasses import dataclass

from django.db import transaction

from dangbo.accounts.models import User, UserRole
from dangbo.org.models import Unit

# Printed on the console and written in the README: this is a demo, never a deployment.
DEMO_PASSWORD = "dangbo-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    unit_code: str | None
    description: str


DEMO_LOGINS = [
    DemoLogin("admin", "", None, "Quản trị hệ thống (superuser)"),
    DemoLogin("btc.huyen", UserRole.ORGANIZATION_OFFICE, "HU-TK", "Ban Tổ chức Huyện ủy"),
    DemoLogin("btv.huyen", UserRole.STANDING_COMMITTEE, "HU-TK", "Ban Thường vụ Huyện ủy"),
    DemoLogin("cuv.huyen", UserRole.COMMITTEE_MEMBER, "HU-TK", "Cấp ủy viên huyện"),
    DemoLogin("ubkt.huyen", UserRole.INSPECTION, "HU-TK", "Ủy ban Kiểm tra Huyện ủy"),
    DemoLogin("bdv.huyen", UserRole.HELPER_BODY, "BDV-HU", "Ban Dân vận (cơ quan giúp đỡ)"),
    DemoLogin(
        "bithu.dongvan", UserRole.GRASSROOTS_SECRETARY, "X-DONGVAN", "Bí thư Đảng ủy xã Đồng Văn"
    ),
    DemoLogin("btc.tinh", UserRole.EDITOR, "BTC-TU", "Biên tập viên trang Ban Tổ chức Tỉnh ủy"),
]


@transaction.atomic
def ensure_demo_users() -> list[DemoLogin]:
    """Create the demo logins, or reset them to their demo unit, role and password."""
    for login in DEMO_LOGINS:
        user, _ = User.objects.get_or_create(username=login.username)
        user.is_superuser = user.is_staff = login.unit_code is None
        user.role = login.role
        user.unit = Unit.objects.get(code=login.unit_code) if login.unit_code else None
        user.set_password(DEMO_PASSWORD)
        user.save()
    return DEMO_LOGINS
