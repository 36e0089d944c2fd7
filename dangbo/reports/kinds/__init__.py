"""The document kinds, by name (`dangbo report NAME`). Each module defines `KIND`, a
dangbo.reports.content.DocumentKind; this registry lists them in the order of the issue.

Every module of `MODULES` is imported: a missing one is an ImportError at start-up, never a
kind silently absent from the menu and the command line.
"""

from importlib import import_module

from dangbo.reports.content import DocumentKind

# In the order of issue 10.
MODULES = (
    "tenure",
    "rotation_plan",
    "assistance_decision",
    "supervision_quarter",
    "discipline_list",
    "ratings",
    "story",
)

KINDS: dict[str, DocumentKind] = {}
for _module in MODULES:
    _kind = import_module(f"{__name__}.{_module}").KIND
    KINDS[_kind.name] = _kind


def kind_visible_to(user, kind: DocumentKind) -> bool:
    """May the user make (or read) documents of this kind: VIEW on every model it reads, as
    dangbo.reviews.registry.Review.visible_to."""
    from django.apps import apps

    from dangbo.org import scope
    from dangbo.org.policy import VIEW, policy_for

    if not kind.reads:
        return scope.has_access(user)
    return all(policy_for(apps.get_model(label)).may(user, VIEW) for label in kind.reads)
