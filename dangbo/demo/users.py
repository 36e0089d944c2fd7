"""Demo logins, one per role, each with the grants that role holds in Tân Kỳ.

The district's logins keep their grants on the district units dissolved on 1 July 2025: they
read the district's history. `btc.tinhuy` and `bithu.tanky` show the structure after the
reform: the province's Organization Board, and the secretary of the new commune Tân Kỳ.
"""

from dataclasses import dataclass

from django.db import transaction

from dangbo.accounts.models import Grant, User, UserRole
from dangbo.accounts.portal import sync_portal_access
from dangbo.org import scope
from dangbo.org.models import Unit
from dangbo.people.models import Person

# Printed on the console and written in the README: this is a demo, never a deployment.
DEMO_PASSWORD = "dangbo-demo-2026"


@dataclass(frozen=True)
class DemoLogin:
    username: str
    grants: tuple[tuple[str, str], ...]  # (role, unit code); none for the operator
    description: str
    person: str | None = None  # the person code this login is (a committee member)


DEMO_LOGINS = [
    DemoLogin("admin", (), "Quản trị hệ thống (superuser)"),
    DemoLogin("btc.huyen", ((UserRole.ORGANIZATION_OFFICE, "HU-TK"),), "Ban Tổ chức Huyện ủy"),
    DemoLogin(
        "btv.huyen",
        ((UserRole.STANDING_COMMITTEE, "HU-TK"), (UserRole.COMMITTEE_MEMBER, "HU-TK")),
        "Ban Thường vụ Huyện ủy (cũng là cấp ủy viên)",
        person="P0025",  # Võ Hữu Việt: Tân Hương 2016–2020, one report late, one missing
    ),
    DemoLogin(
        "cuv.huyen",
        ((UserRole.COMMITTEE_MEMBER, "HU-TK"),),
        "Cấp ủy viên huyện",
        person="P0034",  # Ngô Văn Định: Giai Xuân 2016–2020, one report late, one missing
    ),
    DemoLogin("ubkt.huyen", ((UserRole.INSPECTION, "HU-TK"),), "Ủy ban Kiểm tra Huyện ủy"),
    DemoLogin("bdv.huyen", ((UserRole.HELPER_BODY, "BDV-HU"),), "Ban Dân vận (cơ quan giúp đỡ)"),
    DemoLogin(
        "bithu.dongvan",
        ((UserRole.GRASSROOTS_SECRETARY, "X-DONGVAN"),),
        "Bí thư Đảng ủy xã Đồng Văn",
    ),
    DemoLogin(
        "btc.tinh", ((UserRole.EDITOR, "BTC-TU"),), "Biên tập viên trang Ban Tổ chức Tỉnh ủy"
    ),
    DemoLogin(
        "btc.tinhuy",
        ((UserRole.ORGANIZATION_OFFICE, "TU-NA"),),
        "Ban Tổ chức Tỉnh ủy: toàn tỉnh Nghệ An, cả lịch sử huyện Tân Kỳ",
    ),
    DemoLogin(
        "bithu.tanky",
        ((UserRole.GRASSROOTS_SECRETARY, "X25-TANKY"),),
        "Bí thư Đảng ủy xã Tân Kỳ (mới, từ 01/7/2025): cả lịch sử 4 đơn vị hợp nhất",
    ),
    DemoLogin(
        "lanhdao.btc",
        ((UserRole.PORTAL_APPROVER, "BTC-TU"),),
        "Lãnh đạo Ban Tổ chức Tỉnh ủy (duyệt tin)",
    ),
    DemoLogin(
        "bientap.tanky",
        ((UserRole.EDITOR, "X25-TANKY"),),
        "Biên tập viên trang Đảng bộ xã Tân Kỳ",
    ),
]


@transaction.atomic
def ensure_demo_users() -> list[DemoLogin]:
    """Create the demo logins, or reset them to their demo grants and password."""
    for login in DEMO_LOGINS:
        user, _ = User.objects.get_or_create(username=login.username)
        user.is_superuser = user.is_staff = not login.grants
        user.set_password(DEMO_PASSWORD)
        user.person = Person.objects.get(code=login.person) if login.person else None
        user.save()
        wanted = {(role, Unit.objects.get(code=code).pk) for role, code in login.grants}
        held = {(g.role, g.unit_id): g for g in user.grants.all()}
        for key, grant in held.items():
            if key not in wanted:
                grant.delete()
        for role, unit_id in wanted - held.keys():
            Grant.objects.create(user=user, role=role, unit_id=unit_id)
        scope.forget(user)
        sync_portal_access(user)
    return DEMO_LOGINS
