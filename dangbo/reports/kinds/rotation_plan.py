"""`rotation-plan` (KẾ HOẠCH): a rotation plan, its rotations as an annex, and how many cadres
go to each key post (the article's "6 cán bộ: 3 bí thư đảng ủy, 3 chủ tịch UBND").

Everything comes from `dangbo.rotation.selectors.plan_summary`, the plan page's own reading,
through the user's scope.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.core.errors import InputError, Problem
from dangbo.people.models import Role
from dangbo.reports.content import Content, DocumentKind, Section, Table
from dangbo.reports.kinds._common import day, list_items, lower_first, named, post
from dangbo.reviews.options import Option
from dangbo.rotation.models import PlanKind, RotationPlan
from dangbo.rotation.selectors import plan_list_visible_to, plan_summary
from dangbo.rules import rotation as rules

# The plan is this kind's own option (not a review's): the same shape as the reviews' options
# (dangbo.reviews.options.Option), for the command line and the form.
EXTRA_OPTIONS = {
    "plan": Option(
        "--plan",
        lambda p, flag: p.add_argument(
            flag, required=True, help=gettext_lazy("the rotation plan's code (or number)")
        ),
        lambda: forms.CharField(label=gettext_lazy("Rotation plan"), max_length=64),
    ),
}


class PlanNotFound(InputError):
    """No plan the user may see has this code or number (bad input: the form and the command
    line say so on the `plan` option)."""


def find_plan(*, user, plan) -> RotationPlan:
    """The plan named by its code or its number (id), among the plans the user sees."""
    if isinstance(plan, RotationPlan):
        plan = plan.pk
    visible = plan_list_visible_to(user=user)
    text = str(plan).strip()
    found = visible.filter(code=text).first()
    if found is None and text.isdigit():
        found = visible.filter(pk=int(text)).first()
    if found is None:
        message = _("No rotation plan %(plan)s among the plans you can see.")
        raise PlanNotFound([Problem("plan", message % {"plan": text}, text)])
    return found


def plan_figures(*, user, plan: RotationPlan) -> dict:
    """The plan page's figures: cadres, rotations, under way, and the count at each key post
    (by the rule's code: "party_secretary", "peoples_committee_chair", …)."""
    summary = plan_summary(user=user, plan=plan)
    rotations = summary["rotations"]
    by_post = rules.key_post_counts([(r.to_role, r.to_title) for r in rotations])
    return {
        "cadres": summary["cadres"],
        "rotations": len(rotations),
        "under_way": summary["under_way"],
        **{f"to_{post or 'other_posts'}": n for post, n in by_post.items()},
        "summary": summary,
    }


COLUMNS = (
    ("cadre", gettext_lazy("Cadre")),
    ("from_post", gettext_lazy("From post and unit")),
    ("to_post", gettext_lazy("To post and unit")),
    ("months", gettext_lazy("Months")),
    ("start", gettext_lazy("Start")),
    ("end", gettext_lazy("End")),
)


def rotation_rows(rotations):
    roles = dict(Role.choices)
    for r in rotations:
        yield {
            "cadre": named(r.person.full_name, r.person.code),
            "from_post": post(
                "",
                str(roles.get(r.from_role, "")) if r.from_role else "",
                r.from_unit.name if r.from_unit else "",
            ),
            "to_post": post(r.to_title, str(roles.get(r.to_role, "")), r.to_unit.name),
            "months": str(r.planned_months),
            "start": day(r.start_date),
            "end": day(r.end_date),
        }


def build(*, user, unit=None, options) -> Content:
    plan = find_plan(user=user, plan=options["plan"])
    figures = plan_figures(user=user, plan=plan)
    summary = figures.pop("summary")
    kinds = dict(PlanKind.choices)
    period = (
        f"{plan.start_year}–{plan.end_year}"
        if plan.start_year and plan.end_year and plan.start_year != plan.end_year
        else str(plan.start_year or plan.end_year or "")
    )
    posts = [f"{n} {label}" for label, n in summary["by_post"]]
    posts += [f"{n} {label.lower()}" for label, n in summary["other_posts"]]
    intro = _(
        "The plan (%(kind)s, %(period)s) rotates %(cadres)d cadres in %(rotations)d rotations, "
        "of whom:"
    ) % {
        "kind": str(kinds.get(plan.kind, plan.kind or "")).lower(),
        "period": period,
        "cadres": figures["cadres"],
        "rotations": figures["rotations"],
    }
    body = [
        Section(
            _("I- ROTATIONS OF THE PLAN"),
            paragraphs=(intro,),
            items=list_items(posts),
        ),
        Section(
            _("II- CARRYING OUT THE PLAN"),
            paragraphs=(
                (
                    _(
                        "%(under_way)d of the %(rotations)d rotations are still under way; each "
                        "cadre, post and date is in the list attached."
                    )
                    % figures
                    if figures["under_way"]
                    else _("Each cadre, post and date is in the list attached.")
                ),
                (
                    _("The standing committee approved the plan.")
                    if plan.is_approved
                    else _("The plan is a draft awaiting the standing committee's approval.")
                ),
            ),
        ),
    ]
    if plan.evaluation:
        body.append(Section(_("III- EVALUATION"), paragraphs=(plan.evaluation,)))
    name = plan.name
    prefix = "kế hoạch "
    subject = name[len(prefix) :] if name.lower().startswith(prefix) else name
    return Content(
        kind=KIND_NAME,
        doc_type="KH",
        type_title=_("PLAN"),
        subject=lower_first(subject),
        sections=tuple(body),
        tables=(
            Table(
                title=_("LIST"),
                subtitle=_("cadres rotated under the plan"),
                columns=tuple((key, str(heading)) for key, heading in COLUMNS),
                rows=rotation_rows(summary["rotations"]),
                landscape=True,
            ),
        ),
        figures={**figures, "plan": plan.code},
    )


KIND_NAME = "rotation-plan"

KIND = DocumentKind(
    name=KIND_NAME,
    title=gettext_lazy("Rotation plan"),
    doc_type="KH",
    options=(),
    reads=("rotation.RotationPlan", "rotation.Rotation"),
    build=build,
    extra_options=EXTRA_OPTIONS,
)
