"""Every demo login walks the back office: no 5xx anywhere, and no link we show leads to a
404 or a refusal (docs/roles.md: every record shown to a user opens for that user)."""

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest

from dangbo.accounts.models import User
from dangbo.demo.users import DEMO_LOGINS
from tests.core.vietnamese import collector

# Links a walk must not follow: they end the session, act on GET, or are templates the
# bulk-action bar fills in with ids (not links a person follows).
SKIP = re.compile(
    r"/logout/|/admin/bulk/|/delete/|/unlock/|/lock/|/dismissibles/|/jsi18n/|/sprite/"
)
# How many URLs of one shape (digits as N, query keys kept) a walk opens, and in all.
PER_SHAPE = 4
PER_LOGIN = 260


def shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted(k.split("=")[0] for k in parts.query.split("&") if k)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def links(html: str) -> list[str]:
    """Links of the page, and of its sidebar menu (Wagtail renders it from JSON props)."""
    found = re.findall(r'href="(/admin/[^"#]*)"', html)
    found += re.findall(r'"url": "(/admin/[^"#]*)"', html.replace("&quot;", '"'))
    return [urldefrag(u.replace("&amp;", "&").replace("\\u0026", "&"))[0] for u in found]


def walk(client, on_page=None) -> list[tuple[str, int, str]]:
    """Breadth-first from the dashboard; (url, status, where it was linked from) of failures.

    `on_page(url, html)` is called with every HTML page opened (tests/core/test_vietnamese.py).
    """
    queue = deque([("/admin/", "start")])
    seen, shapes, failures = set(), Counter(), []
    while queue and len(seen) < PER_LOGIN:
        url, origin = queue.popleft()
        if url in seen or SKIP.search(url) or shapes[shape(url)] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[shape(url)] += 1
        response = client.get(url)
        status = response.status_code
        location = response.get("Location", "")
        if status >= 400 or (status in (301, 302) and "/login/" in location):
            failures.append((url, status, origin))
            continue
        content_type = response.get("Content-Type", "")
        if status == 200 and content_type.startswith("text/html"):
            html = response.content.decode()
            if on_page is not None:
                on_page(url, html)
            for link in links(html):
                if link not in seen:
                    queue.append((link, url))
    return failures


@pytest.mark.parametrize("username", [login.username for login in DEMO_LOGINS])
def test_every_link_a_login_is_shown_opens(demo, client, username):
    client.force_login(User.objects.get(username=username))
    client.raise_request_exception = False  # a 500 is a failure to list, not a stop
    # The same walk checks the pages' language (tests/core/test_vietnamese.py).
    failures = walk(client, on_page=collector(username))
    assert not failures, "\n".join(f"{s} {u} (linked from {o})" for u, s, o in failures)
