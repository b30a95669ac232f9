"""A place at one moment: open or closed, supervised, until when, and when it opens next."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .hours import (
    DAY_MINUTES,
    MIDNIGHT,
    DayHours,
    Interval,
    PlaceHours,
    Reason,
    hours_of,
    hours_on,
    minutes_of,
)

# How far ahead "next opening" looks; a place closed for longer is shown as closed.
LOOKAHEAD_DAYS = 366
# How far "closes at" follows a run of opening hours; a place open longer than this
# without a break (open day and night) is shown as just "open".
RUN_LOOKAHEAD_DAYS = 7


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
    minute = minutes_of(local.time())
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


def with_states(locations, moment):
    """Attach ``state`` (the "now" engine's answer) to each place of a prefetched list."""
    locations = list(locations)
    for location in locations:
        location.state = state_at(location, moment)
    return locations
