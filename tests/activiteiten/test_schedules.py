"""Recurring schedules: dates, RRULE text, occurrences in local time, sentences."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.utils import timezone, translation

from activiteiten import schedules
from activiteiten.models import Activity, Schedule
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    ScheduleFactory,
)

AMS = ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC
MO, TU, WE, TH, FR, SA, SU = range(7)


def at(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMS)


def t(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def make(**kwargs) -> Schedule:
    """An unsaved schedule: weekly on Tuesday 10:00–12:00 from 1 December 2026 by default."""
    values = {
        "start_date": datetime.date(2026, 12, 1),
        "start_time": t("10:00"),
        "end_time": t("12:00"),
        "frequency": Schedule.Frequency.WEEKLY,
        "weekdays": [TU],
    }
    values.update(kwargs)
    return Schedule(**values)


def dates(schedule: Schedule, limit: int = 100) -> list[datetime.date]:
    return [moment.date() for moment in schedules.rule(schedule)[:limit]]


def aware_dates(schedule: Schedule, limit: int = 100) -> list[datetime.datetime]:
    """The rule's occurrences as aware local datetimes."""
    return [moment.replace(tzinfo=AMS) for moment in schedules.rule(schedule)[:limit]]


# --- Dates ----------------------------------------------------------------------------


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


# --- In words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "every week on Tuesday, 10:00–12:00"),
        ({"interval": 2, "weekdays": [TH, TU]}, "every 2 weeks on Tuesday and Thursday, 10:00–12:00"),
        ({"weekdays": [FR, MO, WE]}, "every week on Monday, Wednesday and Friday, 10:00–12:00"),
        ({"frequency": "monthly", "weekdays": [MO], "month_week": 1}, "every month on the first Monday, 10:00–12:00"),
        ({"frequency": "monthly", "weekdays": [FR], "month_week": -1, "interval": 2}, "every 2 months on the last Friday, 10:00–12:00"),
        ({"frequency": "once", "weekdays": [], "start_date": datetime.date(2027, 1, 6)}, "Jan. 6, 2027, 10:00–12:00"),
    ],
)  # fmt: skip
def test_describe_in_english(kwargs, expected):
    schedule = make(**kwargs)

    with translation.override("en"):
        assert schedules.describe(schedule) == expected
        assert str(schedule) == expected


def test_describe_in_dutch_uses_dutch_day_and_date_names():
    weekly = make(weekdays=[TU, TH])
    once = make(frequency="once", weekdays=[], start_date=datetime.date(2027, 1, 6))

    with translation.override("nl"):
        weekly_text = schedules.describe(weekly)
        once_text = schedules.describe(once)

    assert "dinsdag" in weekly_text
    assert "donderdag" in weekly_text
    assert weekly_text.endswith("10:00–12:00")
    assert once_text == "6 januari 2027, 10:00–12:00"


def test_a_series_that_ends_says_when():
    # Sundays 10:00–11:00 from 14 February 2027: ten of them, the last on 18 April.
    sundays = {"start_date": datetime.date(2027, 2, 14), "weekdays": [SU], "end_time": t("11:00")}
    until = make(**sundays, until=datetime.date(2027, 4, 18))
    counted = make(**sundays, count=10)
    once = make(frequency="once", weekdays=[], start_date=datetime.date(2027, 1, 6))

    with translation.override("en"):
        assert schedules.describe(until) == (
            "every week on Sunday, 10:00–11:00, until Sunday 18 April 2027"
        )
        assert schedules.describe(counted) == (
            "every week on Sunday, 10:00–11:00, 10 times, until Sunday 18 April 2027"
        )
        assert schedules.describe(make(count=1)) == (
            "every week on Tuesday, 10:00–12:00, 1 time, until Tuesday 1 December 2026"
        )
        assert until.repeats == "every week on Sunday, until Sunday 18 April 2027"
        assert once.repeats == ""
    with translation.override("nl"):
        assert schedules.describe(until) == (
            "elke week op zondag, 10:00–11:00, t/m zondag 18 april 2027"
        )
        assert schedules.describe(counted) == (
            "elke week op zondag, 10:00–11:00, 10 keer, t/m zondag 18 april 2027"
        )
        assert str(counted) == schedules.describe(counted)
        assert counted.repeats == "elke week op zondag, 10 keer, t/m zondag 18 april 2027"


@pytest.mark.django_db
def test_a_saved_series_reads_its_stored_last_date(django_assert_num_queries):
    schedule = ScheduleFactory(
        start_date=datetime.date(2027, 2, 14), weekdays=[SU], count=10, end_time=t("11:00")
    )
    schedule = Schedule.objects.get(pk=schedule.pk)
    assert schedule.last_date == datetime.date(2027, 4, 18)
    with translation.override("nl"), django_assert_num_queries(0):
        assert schedules.describe(schedule).endswith("10 keer, t/m zondag 18 april 2027")


# --- Occurrences -----------------------------------------------------------------------


@pytest.mark.django_db
def test_occurrences_in_a_window_and_a_cancelled_date():
    schedule = ScheduleFactory()  # Tuesdays 10:00–12:00 from 1 December 2026
    activity = schedule.activity
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 8), reason="Zaal bezet")
    start, end = at(2026, 12, 1), at(2026, 12, 22)

    default = Activity.objects.filter(pk=activity.pk).occurrences(start, end)
    with_cancelled = Activity.objects.filter(pk=activity.pk).occurrences(
        start, end, include_cancelled=True
    )

    assert [o.start for o in default] == [at(2026, 12, 1, 10), at(2026, 12, 15, 10)]
    assert all(not o.cancelled for o in default)
    assert [(o.date, o.cancelled) for o in with_cancelled] == [
        (datetime.date(2026, 12, 1), False),
        (datetime.date(2026, 12, 8), True),
        (datetime.date(2026, 12, 15), False),
    ]
    assert with_cancelled[1].cancellation_reason == "Zaal bezet"
    assert with_cancelled[0].end == at(2026, 12, 1, 12)
    assert with_cancelled[0].activity == activity
    assert with_cancelled[0].schedule == schedule
    # An activity's own page lists its cancelled dates too.
    assert [o.cancelled for o in activity.occurrences(start, end)] == [False, True, False]


@pytest.mark.django_db
def test_a_day_the_place_is_closed_does_not_go_ahead_and_says_why():
    """Christmas Day 2026 (a Friday) and a closed day of the place's own."""
    place = LocationFactory()  # closed on public holidays, the default
    OpeningExceptionFactory(location=place, start_date=datetime.date(2027, 1, 8), reason="")
    schedule = ScheduleFactory(
        activity=ActivityFactory(title="Samen eten", location=place),
        start_date=datetime.date(2026, 12, 18),
        weekdays=[FR],
        start_time=t("12:00"),
        end_time=t("13:30"),
    )
    activities = Activity.objects.filter(pk=schedule.activity_id)
    start, end = at(2026, 12, 18), at(2027, 1, 9)

    going_ahead = activities.occurrences(start, end)
    every_date = activities.occurrences(start, end, include_cancelled=True)

    assert [o.date for o in going_ahead] == [datetime.date(2026, 12, 18)]
    assert [(o.date, o.place_closed, o.closure_reason) for o in every_date] == [
        (datetime.date(2026, 12, 18), False, ""),
        (datetime.date(2026, 12, 25), True, "Eerste kerstdag"),
        (datetime.date(2027, 1, 1), True, "Nieuwjaarsdag"),
        (datetime.date(2027, 1, 8), True, ""),  # an exception without a reason
    ]
    christmas = every_date[1]
    assert not christmas.cancelled  # kept apart from the organiser's own cancelled dates
    assert not christmas.goes_ahead
    with translation.override("nl"):
        assert christmas.closure_text == "Gaat niet door: de plek is dicht (Eerste kerstdag)"
        assert every_date[3].closure_text == "Gaat niet door: de plek is dicht"
    with translation.override("en"):
        assert christmas.closure_text == "Not going ahead: the place is closed (Eerste kerstdag)"
    assert every_date[0].closure_text == ""


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start_date", "switch", "before", "after"),
    [
        (datetime.date(2027, 3, 21), datetime.date(2027, 3, 28), 1, 2),
        (datetime.date(2026, 10, 18), datetime.date(2026, 10, 25), 2, 1),
    ],
)
def test_occurrences_keep_wall_clock_time_over_dst(start_date, switch, before, after):
    schedule = ScheduleFactory(start_date=start_date, weekdays=[SU], count=2)

    found = schedule.activity.occurrences(
        datetime.datetime.combine(start_date, t("00:00"), tzinfo=AMS),
        datetime.datetime.combine(switch, t("23:00"), tzinfo=AMS),
    )

    assert [o.start.date() for o in found] == [start_date, switch]
    assert [f"{o.start:%H:%M}–{o.end:%H:%M}" for o in found] == ["10:00–12:00"] * 2
    assert [o.start.utcoffset() for o in found] == [
        datetime.timedelta(hours=before),
        datetime.timedelta(hours=after),
    ]
    assert [o.start.astimezone(UTC).hour for o in found] == [10 - before, 10 - after]


@pytest.mark.django_db
def test_an_occurrence_running_into_the_window_is_included():
    schedule = ScheduleFactory(frequency="once", weekdays=[], start_date=datetime.date(2026, 12, 1))
    activity = Activity.objects.filter(pk=schedule.activity_id)

    def found(start, end):
        return [o.start for o in activity.occurrences(start, end)]

    assert found(at(2026, 12, 1, 11), at(2026, 12, 1, 18)) == [at(2026, 12, 1, 10)]
    assert found(at(2026, 12, 1, 8), at(2026, 12, 1, 10, 1)) == [at(2026, 12, 1, 10)]
    assert found(at(2026, 12, 1, 12), at(2026, 12, 1, 18)) == []  # ended as the window starts
    assert found(at(2026, 12, 1, 8), at(2026, 12, 1, 10)) == []  # the window ends as it starts


@pytest.mark.django_db
def test_an_evening_until_midnight_runs_into_the_next_day_window():
    schedule = ScheduleFactory(
        start_time=t("21:00"), end_time=t("00:00"), until=datetime.date(2026, 12, 1)
    )
    activity = Activity.objects.filter(pk=schedule.activity_id)

    late = activity.occurrences(at(2026, 12, 1, 23), at(2026, 12, 2, 6))

    assert [(o.start, o.end) for o in late] == [(at(2026, 12, 1, 21), at(2026, 12, 2, 0))]
    assert activity.occurrences(at(2026, 12, 2, 0), at(2026, 12, 2, 6)) == []


@pytest.mark.django_db
def test_a_window_given_in_utc_finds_the_same_occurrences():
    # Wednesday 6 January 2027, 00:00–01:00: the window's end in UTC is still 5 January.
    schedule = ScheduleFactory(
        frequency="once",
        weekdays=[],
        start_date=datetime.date(2027, 1, 6),
        start_time=t("00:00"),
        end_time=t("01:00"),
    )
    activity = Activity.objects.filter(pk=schedule.activity_id)
    start = datetime.datetime(2027, 1, 5, 22, 0, tzinfo=UTC)
    end = datetime.datetime(2027, 1, 5, 23, 30, tzinfo=UTC)

    found = activity.occurrences(start, end)

    assert [o.start for o in found] == [at(2027, 1, 6, 0, 0)]


@pytest.mark.django_db
@time_machine.travel(at(2026, 12, 7, 9, 0), tick=False)
def test_published_occurrences_this_week_in_time_order(django_assert_max_num_queries):
    place, hidden_place = LocationFactory(), LocationFactory(published=False)
    late = ScheduleFactory(
        activity=ActivityFactory(title="Avondwandeling", location=place),
        weekdays=[MO, WE],
        start_time=t("19:00"),
        end_time=t("20:30"),
    )
    early = ScheduleFactory(
        activity=ActivityFactory(title="Koffie", location=place), weekdays=[TU, WE]
    )
    ScheduleFactory(activity=ActivityFactory(title="Concept", status=Activity.Status.DRAFT))
    ScheduleFactory(activity=ActivityFactory(title="Afgelast", status=Activity.Status.CANCELLED))
    ScheduleFactory(activity=ActivityFactory(title="Verborgen plek", location=hidden_place))
    ScheduleFactory(
        activity=ActivityFactory(title="Voorbij", location=place), until=datetime.date(2026, 12, 6)
    )
    ScheduleFactory(
        activity=ActivityFactory(title="Later", location=place),
        start_date=datetime.date(2027, 1, 1),
    )
    now = timezone.now()

    # The activities, then their schedules, cancellations, themes, target groups and the
    # places' exceptions.
    with django_assert_max_num_queries(6):
        found = Activity.objects.published().occurrences(now, now + datetime.timedelta(days=7))

    assert [(o.activity.title, o.start) for o in found] == [
        ("Avondwandeling", at(2026, 12, 7, 19)),
        ("Koffie", at(2026, 12, 8, 10)),
        ("Koffie", at(2026, 12, 9, 10)),
        ("Avondwandeling", at(2026, 12, 9, 19)),
    ]
    assert {o.schedule for o in found} == {late, early}


@pytest.mark.django_db
def test_occurrences_of_fifty_activities_take_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    place = LocationFactory()
    for n in range(50):
        schedule = ScheduleFactory(
            activity=ActivityFactory(location=place),
            weekdays=[n % 7],
            start_time=datetime.time(8 + n % 10, 0),
            end_time=datetime.time(9 + n % 10, 30),
        )
        CancellationFactory(activity=schedule.activity, date=datetime.date(2026, 12, 8))
    start, end = at(2026, 12, 7), at(2026, 12, 21)

    with django_assert_max_num_queries(6):
        found = Activity.objects.published().occurrences(start, end)
        for occurrence in found:
            # What an agenda line shows.
            str(occurrence.activity.location.cluster)
            str(occurrence.activity.organiser)
            list(occurrence.activity.themes.all())
            list(occurrence.activity.target_groups.all())

    assert len(found) == 50 * 2 - sum(1 for n in range(50) if n % 7 == TU)
    assert [o.start for o in found] == sorted(o.start for o in found)


@pytest.mark.parametrize(
    ("moment", "part"),
    [
        (datetime.time(0, 0), schedules.PartOfDay.MORNING),
        (datetime.time(11, 59), schedules.PartOfDay.MORNING),
        (datetime.time(12, 0), schedules.PartOfDay.AFTERNOON),
        (datetime.time(16, 59), schedules.PartOfDay.AFTERNOON),
        (datetime.time(17, 0), schedules.PartOfDay.EVENING),
        (datetime.time(23, 30), schedules.PartOfDay.EVENING),
    ],
)
def test_part_of_day(moment, part):
    assert schedules.part_of_day(moment) == part
