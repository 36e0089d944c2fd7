"""Checks on people and posts shared by the screens, the services and the importer."""

from datetime import date

from django.utils.translation import gettext as _

from dangbo.core.dates import vn_date_or_dash
from dangbo.core.errors import Problem
from dangbo.org.validation import check_period, check_within
from dangbo.people.models import Gender, Role
from dangbo.rules.dates import add_years

# Below any admission age the Party ever had: younger is a typing error, not history.
MIN_JOIN_AGE = 16

GENDER_WORDS = {"m": "M", "nam": "M", "f": "F", "nu": "F", "nữ": "F"}


def parse_gender(value: str) -> str | None:
    return GENDER_WORDS.get((value or "").strip().lower())


def check_person_dates(
    birth: date | None, joined: date | None, official: date | None, today: date
) -> list[Problem]:
    problems = []
    if birth and birth > today:
        problems.append(
            Problem("birth_date", _("The birth date is in the future."), birth.isoformat())
        )
    if birth and joined and joined < add_years(birth, MIN_JOIN_AGE):
        problems.append(
            Problem(
                "party_join_date",
                _("The party join date is before the person turned %(age)d.")
                % {"age": MIN_JOIN_AGE},
                joined.isoformat(),
            )
        )
    if official and not joined:
        problems.append(
            Problem("party_join_date", _("An official date needs the party join date."), "")
        )
    if joined and official and official < joined:
        problems.append(
            Problem(
                "party_official_date",
                _("The official date %(official)s is before the join date %(joined)s.")
                % {"official": vn_date_or_dash(official), "joined": vn_date_or_dash(joined)},
                official.isoformat(),
            )
        )
    return problems


def check_gender(value: str) -> list[Problem]:
    if value not in Gender.values:
        return [Problem("gender", _("Gender must be M/F (Nam/Nữ)."), value)]
    return []


def check_role(value: str) -> list[Problem]:
    if value not in Role.values:
        return [
            Problem(
                "role",
                _("Unknown role; use one of: %(roles)s.") % {"roles": ", ".join(Role.values)},
                value,
            )
        ]
    return []


def check_position_dates(
    start: date, end: date | None, unit_from: date | None, unit_to: date | None, unit_name: str
) -> list[Problem]:
    """A post lies within the life of its unit (INTERCHANGE.md)."""
    return check_period(start, end, "end_date") + check_within(
        start,
        end,
        unit_from,
        unit_to,
        what=lambda: _("The unit %(unit)s") % {"unit": unit_name},
        field="start_date",
    )
