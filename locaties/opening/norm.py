"""How a place's weekly hours meet its kind's norm (the days and hours it should be open, and
supervised), and the norm in words."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .hours import Norm, PlaceHours, hours_of


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
