"""The data the engine reads (a place's hours, exceptions and norm) and the rules for one day:
weekly hours, exceptions, public holidays (see the package's docstring for their precedence)."""

from __future__ import annotations

import datetime
import functools
import itertools
from dataclasses import dataclass

import holidays as holidays_lib
from django.utils.translation import gettext_lazy as _

import instellingen

MIDNIGHT = datetime.time(0, 0)
DAY_MINUTES = 24 * 60


def minutes_of(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


@dataclass(frozen=True, order=True)
class Interval:
    opens: datetime.time
    closes: datetime.time
    supervised: bool = False

    @property
    def start(self) -> int:
        """Minutes after the start of the day."""
        return minutes_of(self.opens)

    @property
    def end(self) -> int:
        """Minutes after the start of the day; 1440 for an interval ending at midnight."""
        return DAY_MINUTES if self.closes == MIDNIGHT else minutes_of(self.closes)

    def contains(self, moment: datetime.time) -> bool:
        return self.start <= minutes_of(moment) + moment.second / 60 < self.end


@dataclass(frozen=True)
class ExceptionHours:
    """A dated exception as the engine reads it: closed, or special hours (``interval``)."""

    start_date: datetime.date
    end_date: datetime.date
    closed: bool
    interval: Interval | None = None
    reason: str = ""
    # The order entered (the row's id), after the first day: fixes the order of the notes.
    order: int = 0

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date

    @classmethod
    def of(cls, exception) -> ExceptionHours:
        """From an ``OpeningException`` (or anything with its attributes)."""
        return cls(
            start_date=exception.start_date,
            end_date=exception.end_date or exception.start_date,
            closed=exception.kind == "closed",
            interval=exception.interval,
            reason=exception.reason,
            order=exception.pk or 0,
        )


@dataclass(frozen=True)
class Norm:
    """A kind's norm: open (and, if ``supervised``, supervised) on these days and hours.

    Frozen, so it can be a cache key: the overviews work out each set of hours once per norm.
    """

    weekdays: tuple[int, ...]
    opens: datetime.time
    closes: datetime.time
    supervised: bool = True

    @property
    def window(self) -> tuple[int, int]:
        """(start, end) in minutes after midnight; a norm until 00:00 ends at 1440."""
        return minutes_of(self.opens), minutes_of(self.closes) or DAY_MINUTES

    @property
    def minutes(self) -> int:
        start, end = self.window
        return (end - start) * len(self.weekdays)

    def covers(self, weekday: int, start: int, end: int) -> bool:
        """Whether the norm asks for any of the minutes ``start``–``end`` of ``weekday``."""
        window = self.window
        return weekday in self.weekdays and start < window[1] and end > window[0]


@dataclass(frozen=True)
class PlaceHours:
    """Everything the engine knows of a place: no database, no model.

    ``weekly`` has seven tuples of sorted intervals, Monday first; ``exceptions`` are in a
    fixed order (first day, then the order entered). ``norm`` is only needed by
    :func:`norm_check` and may be left out.
    """

    weekly: tuple[tuple[Interval, ...], ...] = ((),) * 7
    exceptions: tuple[ExceptionHours, ...] = ()
    closed_on_public_holidays: bool = True
    norm: Norm | None = None

    @classmethod
    def from_rows(
        cls, weekly_rows, exception_rows=(), *, closed_on_public_holidays: bool = True, norm=None
    ) -> PlaceHours:
        """From ``OpeningHours`` rows (anything with ``weekday`` and ``interval``) and
        ``OpeningException`` rows (anything :meth:`ExceptionHours.of` reads)."""
        return cls.of(
            ((row.weekday, row.interval) for row in weekly_rows),
            exception_rows,
            closed_on_public_holidays=closed_on_public_holidays,
            norm=norm,
        )

    @classmethod
    def of(
        cls, weekly, exception_rows=(), *, closed_on_public_holidays: bool = True, norm=None
    ) -> PlaceHours:
        """From (weekday, :class:`Interval`) pairs in any order, and exception rows."""
        days: list[list[Interval]] = [[] for _day in range(7)]
        for weekday, interval in weekly:
            days[weekday].append(interval)
        return cls(
            weekly=tuple(tuple(sorted(day)) for day in days),
            exceptions=_exception_data(exception_rows),
            closed_on_public_holidays=closed_on_public_holidays,
            norm=norm,
        )

    @property
    def has_weekly_hours(self) -> bool:
        return any(self.weekly)


def _exception_data(rows) -> tuple[ExceptionHours, ...]:
    return tuple(
        sorted((ExceptionHours.of(row) for row in rows), key=lambda e: (e.start_date, e.order))
    )


def hours_of(place) -> PlaceHours:
    """The engine's data for ``place``: a :class:`PlaceHours`, or a ``Location``'s."""
    return place if isinstance(place, PlaceHours) else place.place_hours()


def _exceptions_of(place) -> tuple[ExceptionHours, ...]:
    # The closure rule reads the exceptions alone: a place whose rows were not prefetched
    # is not asked for its weekly hours as well.
    if isinstance(place, PlaceHours):
        return place.exceptions
    return place.place_hours(weekly=False).exceptions


class Reason:
    REGULAR = "regular"
    EXCEPTION = "exception"
    HOLIDAY = "holiday"


@dataclass(frozen=True)
class DayHours:
    day: datetime.date
    intervals: tuple[Interval, ...]
    reason: str = Reason.REGULAR
    note: str = ""

    @property
    def is_closed(self) -> bool:
        return not self.intervals


@functools.lru_cache(maxsize=64)
def _holidays_for(country: str, year: int) -> holidays_lib.HolidayBase:
    return holidays_lib.country_holidays(country, years=year, language="nl")


def public_holiday(day: datetime.date) -> str:
    """The name of the public holiday on ``day`` ('' if none), in the configured country."""
    return _holidays_for(instellingen.current().holidays_country, day.year).get(day, "")


def find_overlap(intervals) -> tuple[Interval, Interval] | None:
    """The first pair of overlapping intervals, or None. Touching (12:00–12:00) is fine."""
    ordered = sorted(intervals, key=lambda i: (i.start, i.end))
    for previous, current in itertools.pairwise(ordered):
        if current.start < previous.end:
            return previous, current
    return None


def overlap_message(day_label, overlap: tuple[Interval, Interval]) -> str:
    first, second = overlap
    return _("The hours on %(day)s overlap: %(first)s and %(second)s.") % {
        "day": day_label,
        "first": f"{first.opens:%H:%M}–{first.closes:%H:%M}",
        "second": f"{second.opens:%H:%M}–{second.closes:%H:%M}",
    }


def _covering(exceptions, day: datetime.date) -> list[ExceptionHours]:
    """The exceptions covering ``day``, in a fixed order (first day, then the order entered)."""
    return [e for e in exceptions if e.covers(day)]


def _note(covering) -> str:
    # activiteiten/agenda.py builds the same text in SQL: keep the two in step.
    return "; ".join(dict.fromkeys(e.reason for e in covering if e.reason))


def hours_on(place, day: datetime.date) -> DayHours:
    place = hours_of(place)
    covering = _covering(place.exceptions, day)
    if covering:
        intervals = tuple(sorted(i for i in (e.interval for e in covering) if i is not None))
        return DayHours(day, intervals, Reason.EXCEPTION, _note(covering))
    holiday = public_holiday(day)
    if holiday and place.closed_on_public_holidays:
        return DayHours(day, (), Reason.HOLIDAY, holiday)
    return DayHours(day, place.weekly[day.weekday()], Reason.REGULAR, holiday)


@dataclass(frozen=True)
class Closure:
    """A day on which a place is closed all day, so that nothing happens there."""

    day: datetime.date
    reason: str  # Reason.EXCEPTION or Reason.HOLIDAY
    note: str = ""  # the exception's reason or the holiday's name; may be empty


def closure_on(place, day: datetime.date) -> Closure | None:
    """Whether ``place`` is *closed* on ``day``: the rule for activities that day.

    Closed means an exception of kind "closed" covers the day, or it is a public holiday and
    the place is ``closed_on_public_holidays``, with the precedence of :func:`hours_on`: an
    exception covering the day wins over the holiday, and special hours mean open. A weekday
    without weekly hours is *not* closed in this sense (that is the editor's "outside the
    opening hours" warning). Reads the exceptions only; the agenda's SQL
    (activiteiten/agenda.py) is the same rule.
    """
    covering = _covering(_exceptions_of(place), day)
    if covering:
        if any(not e.closed for e in covering):
            return None
        return Closure(day, Reason.EXCEPTION, _note(covering))
    if place.closed_on_public_holidays:
        holiday = public_holiday(day)
        if holiday:
            return Closure(day, Reason.HOLIDAY, holiday)
    return None


def week_hours(place, start: datetime.date) -> list[DayHours]:
    """Seven consecutive days of hours, exceptions and holidays applied."""
    place = hours_of(place)
    return [hours_on(place, start + datetime.timedelta(days=n)) for n in range(7)]


def upcoming_changes(place, start: datetime.date, days: int = 60) -> list[DayHours]:
    """Days in the coming period whose hours differ from the usual week: exceptions and holidays."""
    place = hours_of(place)
    result = []
    for offset in range(days):
        hours = hours_on(place, start + datetime.timedelta(days=offset))
        if hours.reason != Reason.REGULAR or hours.note:
            result.append(hours)
    return result
