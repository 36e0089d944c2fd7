"""A listing's paginator that counts at most COUNT_CAP records (dangbo.core.pagination).

Wagtail's paginator asks the database for the exact number of records in the listing: at
the province of a million members that `COUNT` reads every post in reach (1.1 s on SQLite,
more than the page itself). Nobody pages through ten thousand records; beyond the cap the
listing says "hơn 10.000" and asks for a filter.
"""

from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.paginator import WagtailPaginator

from dangbo.core.pagination import CappedCountMixin

COUNT_CAP = 10_000


class BoundedPaginator(CappedCountMixin, WagtailPaginator):
    """WagtailPaginator whose count stops at COUNT_CAP (then `capped` is true)."""

    cap = COUNT_CAP

    @cached_property
    def items_count_label(self):
        if not self.capped:
            return super().items_count_label
        return _("more than %(count)s %(things)s: filter or search to narrow the list") % {
            "count": number_format(self.cap, force_grouping=True),
            "things": self.verbose_name_plural,
        }
