"""activiteiten.schedules.rule and rrule_string: the dates a schedule gives, as RFC 5545
text that parses back to the same dates."""

import datetime

import pytest
from dateutil.rrule import rrulestr

from activiteiten import schedules
from activiteiten.models import Schedule
from tests.activiteiten.schedules.helpers import (
    AMS,
    FR,
    MO,
    TH,
    TU,
    WE,
    at,
    aware_dates,
    dates,
    make,
    t,
)


def test_every_two_weeks_on_several_days():
    schedule = make(interval=2, weekdays=[TH, TU], count=6)

    assert dates(schedule) == [
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 3),
        datetime.date(2026, 12, 15),
        datetime.date(2026, 12, 17),
        datetime.date(2026, 12, 29),
        datetime.date(2026, 12, 31),
    ]


def test_monthly_on_the_first_monday():
    schedule = make(
        frequency=Schedule.Frequency.MONTHLY,
        start_date=datetime.date(2027, 1, 1),
        weekdays=[MO],
        month_week=Schedule.MonthWeek.FIRST,
    )

    assert dates(schedule, 5) == [
        datetime.date(2027, 1, 4),
        datetime.date(2027, 2, 1),
        datetime.date(2027, 3, 1),
        datetime.date(2027, 4, 5),
        datetime.date(2027, 5, 3),
    ]
    assert schedules.first_start(schedule) == at(2027, 1, 4, 10)


def test_monthly_on_the_last_friday_every_two_months():
    last_friday = make(
        frequency=Schedule.Frequency.MONTHLY,
        start_date=datetime.date(2027, 1, 1),
        weekdays=[FR],
        month_week=Schedule.MonthWeek.LAST,
    )
    every_other = make(
        frequency=Schedule.Frequency.MONTHLY,
        start_date=datetime.date(2027, 1, 1),
        weekdays=[FR],
        month_week=Schedule.MonthWeek.LAST,
        interval=2,
    )

    assert dates(last_friday, 4) == [
        datetime.date(2027, 1, 29),
        datetime.date(2027, 2, 26),
        datetime.date(2027, 3, 26),
        datetime.date(2027, 4, 30),
    ]
    assert dates(every_other, 3) == [
        datetime.date(2027, 1, 29),
        datetime.date(2027, 3, 26),
        datetime.date(2027, 5, 28),
    ]


def test_a_one_off():
    schedule = make(
        frequency=Schedule.Frequency.ONCE, weekdays=[], start_date=datetime.date(2027, 1, 6)
    )

    assert dates(schedule) == [datetime.date(2027, 1, 6)]
    assert schedules.first_start(schedule) == at(2027, 1, 6, 10)


def test_until_is_inclusive():
    schedule = make(until=datetime.date(2026, 12, 15))

    assert dates(schedule) == [
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 8),
        datetime.date(2026, 12, 15),
    ]


def test_count_counts_real_dates_not_the_start_date():
    # 2 December 2026 is a Wednesday: the first of the four Tuesdays is 8 December.
    schedule = make(start_date=datetime.date(2026, 12, 2), count=4)

    assert dates(schedule) == [
        datetime.date(2026, 12, 8),
        datetime.date(2026, 12, 15),
        datetime.date(2026, 12, 22),
        datetime.date(2026, 12, 29),
    ]
    assert schedules.first_start(schedule) == at(2026, 12, 8, 10)


def test_duration_until_midnight():
    assert schedules.duration(make()) == datetime.timedelta(hours=2)
    assert schedules.duration(make(start_time=t("20:00"), end_time=t("00:00"))) == (
        datetime.timedelta(hours=4)
    )


# --- RRULE text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "FREQ=WEEKLY;BYDAY=TU"),
        (
            {"interval": 2, "weekdays": [TH, TU], "count": 6},
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=6",
        ),
        (
            {"frequency": "monthly", "weekdays": [MO], "month_week": 1},
            "FREQ=MONTHLY;BYDAY=1MO",
        ),
        (
            {"frequency": "monthly", "weekdays": [FR], "month_week": -1, "interval": 3},
            "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR",
        ),
        # 23:59:59 summer time on 30 June is 21:59:59 UTC, in winter it is 22:59:59 UTC.
        ({"until": datetime.date(2027, 6, 30)}, "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T215959Z"),
        ({"until": datetime.date(2027, 1, 26)}, "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270126T225959Z"),
        ({"frequency": "once", "weekdays": []}, ""),
    ],
)
def test_rrule_string(kwargs, expected):
    schedule = make(**kwargs)

    assert schedules.rrule_string(schedule) == expected
    assert schedule.rrule == expected


@pytest.mark.parametrize(
    "kwargs",
    [
        {"interval": 2, "weekdays": [TH, TU], "count": 6},
        {"weekdays": [MO, WE, FR], "until": datetime.date(2027, 4, 30)},
        {"start_date": datetime.date(2027, 1, 1), "frequency": "monthly", "weekdays": [MO], "month_week": 1, "count": 8},
        {"start_date": datetime.date(2027, 1, 1), "frequency": "monthly", "weekdays": [FR], "month_week": -1, "until": datetime.date(2027, 12, 31)},
        {"start_time": t("23:30"), "end_time": t("00:00"), "until": datetime.date(2027, 6, 29)},
    ],
)  # fmt: skip
def test_rrule_string_parses_back_to_the_same_dates(kwargs):
    schedule = make(**kwargs)
    dtstart = datetime.datetime.combine(schedule.start_date, schedule.start_time, tzinfo=AMS)

    parsed = list(rrulestr(schedules.rrule_string(schedule), dtstart=dtstart))

    assert parsed == aware_dates(schedule, 1000)
    assert len(parsed) > 2
