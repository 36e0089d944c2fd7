"""The demo's published discipline list: the district's decisions of the first six months of
2019, generated from the cases, approved by the district's inspection commission
(`ubkt.huyen`) and published. Running it again changes nothing.

The district (Huyện ủy Tân Kỳ) was dissolved on 1 July 2025 and has no sub-site; its
historic lists are on the site of the committee above that took over its records, the
province's (the Board's site, `127.0.0.1:8000`): the new commune Tân Kỳ covers only four of
the district's former units, so the district's list does not belong on its site.
"""

from django.db import transaction

from dangbo.accounts.models import User
from dangbo.core import audit
from dangbo.discipline import services
from dangbo.discipline.models import DisciplineCase, Form, ListStatus, PublishedList
from dangbo.org.models import Unit

DISTRICT = "HU-TK"
APPROVER = "ubkt.huyen"
PERIODS = ((2019, "H1"),)

# The demo's cases come from its dataset, whose discipline file has no deciding body (not a
# column of INTERCHANGE.md); the published lists show one (RULES §4), so the demo records it
# through the case's service, as the commission would on the case's page. The tiers follow
# Quy định 69-QĐ/TW (2022): a branch disciplines its members by reprimand or warning; removal
# from a post of a grassroots cadre goes to the district's inspection commission; an
# organization is disciplined by the standing committee of the committee above it.
BRANCH_FORMS = {Form.KHIEN_TRACH, Form.CANH_CAO}
DISTRICT_COMMISSION = "Ủy ban Kiểm tra Huyện ủy Tân Kỳ"
DISTRICT_STANDING = "Ban Thường vụ Huyện ủy Tân Kỳ"


def deciding_body(case: DisciplineCase) -> str:
    if case.person_id is None:
        return DISTRICT_STANDING
    if case.form in BRANCH_FORMS and case.person.unit_id:
        return case.person.unit.name
    return DISTRICT_COMMISSION


def ensure_demo_deciding_bodies(actor) -> int:
    """Record the deciding body of each decided case that has none; how many were recorded."""
    district = Unit.objects.get(code=DISTRICT)
    cases = DisciplineCase.objects.filter(
        unit__path__startswith=district.path, decided_by="", decided_date__isnull=False
    ).select_related("person__unit")
    done = 0
    for case in cases:
        services.case_update(
            actor=actor, case=case, decided_by=deciding_body(case), source=audit.SOURCE_COMMAND
        )
        done += 1
    return done


@transaction.atomic
def ensure_demo_published_lists() -> list[PublishedList]:
    """Generate, approve and publish the demo's lists unless they are published already."""
    unit = Unit.objects.get(code=DISTRICT)
    actor = User.objects.get(username=APPROVER)
    ensure_demo_deciding_bodies(actor)
    lists = []
    for year, period in PERIODS:
        found = PublishedList.objects.filter(unit=unit, year=year, period=period).first()
        if found is None or found.status == ListStatus.DRAFT:
            found = services.published_list_generate(
                actor=actor, unit=unit, year=year, period=period
            )
            found = services.published_list_approve(
                actor=actor, published_list=found, expected_version=audit.fingerprint(found)
            )
        if found.status == ListStatus.APPROVED:
            found = services.published_list_publish(
                actor=actor, published_list=found, expected_version=audit.fingerprint(found)
            )
        lists.append(found)
    return lists
