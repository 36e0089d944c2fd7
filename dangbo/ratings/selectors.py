"""Reads of ratings, rounds and rating groups, through the user's scope.

The quota is counted over one population wherever it is shown (the rating's page, the
round's page, its approval and the classification review): `quota_population`, the
year's ratings the user can see, within a committee's subtree when one is given.
"""

import math
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from dangbo.core import audit
from dangbo.core.text import fold
from dangbo.org import scope
from dangbo.ratings.models import (
    Level,
    Rating,
    RatingGroup,
    RatingRound,
    RoundStatus,
    SubjectKind,
)
from dangbo.rules.versions import RATING_QUOTA, for_rating_year

# A finding that stops an approval unless the standing committee writes a reason.
BLOCKING = frozenset({"quota_exceeded"})
# The stages that close a round's ratings to edits (screens and imports alike).
CLOSING = (RoundStatus.SUBMITTED, RoundStatus.APPROVED)


def rating_list_visible_to(*, user) -> QuerySet[Rating]:
    return scope.filter_by_unit_path(Rating.objects.select_related("person", "unit"), user, "unit")


def round_list_visible_to(*, user) -> QuerySet[RatingRound]:
    return scope.filter_by_unit_path(RatingRound.objects.select_related("unit"), user, "unit")


def group_list_visible_to(*, user) -> QuerySet[RatingGroup]:
    if not scope.has_access(user):
        return RatingGroup.objects.none()
    return RatingGroup.objects.all()


def rounds_to_approve(user) -> QuerySet[RatingRound]:
    """The submitted rounds `user` may approve or send back (their standing committee's)."""
    from dangbo.org.policy import DECIDE
    from dangbo.ratings.permissions import round_policy

    return round_policy.writable(user, DECIDE).filter(status=RoundStatus.SUBMITTED)


# --- rating groups ----------------------------------------------------------------------------


def group_names() -> dict[str, str]:
    """Code → name of every kept group (closed ones too: old ratings keep their group)."""
    return dict(RatingGroup.objects.values_list("code", "name"))


def group_choices() -> list[tuple[str, str]]:
    """(code, name) of every kept group by name: the ratings list's group filter."""
    return list(RatingGroup.objects.order_by("name").values_list("code", "name"))


def with_group_names(ratings: QuerySet[Rating]) -> QuerySet[Rating]:
    """Each rating with its group's name (`group_name`), read in the same query."""
    names = RatingGroup.objects.filter(code=OuterRef("group")).values("name")[:1]
    return ratings.annotate(group_name=Subquery(names))


def group_name(code: str, names: dict[str, str] | None = None) -> str:
    names = group_names() if names is None else names
    return names.get(code, code)


def offered_groups(year: int | None = None) -> list[RatingGroup]:
    """The groups a new rating of `year` may be put in (open ones when no year)."""
    return [g for g in RatingGroup.objects.order_by("name") if g.offered_in(year)]


def group_forms() -> dict[str, str]:
    """Each kept group's code and Vietnamese name, folded (case, marks, spacing) → code:
    what an imported `group` cell may hold."""
    forms = {}
    for code, name in RatingGroup.objects.values_list("code", "name"):
        forms.setdefault(fold(code.replace("_", " ")), code)
        forms.setdefault(fold(name), code)
    return forms


# --- the quota's population and its check ----------------------------------------------------


def quota_population(*, user, year: int, unit=None) -> QuerySet[Rating]:
    """The ratings the quota is counted over: `year`'s ratings the user can see, in `unit`'s
    subtree when given (a round's committee), else in the whole of the user's scope."""
    ratings = rating_list_visible_to(user=user).filter(year=year)
    return scope.in_subtree_and_history(ratings, "unit", unit) if unit is not None else ratings


def population_words(*, year: int, unit=None) -> str:
    """Which ratings were counted, in words, for the page that shows a count."""
    if unit is not None:
        return _(
            "Counted over the ratings of %(year)s in %(unit)s and the units below it that "
            "you can see."
        ) % {"year": year, "unit": unit.name}
    return _("Counted over the ratings of %(year)s in every unit you can see.") % {"year": year}


def quota_words(year: int) -> str:
    """The quota of rating year `year` in words, from dangbo.rules.versions (never retyped)."""
    share = for_rating_year(RATING_QUOTA, year).value
    percent = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return _("at most %(percent)s%% of those rated good may be rated excellent") % {
        "percent": number_format(percent.normalize(), use_l10n=True)
    }


def quota_check(*, user, year: int, unit=None) -> list[dict]:
    """Per group and subject kind: the count at each level, the most allowed excellent, and
    whether the quota holds, in words (the live check of a round before it is submitted)."""
    version = for_rating_year(RATING_QUOTA, year)
    share = version.value
    counts = defaultdict(dict)
    rows = (
        quota_population(user=user, year=year, unit=unit)
        .order_by()
        .values_list("group", "subject_kind", "level")
        .annotate(n=Count("pk"))
    )
    for group, kind, level, n in rows:
        counts[(group, kind)][level] = n
    names = group_names()
    levels = dict(Level.choices)
    kinds = dict(SubjectKind.choices)
    lines = []
    for (group, kind), by_level in sorted(
        counts.items(), key=lambda i: (names.get(i[0][0], i[0][0]), i[0][1])
    ):
        excellent = by_level.get(Level.XUAT_SAC, 0)
        good = by_level.get(Level.TOT, 0)
        allowed = math.floor(good * share)
        over = excellent * share.denominator > good * share.numerator
        lines.append(
            {
                "group": group,
                "group_name": names.get(group, group),
                "subject_kind": str(kinds.get(kind, kind)),
                "levels": [(levels[level], by_level.get(level, 0)) for level in Level.values],
                "total": sum(by_level.values()),
                "excellent": excellent,
                "good": good,
                "allowed": allowed,
                "over": over,
                "words": (
                    _(
                        "%(excellent)d rated excellent, %(good)d rated good: at most "
                        "%(allowed)d may be excellent; %(extra)d too many."
                    )
                    if over
                    else _(
                        "%(excellent)d rated excellent, %(good)d rated good: at most "
                        "%(allowed)d may be excellent; the quota is kept."
                    )
                )
                % {
                    "excellent": excellent,
                    "good": good,
                    "allowed": allowed,
                    "extra": excellent - allowed,
                },
                "rule": version.label,
            }
        )
    return lines


def labelled(findings: list[dict], record=None) -> list[dict]:
    """Findings with what they mean and their group's name; a blocking finding let stand
    shows its override."""
    from dangbo.ratings.labels import FINDING_LABELS

    overridden = bool(record is not None and record.override_reason)
    names = group_names()
    return [
        {
            **f,
            "label": FINDING_LABELS.get(f["finding"], f["finding"]),
            "group_name": names.get(f["group"], f["group"]),
            "overridden": overridden and f["finding"] in BLOCKING,
        }
        for f in findings
    ]


def round_findings(*, user, year: int, unit) -> list[dict]:
    from dangbo.ratings.facts import findings_for

    return findings_for(quota_population(user=user, year=year, unit=unit), year)


def round_context(*, user, year: int, unit, record=None) -> dict:
    """What a round's page and its approval show: the counts, the quota check in words and
    in a chart, and the findings, over the one population (`quota_population`)."""
    from dangbo.reports.charts import screens as charts

    population = quota_population(user=user, year=year, unit=unit)
    from dangbo.ratings.facts import findings_for

    levels = dict(Level.choices)
    counts = dict(
        population.order_by().values_list("level").annotate(n=Count("pk")).values_list("level", "n")
    )
    quota_lines = quota_check(user=user, year=year, unit=unit)
    return {
        "findings": labelled(findings_for(population, year), record),
        "counts": [(levels[level], counts.get(level, 0)) for level in Level.values],
        "rated": sum(counts.values()),
        "quota_lines": quota_lines,
        "quota_chart": charts.ratings(quota_lines),
        "quota_words": quota_words(year),
        "population": population_words(year=year, unit=unit),
        "history": round_history(record) if record is not None else [],
    }


def covering_round(year: int, unit, user=None):
    """The round of `year` whose committee is `unit` or the nearest unit above it, if any
    (visible to `user` when given)."""
    rounds = RatingRound.objects.filter(year=year).select_related("unit")
    if user is not None:
        rounds = round_list_visible_to(user=user).filter(year=year)
    best = None
    for round_ in rounds:
        if unit.path.startswith(round_.unit.path) and (
            best is None or len(round_.unit.path) > len(best.unit.path)
        ):
            best = round_
    return best


def rating_context(*, user, rating: Rating) -> dict:
    """A rating's page: the findings concerning it and its group's quota line, counted over
    its round's committee when the year has a round above it, else over the user's scope."""
    from dangbo.ratings.facts import findings_for

    round_ = covering_round(rating.year, rating.unit, user)
    unit = round_.unit if round_ is not None else None
    population = quota_population(user=user, year=rating.year, unit=unit).filter(group=rating.group)
    findings = [
        f
        for f in findings_for(population, rating.year)
        if f["subject_code"] == rating.subject_code
        or (f["subject_code"] is None and f["subject_kind"] == rating.subject_kind)
    ]
    lines = [
        line
        for line in quota_check(user=user, year=rating.year, unit=unit)
        if line["group"] == rating.group
        and line["subject_kind"] == str(dict(SubjectKind.choices)[rating.subject_kind])
    ]
    return {
        "findings": labelled(findings),
        "quota_lines": lines,
        "quota_words": quota_words(rating.year),
        "population": population_words(year=rating.year, unit=unit),
        "round": round_,
        "group_name": group_name(rating.group),
    }


# --- a round's short history -----------------------------------------------------------------


def round_history(round_: RatingRound) -> list[dict]:
    """The round's steps, oldest first: opened, submitted, sent back (with the reason),
    approved (with an override reason when one was written), from its audit entries."""
    steps = []
    entries = reversed(list(audit.history(round_)))
    for entry in entries:
        data = entry.data or {}
        after = data.get("after") or {}
        status = (data.get("changes") or {}).get("status")
        if entry.action == audit.CREATE:
            what, reason = _("Opened as a draft"), ""
        elif status == [RoundStatus.DRAFT, RoundStatus.SUBMITTED]:
            what, reason = _("Submitted for approval"), ""
        elif status == [RoundStatus.SUBMITTED, RoundStatus.DRAFT]:
            what, reason = _("Sent back to draft"), after.get("returned_reason") or ""
        elif status and status[1] == RoundStatus.APPROVED:
            what, reason = _("Approved"), after.get("override_reason") or ""
        else:
            continue
        steps.append(
            {
                "when": timezone.localtime(entry.timestamp).strftime("%d/%m/%Y %H:%M"),
                "who": entry.user_display_name if entry.user_id else _("the operator"),
                "what": what,
                "reason": reason,
            }
        )
    return steps
