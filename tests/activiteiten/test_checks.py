"""The warnings' checks: outside the opening hours, overlapping in the same room, real dates."""

import datetime

import pytest
from django.utils import timezone

from activiteiten import checks
from activiteiten.models import Activity
from locaties.models import Location, OpeningException
from tests.factories import (
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db

# Tuesdays 1 … 29 December 2026 (the ScheduleFactory's Tuesdays).
START = timezone.make_aware(datetime.datetime(2026, 12, 1))
END = timezone.make_aware(datetime.datetime(2026, 12, 31))
TUESDAYS = [datetime.date(2026, 12, day) for day in (1, 8, 15, 22, 29)]


def occurrences_of(activity):
    return Activity.objects.filter(pk=activity.pk).occurrences(START, END, include_cancelled=True)


def place_with_hours(**hours):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1, **hours)
    return Location.objects.with_hours().get(pk=place.pk)


def test_inside_the_opening_hours_is_fine():
    place = place_with_hours()  # Tuesday 08:30–20:00
    schedule = ScheduleFactory(activity__location=place)
    assert checks.outside_opening_hours(occurrences_of(schedule.activity), place) == []


def test_an_activity_running_past_closing_time_is_outside():
    place = place_with_hours(closes=datetime.time(11))
    schedule = ScheduleFactory(activity__location=place)  # 10:00–12:00
    outside = checks.outside_opening_hours(occurrences_of(schedule.activity), place)
    assert [o.date for o in outside] == TUESDAYS


def test_touching_intervals_count_as_one_opening():
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1, opens=datetime.time(8), closes=datetime.time(11))
    OpeningHoursFactory(
        location=place, weekday=1, opens=datetime.time(11), closes=datetime.time(13)
    )
    place = Location.objects.with_hours().get(pk=place.pk)
    schedule = ScheduleFactory(activity__location=place)
    assert checks.outside_opening_hours(occurrences_of(schedule.activity), place) == []


def test_an_evening_until_midnight_fits_hours_until_midnight():
    place = place_with_hours(opens=datetime.time(18), closes=datetime.time(0))
    schedule = ScheduleFactory(
        activity__location=place, start_time=datetime.time(20), end_time=datetime.time(0)
    )
    assert checks.outside_opening_hours(occurrences_of(schedule.activity), place) == []


def test_exceptions_and_cancelled_dates_count():
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1)
    OpeningExceptionFactory(
        location=place,
        start_date=datetime.date(2026, 12, 8),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=datetime.time(13),
        closes=datetime.time(17),
    )
    OpeningExceptionFactory(location=place, start_date=datetime.date(2026, 12, 15))  # closed
    OpeningExceptionFactory(location=place, start_date=datetime.date(2026, 12, 22))  # closed
    place = Location.objects.with_hours().get(pk=place.pk)
    schedule = ScheduleFactory(activity__location=place)
    CancellationFactory(activity=schedule.activity, date=datetime.date(2026, 12, 22))

    found = occurrences_of(schedule.activity)
    outside = checks.outside_opening_hours(found, place)

    # The 8th: open 13:00–17:00 only, the activity is at 10:00. The 15th: the place is
    # closed, so the date does not go ahead (a thing of its own, not "outside the hours").
    # The 22nd: closed too, and the activity is cancelled.
    assert [o.date for o in outside] == [datetime.date(2026, 12, 8)]
    assert [o.date for o in found if not o.goes_ahead] == [
        datetime.date(2026, 12, 15),
        datetime.date(2026, 12, 22),
    ]


def test_a_place_without_any_hours_is_not_checked():
    place = Location.objects.with_hours().get(pk=LocationFactory().pk)
    schedule = ScheduleFactory(activity__location=place)
    assert checks.outside_opening_hours(occurrences_of(schedule.activity), place) == []


def test_the_check_reads_only_prefetched_data(django_assert_num_queries):
    place = place_with_hours(closes=datetime.time(11))
    found = occurrences_of(ScheduleFactory(activity__location=place).activity)
    with django_assert_num_queries(0):
        assert len(checks.outside_opening_hours(found, place)) == 5


@pytest.mark.parametrize(
    ("room", "other_room", "same"),
    [
        ("", "", True),
        ("Zaal 1", "", True),
        ("", "Keuken", True),
        ("Zaal 1", " zaal  1 ", True),
        ("Zaal 1", "Zaal 2", False),
    ],
)
def test_rooms(room, other_room, same):
    assert checks.same_space(room, other_room) is same


def test_overlapping_activities_in_the_same_room():
    place = LocationFactory()
    mine = ScheduleFactory(activity__location=place, activity__room="Zaal 1").activity
    # 11:00–13:00 on Tuesdays overlaps 10:00–12:00; 12:00–13:00 only touches it.
    clash = ScheduleFactory(
        activity__location=place,
        activity__room="zaal 1",
        start_time=datetime.time(11),
        end_time=datetime.time(13),
        count=2,
    ).activity
    ScheduleFactory(
        activity__location=place, start_time=datetime.time(12), end_time=datetime.time(13)
    )
    ScheduleFactory(activity__location=place, activity__room="Zaal 2")
    CancellationFactory(activity=mine, date=datetime.date(2026, 12, 1))

    others = Activity.objects.exclude(pk=mine.pk).occurrences(START, END)
    pairs = checks.overlapping(occurrences_of(mine), others)

    # 1 December is cancelled; the clash runs twice (1 and 8 December).
    assert [(own.date, other.activity) for own, other in pairs] == [
        (datetime.date(2026, 12, 8), clash)
    ]


def test_occurs_on():
    weekly = ScheduleFactory.build(count=3)  # Tuesdays 1, 8, 15 December
    once = ScheduleFactory.build(
        frequency="once", weekdays=[], start_date=datetime.date(2026, 12, 24)
    )
    assert checks.occurs_on([weekly], datetime.date(2026, 12, 8))
    assert not checks.occurs_on([weekly], datetime.date(2026, 12, 22))
    assert not checks.occurs_on([weekly], datetime.date(2026, 12, 9))
    assert checks.occurs_on([weekly, once], datetime.date(2026, 12, 24))
    assert not checks.occurs_on([], datetime.date(2026, 12, 8))
