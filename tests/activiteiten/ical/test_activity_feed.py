"""An activity's feed: its schedules as RRULEs, cancelled dates as EXDATEs, expanded to
the portal's own dates."""

import datetime

import pytest
import time_machine
from icalendar import vRecur

from activiteiten.models import Activity, Schedule
from tests.activiteiten.ical.helpers import (
    NOW,
    at,
    event_for,
    expand,
    expected_starts,
    feed_of,
    fetch,
)
from tests.factories import ActivityFactory, CancellationFactory, LocationFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tuesdays():
    """Weekly on Tuesday 10:00–12:00 across both daylight-saving changes, two dates off."""
    place = LocationFactory(name="De Magneet", slug="de-magneet")
    activity = ActivityFactory(
        title="Koffieochtend",
        slug="koffieochtend",
        location=place,
        description="Koffie en een praatje.",
        is_free=False,
        cost="€ 2",
    )
    schedule = ScheduleFactory(
        activity=activity,
        start_date=datetime.date(2026, 3, 1),  # a Sunday: the first date is Tuesday 3 March
        until=datetime.date(2026, 12, 15),
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 4, 7), reason="Pasen")
    CancellationFactory(activity=activity, date=datetime.date(2026, 10, 27), reason="Herfst")
    CancellationFactory(activity=activity, date=datetime.date(2026, 4, 8))  # a Wednesday
    return activity, schedule


@time_machine.travel(NOW, tick=False)
def test_activity_feed_is_a_valid_calendar(client, tuesdays):
    activity, schedule = tuesdays
    response, calendar = fetch(client, "/activiteiten/koffieochtend/agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="koffieochtend.ics"'
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded as RFC 5545 says
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Koffieochtend"
    (zone,) = calendar.timezones
    assert zone["TZID"] == "Europe/Amsterdam"
    assert calendar.get_missing_tzids() == set()

    (event,) = calendar.events
    assert event["UID"] == f"activity-{activity.pk}-schedule-{schedule.pk}@testserver"
    assert event["SUMMARY"] == "Koffieochtend"
    assert event.start == at(2026, 3, 3, 10, 0)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.end == at(2026, 3, 3, 12, 0)
    assert event["DTEND"].params["TZID"] == "Europe/Amsterdam"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["URL"] == "http://testserver/activiteiten/koffieochtend/"
    assert event["LOCATION"] == "De Magneet, Hertmebrink 1, 7544 CZ Enschede"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (52.190486, 6.87487)
    assert "Koffie en een praatje." in event["DESCRIPTION"]
    assert "€ 2" in event["DESCRIPTION"]
    assert event["STATUS"] == "CONFIRMED"


@time_machine.travel(NOW, tick=False)
def test_rrule_is_the_schedules_rule_and_exdates_are_the_cancelled_starts(client, tuesdays):
    activity, schedule = tuesdays
    event = event_for(feed_of(client, activity), schedule)
    assert event["RRULE"] == vRecur.from_ical(schedule.rrule)
    assert schedule.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T225959Z"
    # At the local start time, summer and winter alike; not the Wednesday (no occurrence).
    assert event.exdates == [at(2026, 4, 7, 10, 0), at(2026, 10, 27, 10, 0)]
    raw = event.to_ical().decode()
    assert "EXDATE;TZID=Europe/Amsterdam:20260407T100000,20261027T100000" in raw


@time_machine.travel(NOW, tick=False)
def test_expanding_the_feed_gives_the_portals_dates(client, tuesdays):
    activity, schedule = tuesdays
    dates = expand(event_for(feed_of(client, activity), schedule))
    assert dates == expected_starts(activity, schedule)
    assert at(2026, 4, 7, 10, 0) not in dates
    assert at(2026, 4, 14, 10, 0) in dates  # after the change to summer time: still 10:00
    assert dates[-1] == at(2026, 12, 15, 10, 0)
    assert len(dates) == 42 - 2  # 42 Tuesdays from 3 March to 15 December


@time_machine.travel(NOW, tick=False)
def test_monthly_first_monday(client):
    activity = ActivityFactory(slug="eerste-maandag")
    schedule = ScheduleFactory(
        activity=activity,
        frequency=Schedule.Frequency.MONTHLY,
        month_week=Schedule.MonthWeek.FIRST,
        weekdays=[0],
        start_date=datetime.date(2026, 2, 1),
        start_time=datetime.time(19, 0),
        end_time=datetime.time(21, 0),
        count=8,
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 4, 6))
    event = event_for(feed_of(client, activity), schedule)
    assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;COUNT=8;BYDAY=1MO"
    assert event.start == at(2026, 2, 2, 19, 0)
    assert event.exdates == [at(2026, 4, 6, 19, 0)]
    dates = expand(event)
    assert dates == expected_starts(activity, schedule)
    assert [d.date() for d in dates[:3]] == [
        datetime.date(2026, 2, 2),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 5, 4),
    ]


@time_machine.travel(NOW, tick=False)
def test_every_other_week_on_two_days(client):
    activity = ActivityFactory(slug="om-de-week")
    schedule = ScheduleFactory(
        activity=activity,
        weekdays=[3, 0],
        interval=2,
        start_date=datetime.date(2026, 2, 2),
        count=10,
    )
    event = event_for(feed_of(client, activity), schedule)
    assert event["RRULE"] == vRecur.from_ical("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10")
    assert expand(event) == expected_starts(activity, schedule)


@time_machine.travel(NOW, tick=False)
def test_one_off_has_no_rrule_and_is_cancelled_by_its_cancellation(client):
    activity = ActivityFactory(slug="eenmalig")
    one_off = ScheduleFactory(
        activity=activity,
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=datetime.date(2026, 6, 13),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(17, 0),
    )
    calendar = feed_of(client, activity)
    event = event_for(calendar, one_off)
    assert "RRULE" not in event
    assert "EXDATE" not in event
    assert (event.start, event.end) == (at(2026, 6, 13, 14, 0), at(2026, 6, 13, 17, 0))
    assert event["STATUS"] == "CONFIRMED"
    CancellationFactory(activity=activity, date=datetime.date(2026, 6, 13))
    assert event_for(feed_of(client, activity), one_off)["STATUS"] == "CANCELLED"


@time_machine.travel(NOW, tick=False)
def test_a_cancelled_activity_stays_in_the_feed_as_cancelled(client, tuesdays):
    activity, _ = tuesdays
    activity.status = Activity.Status.CANCELLED
    activity.save()
    (event,) = feed_of(client, activity).events
    assert event["STATUS"] == "CANCELLED"


@time_machine.travel(NOW, tick=False)
def test_cancellation_only_excludes_the_schedule_it_falls_on(client):
    # Open on public holidays: Ascension Day (Thursday 14 May 2026) would be an EXDATE too.
    activity = ActivityFactory(slug="twee-dagen", location__closed_on_public_holidays=False)
    tuesday = ScheduleFactory(activity=activity, weekdays=[1], start_date=datetime.date(2026, 2, 2))
    thursday = ScheduleFactory(
        activity=activity, weekdays=[3], start_date=datetime.date(2026, 2, 2)
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 2, 12))  # a Thursday
    calendar = feed_of(client, activity)
    assert len(calendar.events) == 2
    assert event_for(calendar, tuesday).exdates == []
    assert event_for(calendar, thursday).exdates == [at(2026, 2, 12, 10, 0)]


def test_draft_or_unknown_activity_has_no_feed(client):
    draft = ActivityFactory(status=Activity.Status.DRAFT)
    ScheduleFactory(activity=draft)
    assert client.get(f"/activiteiten/{draft.slug}/agenda.ics").status_code == 404
    assert client.get("/activiteiten/bestaat-niet/agenda.ics").status_code == 404
    assert client.get("/locaties/bestaat-niet/agenda.ics").status_code == 404
    assert client.get("/clusters/bestaat-niet/agenda.ics").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_an_empty_feed_is_still_a_valid_calendar(client):
    activity = ActivityFactory(slug="zonder-data")
    _, calendar = fetch(client, f"/activiteiten/{activity.slug}/agenda.ics")
    assert calendar.events == []
    assert [zone["TZID"] for zone in calendar.timezones] == ["Europe/Amsterdam"]


@time_machine.travel(NOW, tick=False)
def test_schedules_that_ended_long_ago_are_left_out(client):
    activity = ActivityFactory(slug="oud-en-nieuw")
    ScheduleFactory(
        activity=activity, start_date=datetime.date(2024, 1, 1), until=datetime.date(2024, 6, 1)
    )
    current = ScheduleFactory(activity=activity, start_date=datetime.date(2026, 1, 1))
    (event,) = feed_of(client, activity).events
    assert f"-schedule-{current.pk}@" in str(event["UID"])
