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
from dangbo.discipline.models import ListStatus, PublishedList
from dangbo.org.models import Unit

DISTRICT = "HU-TK"
APPROVER = "ubkt.huyen"
PERIODS = ((2019, "H1"),)


@transaction.atomic
def ensure_demo_published_lists() -> list[PublishedList]:
    """Generate, approve and publish the demo's lists unless they are published already."""
    unit = Unit.objects.get(code=DISTRICT)
    actor = User.objects.get(username=APPROVER)
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
