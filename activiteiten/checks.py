"""Checks on an activity's dates that warn staff but never block a save.

Pure functions over data the caller fetched (occurrences from ``schedules.occurrences_of``,
a place with its hours prefetched): no queries here, so they are cheap to test and to run
after every save.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from dateutil import rrule as du
from django.utils import timezone

from locaties import opening

from . import schedules

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


def outside_opening_hours(occurrences, location) -> list:
    """The occurrences going ahead that do not fit within the place's hours that day.

    The hours come from :func:`locaties.opening.hours_on`, so exceptions and public holidays
    count. A place without any hours is not checked: that is a gap in its data, reported
    elsewhere, rather than a reason to flag every activity there.
    """
    if not has_hours(location):
        return []
    found = []
    hours_by_day: dict[datetime.date, list[tuple[int, int]]] = {}
    for occurrence in occurrences:
        if not occurrence.goes_ahead:
            continue
        day, start, end = _local_minutes(occurrence)
        if day not in hours_by_day:
            hours_by_day[day] = _merged(opening.hours_on(location, day).intervals)
        if not any(opens <= start and end <= closes for opens, closes in hours_by_day[day]):
            found.append(occurrence)
    return found


def normalised_room(room: str) -> str:
    return " ".join((room or "").split()).casefold()


def same_space(room: str, other_room: str) -> bool:
    """Whether two activities at one place may be in the same space.

    Rooms are optional: an activity without a room may be anywhere in the place, so it
    shares the space with every other activity there.
    """
    first, second = normalised_room(room), normalised_room(other_room)
    return not first or not second or first == second


def overlapping(occurrences, others) -> list[tuple]:
    """Pairs (own occurrence, other occurrence) that overlap in time and share a space.

    ``others`` are occurrences of *other* activities at the same place; dates that do not
    go ahead (cancelled, or the place is closed) on either side do not count.
    """
    own = sorted((o for o in occurrences if o.goes_ahead), key=lambda o: o.start)
    theirs = sorted((o for o in others if o.goes_ahead), key=lambda o: o.start)
    pairs = []
    for occurrence in own:
        for other in theirs:
            if other.start >= occurrence.end:
                break
            if (
                other.activity.pk != occurrence.activity.pk
                and other.end > occurrence.start
                and same_space(occurrence.activity.room, other.activity.room)
            ):
                pairs.append((occurrence, other))
    return pairs


def occurs_on(schedule_list, day: datetime.date) -> bool:
    """Whether any of the schedules has a date on ``day`` (the wall-clock day it starts)."""
    start = datetime.datetime.combine(day, datetime.time.min)
    end = datetime.datetime.combine(day, datetime.time.max)
    for schedule in schedule_list:
        rule: du.rrule = schedules.rule(schedule)
        if rule.between(start, end, inc=True):
            return True
    return False
