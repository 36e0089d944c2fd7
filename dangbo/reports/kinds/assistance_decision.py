"""`assistance-decision` (QUYẾT ĐỊNH): the bodies assigned to lead and support the help of the
units a survey year found weak (RULES §3), as the weak-units board shows them.

Read through `dangbo.assessment.selectors.weak_unit_board`, the board's own selector: the same
units, helpers and findings as the screen, in the issuing committee's subtree.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dangbo.assessment.selectors import weak_unit_board
from dangbo.core.numbers import vn_decimal
from dangbo.reports.content import Content, DocumentKind, Section, Table
from dangbo.reports.kinds._common import area, area_paths, day, list_items, within
from dangbo.rules.assistance import deadline


def weak_cards(*, user, unit, year: int) -> list:
    """The board's cards of `year` (each weak unit with its lead and supporting bodies) for
    the units in the subtree the issuing `unit` covers."""
    paths = area_paths(area(unit))
    return [c for c in weak_unit_board(user=user, year=year) if within(c.unit.path, paths)]


def assistance_figures(cards) -> dict:
    return {
        "weak_units": len(cards),
        "with_one_lead": sum(1 for c in cards if len(c.lead) == 1 and not c.findings),
        "lead_bodies": len({h.helper_id for c in cards for h in c.lead}),
        "support_bodies": len({h.helper_id for c in cards for h in c.support}),
        "findings": sum(len(c.findings) for c in cards),
    }


COLUMNS = (
    ("unit", gettext_lazy("Unit helped")),
    ("score", gettext_lazy("Survey score")),
    ("lead", gettext_lazy("Lead body")),
    ("support", gettext_lazy("Supporting bodies")),
    ("period", gettext_lazy("Period of help")),
)


def _period(helps) -> str:
    starts = [h.start_date for h in helps]
    ends = [h.end_date for h in helps]
    if not starts:
        return ""
    end = "" if any(e is None for e in ends) else day(max(ends))
    return f"{day(min(starts))} – {end}" if end else day(min(starts))


def _score(value) -> str:
    return vn_decimal(value)


def card_rows(cards):
    for card in cards:
        yield {
            "unit": card.unit.name,
            "score": _score(card.assessment.score),
            "lead": "; ".join(h.helper.name for h in card.lead),
            "support": "; ".join(h.helper.name for h in card.support),
            "period": _period(card.lead or card.support),
        }


def build(*, user, unit=None, options) -> Content:
    year = int(options["year"])
    cards = weak_cards(user=user, unit=unit, year=year)
    figures = {"year": year, **assistance_figures(cards)}
    day_due = deadline(year)
    assigned = [
        _("%(unit)s: %(lead)s leads, %(support)s support")
        % {
            "unit": c.unit.name,
            "lead": ", ".join(h.helper.name for h in c.lead) or _("no lead body yet"),
            "support": ", ".join(h.helper.name for h in c.support) or _("no other body"),
        }
        for c in cards
    ]
    sections = [
        Section(
            "",
            paragraphs=(
                _(
                    "Having regard to the survey of %(year)d of the quality of the grassroots "
                    "political system, which found %(weak)d units weak;"
                )
                % {"year": year, "weak": figures["weak_units"]},
            ),
        ),
        Section(_("DECIDES:")),
        Section(
            _("Article 1."),
            paragraphs=(
                _(
                    "To assign %(leads)d district bodies to lead, and %(support)d bodies to "
                    "support, the help of the %(weak)d weak units (list attached):"
                )
                % {
                    "leads": figures["lead_bodies"],
                    "support": figures["support_bodies"],
                    "weak": figures["weak_units"],
                },
            ),
            items=list_items(assigned),
        ),
        Section(
            _("Article 2."),
            paragraphs=(
                _(
                    "The lead body makes the help plan with the unit, where it is weak, and "
                    "reports its progress every year; every weak unit has exactly one lead "
                    "body by %(deadline)s."
                )
                % {"deadline": day(day_due)},
                (
                    _("%(with_one_lead)d of the %(weak_units)d units have exactly one lead body.")
                    % figures
                ),
            ),
        ),
        Section(
            _("Article 3."),
            paragraphs=(
                _(
                    "The bodies named in Article 1 and the units helped carry out this "
                    "decision from the day it is signed."
                ),
            ),
        ),
    ]
    return Content(
        kind="assistance-decision",
        doc_type="QĐ",
        type_title=_("DECISION"),
        subject=_("on assigning district bodies to help the units found weak in %(year)d")
        % {"year": year},
        sections=tuple(sections),
        tables=(
            Table(
                title=_("LIST"),
                subtitle=_("units helped, their lead and supporting bodies"),
                columns=tuple((key, str(heading)) for key, heading in COLUMNS),
                rows=card_rows(cards),
                landscape=True,
            ),
        ),
        figures=figures,
    )


KIND = DocumentKind(
    name="assistance-decision",
    title=gettext_lazy("Decision on help for weak units"),
    doc_type="QĐ",
    options=("year",),
    reads=("assessment.Assessment", "assessment.Assistance"),
    build=build,
)
