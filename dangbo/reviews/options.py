"""The options reviews take, each defined once for the command line and the screen."""

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dangbo.core.dates import parse_user_date
from dangbo.core.views import DayField
from dangbo.rules.supervision import parse_period


def _period(text: str) -> str:
    try:
        parse_period(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            gettext("%(value)s is not a quarter; write YYYYQn, e.g. 2019Q1.") % {"value": text}
        ) from None
    return text


class PeriodField(forms.CharField):
    def clean(self, value):
        value = super().clean(value).strip().upper()
        try:
            parse_period(value)
        except ValueError:
            raise forms.ValidationError(_("Write the quarter as YYYYQn, e.g. 2019Q1.")) from None
        return value


def _this_quarter() -> str:
    today = timezone.localdate()
    return f"{today.year}Q{(today.month - 1) // 3 + 1}"


@dataclass(frozen=True)
class Option:
    flag: str
    add: Callable  # add(parser, flag)
    field: Callable[[], forms.Field]
    initial: Callable[[], object] = lambda: None


OPTIONS = {
    "as_of": Option(
        "--as-of",
        lambda p, flag: p.add_argument(
            flag,
            dest="as_of",
            required=True,
            type=parse_user_date,
            help=_("review date (YYYY-MM-DD)"),
        ),
        lambda: DayField(label=_("As of")),
        timezone.localdate,
    ),
    "year": Option(
        "--year",
        lambda p, flag: p.add_argument(flag, required=True, type=int, help=_("the year (YYYY)")),
        lambda: forms.IntegerField(label=_("Year"), min_value=1930, max_value=2100),
        lambda: timezone.localdate().year - 1,
    ),
    "period": Option(
        "--period",
        lambda p, flag: p.add_argument(
            flag, required=True, type=_period, help=_("the quarter, YYYYQn (e.g. 2019Q1)")
        ),
        lambda: PeriodField(label=_("Quarter (YYYYQn)"), max_length=6),
        _this_quarter,
    ),
    "include_deputies": Option(
        "--include-deputies",
        lambda p, flag: p.add_argument(
            flag,
            dest="include_deputies",
            action="store_true",
            help=_("review deputies too (Tân Kỳ practice)"),
        ),
        lambda: forms.BooleanField(label=_("Include deputies"), required=False),
        lambda: False,
    ),
}


def add_arguments(parser, names) -> None:
    for name in names:
        OPTIONS[name].add(parser, OPTIONS[name].flag)


def form_class(names) -> type[forms.Form]:
    return type("ReviewForm", (forms.Form,), {name: OPTIONS[name].field() for name in names})


def initial(names) -> dict:
    return {name: OPTIONS[name].initial() for name in names}
