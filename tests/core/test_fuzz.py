"""Malformed query strings and POSTs on the main lists, reviews and forms: never a 5xx.

Bounded and repeatable: a seeded generator makes a few hundred requests over the demo, as the
operator and as a district office, each a list, review or form with hostile values.
"""

import random
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from dangbo.accounts.models import User
from tests.core.test_exports import VIEWSETS as LISTS  # every list of the project

REVIEWS = ["rotations", "assistance", "supervision", "discipline", "ratings"]
KEYS = ["p", "q", "ordering", "unit", "as_of", "year", "period", "open", "role", "kind", "export"]
HOSTILE = [
    "",
    "-1",
    "0",
    "abc",
    "99999999999999999999",
    "1e308",
    "NaN",
    "-0",
    "2019Q9",
    "31/02/2020",
    "9999-99-99",
    "0000-00-00",
    "__class__",
    "-__str__",
    "'; DROP TABLE org_unit; --",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x")',
    "\x00",
    "\u202eevil",
    "ệ" * 3000,
    "%",
    "%%",
    "..%2f..%2f",
    "[]",
    "{}",
    "xlsx",
    "csv",
    "pdf",
]


def _query(rng: random.Random) -> dict:
    return {key: rng.choice(HOSTILE) for key in rng.sample(KEYS, rng.randint(1, 4))}


def _urls(rng: random.Random, count: int):
    for _ in range(count):
        kind = rng.random()
        if kind < 0.55:
            yield reverse(f"{rng.choice(LISTS)}:index") + "?" + urlencode(_query(rng))
        elif kind < 0.8:
            name = rng.choice(REVIEWS)
            yield reverse("reviews_review", args=(name,)) + "?" + urlencode(_query(rng))
        else:
            yield reverse("reviews_tenure") + "?" + urlencode(_query(rng))


def _forms(rng: random.Random, client, count: int):
    """POSTs to every add form, with hostile values in every field it shows."""
    for _ in range(count):
        url = reverse(f"{rng.choice(LISTS)}:add")
        page = client.get(url)
        if page.status_code != 200 or "form" not in page.context:
            continue
        fields = list(page.context["form"].fields)
        data = {field: rng.choice(HOSTILE) for field in fields}
        data["record_version"] = rng.choice(HOSTILE)
        yield url, data


@pytest.mark.parametrize("username", ["admin", "btc.huyen", "ubkt.huyen"])
def test_hostile_queries_and_posts_never_answer_5xx(demo, client, username):
    client.force_login(User.objects.get(username=username))
    client.raise_request_exception = False
    rng = random.Random(f"dangbo-fuzz-{username}")
    failures = []
    for url in _urls(rng, 120):
        status = client.get(url).status_code
        if status >= 500:
            failures.append(("GET", url, status))
    for url, data in _forms(rng, client, 40):
        status = client.post(url, data).status_code
        if status >= 500:
            failures.append(("POST", url, status))
    assert not failures, "\n".join(f"{m} {u} -> {s}" for m, u, s in failures)
