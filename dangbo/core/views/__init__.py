"""Shared pieces of the back-office viewsets: tree-scoped permissions and service-backed forms.

Every screen reads through a selector that takes the user and writes through a service, so
the rules live in one place (ARCHITECTURE §2, §3). Wagtail's generic views read
`Model.objects` and write with their own actions; the pieces here replace exactly those
parts and keep the rest (listing, filters, export, breadcrumbs, history):

- access.py — the policy glue: a record read through the model's policy (404 outside it);
- fields.py — form fields (DayField, dd/mm/yyyy);
- columns.py — listing columns (DayColumn, TimeColumn);
- filters.py — list filters (SubtreeUnitFilter, OpenClosedFilter);
- index.py — the scoped listing (ScopedIndexView);
- forms.py — create/edit through a service (ScopedCreateView, ScopedEditView, add_problems);
- inspect.py, history.py — the record's page and its full history;
- actions.py — record actions (ScopedActionView, EndView, StageActionView): scope, right,
  form, service;
- viewsets.py — ScopedViewSet, which puts them together.

Every name is importable from here, as from the single module this package replaced.
"""

from dangbo.core.views.access import VIEW, ScopedObjectMixin
from dangbo.core.views.actions import (
    ActionForm,
    EndForm,
    EndView,
    ScopedActionView,
    StageActionView,
)
from dangbo.core.views.columns import DayColumn, TimeColumn
from dangbo.core.views.fields import DayField
from dangbo.core.views.filters import OpenClosedFilter, SubtreeUnitFilter
from dangbo.core.views.forms import (
    MISSING_VERSION,
    ScopedCreateView,
    ScopedEditView,
    ServiceFormMixin,
    add_problems,
)
from dangbo.core.views.history import ScopedHistoryView
from dangbo.core.views.index import ScopedIndexView
from dangbo.core.views.inspect import ScopedInspectView
from dangbo.core.views.viewsets import _INSPECT_URL_NAMES, ScopedViewSet, inspect_url_name

__all__ = [
    "MISSING_VERSION",
    "VIEW",
    "_INSPECT_URL_NAMES",
    "ActionForm",
    "DayColumn",
    "DayField",
    "EndForm",
    "EndView",
    "OpenClosedFilter",
    "ScopedActionView",
    "ScopedCreateView",
    "ScopedEditView",
    "ScopedHistoryView",
    "ScopedIndexView",
    "ScopedInspectView",
    "ScopedObjectMixin",
    "ScopedViewSet",
    "ServiceFormMixin",
    "StageActionView",
    "SubtreeUnitFilter",
    "TimeColumn",
    "add_problems",
    "inspect_url_name",
]
