"""Links to records on the home and its search, decided without a query per row where the
scope answers it: a unit opens when its path lies in the user's read paths; a person when
their current unit does or one of the records linking them (`person_in_reach`); other
records ask their policy, as `record_link` does. The people policy's query (an OR of
subqueries over the population) cost ~0.1 s a row at 200,000 people."""

from django.contrib.admin.utils import quote
from django.urls import reverse

from dangbo.core.views import inspect_url_name
from dangbo.org import scope
from dangbo.org.models import Unit
from dangbo.org.policy import policy_for
from dangbo.people.models import Person


def url_for(user, record) -> str | None:
    """The record's page if the user may open it, else None (shown as plain words)."""
    if record is None:
        return None
    name = inspect_url_name(type(record))
    if not name:
        return None
    if isinstance(record, Unit):
        opens = scope.can(user, scope.VIEW, record)
    elif isinstance(record, Person):
        opens = person_in_reach(user, record)
    else:
        opens = policy_for(record).visible(user).filter(pk=record.pk).exists()
    return reverse(name, args=(quote(record.pk),)) if opens else None


def person_in_reach(user, person) -> bool:
    """`person_list_visible_to(user).filter(pk=person.pk).exists()`, asked the other way
    round: the person's unit, then each kind of record that links people
    (`people.selectors.PERSON_LINKS`), each an indexed lookup by the person's id."""
    from dangbo.people.selectors import PERSON_LINKS

    paths = scope.read_paths(user)
    if paths is None:
        return True
    if not paths:
        return False
    if person.unit_id is not None:
        path = Unit.objects.filter(pk=person.unit_id).values_list("path", flat=True).first()
        if path and path.startswith(paths):
            return True
    for model, person_field, unit_fields in PERSON_LINKS:
        linked = model.objects.filter(**{f"{person_field}_id": person.pk})
        if linked.filter(scope.unit_condition(paths, *unit_fields)).exists():
            return True
    return False


def with_urls(user, table) -> list:
    """The review cells of `dangbo.reviews.views.cells`, each with the record's `url`."""
    for line in table:
        for cell in line:
            cell["url"] = url_for(user, cell["record"]) if cell["record"] is not None else None
    return table
