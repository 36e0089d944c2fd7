"""The daily schedule as a real process killed with SIGKILL half-way through a catch-up, on
the Tân Kỳ demo: the next run does the rest, and the effects equal those of a run that was
never killed (each day is one transaction: dangbo/notices/services.py)."""

from tests.worker.conftest import kill_with_children, wait_for

FIRST_DAY = "2018-10-01"  # the first run: that day alone
LAST_DAY = "2019-09-30"  # a catch-up over a year: reminders, overdue reports, lists, tenures


def test_a_schedule_killed_half_way_leaves_whole_days_and_the_next_run_does_the_rest(
    new_site,
):
    demo = new_site()
    demo.run_command("demo", "--no-serve")
    demo.run_command("schedule", "--date", FIRST_DAY)
    assert demo.count("notices_scheduleday") == 1
    killed, whole = new_site(copy_of=demo), new_site(copy_of=demo)

    whole.run_command("schedule", "--date", LAST_DAY)
    expected = whole.do("schedule_state")
    assert len(expected["days"]) == 365
    assert expected["notices"] and expected["expiries"] and expected["lists"]

    running = killed.start("schedule", "--date", LAST_DAY)
    wait_for(lambda: killed.count("notices_scheduleday") > 100, "a hundred days to be run")
    # Killed while it writes a day's effects, not between two days.
    wait_for(killed.writing, "the schedule to write", every=0)
    kill_with_children(running.pid)
    running.wait()
    cut = killed.do("schedule_state")
    assert 100 < len(cut["days"]) < 365  # killed half-way, in the middle of some day
    # What it left is whole days: the days' counts add up to what is recorded, and all of it
    # is what the run that was never killed recorded too.
    counts = [counts for _day, counts in cut["days"]]
    assert sum(sum(c["notices"].values()) for c in counts) == len(cut["notices"])
    assert sum(c["expiries"] for c in counts) == len(cut["expiries"])
    assert all(notice in expected["notices"] for notice in cut["notices"])
    assert len(cut["notices"]) < len(expected["notices"])

    killed.run_command("schedule", "--date", LAST_DAY)
    assert killed.do("schedule_state") == expected
