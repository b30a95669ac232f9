"""The "now" engine: opening hours, exceptions and public holidays → open, supervised, next.

Rules, in order of precedence, for one calendar day in the local time zone:

1. An exception covering the day replaces the weekly hours: *closed* closes the whole
   day; *special hours* intervals are the day's hours (several may cover one day).
2. Otherwise, on a public holiday a place that is ``closed_on_public_holidays`` is closed.
3. Otherwise the weekly intervals for that weekday apply.

An interval closing at 00:00 runs to midnight at the end of the day. Wall-clock times
are kept across daylight-saving changes: "open 08:30–20:00" means 08:30 local time on
both sides of a switch.

The engine works on plain data, :class:`PlaceHours`: a place's weekly intervals, its
exceptions, whether it closes on public holidays and (for the norm check) its norm. Every
function also takes a ``Location``, whose :meth:`~locaties.models.Location.place_hours`
builds that data from ``opening_hours`` and ``exceptions``; a list of places prefetched
with ``Location.objects.with_hours()`` needs no query per place, and builds it once each.
A list that shows only the places' states reads the same data with
``Location.objects.with_hours_data()``, as arrays in the places' own query.
"""

from .hours import (
    DAY_MINUTES,
    MIDNIGHT,
    Closure,
    DayHours,
    ExceptionHours,
    Interval,
    Norm,
    PlaceHours,
    Reason,
    closure_on,
    find_overlap,
    hours_of,
    hours_on,
    minutes_of,
    overlap_message,
    public_holiday,
    upcoming_changes,
    week_hours,
)
from .norm import NormCheck, describe_norm, describe_weekdays, location_norm, norm_check
from .state import (
    LOOKAHEAD_DAYS,
    RUN_LOOKAHEAD_DAYS,
    OpeningState,
    describe_state,
    next_change,
    next_opening,
    state_at,
    with_states,
)

__all__ = [
    "DAY_MINUTES",
    "LOOKAHEAD_DAYS",
    "MIDNIGHT",
    "RUN_LOOKAHEAD_DAYS",
    "Closure",
    "DayHours",
    "ExceptionHours",
    "Interval",
    "Norm",
    "NormCheck",
    "OpeningState",
    "PlaceHours",
    "Reason",
    "closure_on",
    "describe_norm",
    "describe_state",
    "describe_weekdays",
    "find_overlap",
    "hours_of",
    "hours_on",
    "location_norm",
    "minutes_of",
    "next_change",
    "next_opening",
    "norm_check",
    "overlap_message",
    "public_holiday",
    "state_at",
    "upcoming_changes",
    "week_hours",
    "with_states",
]
