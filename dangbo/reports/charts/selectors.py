"""The few facts a chart needs beside its screen's rows, read through the same scoped
selectors as the screen (the user's reach), in one query each."""

from dangbo.core.db import one_of

OTHER_POST = "role:"  # + the role: a post that is not a key post, counted by its role


def rotation_rows(*, user) -> list[dict]:
    """Every rotation the user can see: the year it started and its target post (a key
    post by dangbo.rules.rotation.key_post, as the plan's page counts them, else
    OTHER_POST and the role)."""
    from dangbo.rotation.selectors import rotation_list_visible_to

    rows = rotation_list_visible_to(user=user).order_by()
    return [
        rotation_row(start, role, title)
        for start, role, title in rows.values_list("start_date", "to_role", "to_title")
    ]


def rotation_row(start, to_role: str, to_title: str) -> dict:
    from dangbo.rules.rotation import key_post

    return {"year": start.year, "to_post": key_post(to_role, to_title) or OTHER_POST + to_role}


def discipline_rows_with_year(rows: list[dict]) -> list[dict]:
    """The discipline review's rows with the year each case was decided (the review reads
    only cases decided by its date, so each has one)."""
    from dangbo.discipline.models import DisciplineCase

    codes = {r["case_code"] for r in rows}
    if not codes:
        return []
    decided = dict(
        DisciplineCase.objects.filter(one_of("code", codes)).values_list("code", "decided_date")
    )
    return [
        {"form": r["form"], "year": decided[r["case_code"]].year}
        for r in rows
        if decided.get(r["case_code"])
    ]
