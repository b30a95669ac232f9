"""iCalendar (RFC 5545) feeds: one VEVENT per schedule, with its RRULE and EXDATEs.

Calendar apps expand the rule themselves, so a weekly activity is one event with a rule,
not hundreds of copies, and a subscriber sees a change to the schedule everywhere at once.
A cancelled date becomes an EXDATE at the local time the activity would have started (with
the same TZID as DTSTART): clients match exceptions on that exact instant. So does a day its
place is closed (``locaties.opening.closure_on``: a "closed" exception or a public holiday),
from the feed's first day to ``CLOSURE_DAYS_AHEAD`` ahead: holidays go on for ever, and the
feed is fetched again long before that horizon comes near.
"""

import datetime
import re
import unicodedata
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vDuration, vRecur

from locaties.opening import closure_on, public_holiday
from ontmoeting.dates import EARLIEST_DATE, LATEST_DATE

from . import schedules
from .models import Activity

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//Ontmoeting//Agenda//NL"
# Schedules that ended longer ago than this are left out: a feed stays small after years.
HISTORY_DAYS = 90
# A feed holds at most this many activities (about 0.7 KB each): the whole agenda of a
# region (50,000 activities, 34 MB) would take minutes to build and no calendar app
# could hold it. Above it, the feed asks for a narrower choice instead.
MAX_FEED_ACTIVITIES = 1000
# VTIMEZONE lists explicit transitions; cover open-ended rules this many years ahead.
TIMEZONE_YEARS_AHEAD = 5
REFRESH = datetime.timedelta(hours=6)
# How far ahead the days a place is closed become EXDATEs.
CLOSURE_DAYS_AHEAD = 366
# Everything a text can hold that ends a line: CR LF, CR, LF, vertical tab, form feed, the
# file/group/record separators, NEL and Unicode's line and paragraph separators.
LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
# Control characters (and lone surrogates, which UTF-8 cannot carry).
UNSAFE = {"Cc", "Cs"}


def feed_text(value, *, lines: bool = False) -> str:
    """``value`` made safe for an iCalendar TEXT value; every text of a feed passes here.

    RFC 5545 allows no control characters in TEXT but a tab. icalendar escapes a line feed
    in most properties, but not in the calendar's name (X-WR-CALNAME), where it stops with
    an assertion, or, under ``python -O``, writes a property of the sender's choosing. And
    a one-line property (a title, a place, the calendar's name) has no business with line
    breaks at all: there they become spaces. ``lines`` keeps them (as line feeds, which
    icalendar writes as ``\\n``), for the description.
    """
    text = LINE_BREAK.sub("\n" if lines else " ", str(value or ""))
    if not lines:
        text = text.replace("\t", " ")
    return "".join(
        char for char in text if char in "\n\t" or unicodedata.category(char) not in UNSAFE
    )


def feed_since(now: datetime.datetime | None = None) -> datetime.date:
    """The first day a feed still cares about."""
    return timezone.localdate(now) - datetime.timedelta(days=HISTORY_DAYS)


def uid_host(request) -> str:
    """The host name for UIDs, without a port, so UIDs stay the same behind any proxy port."""
    return urlsplit("//" + request.get_host()).hostname or "localhost"


def cancelled_starts(schedule, cancellations) -> list[datetime.datetime]:
    """The start of every occurrence of ``schedule`` on a cancelled date, as aware local times."""
    rule = schedules.rule(schedule)
    starts = []
    for cancellation in cancellations:
        day_start = datetime.datetime.combine(cancellation.date, datetime.time.min)
        day_end = datetime.datetime.combine(cancellation.date, datetime.time.max)
        starts.extend(
            timezone.make_aware(naive) for naive in rule.between(day_start, day_end, inc=True)
        )
    return sorted(starts)


def _days(first: datetime.date, last: datetime.date):
    return (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))


class ClosedDays:
    """The days each place is closed within [first, last], worked out once per place.

    Only exception days and holidays can be closed days, so only those are asked of
    :func:`closure_on` (which decides, with its precedence of exceptions over holidays).
    """

    def __init__(self, first: datetime.date, last: datetime.date):
        self.first, self.last = first, last
        self.holidays = [day for day in _days(first, last) if public_holiday(day)]
        self._by_place: dict[int, list[datetime.date]] = {}

    def of(self, location) -> list[datetime.date]:
        if location.pk not in self._by_place:
            candidates = set(self.holidays) if location.closed_on_public_holidays else set()
            for exception in location.exceptions.all():
                start = max(exception.start_date, self.first)
                end = min(exception.end_date or exception.start_date, self.last)
                if start <= end:
                    candidates.update(_days(start, end))
            self._by_place[location.pk] = sorted(
                day for day in candidates if closure_on(location, day)
            )
        return self._by_place[location.pk]


def closed_starts(schedule, closed_days: list[datetime.date]) -> list[datetime.datetime]:
    """The start of every occurrence of ``schedule`` on one of ``closed_days`` (aware, local)."""
    last = schedule.last_date if schedule.pk else schedules.last_date(schedule)
    weekdays = set(schedule.weekdays or []) if schedule.frequency != "once" else None
    # Cheap first: only days in the schedule's span, on its weekdays, can hold a date.
    days = {
        d
        for d in closed_days
        if d >= schedule.start_date
        and (last is None or d <= last)
        and (weekdays is None or d.weekday() in weekdays)
    }
    if not days:
        return []
    # One pass over the rule for the whole span, rather than one per day.
    found = schedules.rule(schedule).between(
        datetime.datetime.combine(min(days), datetime.time.min),
        datetime.datetime.combine(max(days), datetime.time.max),
        inc=True,
    )
    return [timezone.make_aware(naive) for naive in found if naive.date() in days]


def describe(activity, url: str) -> str:
    """The DESCRIPTION text: what the page says about cost and joining, in the active language."""
    lines = [activity.description.strip()] if activity.description.strip() else []
    if activity.is_free:
        lines.append(_("Cost: free"))
    else:
        lines.append(_("Cost: %(cost)s") % {"cost": activity.cost or _("ask the organiser")})
    if activity.registration_required:
        lines.append(_("Registration needed."))
    if activity.registration_info:
        lines.append(_("How to join: %(info)s") % {"info": activity.registration_info})
    lines.append(_("Organised by %(organiser)s") % {"organiser": activity.organiser.name})
    lines.append(url)
    return feed_text("\n\n".join(lines), lines=True)


def location_text(activity) -> str:
    place = activity.location
    return feed_text(", ".join(part for part in (activity.room, place.name, place.address) if part))


def schedule_event(activity, schedule, *, url: str, host: str, closed_days=()) -> Event | None:
    """The VEVENT of one schedule, or None for a schedule without any date.

    ``closed_days``: the days its place is closed (:class:`ClosedDays`), left out as EXDATEs.
    """
    start = schedules.first_start(schedule)
    if start is None:
        return None
    # Add the length in wall-clock time, as schedules.occurrences_of does.
    end = timezone.make_aware(start.replace(tzinfo=None) + schedules.duration(schedule))
    event = Event()
    event.add("uid", f"activity-{activity.pk}-schedule-{schedule.pk}@{host}")
    # Without METHOD, DTSTAMP is when the information last changed (RFC 5545, 3.8.7.2).
    event.add("dtstamp", activity.updated)
    event.add("last-modified", activity.updated)
    event.add("dtstart", start)
    event.add("dtend", end)
    cancelled = sorted(
        {
            *cancelled_starts(schedule, activity.cancellations.all()),
            *closed_starts(schedule, closed_days),
        }
    )
    if schedule.rrule:
        event.add("rrule", vRecur.from_ical(schedule.rrule))
        if cancelled:
            event.add("exdate", cancelled)
    event.add("summary", feed_text(activity.title))
    event.add("description", describe(activity, url))
    event.add("location", location_text(activity))
    event.add("url", url)
    if activity.location.has_coordinates:
        event.add("geo", (float(activity.location.latitude), float(activity.location.longitude)))
    # A one-off has no recurrence to take a date out of: a one-off on a cancelled or closed
    # day is cancelled.
    if activity.status == Activity.Status.CANCELLED or (not schedule.rrule and cancelled):
        event.add("status", "CANCELLED")
    else:
        event.add("status", "CONFIRMED")
    return event


def timezone_range(calendar_events, schedule_untils, today: datetime.date):
    """The days the VTIMEZONE covers: from the first event to the last end date or five years
    ahead, with a day to spare on both sides; never beyond the dates the portal accepts (see
    ontmoeting/dates.py), so a day to spare always exists."""
    first = min((event.start.date() for event in calendar_events), default=today)
    last = max([datetime.date(today.year + TIMEZONE_YEARS_AHEAD, 12, 31), *schedule_untils])
    first = min(max(first, EARLIEST_DATE), LATEST_DATE)
    last = min(max(last, first), LATEST_DATE)
    return first - datetime.timedelta(days=1), last + datetime.timedelta(days=1)


def build_calendar(activities, *, name: str, request, now=None) -> Calendar:
    """A VCALENDAR for ``activities`` (see ActivityQuerySet.for_feed: no queries of its own)."""
    now = now or timezone.now()
    host = uid_host(request)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.calendar_name = feed_text(name)  # NAME and X-WR-CALNAME
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    events, untils = [], []
    today = timezone.localdate(now)
    closed = ClosedDays(feed_since(now), today + datetime.timedelta(days=CLOSURE_DAYS_AHEAD))
    for activity in activities:
        url = request.build_absolute_uri(activity.get_absolute_url())
        closed_days = closed.of(activity.location)
        for schedule in activity.schedules.all():
            event = schedule_event(activity, schedule, url=url, host=host, closed_days=closed_days)
            if event is not None:
                events.append(event)
                if schedule.until:
                    untils.append(schedule.until)
    for event in events:
        calendar.add_component(event)
    first, last = timezone_range(events, untils, today)
    if events:
        calendar.add_missing_timezones(first_date=first, last_date=last)
    else:
        # RFC 5545 wants at least one component; an empty feed still names its time zone.
        calendar.add_component(
            Timezone.from_tzid(settings.TIME_ZONE, first_date=first, last_date=last)
        )
    return calendar


def calendar_response(calendar: Calendar, filename: str) -> HttpResponse:
    """The feed as text/calendar, shown inline (a subscription, not a download prompt)."""
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response
