"""The sidebar's main menu as Wagtail renders it (JSON props for its React sidebar)."""

import json
import re

PROPS = re.compile(
    r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S
)


def menu_entries(html: str) -> list[tuple[str, ...]]:
    """Every entry of the main menu as a path of labels with its URL last:
    ("Tổ chức", "Đơn vị", "/admin/unit/"). Submenus give their items, not themselves."""
    found = PROPS.search(html)
    if not found:
        return []
    props = json.loads(found.group(1))
    main = next(m for m in props["modules"] if m["_type"] == "wagtail.sidebar.MainMenuModule")
    entries = []

    def visit(items, trail):
        for item in items:
            meta = item["_args"][0]
            if item["_type"] == "wagtail.sidebar.SubMenuItem":
                visit(item["_args"][1], (*trail, meta["label"]))
            else:
                entries.append((*trail, meta["label"], meta.get("url", "")))

    visit(main["_args"][0], ())
    return entries
