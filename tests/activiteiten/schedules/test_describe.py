"""activiteiten.schedules.describe: a schedule in words, in English and in Dutch; and the
part of the day a time falls in."""

import datetime

import pytest
from django.utils import translation

from activiteiten import schedules
from activiteiten.models import Schedule
from tests.activiteiten.schedules.helpers import FR, MO, SU, TH, TU, WE, make, t
from tests.factories import ScheduleFactory


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


def test_the_words_of_a_rule_are_kept_per_language():
    """describe() keeps the words of each rule it has said; in each language apart."""
    a, b = (
        make(weekdays=[TU, TH]),
        make(weekdays=[TH, TU], start_time=t("14:00"), end_time=t("16:00")),
    )
    said = []
    for language in ("nl", "en", "nl", "en"):
        with translation.override(language):
            said.append((schedules.describe(a), schedules.describe(b)))
    assert (
        said[0]
        == said[2]
        == (
            "elke week op dinsdag en donderdag, 10:00–12:00",
            "elke week op dinsdag en donderdag, 14:00–16:00",
        )
    )
    assert said[1] == said[3]
    assert said[1][0] == "every week on Tuesday and Thursday, 10:00–12:00"


@pytest.mark.django_db
def test_a_saved_series_reads_its_stored_last_date(django_assert_num_queries):
    schedule = ScheduleFactory(
        start_date=datetime.date(2027, 2, 14), weekdays=[SU], count=10, end_time=t("11:00")
    )
    schedule = Schedule.objects.get(pk=schedule.pk)
    assert schedule.last_date == datetime.date(2027, 4, 18)
    with translation.override("nl"), django_assert_num_queries(0):
        assert schedules.describe(schedule).endswith("10 keer, t/m zondag 18 april 2027")


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
