"""Checks on an activity's dates that warn staff but never block a save.

The rules live here and nowhere else: a date on which the place is closed (an exception or a
public holiday it closes on), a date outside the place's opening hours, a date overlapping
another published activity in the same room. The schedule editor's live preview, the message
after saving and the import check all use them (:func:`date_warnings`).

The rules are pure functions over data the caller fetched (occurrences from
``schedules.occurrences_of``, a place with its hours prefetched): no queries, so they are cheap
to test and to run on every keystroke. :func:`activity_warnings` fetches for saved activities
in a fixed number of queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil import rrule as du
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy

from locaties import opening
from locaties.models import Location
from ontmoeting.formats import short_date

from . import schedules
from .models import Activity

# How far ahead the warnings look.
HORIZON_DAYS = 90
DAY_MINUTES = 24 * 60


def _local_minutes(occurrence) -> tuple[datetime.date, int, int]:
    """The day of an occurrence and its start and end in minutes after midnight (local).

    Schedules end on their start day or at midnight (00:00), so the end is at most 1440.
    """
    start = timezone.localtime(occurrence.start)
    end = timezone.localtime(occurrence.end)
    end_minutes = end.hour * 60 + end.minute if end.date() == start.date() else DAY_MINUTES
    return start.date(), start.hour * 60 + start.minute, end_minutes


def _merged(intervals: Iterable[opening.Interval]) -> list[tuple[int, int]]:
    """Intervals as (start, end) minutes, touching and overlapping ones joined."""
    merged: list[list[int]] = []
    for interval in sorted(intervals, key=lambda i: (i.start, i.end)):
        if merged and interval.start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], interval.end)
        else:
            merged.append([interval.start, interval.end])
    return [(start, end) for start, end in merged]


def has_hours(location) -> bool:
    """Whether any hours are known for the place (reads the prefetched hours and exceptions)."""
    return bool(location.opening_hours.all()) or any(
        e.interval is not None for e in location.exceptions.all()
    )


def normalised_room(room: str) -> str:
    return " ".join((room or "").split()).casefold()


def same_space(room: str, other_room: str) -> bool:
    """Whether two activities at one place may be in the same space.

    Rooms are optional: an activity without a room may be anywhere in the place, so it
    shares the space with every other activity there.
    """
    first, second = normalised_room(room), normalised_room(other_room)
    return not first or not second or first == second


def occurs_on(schedule_list, day: datetime.date) -> bool:
    """Whether any of the schedules has a date on ``day`` (the wall-clock day it starts)."""
    start = datetime.datetime.combine(day, datetime.time.min)
    end = datetime.datetime.combine(day, datetime.time.max)
    for schedule in schedule_list:
        rule: du.rrule = schedules.rule(schedule)
        if rule.between(start, end, inc=True):
            return True
    return False


# --- Warnings per date: the one set of rules --------------------------------------------
#
# The schedule editor's live preview (before saving), the message after saving and the import
# check all ask :func:`date_warnings` (or :func:`activity_warnings`, which fetches for it), so
# they cannot disagree about a date. Each date is said once, with every reason it has.


@dataclass(frozen=True)
class DateWarning:
    """Why one date of an activity needs a look: its place is closed that day, it falls
    outside the place's hours, or it overlaps other activities in the same space."""

    start: datetime.datetime
    end: datetime.datetime
    # The place is closed all day (an exception or a public holiday): the date does not go ahead.
    closure: opening.Closure | None = None
    # The place's hours that day, when the date does not fit within them.
    hours: opening.DayHours | None = None
    # The other activities' dates that overlap this one in the same space.
    overlaps: tuple = ()

    @property
    def day(self) -> datetime.date:
        """The (local) day the date starts."""
        return timezone.localtime(self.start).date()

    @property
    def label(self) -> str:
        """'vr 25 dec 2026 10:00–12:00' (Dutch) / 'Fri 25 Dec 2026 10:00–12:00' (English)."""
        start, end = timezone.localtime(self.start), timezone.localtime(self.end)
        return f"{short_date(start.date())} {start:%H:%M}–{end:%H:%M}"

    @property
    def overlapping_titles(self) -> list[str]:
        return list(dict.fromkeys(str(other.activity) for other in self.overlaps))

    def reasons(self, place) -> list[str]:
        """Every reason in a sentence of its own, in the active language."""
        found = []
        if self.closure is not None:
            if self.closure.note:
                found.append(
                    _("%(place)s is closed that day (%(reason)s): this date does not go ahead.")
                    % {"place": place, "reason": self.closure.note}
                )
            else:
                found.append(
                    _("%(place)s is closed that day: this date does not go ahead.")
                    % {"place": place}
                )
        if self.hours is not None:
            if self.hours.intervals:
                found.append(
                    _("Outside the opening hours of %(place)s (that day open %(hours)s).")
                    % {"place": place, "hours": _hours_text(self.hours)}
                )
            else:
                found.append(
                    _("Outside the opening hours: %(place)s is not open that day.")
                    % {"place": place}
                )
        if self.overlaps:
            found.append(
                _("Overlaps in the same room with %(activities)s.")
                % {
                    "activities": get_text_list(
                        [
                            f"{other.activity} ({_times(other)})"
                            for other in _unique_overlaps(self.overlaps)
                        ],
                        _("and"),
                    )
                }
            )
        return found


def _times(occurrence) -> str:
    start, end = timezone.localtime(occurrence.start), timezone.localtime(occurrence.end)
    return f"{start:%H:%M}–{end:%H:%M}"


def _unique_overlaps(overlaps):
    """One entry per other activity and time: two schedules may give it twice."""
    seen = {}
    for other in overlaps:
        seen.setdefault((other.activity.pk, _times(other)), other)
    return list(seen.values())


def _hours_text(hours: opening.DayHours) -> str:
    return ", ".join(f"{i.opens:%H:%M}–{i.closes:%H:%M}" for i in hours.intervals)


def date_warnings(dates, *, location, room: str, others=()) -> list[DateWarning]:
    """The warnings for ``dates`` of one activity at ``location``, one per date, in time order.

    ``dates`` are occurrences (anything with aware ``start`` and ``end`` and ``cancelled``);
    a date its organiser cancelled has nothing to warn about. ``others`` are the dates of the
    *other* published activities at the place that go ahead. The place's hours, exceptions
    and holidays are read from ``location`` (prefetched with ``Location.objects.with_hours()``):
    no queries here.

    The hours are those of :func:`locaties.opening.hours_on` (exceptions and holidays count).
    A place without any hours is not checked against them: that is a gap in its data,
    reported elsewhere, rather than a reason to flag every activity there. Times are compared
    on the wall clock, so "10:00–12:00" fits "08:30–20:00" on both sides of a switch to or
    from summer time.
    """
    checked_hours = has_hours(location)
    theirs = sorted((o for o in others if o.goes_ahead), key=lambda o: o.start)
    closures: dict[datetime.date, opening.Closure | None] = {}
    day_hours: dict[datetime.date, opening.DayHours] = {}
    found = []
    for date in sorted(dates, key=lambda d: d.start):
        if date.cancelled:
            continue
        day, start, end = _local_minutes(date)
        if day not in closures:
            closures[day] = opening.closure_on(location, day)
        if closures[day] is not None:
            # Closed all day: not "outside the hours", and nothing can overlap.
            found.append(DateWarning(date.start, date.end, closure=closures[day]))
            continue
        outside = None
        if checked_hours:
            if day not in day_hours:
                day_hours[day] = opening.hours_on(location, day)
            merged = _merged(day_hours[day].intervals)
            if not any(opens <= start and end <= closes for opens, closes in merged):
                outside = day_hours[day]
        overlaps = []
        for other in theirs:
            if other.start >= date.end:
                break
            if other.end > date.start and same_space(room, other.activity.room):
                overlaps.append(other)
        if outside is not None or overlaps:
            found.append(DateWarning(date.start, date.end, hours=outside, overlaps=tuple(overlaps)))
    return found


def window(now: datetime.datetime | None = None) -> tuple[datetime.datetime, datetime.datetime]:
    """The coming :data:`HORIZON_DAYS` days from ``now``: the period the warnings look at."""
    start = now or timezone.now()
    return start, start + datetime.timedelta(days=HORIZON_DAYS)


def other_dates(location_ids, start, end, *, exclude=()) -> list:
    """The dates that go ahead of the published activities at these places, in [start, end).

    Four queries whatever the number of activities: the activities with their places, their
    schedules, their cancelled dates and their places' exceptions (closed days).
    """
    activities = (
        Activity.objects.filter(
            location_id__in=list(location_ids), status=Activity.Status.PUBLISHED
        )
        .exclude(pk__in=list(exclude))
        # Schedules hold local dates: a window given in UTC may fall on another day there.
        .running_between(timezone.localdate(start), timezone.localdate(end))
        .select_related("location")
        .prefetch_related("schedules", "cancellations")
        .with_closures()
    )
    return schedules.occurrences_of(activities, start, end)


def activity_warnings(activities, *, start, end) -> dict:
    """{activity: [DateWarning, …]} for saved activities, dates in [start, end).

    For the message after saving and the import check: a fixed number of queries for any
    number of activities (their schedules and cancellations, their places with hours, and the
    dates of every published activity at those places). Cancelled activities have no dates to
    warn about and are left out; so are activities without warnings.
    """
    pks = [activity.pk for activity in activities]
    own = list(
        Activity.objects.filter(pk__in=pks)
        .exclude(status=Activity.Status.CANCELLED)
        .running_between(timezone.localdate(start), timezone.localdate(end))
        .prefetch_related("schedules", "cancellations")
    )
    if not own:
        return {}
    places = Location.objects.with_hours().in_bulk({activity.location_id for activity in own})
    others_by_place: dict[int, list] = {}
    for other in other_dates(places, start, end):
        others_by_place.setdefault(other.activity.location_id, []).append(other)
    result = {}
    for activity in own:
        # The place as fetched here, hours and exceptions prefetched, for every check.
        activity.location = places[activity.location_id]
        dates = schedules.occurrences_of([activity], start, end, include_cancelled=True)
        others = [
            o for o in others_by_place.get(activity.location_id, []) if o.activity.pk != activity.pk
        ]
        found = date_warnings(dates, location=activity.location, room=activity.room, others=others)
        if found:
            result[activity] = found
    return result


# How many dates a sentence names; it says how many more there are.
SUMMARY_DATES = 5


def _date_list(warnings: list[DateWarning], *, with_closure=False) -> str:
    """Up to SUMMARY_DATES dates in words, each once, and how many more."""
    shown = []
    for warning in warnings[:SUMMARY_DATES]:
        text = warning.label
        if with_closure and warning.closure is not None and warning.closure.note:
            text += f" ({warning.closure.note})"
        shown.append(text)
    text = ", ".join(shown)
    if len(warnings) > SUMMARY_DATES:
        more = len(warnings) - SUMMARY_DATES
        text += " " + ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more}
    return text


# Plural by the "count" of the values they are formatted with.
CLOSED_DATES = ngettext_lazy(
    "%(count)d date in the coming %(days)d days does not go ahead, because "
    "%(place)s is closed that day: %(dates)s.",
    "%(count)d dates in the coming %(days)d days do not go ahead, because "
    "%(place)s is closed those days: %(dates)s.",
    "count",
)
DATES_OUTSIDE_HOURS = ngettext_lazy(
    "%(count)d date in the coming %(days)d days falls outside the opening "
    "hours of %(place)s: %(dates)s.",
    "%(count)d dates in the coming %(days)d days fall outside the opening "
    "hours of %(place)s: %(dates)s.",
    "count",
)
OVERLAPPING_DATES = ngettext_lazy(
    "%(count)d date overlaps with another published activity in the same room "
    "(%(titles)s): %(dates)s.",
    "%(count)d dates overlap with another published activity in the same room "
    "(%(titles)s): %(dates)s.",
    "count",
)


def summarise(warnings: list[DateWarning], place) -> list[str]:
    """The warnings of one activity as a few sentences, a sentence per kind of problem.

    A date is named once per sentence, however many other activities it overlaps.
    """

    def sentence(message, found: list[DateWarning], *, with_closure=False, **values) -> str:
        dates = _date_list(found, with_closure=with_closure)
        return message % {
            "count": len(found),
            "days": HORIZON_DAYS,
            "place": place,
            "dates": dates,
            **values,
        }

    result = []
    closed = [w for w in warnings if w.closure is not None]
    if closed:
        result.append(sentence(CLOSED_DATES, closed, with_closure=True))
    outside = [w for w in warnings if w.hours is not None]
    if outside:
        result.append(sentence(DATES_OUTSIDE_HOURS, outside))
    clashes = [w for w in warnings if w.overlaps]
    if clashes:
        titles = list(dict.fromkeys(t for w in clashes for t in w.overlapping_titles))
        result.append(
            sentence(OVERLAPPING_DATES, clashes, titles=", ".join(titles[:SUMMARY_DATES]))
        )
    return result
