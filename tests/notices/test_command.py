"""`dangbo schedule`: bad input is told in Vietnamese and changes nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dangbo.notices.models import Notice, ScheduleDay


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "20/09/2019"], "không hợp lệ"),
        (["--date", "2019-02-30"], "không hợp lệ"),
        (["--every", "0"], "--every cần một số giây"),
        (["--catch-up", "0"], "--catch-up cần một số ngày"),
    ],
)
def test_bad_arguments_are_refused(db, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("schedule", *args, stdout=StringIO())
    assert not ScheduleDay.objects.exists() and not Notice.objects.exists()


def test_a_run_prints_each_day_it_covered(office):
    out = StringIO()
    call_command("schedule", "--date", "2019-09-18", stdout=out)
    call_command("schedule", "--date", "2019-09-20", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("18/09/2019: ") and "Sắp đến hạn báo cáo giám sát: 1" in lines[0]
    assert lines[1:] == ["19/09/2019: không có gì mới", "20/09/2019: không có gì mới"]
