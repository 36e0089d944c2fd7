"""Reads of rotations, through the user's scope (either end of the move), and what the rules
find on them."""

from django.db.models import QuerySet

from dangbo.org import scope
from dangbo.people.models import Role
from dangbo.rotation.models import Rotation, RotationPlan


def rotation_list_visible_to(*, user) -> QuerySet[Rotation]:
    rotations = Rotation.objects.select_related("person", "to_unit", "from_unit", "plan")
    return scope.filter_by_unit_path(rotations, user, "to_unit", "from_unit")


def plan_list_visible_to(*, user) -> QuerySet[RotationPlan]:
    return scope.filter_by_unit_path(RotationPlan.objects.select_related("unit"), user, "unit")


def finding_lines(*, user, rotation: Rotation) -> tuple[list[dict], str]:
    """The findings of RULES §2 on `rotation` (stored, or a draft being entered), each with
    its label and whether a standing committee member let it stand, and the rule texts.

    The person must be one the user may see (a draft names a person picked from the user's
    list; a stored rotation is read through `rotation_list_visible_to`): the findings read the
    person's discipline decisions, which the user is then told about only as a finding.
    """
    from dangbo.discipline.facts import as_case
    from dangbo.discipline.models import DisciplineCase
    from dangbo.people.selectors import person_list_visible_to
    from dangbo.rotation import services
    from dangbo.rotation.labels import FINDING_LABELS
    from dangbo.rules import rotation as rules

    person = rotation.person
    if not person_list_visible_to(user=user).filter(pk=person.pk).exists():
        raise PermissionError("person out of the user's scope")
    cases = [
        as_case(c)
        for c in DisciplineCase.objects.select_related("person", "unit").filter(person=person)
    ]
    facts = services.as_rotation(rotation)
    codes = rules.rotation_findings(
        facts, birth_date=person.birth_date, gender=person.gender, person_cases=cases
    )
    rule = rules.rotation_rule(
        facts, birth_date=person.birth_date, gender=person.gender, person_cases=cases
    )
    lines = [
        {
            "code": code,
            "label": FINDING_LABELS.get(code, code),
            "blocking": code in services.BLOCKING,
            "overridden": code in services.BLOCKING and bool(rotation.override_reason),
        }
        for code in codes
    ]
    return lines, rule


def plan_summary(*, user, plan: RotationPlan) -> dict:
    """A plan's page: its rotations the user sees, how many cadres, and how many go to each
    key post (the article's "6 cán bộ: 3 bí thư đảng ủy, 3 chủ tịch UBND"), from the data."""
    from dangbo.rotation.labels import KEY_POST_LABELS
    from dangbo.rules import rotation as rules

    rotations = list(
        rotation_list_visible_to(user=user).filter(plan=plan).order_by("start_date", "code")
    )
    by_post = rules.key_post_counts([(r.to_role, r.to_title) for r in rotations])
    roles = dict(Role.choices)
    others: dict[str, int] = {}
    for r in rotations:
        if not rules.key_post(r.to_role, r.to_title):
            label = str(roles.get(r.to_role, r.to_role))
            others[label] = others.get(label, 0) + 1
    return {
        "rotations": rotations,
        "cadres": len({r.person_id for r in rotations}),
        "by_post": [(KEY_POST_LABELS[post], n) for post, n in by_post.items() if post],
        "other_posts": sorted(others.items()),
        "under_way": sum(1 for r in rotations if r.end_date is None),
    }
