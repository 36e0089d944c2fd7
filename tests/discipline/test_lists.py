"""The published discipline lists (issue 9 item 5, RULES §4): generated from the cases,
approved by the committee's inspection commission, published on its sub-site, corrected
with the cases."""

from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Site

from dangbo.accounts.models import UserRole
from dangbo.core import audit
from dangbo.core.errors import InputError
from dangbo.discipline import selectors, services
from dangbo.discipline.models import DisciplineCase, ListStatus, PublishedList
from dangbo.portal.models import PortalHomePage, PortalSettings
from tests.factories import PersonFactory, PositionFactory, UserFactory

SUMMARY = "Tóm tắt vi phạm riêng tư không được công bố"


@dataclass
class Sites:
    province: Site
    commune: Site


def make_site(slug: str, hostname: str, unit, default=False) -> Site:
    root = Page.get_first_root_node()
    home = PortalHomePage(title=f"Trang {slug}", slug=slug)
    root.add_child(instance=home)
    home.save_revision().publish()
    if default:
        Site.objects.filter(is_default_site=True).delete()
    site = Site.objects.create(
        hostname=hostname, port=80, root_page=home, site_name=home.title, is_default_site=default
    )
    settings_ = PortalSettings.for_site(site)
    settings_.unit = unit
    settings_.save()
    return site


def make_sites(tree) -> Sites:
    """The province's site (the default, at localhost) and commune A's (tanky.localhost)."""
    return Sites(
        province=make_site("tinh", "localhost", tree.province, default=True),
        commune=make_site("xa-a", "tanky.localhost", tree.commune_a),
    )


@pytest.fixture
def sites(tree) -> Sites:
    return make_sites(tree)


@pytest.fixture
def inspector_district(tree):
    return UserFactory(username="ubkt_hu", unit=tree.district, role=UserRole.INSPECTION)


@pytest.fixture
def inspector_a(tree):
    return UserFactory(username="ubkt_a", unit=tree.commune_a, role=UserRole.INSPECTION)


@pytest.fixture
def inspector_b(tree):
    return UserFactory(username="ubkt_b", unit=tree.commune_b, role=UserRole.INSPECTION)


def announced_case(actor, code, unit, *, announced, form="khien_trach", name=None, by=""):
    person = PersonFactory(unit=unit, full_name=name or f"Người {code}")
    PositionFactory(person=person, unit=unit)
    return services.case_record(
        actor=actor,
        code=code,
        subject_kind="person",
        person=person,
        unit=unit,
        violation_date=date(announced.year - 1, 1, 10),
        form=form,
        decided_date=announced.replace(day=1),
        decided_by=by,
        announced_date=announced,
        summary=SUMMARY,
    )


def publish(actor, unit, year=2019, period="H1"):
    draft = services.published_list_generate(actor=actor, unit=unit, year=year, period=period)
    approved = services.published_list_approve(
        actor=actor, published_list=draft, expected_version=audit.fingerprint(draft)
    )
    return services.published_list_publish(
        actor=actor, published_list=approved, expected_version=audit.fingerprint(approved)
    )


# --- the rows -----------------------------------------------------------------------------


def test_the_rows_are_the_cases_announced_in_the_period_with_public_fields_only(
    tree, inspector_district
):
    inside = announced_case(
        inspector_district, "KL-1", tree.branch_a, announced=date(2019, 3, 5), by="UBKT Huyện ủy"
    )
    announced_case(inspector_district, "KL-2", tree.commune_b, announced=date(2019, 7, 1))
    draft = services.published_list_generate(
        actor=inspector_district, unit=tree.district, year=2019, period="H1"
    )
    assert draft.status == ListStatus.DRAFT
    [row] = draft.rows
    assert row == {
        "case": inside.pk,
        "name": inside.person.full_name,
        "unit": "Chi bộ xóm 1, Đảng bộ xã Đồng Văn",
        "form": "khien_trach",
        "decided_date": "2019-03-01",
        "decided_by": "UBKT Huyện ủy",
    }
    assert SUMMARY not in str(draft.rows)
    year = services.published_list_generate(
        actor=inspector_district, unit=tree.district, year=2019, period="Y"
    )
    assert [r["case"] for r in year.rows] == [inside.pk, DisciplineCase.objects.get(code="KL-2").pk]
    [entry] = audit.history(year)
    assert entry.action == audit.CREATE


DAYS = st.dates(min_value=date(2018, 11, 1), max_value=date(2020, 2, 28))


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(days=st.lists(DAYS, min_size=0, max_size=6), period=st.sampled_from(["H1", "H2", "Y"]))
def test_the_rows_are_exactly_the_decisions_announced_in_the_period(tree, days, period):
    DisciplineCase.objects.all().delete()
    for i, day in enumerate(days):
        person = PersonFactory(unit=tree.commune_a)
        DisciplineCase.objects.create(
            code=f"KL-P{i}",
            subject_kind="person",
            person=person,
            unit=tree.commune_a,
            violation_date=date(2018, 1, 1),
            form="canh_cao",
            decided_date=day,
            announced_date=day,
            summary=SUMMARY,
        )
    probe = PublishedList(unit=tree.district, year=2019, period=period)
    rows = selectors.list_rows(
        unit=tree.district, first_day=probe.first_day, last_day=probe.last_day
    )
    expected = sorted(
        (day, f"KL-P{i}") for i, day in enumerate(days) if probe.first_day <= day <= probe.last_day
    )
    codes = dict(DisciplineCase.objects.values_list("pk", "code"))
    assert [codes[r["case"]] for r in rows] == [code for _day, code in expected]
    assert all(set(r) == {"case", *selectors.PUBLIC_FIELDS} for r in rows)


def test_a_unit_subject_is_named_with_the_unit_it_belongs_to(tree, inspector_district):
    case = services.case_record(
        actor=inspector_district,
        code="KL-U",
        subject_kind="unit",
        unit=tree.branch_a,
        violation_date=date(2019, 1, 5),
        form="khien_trach",
        decided_date=date(2019, 4, 1),
        announced_date=date(2019, 4, 3),
    )
    [row] = selectors.list_rows(
        unit=tree.district, first_day=date(2019, 1, 1), last_day=date(2019, 6, 30)
    )
    assert (row["case"], row["name"], row["unit"]) == (
        case.pk,
        "Chi bộ xóm 1",
        "Đảng bộ xã Đồng Văn",
    )


# --- approval and publication ---------------------------------------------------------------


def test_another_units_commission_may_not_approve(tree, inspector_a, inspector_b, sites):
    announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    draft = services.published_list_generate(
        actor=inspector_a, unit=tree.commune_a, year=2019, period="H1"
    )
    with pytest.raises(PermissionError):
        services.published_list_approve(
            actor=inspector_b, published_list=draft, expected_version=audit.fingerprint(draft)
        )
    with pytest.raises(PermissionError):
        services.published_list_generate(
            actor=inspector_b, unit=tree.commune_a, year=2019, period="H2"
        )
    office = UserFactory(unit=tree.commune_a, role=UserRole.ORGANIZATION_OFFICE)
    with pytest.raises(PermissionError):
        services.published_list_approve(actor=office, published_list=draft)
    draft.refresh_from_db()
    assert draft.status == ListStatus.DRAFT and draft.approved_by is None


def test_approval_checks_the_version_and_the_cases(tree, inspector_a, sites):
    case = announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    draft = services.published_list_generate(
        actor=inspector_a, unit=tree.commune_a, year=2019, period="H1"
    )
    seen = audit.fingerprint(draft)
    services.case_update(actor=inspector_a, case=case, form="canh_cao")
    with pytest.raises(InputError) as refused:
        services.published_list_approve(
            actor=inspector_a, published_list=draft, expected_version=seen
        )
    assert refused.value.problems[0].field == "rows"
    again = services.published_list_generate(
        actor=inspector_a, unit=tree.commune_a, year=2019, period="H1"
    )
    from dangbo.core.errors import ConflictError

    with pytest.raises(ConflictError):
        services.published_list_approve(
            actor=inspector_a, published_list=again, expected_version=seen
        )
    approved = services.published_list_approve(
        actor=inspector_a, published_list=again, expected_version=audit.fingerprint(again)
    )
    assert approved.status == ListStatus.APPROVED and approved.approved_by == inspector_a
    assert audit.history(approved)[0].data["changes"]["status"] == ["draft", "approved"]


def test_only_an_approved_list_is_published(tree, inspector_a, sites):
    draft = services.published_list_generate(
        actor=inspector_a, unit=tree.commune_a, year=2019, period="H1"
    )
    with pytest.raises(InputError):
        services.published_list_publish(actor=inspector_a, published_list=draft)


def test_a_published_list_is_a_live_page_of_the_committees_site(tree, inspector_a, sites):
    announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    published = publish(inspector_a, tree.commune_a)
    assert published.status == ListStatus.PUBLISHED and published.published_at
    page = published.page.specific
    assert page.live and page.get_site() == sites.commune
    assert page.get_parent().get_parent().specific == sites.commune.root_page.specific
    assert [r["name"] for r in page.rows] == ["Người KL-1"]
    assert page.revisions.count() == 1
    with pytest.raises(InputError):
        services.published_list_generate(
            actor=inspector_a, unit=tree.commune_a, year=2019, period="H1"
        )


def test_a_committee_without_a_site_cannot_publish_unless_it_has_ended(
    tree, inspector_district, sites
):
    announced_case(inspector_district, "KL-1", tree.commune_b, announced=date(2019, 3, 5))
    with pytest.raises(InputError) as refused:
        publish(inspector_district, tree.district)
    assert "cổng thông tin" in refused.value.problems[0].message
    # Dissolved: its historic lists go on the site of the committee above, which keeps them.
    tree.district.valid_to = date(2025, 6, 30)
    tree.district.save()
    PublishedList.objects.all().delete()
    published = publish(inspector_district, tree.district)
    assert published.page.specific.get_site() == sites.province


def test_a_period_after_the_committee_ended_is_refused(tree, inspector_district):
    tree.district.valid_to = date(2025, 6, 30)
    tree.district.save()
    with pytest.raises(InputError):
        services.published_list_generate(
            actor=inspector_district, unit=tree.district, year=2025, period="H2"
        )
    assert services.published_list_generate(
        actor=inspector_district, unit=tree.district, year=2025, period="Y"
    )


# --- corrections after publication ----------------------------------------------------------


def test_a_correction_makes_a_new_revision_marked_corrected(tree, inspector_a, sites):
    case = announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    published = publish(inspector_a, tree.commune_a)
    page = published.page.specific
    first_revision = page.live_revision_id
    services.case_update(
        actor=inspector_a, case=case, form="canh_cao", expected_version=audit.fingerprint(case)
    )
    published.refresh_from_db()
    page.refresh_from_db()
    assert published.corrected_on is not None
    assert page.revisions.count() == 2 and page.live_revision_id != first_revision
    assert page.corrected_on == published.corrected_on
    [change] = page.corrections[-1]["changes"]
    assert change["kind"] == "changed"
    assert change["fields"] == [["form", "khien_trach", "canh_cao"]]
    assert page.rows[0]["form"] == "canh_cao"
    # The first revision keeps what was published first.
    old = page.revisions.get(pk=first_revision).as_object()
    assert old.rows[0]["form"] == "khien_trach" and not old.corrections
    entry = audit.history(published)[0]
    assert set(entry.data["changes"]) == {"rows", "corrections"}


def test_a_correction_of_a_private_field_changes_nothing_published(tree, inspector_a, sites):
    case = announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    published = publish(inspector_a, tree.commune_a)
    services.case_update(actor=inspector_a, case=case, summary="Tóm tắt khác")
    assert published.page.revisions.count() == 1
    published.refresh_from_db()
    assert published.corrections == []


def test_a_case_moved_out_of_the_period_or_added_is_a_correction(tree, inspector_a, sites):
    case = announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    published = publish(inspector_a, tree.commune_a)
    services.case_update(actor=inspector_a, case=case, announced_date=date(2019, 7, 2))
    published.refresh_from_db()
    assert published.rows == [] and published.corrections[-1]["changes"][0]["kind"] == "removed"
    other = announced_case(inspector_a, "KL-2", tree.branch_a, announced=date(2019, 5, 5))
    published.refresh_from_db()
    assert [r["case"] for r in published.rows] == [other.pk]
    assert published.corrections[-1]["changes"][0]["kind"] == "added"
    assert published.page.revisions.count() == 3


def test_a_correction_by_a_lower_commission_corrects_the_district_list(
    tree, inspector_district, inspector_a, sites
):
    tree.district.valid_to = date(2025, 6, 30)
    tree.district.save()
    case = announced_case(inspector_a, "KL-1", tree.commune_a, announced=date(2019, 3, 5))
    published = publish(inspector_district, tree.district)
    services.case_update(actor=inspector_a, case=case, decided_by="Ủy ban Kiểm tra Đảng ủy xã")
    published.refresh_from_db()
    assert published.rows[0]["decided_by"] == "Ủy ban Kiểm tra Đảng ủy xã"
    assert published.page.revisions.count() == 2


def test_a_step_recorded_later_corrects_the_list(tree, inspector_a, sites):
    person = PersonFactory(unit=tree.commune_a)
    PositionFactory(person=person, unit=tree.commune_a)
    case = services.case_open(
        actor=inspector_a,
        code="KL-S",
        subject_kind="person",
        person=person,
        unit=tree.commune_a,
        violation_date=date(2019, 1, 2),
        ideological_work_date=date(2019, 1, 20),
    )
    published = publish(inspector_a, tree.commune_a)
    assert published.rows == []
    case = services.case_decide(
        actor=inspector_a, case=case, form="khien_trach", decided_date=date(2019, 2, 1)
    )
    services.case_announce(actor=inspector_a, case=case, announced_date=date(2019, 2, 5))
    published.refresh_from_db()
    assert [r["case"] for r in published.rows] == [case.pk]
    assert published.corrected_on is not None
