"""`story` (BÁO CÁO "Kết quả thực hiện"): the Tân Kỳ practice's results from the data, as of a
date (PRODUCT.md's acceptance story): the cadres the tenure review finds over two terms, the
cadres the term's rotation plans send to key posts, the units the last survey found weak with
their lead bodies and their ratings since, the supervision scheme's reports on time, and the
discipline decisions of the stage with their complaints.

Every figure is the screens' own: the tenure review (REVIEWS["tenure"]), the other kinds'
functions (the plan page's, the weak-units board's, the quarter board's selectors), the
discipline selector of the published lists; all through the user and in the issuing
committee's subtree.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.assessment.selectors import survey_years_with_weak_units
from dangbo.core.models import RuleSettings
from dangbo.core.numbers import vn_percent
from dangbo.discipline.selectors import cases_announced_between
from dangbo.ratings.models import Level
from dangbo.reports.content import Content, DocumentKind, Section, Table
from dangbo.reports.kinds._common import area, area_paths, day, in_area, list_items
from dangbo.reports.kinds.assistance_decision import weak_cards
from dangbo.reports.kinds.rotation_plan import plan_figures
from dangbo.reports.kinds.supervision_quarter import board_for
from dangbo.reports.kinds.tenure import rows_in_subtree
from dangbo.reviews.registry import REVIEWS
from dangbo.rotation.selectors import plan_list_visible_to
from dangbo.rules.supervision import period_of


def tenure_figures(*, user, unit, as_of: date, include_deputies: bool) -> dict:
    """The tenure review's findings (over two terms, approaching) in the covered subtree."""
    rows = REVIEWS["tenure"].run(
        user=user, options={"as_of": as_of, "include_deputies": include_deputies}
    )
    covered = area(unit)
    if covered is not None:
        rows, _kinds = rows_in_subtree(rows, covered)
    return {
        "tenure_over": sum(1 for r in rows if r["status"] == "over"),
        "tenure_approaching": sum(1 for r in rows if r["status"] == "approaching"),
        "tenure_cadres": len({r["person_code"] for r in rows}),
    }


def term_plans(*, user, unit, year: int):
    """The rotation plans the user sees, of the covered committee's subtree, running in
    `year`."""
    plans = plan_list_visible_to(user=user).filter(start_year__lte=year, end_year__gte=year)
    plans = in_area(plans, "unit", area_paths(area(unit)))
    return list(plans.order_by("start_year", "code"))


def rotation_figures(*, user, unit, year: int) -> dict:
    totals = {"rotated_cadres": 0, "rotated_to_party_secretary": 0, "rotated_to_chair": 0}
    plans = term_plans(user=user, unit=unit, year=year)
    for plan in plans:
        found = plan_figures(user=user, plan=plan)
        totals["rotated_cadres"] += found["cadres"]
        totals["rotated_to_party_secretary"] += found.get("to_party_secretary", 0)
        totals["rotated_to_chair"] += found.get("to_peoples_committee_chair", 0)
    return {**totals, "plans": [p.code for p in plans]}


def weak_unit_figures(*, user, unit, rating_year: int) -> tuple[dict, list]:
    """The latest survey before `rating_year` that found weak units, its weak units and lead
    bodies (the board's cards), and their levels in `rating_year` (the board's outcome)."""
    years = [y for y in survey_years_with_weak_units(user=user) if y < rating_year]
    cards = []
    for year in years:  # latest first: the last survey with weak units in the covered area
        cards = weak_cards(user=user, unit=unit, year=year)
        if cards:
            break
    later = {
        c.unit.pk: next((r.level for r in c.later_ratings if r.year == rating_year), None)
        for c in cards
    }
    figures = {
        "survey_year": cards[0].assessment.year if cards else None,
        "weak_units": len(cards),
        "lead_bodies": len({h.helper_id for c in cards for h in c.lead}),
        "rating_year": rating_year,
        **{
            f"weak_rated_{level}": sum(1 for v in later.values() if v == level)
            for level in Level.values
        },
        "weak_unrated": sum(1 for v in later.values() if v is None),
    }
    return figures, cards


def supervision_figures(*, user, unit, as_of: date) -> tuple[dict, object]:
    board = board_for(user=user, unit=unit, period=period_of(as_of), as_of=as_of)
    total = board.stage_total
    due = total.on_time + total.late + total.missing
    share = Decimal(total.on_time) / Decimal(due) if due else None
    figures = {
        "supervision_due": due,
        "supervision_on_time": total.on_time,
        "supervision_late": total.late,
        "supervision_missing": total.missing,
        "supervision_on_time_percent": vn_percent(share) if share is not None else "",
    }
    return figures, board


def discipline_figures(*, user, unit, first_day: date, as_of: date) -> dict:
    cases = cases_announced_between(user=user, first_day=first_day, last_day=as_of)
    cases = in_area(cases, "unit", area_paths(area(unit)))
    counted = list(cases.values_list("complaint_date", flat=True))
    return {
        "discipline_decisions": len(counted),
        "discipline_complaints": sum(1 for d in counted if d is not None and d <= as_of),
    }


def story_figures(*, user, unit, options) -> tuple[dict, dict]:
    as_of = options.get("as_of") or timezone.localdate()
    include = options.get("include_deputies")
    if include is None:
        include = RuleSettings.load().tenure_include_deputies
    rating_year = as_of.year - 1  # the last year whose classification is done by `as_of`
    weak, cards = weak_unit_figures(user=user, unit=unit, rating_year=rating_year)
    supervision, board = supervision_figures(user=user, unit=unit, as_of=as_of)
    first_day = date(int(board.stage_years[0]), 1, 1)
    figures = {
        "as_of": day(as_of),
        "include_deputies": bool(include),
        **tenure_figures(user=user, unit=unit, as_of=as_of, include_deputies=bool(include)),
        **rotation_figures(user=user, unit=unit, year=as_of.year),
        **weak,
        **supervision,
        "stage": f"{board.stage_years[0]}–{board.stage_years[1]}",
        **discipline_figures(user=user, unit=unit, first_day=first_day, as_of=as_of),
    }
    return figures, {"cards": cards, "board": board, "first_day": first_day}


COLUMNS = (
    ("unit", gettext_lazy("Unit helped")),
    ("lead", gettext_lazy("Lead body")),
    ("rating", gettext_lazy("Level in the rating year")),
)


def weak_rows(cards, rating_year: int):
    levels = dict(Level.choices)
    for card in cards:
        level = next((r.level for r in card.later_ratings if r.year == rating_year), None)
        yield {
            "unit": card.unit.name,
            "lead": "; ".join(h.helper.name for h in card.lead),
            "rating": str(levels.get(level, "")) if level else "",
        }


def build(*, user, unit=None, options) -> Content:
    f, read = story_figures(user=user, unit=unit, options=options)
    cards = read["cards"]
    levels = dict(Level.choices)
    tenure = (
        _(
            "The review of cadres holding the same post for more than two terms (deputies "
            "included), as of %(as_of)s, finds %(over)d cadres over two terms and "
            "%(approaching)d within a year of it."
        )
        if f["include_deputies"]
        else _(
            "The review of cadres holding the same post for more than two terms, as of "
            "%(as_of)s, finds %(over)d cadres over two terms and %(approaching)d within a "
            "year of it."
        )
    ) % {"as_of": f["as_of"], "over": f["tenure_over"], "approaching": f["tenure_approaching"]}
    rotation = _(
        "The term's rotation plans send %(cadres)d cadres to key posts in the communes, of "
        "whom %(secretaries)d as party secretaries and %(chairs)d as People's Committee chairs."
    ) % {
        "cadres": f["rotated_cadres"],
        "secretaries": f["rotated_to_party_secretary"],
        "chairs": f["rotated_to_chair"],
    }
    weak_names = ", ".join(c.unit.name for c in cards)
    lead_names = ", ".join(dict.fromkeys(h.helper.name for c in cards for h in c.lead))
    if cards:
        help_paragraphs = (
            _(
                "The survey of %(year)d found %(weak)d units weak: %(units)s; %(leads)d "
                "district bodies were assigned to lead their help: %(bodies)s."
            )
            % {
                "year": f["survey_year"],
                "weak": f["weak_units"],
                "units": weak_names,
                "leads": f["lead_bodies"],
                "bodies": lead_names,
            },
            _("In %(year)d, these units were rated:") % {"year": f["rating_year"]},
        )
        help_items = list_items(
            [
                _("%(n)d units “%(level)s”")
                % {"n": f[f"weak_rated_{level}"], "level": levels[level]}
                for level in Level.values
                if f[f"weak_rated_{level}"]
            ]
            + (
                [_("%(n)d units not yet rated") % {"n": f["weak_unrated"]}]
                if f["weak_unrated"]
                else []
            )
        )
    else:
        help_paragraphs, help_items = (_("No survey before then found a weak unit."),), ()
    supervision = _(
        "Under the %(scheme)s, from %(first)s to %(as_of)s, %(due)d quarterly reports of "
        "committee members fell due: %(on_time)d on time (%(percent)s), %(late)d late, "
        "%(missing)d missing."
    ) % {
        "scheme": read["board"].stage_rule,
        "first": day(read["first_day"]),
        "as_of": f["as_of"],
        "due": f["supervision_due"],
        "on_time": f["supervision_on_time"],
        "percent": f["supervision_on_time_percent"] or vn_percent(0),
        "late": f["supervision_late"],
        "missing": f["supervision_missing"],
    }
    discipline = (
        _(
            "From %(first)s to %(as_of)s, %(decisions)d discipline decisions were announced; "
            "none of them drew a complaint."
        )
        if not f["discipline_complaints"]
        else _(
            "From %(first)s to %(as_of)s, %(decisions)d discipline decisions were announced; "
            "%(complaints)d drew a complaint."
        )
    ) % {
        "first": day(read["first_day"]),
        "as_of": f["as_of"],
        "decisions": f["discipline_decisions"],
        "complaints": f["discipline_complaints"],
    }
    sections = (
        Section(
            _("I- RESULTS"),
            subsections=(
                Section(_("1. Cadres"), paragraphs=(tenure, rotation)),
                Section(
                    _("2. Help for the weak grassroots units"),
                    paragraphs=help_paragraphs,
                    items=help_items,
                ),
                Section(_("3. Regular supervision"), paragraphs=(supervision,)),
                Section(_("4. Discipline"), paragraphs=(discipline,)),
            ),
        ),
    )
    tables = ()
    if cards:
        tables = (
            Table(
                title=_("APPENDIX"),
                subtitle=_("units helped, their lead bodies and their level in %(year)d")
                % {"year": f["rating_year"]},
                columns=tuple((key, str(heading)) for key, heading in COLUMNS),
                rows=weak_rows(cards, f["rating_year"]),
            ),
        )
    return Content(
        kind="story",
        doc_type="BC",
        type_title=_("REPORT"),
        subject=_("results of the renewed leadership methods, as of %(as_of)s")
        % {"as_of": f["as_of"]},
        sections=sections,
        tables=tables,
        figures=f,
    )


KIND = DocumentKind(
    name="story",
    title=gettext_lazy("Results achieved"),
    doc_type="BC",
    options=("as_of", "include_deputies"),
    reads=(
        "people.Position",
        "rotation.RotationPlan",
        "rotation.Rotation",
        "assessment.Assessment",
        "assessment.Assistance",
        "ratings.Rating",
        "supervision.SupervisionReport",
        "discipline.DisciplineCase",
    ),
    build=build,
)
