"""The back office's door: the button beside the review, the form, the register, downloads."""

from datetime import date

from django.urls import reverse

from dangbo.accounts.models import UserRole
from dangbo.reports.kinds import KINDS
from dangbo.reports.models import IssuedDocument
from dangbo.reports.services import document_issue
from tests.factories import UserFactory
from tests.reports.conftest import issue_data, open_docx

FORM = {
    "issued_on": "05/07/2019",
    "superior_body": "TỈNH UỶ NGHỆ AN",
    "issuing_body": "BAN TỔ CHỨC",
    "abbreviation": "BTCHU",
    "author": "Ban Tổ chức Huyện uỷ",
    "place": "Tân Kỳ",
    "signer_title": "TRƯỞNG BAN",
    "signer_name": "Nguyễn Văn Bình",
    "recipients": "Thường trực Huyện uỷ\nBan Tổ chức Tỉnh uỷ",
    "as_of": "30/06/2019",
    "include_deputies": "on",
}


def test_the_review_offers_the_document_and_the_form_issues_it(
    posts, tree, office_district, as_user
):
    client = as_user(office_district)
    review = client.get(reverse("reviews_tenure"), {"as_of": "2019-06-30"})
    assert "Tạo văn bản" in review.content.decode()
    form_url = reverse("reports_issue", args=["tenure"])
    shown = client.get(form_url, {"as_of": "2019-06-30"})
    assert shown.status_code == 200
    assert "HUYỆN ỦY TÂN KỲ" in shown.content.decode()  # prefilled from the unit's name
    answer = client.post(form_url, {**FORM, "unit": tree.district.pk})
    issued = IssuedDocument.objects.get()
    assert answer.status_code == 302
    page = client.get(answer["Location"])
    assert page.status_code == 200
    assert "Số 01-BC/BTCHU" in page.content.decode()
    download = client.get(reverse("reports_download", args=[issued.pk, "docx"]))
    assert download.content == bytes(issued.docx)
    left = open_docx(download.content).tables[0].rows[0].cells[0].text
    assert "Số 01-BC/BTCHU" in left
    # The form remembers: opened again, it says what this issue said.
    again = client.get(form_url).content.decode()
    assert "Nguyễn Văn Bình" in again and "BTCHU" in again


def test_bad_input_is_said_in_vietnamese_and_nothing_written(posts, tree, office_district, as_user):
    client = as_user(office_district)
    answer = client.post(
        reverse("reports_issue", args=["tenure"]),
        {**FORM, "unit": tree.district.pk, "abbreviation": "BTC/HU", "issued_on": "31/02/2019"},
    )
    assert answer.status_code == 400
    body = answer.content.decode()
    assert "Văn bản chưa được ban hành" in body
    assert not IssuedDocument.objects.exists()


def test_another_units_document_is_not_found(posts, tree, office_district, as_user):
    issued = document_issue(
        actor=office_district,
        kind=KINDS["tenure"],
        unit=tree.district,
        options={"as_of": date(2019, 6, 30), "include_deputies": False},
        data=issue_data(),
    )
    office_b = UserFactory(unit=tree.commune_b, role=UserRole.ORGANIZATION_OFFICE)
    client = as_user(office_b)
    assert client.get(reverse("reports_document:inspect", args=[issued.pk])).status_code == 404
    assert client.get(reverse("reports_download", args=[issued.pk, "docx"])).status_code == 404
    listing = client.get(reverse("reports_document:index")).content.decode()
    assert "01-BC/HU" not in listing


def test_a_helper_body_has_no_form_and_issues_nothing(posts, tree, as_user):
    helper = UserFactory(unit=tree.district, role=UserRole.HELPER_BODY)
    client = as_user(helper)
    url = reverse("reports_issue", args=["tenure"])
    assert client.get(url).status_code == 404
    assert client.post(url, {**FORM, "unit": tree.district.pk}).status_code == 404
    assert not IssuedDocument.objects.exists()
    review = client.get(reverse("reviews_tenure"), {"as_of": "2019-06-30"})
    assert "Tạo văn bản" not in review.content.decode()


def test_the_published_list_offers_the_notice(demo, client):
    from dangbo.accounts.models import User
    from dangbo.discipline.models import PublishedList

    client.force_login(User.objects.get(username="ubkt.huyen"))
    published = PublishedList.objects.get(unit__code="HU-TK", year=2019, period="H1")
    page = client.get(reverse("discipline_published_list:inspect", args=[published.pk]))
    body = page.content.decode()
    assert "Tạo văn bản" in body
    url = reverse("reports_issue", args=["discipline-list"])
    form = client.get(url, {"unit": published.unit_id, "year": 2019, "list_period": "H1"})
    assert form.status_code == 200


def test_choosing_another_unit_fills_the_form_from_its_profile(
    posts, tree, office_district, as_user
):
    document_issue(
        actor=office_district,
        kind=KINDS["tenure"],
        unit=tree.commune_a,
        options={"as_of": date(2019, 6, 30), "include_deputies": False},
        data=issue_data(issuing_body="ĐẢNG UỶ XÃ ĐỒNG VĂN", abbreviation="ĐU"),
    )
    client = as_user(office_district)
    url = reverse("reports_issue", args=["tenure"])
    first = client.get(url, {"as_of": "2019-06-30"}).content.decode()
    assert "Điền theo đơn vị ban hành" in first
    assert "ĐẢNG UỶ XÃ ĐỒNG VĂN" not in first  # the district comes first: its own names
    chosen = client.get(url, {"as_of": "2019-06-30", "unit": tree.commune_a.pk}).content.decode()
    assert "ĐẢNG UỶ XÃ ĐỒNG VĂN" in chosen and 'value="ĐU"' in chosen
    assert 'name="as_of" value="2019-06-30"' in chosen  # the review's options kept
