"""Which dates of activities a place's closure stops, for the warning after staff save one.

Here rather than in ``locaties``: places know nothing of the activities held at them.
"""

import datetime
from collections.abc import Iterable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

from locaties import opening
from locaties.models import Location, OpeningException

from .models import Activity

# How far ahead, and how many dates, the message about a saved closure lists.
CLOSURE_HORIZON_DAYS = 366
CLOSURE_DATES_LISTED = 10


def closed_days(
    exceptions: Iterable[OpeningException], *, public_holidays: bool, today: datetime.date
) -> set[datetime.date]:
    """The days that the saved ``exceptions`` may close (those of kind "closed"), plus the
    public holidays when the place now closes on them; which of them really close it is
    for the occurrences to say."""
    horizon = today + datetime.timedelta(days=CLOSURE_HORIZON_DAYS)
    days: set[datetime.date] = set()
    for exception in exceptions:
        if exception.kind == OpeningException.Kind.CLOSED:
            # Only the coming year: a closure may run for years, or began long ago.
            last = min(exception.end_date or exception.start_date, horizon)
            day = max(exception.start_date, today)
            while day <= last:
                days.add(day)
                day += datetime.timedelta(days=1)
    if public_holidays:
        days.update(
            day
            for day in (today + datetime.timedelta(days=n) for n in range(CLOSURE_HORIZON_DAYS + 1))
            if opening.public_holiday(day)
        )
    return days


def closure_hits(location: Location, days: set[datetime.date], now: datetime.datetime) -> list:
    """The dates of published activities at ``location`` that ``days`` stop from going
    ahead, from ``now`` on (a year at most): on a day the place is closed and not cancelled
    by the organiser already."""
    today = timezone.localdate(now)
    days = {d for d in days if today <= d <= today + datetime.timedelta(days=CLOSURE_HORIZON_DAYS)}
    if not days:
        return []
    start = max(now, timezone.make_aware(datetime.datetime.combine(min(days), datetime.time.min)))
    end = timezone.make_aware(
        datetime.datetime.combine(max(days) + datetime.timedelta(days=1), datetime.time.min)
    )
    return [
        o
        for o in Activity.objects.published()
        .at_location(location)
        .occurrences(start, end, include_cancelled=True)
        if o.place_closed and not o.cancelled and timezone.localtime(o.start).date() in days
    ]


def closure_hits_message(location: Location, hits: list) -> str:
    """'This closure stops 2 dates of activities at X: Samen eten (vrijdag 25 december 2026 …'."""
    shown = [
        f"{o.activity.title} ({date_format(timezone.localtime(o.start), 'l j F Y')} "
        f"{timezone.localtime(o.start):%H:%M})"
        for o in hits[:CLOSURE_DATES_LISTED]
    ]
    text = "; ".join(shown)
    if len(hits) > CLOSURE_DATES_LISTED:
        more = len(hits) - CLOSURE_DATES_LISTED
        text += " " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
    return ngettext(
        "%(place)s is closed on a day with an activity. This date now shows as not going "
        "ahead: %(dates)s. Let the organiser know.",
        "%(place)s is closed on days with activities. These %(count)d dates now show as not "
        "going ahead: %(dates)s. Let the organisers know.",
        len(hits),
    ) % {"place": location, "count": len(hits), "dates": text}
