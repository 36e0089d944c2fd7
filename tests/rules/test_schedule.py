"""The daily schedule's days (issue 11): reminders, overdue, milestones, lists, catch-up."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.rules import schedule as rules
from dangbo.rules.dates import add_months, full_months
from dangbo.rules.supervision import due_date, period_of
from dangbo.rules.tenure import Holding, review_tenure

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def test_reminder_and_overdue_days_of_2019q3():
    due = due_date("2019Q3")
    assert due == date(2019, 9, 25)
    assert rules.reminder_day(due) == date(2019, 9, 18)
    assert rules.overdue_day(due) == date(2019, 9, 26)
    assert rules.reminder_period(date(2019, 9, 17)) is None
    assert rules.reminder_period(date(2019, 9, 18)) == "2019Q3"
    assert rules.reminder_period(date(2019, 9, 25)) == "2019Q3"
    assert rules.reminder_period(date(2019, 9, 26)) is None
    assert rules.overdue_period(date(2019, 9, 25)) == "2019Q2"
    assert rules.overdue_period(date(2019, 9, 26)) == "2019Q3"
    assert rules.overdue_period(date(2019, 12, 25)) == "2019Q3"
    assert rules.overdue_period(date(2019, 12, 26)) == "2019Q4"


def test_a_reminder_period_can_reach_into_the_next_quarter():
    # Due on 1 March 2021 with 60 days' notice: the reminders start on 31 December 2020.
    assert rules.reminder_period(date(2020, 12, 30), report_day=1, days_before=60) is None
    assert rules.reminder_period(date(2020, 12, 31), report_day=1, days_before=60) == "2021Q1"
    assert rules.reminder_period(date(2020, 2, 25), report_day=1, days_before=7) == "2020Q1"


@pytest.mark.parametrize("days_before", [-1, rules.MAX_REMINDER_DAYS + 1])
def test_a_reminder_setting_out_of_range_is_refused(days_before):
    with pytest.raises(ValueError):
        rules.reminder_day(date(2019, 9, 25), days_before)


@given(day=days, report_day=st.integers(1, 31), days_before=st.integers(0, 60))
def test_reminders_are_due_exactly_from_n_days_before_to_the_due_date(day, report_day, days_before):
    period = rules.reminder_period(day, report_day, days_before)
    candidates = {period_of(day), rules.next_period(period_of(day))}
    inside = [
        p
        for p in candidates
        if due_date(p, report_day) - timedelta(days=days_before) <= day <= due_date(p, report_day)
    ]
    assert (period is None) == (not inside)
    if period is not None:
        assert period in inside


@given(day=days, report_day=st.integers(1, 31))
def test_overdue_is_the_latest_period_due_before_the_day(day, report_day):
    period = rules.overdue_period(day, report_day)
    assert due_date(period, report_day) < day
    assert due_date(rules.next_period(period), report_day) >= day


@given(ends=days, months=st.integers(1, 12))
def test_evaluation_notice_starts_on_the_first_day_within_the_horizon(ends, months):
    first = rules.evaluation_notice_from(ends, months)
    assert add_months(first, months) >= ends
    assert add_months(first - timedelta(days=1), months) < ends


def test_rotations_within_three_months_of_their_end():
    start, ends = date(2017, 1, 1), date(2020, 1, 1)
    assert rules.evaluation_notice_from(ends) == date(2019, 10, 1)
    assert not rules.rotation_notice_due(start, ends, date(2019, 9, 30))
    assert rules.rotation_notice_due(start, ends, date(2019, 10, 1))
    assert rules.rotation_notice_due(start, ends, ends)
    assert not rules.rotation_notice_due(start, ends, ends + timedelta(days=1))
    # Month ends: 30 November and 31 November (clamped) both end on 28/29 February.
    assert rules.evaluation_notice_from(date(2021, 2, 28)) == date(2020, 11, 28)


def test_tenure_milestones_at_84_and_96_months():
    since = date(2011, 9, 20)
    assert rules.tenure_milestone(since, 83, date(2018, 9, 19)) is None
    assert rules.tenure_milestone(since, 84, date(2018, 9, 20)) == (84, date(2018, 9, 20))
    assert rules.tenure_milestone(since, 96, date(2019, 9, 20)) == (96, date(2019, 9, 20))
    last = date(2019, 9, 20) + timedelta(days=rules.GRACE_DAYS - 1)
    assert rules.tenure_milestone(since, 96, last) == (96, date(2019, 9, 20))
    assert rules.tenure_milestone(since, 96, last + timedelta(days=1)) is None


holdings = st.lists(
    st.builds(
        lambda start, length, open_: (start, None if open_ else start + timedelta(days=length)),
        st.dates(min_value=date(2008, 1, 1), max_value=date(2012, 12, 31)),
        st.integers(0, 2000),
        st.booleans(),
    ),
    min_size=1,
    max_size=3,
)


@given(spans=holdings, day=st.dates(min_value=date(2015, 1, 1), max_value=date(2021, 12, 31)))
def test_a_milestone_is_noticed_while_the_review_reports_it_in_its_grace(spans, day):
    """The schedule reads the tenure review (RULES §1) as of the day: a tenure is noticed for
    a milestone exactly when the review reports it at or past that milestone, the milestone
    falling in the month before the day."""
    posts = [Holding("P1", "U1", "head", start, end) for start, end in spans]
    for finding in review_tenure(posts, day):
        noticed = rules.tenure_milestone(finding.since, finding.months, day)
        assert finding.months == full_months(finding.since, day)
        reached = 96 if finding.months >= 96 else 84
        occasion = add_months(finding.since, reached)
        expected = (reached, occasion) if occasion <= day < occasion + timedelta(31) else None
        assert noticed == expected


def test_half_year_lists_on_1_january_and_1_july():
    assert rules.half_year_list(date(2020, 1, 1)) == (2019, "H2", date(2020, 1, 1))
    assert rules.half_year_list(date(2020, 7, 1)) == (2020, "H1", date(2020, 7, 1))
    assert rules.half_year_list(date(2020, 7, 31)) == (2020, "H1", date(2020, 7, 1))
    assert rules.half_year_list(date(2020, 8, 1)) is None
    assert rules.half_year_list(date(2020, 6, 30)) is None


@given(day=days)
def test_a_list_is_due_only_in_the_month_after_a_half_year(day):
    due = rules.half_year_list(day)
    if due is None:
        assert day.month not in (1, 7) or day.day > rules.GRACE_DAYS
    else:
        year, period, occasion = due
        assert occasion.day == 1 and occasion.month in (1, 7)
        assert (period == "H1") == (occasion.month == 7)
        assert year == (occasion.year if period == "H1" else occasion.year - 1)


def test_days_to_run():
    d = date(2019, 9, 26)
    assert rules.days_to_run(None, d) == [d]
    assert rules.days_to_run(d, d) == [d]
    assert rules.days_to_run(date(2019, 9, 30), d) == [d]
    assert rules.days_to_run(date(2019, 9, 20), d) == [date(2019, 9, 21 + n) for n in range(6)]
    assert rules.days_to_run(date(2010, 1, 1), d, cap=3) == [
        date(2019, 9, 24),
        date(2019, 9, 25),
        d,
    ]


@given(last=st.none() | days, day=days, cap=st.integers(1, 400))
def test_catch_up_covers_every_day_since_the_last_one_up_to_the_cap(last, day, cap):
    run = rules.days_to_run(last, day, cap)
    assert run[-1] == day
    assert run == sorted(set(run))
    assert all(b - a == timedelta(days=1) for a, b in zip(run, run[1:], strict=False))
    assert len(run) <= cap
    if last is not None and last < day:
        assert run[0] == max(last + timedelta(days=1), day - timedelta(days=cap - 1))
