"""One place's regular week as a grid of weekdays and clock hours, judged by its norm.

How the norm grid counts
------------------------
The norm is the municipality's, per kind of place (``LocationKind.norm``): some days and
hours open, supervised or not. A kind may have none, and then its places have no pass or
fail: the overviews show their coverage (hours open and supervised per weekday) only.

The grid has one cell per weekday and clock hour, from the earliest opening to the latest
closing among the places shown and their norms (whole hours), and judges the *regular
weekly hours* (not this week's exceptions or holidays: the norm is about how a place is
organised, not about one Christmas week). A cell says:

* ``supervised`` – open and supervised for the whole hour;
* ``open`` – open for the whole hour, but not supervised all of it;
* ``partly`` – open for part of the hour only;
* ``closed`` – closed for the whole hour.

For an hour the norm covers only in part (say 08:00–09:00 with a norm from 08:30), only
the minutes the norm asks for count: a place supervised from 08:30 has that hour fully
supervised. Outside the norm the whole hour counts. A cell inside the place's norm that
is not covered throughout (supervised, or for a norm without supervision open) is a
*gap* (``locaties.opening.norm_check`` decides, so the grid and the check never disagree).

The compliance percentage is counted in minutes, not cells: covered minutes inside the
norm divided by the norm's minutes. With a norm of every day 08:30–20:00, a place
supervised 09:00–20:00 misses half an hour a day: 30 of 690 minutes, so 95.7 %, although
its 08:00 cells are gaps. A cluster's percentage is the same sum over its places that
have a norm (every place weighs the same).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from locaties import opening
from locaties.models import MIDNIGHT, Location, LocationKind, OpeningHours, Weekday

from .common import HOUR, Hours, HoursOf


class Slot:
    SUPERVISED = "supervised"
    OPEN = "open"
    PARTLY = "partly"
    CLOSED = "closed"


SLOT_LABELS = {
    Slot.SUPERVISED: _("open and supervised"),
    Slot.OPEN: _("open, not supervised all the time"),
    Slot.PARTLY: _("open part of the hour"),
    Slot.CLOSED: _("closed"),
}
# Text in every cell, so the grid never relies on colour alone (the legend explains them).
SLOT_SYMBOLS = {
    Slot.SUPERVISED: pgettext_lazy("norm grid symbol: open and supervised", "S"),
    Slot.OPEN: pgettext_lazy("norm grid symbol: open, not supervised", "O"),
    Slot.PARTLY: "½",
    Slot.CLOSED: "–",
}
GAP_SYMBOL = "!"


def _union(spans) -> list[tuple[int, int]]:
    """Merge overlapping or touching (start, end) minute spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _covered(part: tuple[int, int], spans) -> int:
    start, end = part
    return sum(max(0, min(end, s_end) - max(start, s_start)) for s_start, s_end in spans)


def counted_part(weekday: int, hour: int, norm: opening.Norm | None) -> tuple[int, int]:
    """The minutes of a grid cell that count: the norm's part of it, or the whole hour."""
    slot = (hour * HOUR, hour * HOUR + HOUR)
    if norm is not None and norm.covers(weekday, *slot):
        window = norm.window
        return max(slot[0], window[0]), min(slot[1], window[1])
    return slot


def _hour_span(starts: list[int], ends: list[int]) -> tuple[int, ...]:
    """Whole clock hours from the earliest start to the latest end (in minutes)."""
    if not starts:
        return ()
    return tuple(range(min(starts) // HOUR, -(-max(ends) // HOUR)))


def grid_hours(places) -> tuple[int, ...]:
    """The clock hours a grid shows for ``places`` (with prefetched weekly hours and kinds):
    from the earliest opening to the latest closing among their hours and their norms.

    Empty when none of them has hours or a norm: there is nothing to draw.
    """
    starts, ends = [], []
    for place in places:
        for hours in place.opening_hours.all():
            starts.append(hours.interval.start)
            ends.append(hours.interval.end)
        norm = opening.location_norm(place)
        if norm is not None:
            starts.append(norm.window[0])
            ends.append(norm.window[1])
    return _hour_span(starts, ends)


def grid_hours_for(places) -> tuple[int, ...]:
    """:func:`grid_hours` for a QuerySet of places, in two queries (for streamed exports)."""
    ids = places.order_by().values("pk")
    bounds = OpeningHours.objects.filter(location__in=ids).aggregate(
        first=Min("opens"),
        last=Max("closes", filter=~Q(closes=MIDNIGHT)),
        midnight=Count("pk", filter=Q(closes=MIDNIGHT)),
    )
    starts, ends = [], []
    if bounds["first"] is not None:
        starts.append(bounds["first"].hour * HOUR + bounds["first"].minute)
        if bounds["midnight"]:
            ends.append(24 * HOUR)
        elif bounds["last"] is not None:
            ends.append(bounds["last"].hour * HOUR + bounds["last"].minute)
    for kind in LocationKind.objects.filter(pk__in=places.order_by().values("kind_id")):
        if kind.norm is not None:
            starts.append(kind.norm.window[0])
            ends.append(kind.norm.window[1])
    return _hour_span(starts, ends)


@dataclass(frozen=True)
class Cell:
    state: str
    gap: bool = False

    @property
    def symbol(self) -> str:
        return str(SLOT_SYMBOLS[self.state]) + (GAP_SYMBOL if self.gap else "")

    @property
    def css(self) -> str:
        return f"g g--{self.state}" + (" g--gap" if self.gap else "")

    @property
    def label(self) -> str:
        text = str(SLOT_LABELS[self.state])
        return f"{text}, {_('below the norm')}" if self.gap else text


@dataclass(frozen=True)
class DayCoverage(Hours):
    """A weekday of a place's regular week: its grid cells and how long it is open."""

    weekday: int
    name: str
    cells: tuple[Cell, ...]
    open_minutes: int
    supervised_minutes: int


@dataclass
class PlaceWeek(Hours):
    """One place's regular week: the grid, its hours and (if its kind has one) the norm check.

    Without a norm there is no pass or fail: ``check``, ``percentage``, ``meets_norm`` and
    ``gap_minutes`` are None, and the hours open and supervised are the whole story.
    """

    location: Location
    norm: opening.Norm | None
    check: opening.NormCheck | None
    grid: tuple[DayCoverage, ...]
    open_minutes: int
    supervised_minutes: int
    covered_in_norm_minutes: int

    unsupervised_hours = HoursOf("unsupervised_minutes")
    gap_hours = HoursOf("gap_minutes")

    @property
    def has_norm(self) -> bool:
        return self.check is not None

    @property
    def unsupervised_minutes(self) -> int:
        return self.open_minutes - self.supervised_minutes

    @property
    def gap_minutes(self) -> int | None:
        if self.check is None:
            return None
        return self.check.norm_minutes - self.covered_in_norm_minutes

    @property
    def percentage(self) -> float | None:
        return None if self.check is None else round(100 * self.check.covered_fraction, 1)

    @property
    def meets_norm(self) -> bool | None:
        return None if self.check is None else self.check.meets_norm

    @property
    def has_hours(self) -> bool:
        return self.open_minutes > 0


# Cells are values: one shared object per state and gap, not 91 new ones per place.
_CELLS = {
    (state, gap): Cell(state, gap)
    for state in (Slot.SUPERVISED, Slot.OPEN, Slot.PARTLY, Slot.CLOSED)
    for gap in (False, True)
}


def place_week(
    location, hours: tuple[int, ...] = (), norm: opening.Norm | None = None
) -> PlaceWeek:
    """Grid and hours of a place with prefetched ``opening_hours`` and ``kind`` (no queries).

    ``hours`` are the clock hours of the grid (see :func:`grid_hours`; none: no cells);
    ``norm`` is the norm of the place's kind unless given. The figures depend on the weekly
    hours alone, and many places share theirs ("every day 08:30–20:00"), so they are worked
    out once per set of hours, norm and grid (and language, for the day names) and shared.
    """
    norm = norm or opening.location_norm(location)
    weekly = tuple(
        sorted((h.weekday, h.opens, h.closes, h.supervised) for h in location.opening_hours.all())
    )
    figures = _week_figures(weekly, norm, tuple(hours), translation.get_language())
    return PlaceWeek(location, norm, *figures)


@functools.lru_cache(maxsize=1024)
def _week_figures(weekly: tuple, norm: opening.Norm | None, hours: tuple, language: str | None):
    days: list[list[opening.Interval]] = [[] for _day in range(7)]
    for weekday, start, end, supervised in weekly:
        days[weekday].append(opening.Interval(start, end, supervised))
    place = opening.PlaceHours(weekly=tuple(tuple(day) for day in days), norm=norm)
    check = opening.norm_check(place) if norm is not None else None
    gaps = set(check.missing_hours) if check is not None else set()
    open_total = supervised_total = covered_in_norm = 0
    grid = []
    for weekday, day_name in Weekday.choices:
        intervals = place.weekly[weekday]
        open_spans = _union((i.start, i.end) for i in intervals)
        supervised_spans = _union((i.start, i.end) for i in intervals if i.supervised)
        day_open = _covered((0, 24 * HOUR), open_spans)
        day_supervised = _covered((0, 24 * HOUR), supervised_spans)
        open_total += day_open
        supervised_total += day_supervised
        if norm is not None and weekday in norm.weekdays:
            counted = supervised_spans if norm.supervised else open_spans
            covered_in_norm += _covered(norm.window, counted)
        cells = []
        for hour in hours:
            part = counted_part(weekday, hour, norm)
            length = part[1] - part[0]
            if not open_spans:
                state = Slot.CLOSED
            elif _covered(part, supervised_spans) == length:
                state = Slot.SUPERVISED
            else:
                opened = _covered(part, open_spans)
                state = Slot.OPEN if opened == length else Slot.PARTLY if opened else Slot.CLOSED
            cells.append(_CELLS[state, (weekday, hour) in gaps])
        grid.append(DayCoverage(weekday, str(day_name), tuple(cells), day_open, day_supervised))
    return check, tuple(grid), open_total, supervised_total, covered_in_norm


def _clock(minutes: int) -> str:
    return f"{minutes // HOUR % 24:02d}:{minutes % HOUR:02d}" if minutes < 24 * HOUR else "24:00"


def describe_span(hours: tuple[int, ...]) -> tuple[str, str] | None:
    """The grid's first and last clock time ('08:00', '21:00'); None for an empty grid."""
    if not hours:
        return None
    return _clock(hours[0] * HOUR), _clock((hours[-1] + 1) * HOUR)


def partial_hour_example(norms) -> dict | None:
    """An hour of the grid that one of ``norms`` covers only in part, to explain how such an
    hour counts (the help text is built from the norms, not written with fixed times)."""
    for norm in norms:
        for edge, minute in (("opens", norm.window[0]), ("closes", norm.window[1])):
            if minute % HOUR:
                start = minute - minute % HOUR
                return {
                    "edge": edge,
                    "hour": f"{_clock(start)}–{_clock(start + HOUR)}",
                    "time": _clock(minute),
                }
    return None
