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
"""

from __future__ import annotations

import datetime
import functools
import itertools
from dataclasses import dataclass, field

import holidays as holidays_lib
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import instellingen

MIDNIGHT = datetime.time(0, 0)
DAY_MINUTES = 24 * 60
# How far ahead "next opening" looks; a place closed for longer is shown as closed.
LOOKAHEAD_DAYS = 366
# How far "closes at" follows a run of opening hours; a place open longer than this
# without a break (open day and night) is shown as just "open".
RUN_LOOKAHEAD_DAYS = 7


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


@dataclass(frozen=True, order=True)
class Interval:
    opens: datetime.time
    closes: datetime.time
    supervised: bool = False

    @property
    def start(self) -> int:
        """Minutes after the start of the day."""
        return _minutes(self.opens)

    @property
    def end(self) -> int:
        """Minutes after the start of the day; 1440 for an interval ending at midnight."""
        return DAY_MINUTES if self.closes == MIDNIGHT else _minutes(self.closes)

    def contains(self, moment: datetime.time) -> bool:
        return self.start <= _minutes(moment) + moment.second / 60 < self.end


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
        ``OpeningException`` rows."""
        days: list[list[Interval]] = [[] for _day in range(7)]
        for row in weekly_rows:
            days[row.weekday].append(row.interval)
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


@dataclass(frozen=True)
class OpeningState:
    """A place's state at one moment, with enough context to say it in words."""

    moment: datetime.datetime
    is_open: bool
    supervised: bool = False
    closes_at: datetime.datetime | None = None
    supervised_until: datetime.datetime | None = None
    next_opening: datetime.datetime | None = None
    reason: str = Reason.REGULAR
    note: str = ""
    today: DayHours | None = field(default=None, repr=False)
    # False for a place without any hours entered: "closed" would be a guess.
    hours_known: bool = True


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


def _at(day: datetime.date, minutes: int) -> datetime.datetime:
    """An aware local datetime ``minutes`` after midnight starting ``day`` (1440 = next midnight)."""
    day = day + datetime.timedelta(days=minutes // DAY_MINUTES)
    minutes %= DAY_MINUTES
    naive = datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60))
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _intervals(place: PlaceHours, day: datetime.date, supervised_only: bool) -> list[Interval]:
    return [i for i in hours_on(place, day).intervals if i.supervised or not supervised_only]


def _run_end(
    place: PlaceHours, day: datetime.date, minute: int, *, supervised_only: bool
) -> datetime.datetime | None:
    """Where the uninterrupted open (or supervised) run that includes ``minute`` ends.

    Follows touching intervals (12:00–14:00 then 14:00–20:00) and runs on past midnight
    when the next day opens at 00:00. None when the run does not end within
    ``RUN_LOOKAHEAD_DAYS`` (a place open day and night).
    """
    for _day in range(RUN_LOOKAHEAD_DAYS):
        intervals = _intervals(place, day, supervised_only)
        extended = True
        while extended:
            extended = False
            for interval in intervals:
                if interval.start <= minute < interval.end:
                    minute, extended = interval.end, True
        if minute < DAY_MINUTES:
            return _at(day, minute)
        day, minute = day + datetime.timedelta(days=1), 0
        if not any(i.start == 0 for i in _intervals(place, day, supervised_only)):
            return _at(day, 0)
    # Returning the lookahead's end here would be read as a real closing time.
    return None


def _candidate_days(place: PlaceHours, first: datetime.date):
    """The days on which ``place`` might open, from ``first`` to the lookahead's end."""
    if place.has_weekly_hours:
        return (first + datetime.timedelta(days=n) for n in range(LOOKAHEAD_DAYS))
    # Without weekly hours only special hours can open the place: visit just their days,
    # rather than a year of empty ones for every place that has none (a data-quality gap).
    last = first + datetime.timedelta(days=LOOKAHEAD_DAYS - 1)
    special = set()
    for exception in place.exceptions:
        if exception.interval is None:
            continue
        start = max(exception.start_date, first)
        end = min(exception.end_date, last)
        special.update(start + datetime.timedelta(days=n) for n in range((end - start).days + 1))
    return sorted(special)


def next_opening(place, moment: datetime.datetime) -> datetime.datetime | None:
    """The first opening strictly after ``moment``, within a year."""
    place = hours_of(place)
    local = timezone.localtime(moment)
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    for day in _candidate_days(place, local.date()):
        for interval in hours_on(place, day).intervals:
            if day > local.date() or interval.start * 60 > seconds:
                return _at(day, interval.start)
    return None


def state_at(place, moment: datetime.datetime) -> OpeningState:
    place = hours_of(place)
    local = timezone.localtime(moment)
    today = hours_on(place, local.date())
    current = [i for i in today.intervals if i.contains(local.time())]
    if not current:
        return OpeningState(
            moment=local,
            is_open=False,
            next_opening=next_opening(place, local),
            reason=today.reason,
            note=today.note,
            today=today,
            hours_known=bool(place.has_weekly_hours or place.exceptions),
        )
    minute = _minutes(local.time())
    supervised = any(i.supervised for i in current)
    return OpeningState(
        moment=local,
        is_open=True,
        supervised=supervised,
        closes_at=_run_end(place, local.date(), minute, supervised_only=False),
        supervised_until=(
            _run_end(place, local.date(), minute, supervised_only=True) if supervised else None
        ),
        reason=today.reason,
        note=today.note,
        today=today,
    )


def next_change(states) -> datetime.datetime | None:
    """The first moment one of ``states`` no longer holds: a place opens, closes or loses supervision."""
    moments = [
        moment
        for state in states
        for moment in (state.closes_at, state.supervised_until, state.next_opening)
        if moment is not None
    ]
    return min(moments, default=None)


def week_hours(place, start: datetime.date) -> list[DayHours]:
    """Seven consecutive days of hours, exceptions and holidays applied."""
    place = hours_of(place)
    return [hours_on(place, start + datetime.timedelta(days=n)) for n in range(7)]


# --- The norm ---------------------------------------------------------------------


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
        return _minutes(self.opens), _minutes(self.closes) or DAY_MINUTES

    @property
    def minutes(self) -> int:
        start, end = self.window
        return (end - start) * len(self.weekdays)

    def covers(self, weekday: int, start: int, end: int) -> bool:
        """Whether the norm asks for any of the minutes ``start``–``end`` of ``weekday``."""
        window = self.window
        return weekday in self.weekdays and start < window[1] and end > window[0]


def location_norm(place) -> Norm | None:
    """The norm of a place's kind, or None (no kind, or a kind without a norm)."""
    if isinstance(place, PlaceHours):
        return place.norm
    kind = getattr(place, "kind", None)
    return getattr(kind, "norm", None)


@dataclass(frozen=True)
class NormCheck:
    """How a place's weekly hours compare with a norm (supervised hours, if it asks for them)."""

    missing: dict[int, tuple[tuple[int, int], ...]]  # weekday → gaps in minutes (start, end)
    missing_hours: tuple[tuple[int, int], ...]  # (weekday, hour) slots not fully covered
    norm_minutes: int

    @property
    def meets_norm(self) -> bool:
        return not self.missing

    @property
    def covered_fraction(self) -> float:
        gap = sum(end - start for gaps in self.missing.values() for start, end in gaps)
        return 1.0 if not self.norm_minutes else (self.norm_minutes - gap) / self.norm_minutes


def _gaps(window: tuple[int, int], covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    start, end = window
    gaps = []
    for c_start, c_end in sorted(covered):
        if c_end <= start:
            continue
        if c_start >= end:
            break
        if c_start > start:
            gaps.append((start, c_start))
        start = max(start, c_end)
        if start >= end:
            break
    if start < end:
        gaps.append((start, end))
    return gaps


def norm_check(place, norm: Norm | None = None) -> NormCheck | None:
    """Check the *weekly* hours against ``norm`` (default: the norm of the place's kind).

    A supervised norm counts the supervised hours only; another norm every open hour.
    None when there is no norm to check against: no pass and no fail.
    """
    norm = norm or location_norm(place)
    if norm is None:
        return None
    window = norm.window
    by_day: dict[int, list[tuple[int, int]]] = {}
    for weekday, intervals in enumerate(hours_of(place).weekly):
        for interval in intervals:
            if interval.supervised or not norm.supervised:
                by_day.setdefault(weekday, []).append((interval.start, interval.end))
    missing = {}
    missing_hours = []
    for weekday in norm.weekdays:
        gaps = _gaps(window, by_day.get(weekday, []))
        if gaps:
            missing[weekday] = tuple(gaps)
            for hour in range(window[0] // 60, (window[1] + 59) // 60):
                slot = (max(hour * 60, window[0]), min(hour * 60 + 60, window[1]))
                if any(g_start < slot[1] and g_end > slot[0] for g_start, g_end in gaps):
                    missing_hours.append((weekday, hour))
    return NormCheck(missing, tuple(missing_hours), norm.minutes)


def describe_weekdays(days) -> str:
    """'every day', 'Monday to Friday', 'Monday, Wednesday and Friday' (translated)."""
    from django.utils.dates import WEEKDAYS
    from django.utils.text import get_text_list

    days = sorted(set(days))
    if days == list(range(7)):
        return str(_("every day"))
    parts = []
    for _key, group in itertools.groupby(enumerate(days), key=lambda pair: pair[1] - pair[0]):
        run = [day for _index, day in group]
        if len(run) >= 3:
            parts.append(
                _("%(first)s to %(last)s") % {"first": WEEKDAYS[run[0]], "last": WEEKDAYS[run[-1]]}
            )
        else:
            parts.extend(str(WEEKDAYS[day]) for day in run)
    return get_text_list(parts, str(_("and")))


def describe_norm(norm: Norm) -> str:
    """'every day 08:30–20:00, supervised' / 'Monday to Friday 09:00–17:00' (translated)."""
    text = _("%(days)s %(opens)s–%(closes)s") % {
        "days": describe_weekdays(norm.weekdays),
        "opens": f"{norm.opens:%H:%M}",
        "closes": f"{norm.closes:%H:%M}",
    }
    return _("%(norm)s, supervised") % {"norm": text} if norm.supervised else text


# --- In words -------------------------------------------------------------------


def _when(moment: datetime.datetime, now: datetime.datetime) -> str:
    from django.utils.formats import date_format

    days = (moment.date() - now.date()).days
    time_text = f"{moment:%H:%M}"
    if days == 0:
        return _("today at %(time)s") % {"time": time_text}
    if days == 1:
        return _("tomorrow at %(time)s") % {"time": time_text}
    if days < 7:
        return _("on %(weekday)s at %(time)s") % {
            # Django's catalogues already give "vrijdag" in Dutch and "Friday" in English.
            "weekday": date_format(moment, "l"),
            "time": time_text,
        }
    return _("on %(date)s at %(time)s") % {"date": date_format(moment, "j F"), "time": time_text}


def describe_state(state: OpeningState) -> str:
    """'Open · closes at 20:00' / 'Closed · opens tomorrow at 08:30' (translated)."""
    if state.is_open:
        if state.closes_at is None:
            return str(_("Open"))
        tonight = state.moment.date() + datetime.timedelta(days=1)
        if state.closes_at.date() == state.moment.date() or (
            # Midnight at the end of today reads as "closes at 00:00", not "tomorrow".
            state.closes_at.time() == MIDNIGHT and state.closes_at.date() == tonight
        ):
            return _("Open · closes at %(time)s") % {"time": f"{state.closes_at:%H:%M}"}
        return _("Open · closes %(when)s") % {"when": _when(state.closes_at, state.moment)}
    if state.next_opening is None:
        return str(_("Closed") if state.hours_known else _("Opening hours not known"))
    return _("Closed · opens %(when)s") % {"when": _when(state.next_opening, state.moment)}


def upcoming_changes(place, start: datetime.date, days: int = 60) -> list[DayHours]:
    """Days in the coming period whose hours differ from the usual week: exceptions and holidays."""
    place = hours_of(place)
    result = []
    for offset in range(days):
        hours = hours_on(place, start + datetime.timedelta(days=offset))
        if hours.reason != Reason.REGULAR or hours.note:
            result.append(hours)
    return result


def with_states(locations, moment):
    """Attach ``state`` (the "now" engine's answer) to each place of a prefetched list."""
    locations = list(locations)
    for location in locations:
        location.state = state_at(location, moment)
    return locations
