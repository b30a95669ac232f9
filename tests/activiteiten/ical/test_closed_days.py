"""Days the place is closed: left out of the feed like cancelled dates."""

import datetime

import pytest
import time_machine

from activiteiten.models import Schedule
from locaties.models import OpeningException
from tests.activiteiten.ical.helpers import at, event_for, expand, expected_starts, feed_of
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


@time_machine.travel(at(2026, 12, 1, 9, 0), tick=False)
def test_days_the_place_is_closed_are_left_out_like_cancelled_dates(client):
    place = LocationFactory()  # closed on public holidays, the default
    OpeningExceptionFactory(
        location=place, start_date=datetime.date(2027, 1, 8), reason="Verbouwing"
    )
    OpeningExceptionFactory(  # open after all: special hours on Good Friday
        location=place,
        start_date=datetime.date(2027, 3, 26),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=datetime.time(10),
        closes=datetime.time(14),
    )
    activity = ActivityFactory(slug="samen-eten", location=place)
    schedule = ScheduleFactory(
        activity=activity,
        start_date=datetime.date(2026, 12, 4),
        weekdays=[4],  # Fridays
        start_time=datetime.time(12),
        end_time=datetime.time(13, 30),
        until=datetime.date(2027, 4, 30),
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 11))

    event = event_for(feed_of(client, activity), schedule)

    assert event.exdates == [
        at(2026, 12, 11, 12, 0),  # the organiser's own
        at(2026, 12, 25, 12, 0),  # Eerste kerstdag
        at(2027, 1, 1, 12, 0),  # Nieuwjaarsdag
        at(2027, 1, 8, 12, 0),  # Verbouwing
    ]
    assert event["STATUS"] == "CONFIRMED"
    assert expand(event) == expected_starts(activity, schedule)
    assert at(2027, 3, 26, 12, 0) in expand(event)


@time_machine.travel(at(2026, 12, 1, 9, 0), tick=False)
def test_a_one_off_on_a_closed_day_is_cancelled_in_the_feed(client):
    kings_day = ScheduleFactory(
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=datetime.date(2027, 4, 27),
        activity__slug="koningsdag",
    )
    ordinary = ScheduleFactory(
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=datetime.date(2027, 4, 28),
        activity=kings_day.activity,
    )
    calendar = feed_of(client, kings_day.activity)
    assert event_for(calendar, kings_day)["STATUS"] == "CANCELLED"
    assert event_for(calendar, ordinary)["STATUS"] == "CONFIRMED"


@time_machine.travel(at(2026, 12, 1, 9, 0), tick=False)
def test_closed_days_are_exdates_up_to_a_year_ahead(client):
    from activiteiten.ical import CLOSURE_DAYS_AHEAD

    schedule = ScheduleFactory(weekdays=list(range(7)), activity__slug="elke-dag")
    event = event_for(feed_of(client, schedule.activity), schedule)
    days = [moment.date() for moment in event.exdates]
    horizon = datetime.date(2026, 12, 1) + datetime.timedelta(days=CLOSURE_DAYS_AHEAD)
    assert datetime.date(2026, 12, 25) in days
    assert datetime.date(2027, 4, 27) in days
    assert max(days) <= horizon < datetime.date(2027, 12, 25)
