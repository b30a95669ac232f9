"""What the feed tests share: the moment they run at, fetching a feed, and reading it back
the way a calendar app would."""

import datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.urls import reverse
from icalendar import Calendar

from activiteiten import schedules
from activiteiten.models import Activity

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 2, 2, 12, 0, tzinfo=AMSTERDAM)
WINDOW = (
    datetime.datetime(2025, 1, 1, tzinfo=AMSTERDAM),
    datetime.datetime(2028, 1, 1, tzinfo=AMSTERDAM),
)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


def fetch(client, url, **query) -> tuple:
    response = client.get(url, query)
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def feed_of(client, activity) -> Calendar:
    return fetch(client, reverse("activiteiten:ical", kwargs={"slug": activity.slug}))[1]


def event_for(calendar, schedule):
    (event,) = [e for e in calendar.events if f"-schedule-{schedule.pk}@" in str(e["UID"])]
    return event


def expand(event) -> list[datetime.datetime]:
    """What a calendar app shows: the RRULE from DTSTART, minus the EXDATEs."""
    if "RRULE" not in event:
        return [event.start]
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.start)
    excluded = set(event.exdates)
    return [moment for moment in rule if moment not in excluded]


def expected_starts(activity, schedule) -> list[datetime.datetime]:
    """The portal's own answer: the schedule's occurrences without the cancelled ones."""
    activity = Activity.objects.get(pk=activity.pk)
    return [
        o.start
        for o in schedules.occurrences_of([activity], *WINDOW)
        if o.schedule.pk == schedule.pk
    ]
