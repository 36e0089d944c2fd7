"""A paginator's count that stops at a cap (`COUNT(*)` over a LIMIT, the ordering dropped).

Counting every record for a page of 20 costs a full pass: at a province of a million the
posts' count took 1.1 s. Beyond the cap a list says "more than …" and offers the pages up to
it. Used by the back office's lists (core/views/pagination.py) and the sub-sites' search.
"""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedCountMixin:
    """For a Paginator: `count` is at most `cap`; `capped` says whether there were more."""

    cap: int

    @cached_property
    def _counted(self) -> int:
        object_list = self.object_list
        if hasattr(object_list, "order_by"):
            # The number does not depend on the order, and a sorted subquery would sort all.
            return object_list.order_by()[: self.cap + 1].count()
        return len(object_list)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @cached_property
    def capped(self) -> bool:
        return self._counted > self.cap


class CappedPaginator(CappedCountMixin, Paginator):
    """Django's paginator with a capped count (pass the cap as `cap=`)."""

    def __init__(self, object_list, per_page, *args, cap: int, **kwargs):
        self.cap = cap
        super().__init__(object_list, per_page, *args, **kwargs)
