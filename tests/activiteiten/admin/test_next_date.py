"""The change list's next date: cancelled dates, ended schedules and closed days skipped."""

import datetime

import pytest

from activiteiten.models import Activity
from activiteiten.schedules import next_date
from tests.factories import (
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


def test_next_date_skips_cancelled_days():
    # Tuesdays from 1 December 2026; 8 December is cancelled.
    activity = CancellationFactory(date=datetime.date(2026, 12, 8)).activity
    ScheduleFactory(activity=activity)
    ScheduleFactory(activity=activity, weekdays=[4], count=2)  # Fridays 4 and 11 December
    activity = Activity.objects.prefetch_related("schedules", "cancellations").get()

    assert next_date(activity, datetime.date(2026, 11, 1)) == datetime.date(2026, 12, 1)
    assert next_date(activity, datetime.date(2026, 12, 5)) == datetime.date(2026, 12, 11)
    assert next_date(activity, datetime.date(2026, 12, 12)) == datetime.date(2026, 12, 15)


def test_next_date_is_empty_when_the_schedule_has_ended():
    schedule = ScheduleFactory(until=datetime.date(2026, 12, 31))
    activity = Activity.objects.prefetch_related("schedules", "cancellations").get()
    assert next_date(activity, datetime.date(2027, 1, 1)) is None
    assert schedule.activity == activity


def test_next_date_skips_the_days_the_place_is_closed():
    place = LocationFactory()
    OpeningExceptionFactory(location=place, start_date=datetime.date(2027, 1, 8))
    ScheduleFactory(activity__location=place, weekdays=[4])  # Fridays from 4 December 2026
    activity = Activity.objects.prefetch_related(
        "schedules", "cancellations", "location__exceptions"
    ).get()

    # Christmas Day, New Year's Day and the closed 8 January are passed over.
    assert next_date(activity, datetime.date(2026, 12, 22)) == datetime.date(2027, 1, 15)


def test_next_date_stops_looking_at_a_place_closed_for_years():
    from activiteiten.schedules import NEXT_DATE_SKIPS

    place = LocationFactory()
    OpeningExceptionFactory(
        location=place,
        start_date=datetime.date(2026, 11, 1),
        end_date=datetime.date(2029, 12, 31),  # more closed Tuesdays than it looks through
        reason="Nieuwbouw",
    )
    ScheduleFactory(activity__location=place)  # Tuesdays from 1 December 2026
    activity = Activity.objects.prefetch_related(
        "schedules", "cancellations", "location__exceptions"
    ).get()
    assert (datetime.date(2029, 12, 31) - datetime.date(2026, 12, 1)).days // 7 > NEXT_DATE_SKIPS
    assert next_date(activity, datetime.date(2026, 11, 1)) is None
