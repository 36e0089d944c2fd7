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
    # The name timelines and histories show (fictional, none a person of the demo); a login
    # linked to a person is named as that person is.
    full_name: str = ""


DEMO_LOGINS = [
    DemoLogin("admin", (), "Quản trị hệ thống (superuser)", full_name="Trần Minh Quân"),
    DemoLogin(
        "btc.huyen",
        ((UserRole.ORGANIZATION_OFFICE, "HU-TK"),),
        "Ban Tổ chức Huyện ủy",
        full_name="Nguyễn Thị Lan",
    ),
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
    DemoLogin(
        "ubkt.huyen",
        ((UserRole.INSPECTION, "HU-TK"),),
        "Ủy ban Kiểm tra Huyện ủy",
        full_name="Phan Văn Hùng",
    ),
    DemoLogin(
        "bdv.huyen",
        ((UserRole.HELPER_BODY, "BDV-HU"),),
        "Ban Dân vận (cơ quan giúp đỡ)",
        full_name="Đặng Thị Thu",
    ),
    DemoLogin(
        "bithu.dongvan",
        ((UserRole.GRASSROOTS_SECRETARY, "X-DONGVAN"),),
        "Bí thư Đảng ủy xã Đồng Văn",
        full_name="Hồ Văn Thắng",
    ),
    DemoLogin(
        "btc.tinh",
        ((UserRole.EDITOR, "BTC-TU"),),
        "Biên tập viên trang Ban Tổ chức Tỉnh ủy",
        full_name="Cao Thị Hằng",
    ),
    DemoLogin(
        "btc.tinhuy",
        ((UserRole.ORGANIZATION_OFFICE, "TU-NA"),),
        "Ban Tổ chức Tỉnh ủy: toàn tỉnh Nghệ An, cả lịch sử huyện Tân Kỳ",
        full_name="Bùi Quang Minh",
    ),
    DemoLogin(
        "bithu.tanky",
        ((UserRole.GRASSROOTS_SECRETARY, "X25-TANKY"),),
        "Bí thư Đảng ủy xã Tân Kỳ (mới, từ 01/7/2025): cả lịch sử 4 đơn vị hợp nhất",
        full_name="Lương Văn Tài",
    ),
    DemoLogin(
        "lanhdao.btc",
        ((UserRole.PORTAL_APPROVER, "BTC-TU"),),
        "Lãnh đạo Ban Tổ chức Tỉnh ủy (duyệt tin)",
        full_name="Trịnh Minh Tâm",
    ),
    DemoLogin(
        "bientap.tanky",
        ((UserRole.EDITOR, "X25-TANKY"),),
        "Biên tập viên trang Đảng bộ xã Tân Kỳ",
        full_name="Lưu Thu Hà",
    ),
]


# Wagtail names its root collection in English; the operator picks it as a parent and in a
# group's permissions (the root page is named by dangbo.demo.portal).
COLLECTION_NAMES = {"Root": "Gốc bộ sưu tập"}


def name_portal_pages() -> None:
    from wagtail.models import Collection, Page

    from dangbo.demo.portal import ROOT_TITLE, WAGTAIL_WELCOME

    Page.objects.filter(depth=1).exclude(title=ROOT_TITLE).update(
        title=ROOT_TITLE, draft_title=ROOT_TITLE
    )
    english, vietnamese = WAGTAIL_WELCOME  # until the demo's own home takes its place
    Page.objects.filter(title=english).update(title=vietnamese, draft_title=vietnamese)
    for english, vietnamese in COLLECTION_NAMES.items():
        Collection.objects.filter(depth=1, name=english).update(name=vietnamese)


def split_name(full_name: str) -> tuple[str, str]:
    """(họ — family and middle names, tên — given name): "Võ Hữu Việt" → ("Võ Hữu", "Việt").
    User.get_full_name puts them back in that order."""
    family, _space, given = full_name.strip().rpartition(" ")
    return family, given


@transaction.atomic
def ensure_demo_users() -> list[DemoLogin]:
    """Create the demo logins, or reset them to their demo grants and password."""
    name_portal_pages()
    for login in DEMO_LOGINS:
        user, _ = User.objects.get_or_create(username=login.username)
        user.is_superuser = user.is_staff = not login.grants
        user.set_password(DEMO_PASSWORD)
        user.person = Person.objects.get(code=login.person) if login.person else None
        user.last_name, user.first_name = split_name(
            user.person.full_name if user.person else login.full_name
        )
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
