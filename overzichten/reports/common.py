"""What the overviews share: their filter over all places, the places it selects, hours and weeks."""

from __future__ import annotations

import datetime

from django.utils import timezone

from activiteiten.filters import PlaceFilter
from locaties.filters import LocationFilter
from locaties.models import Location

HOUR = 60


def in_hours(minutes: int | None) -> float | None:
    """Minutes as hours, to two decimals (the minutes stay the exact figures)."""
    return None if minutes is None else round(minutes / HOUR, 2)


class HoursOf:
    """A read-only attribute: the minutes in another attribute, as hours for people."""

    def __init__(self, minutes: str):
        self.minutes = minutes

    def __get__(self, obj, owner=None):
        return self if obj is None else in_hours(getattr(obj, self.minutes))


class Hours:
    """Hours open and supervised, from ``open_minutes`` and ``supervised_minutes``."""

    open_hours = HoursOf("open_minutes")
    supervised_hours = HoursOf("supervised_minutes")


# "Near me" only sorts by distance; it means nothing in an overview and would ask the geocoder.
IGNORED_PLACE_PARAMETERS = ("postcode", "lat", "lon", "page")


def overview_filter(data, *, now: datetime.datetime | None = None) -> PlaceFilter:
    """The public places FilterSet over *all* places, published or not: staff see everything."""
    if data:
        data = data.copy()
        for name in IGNORED_PLACE_PARAMETERS:
            data.pop(name, None)
    return PlaceFilter(
        data or None, queryset=Location.objects.select_related("cluster", "kind"), now=now
    )


def filtered_places(filterset: LocationFilter, *, exceptions: bool = False):
    """The places the filter selects, with their weekly hours prefetched, in cluster order.

    The norm and the hours per week read the weekly hours only; ``exceptions`` adds what
    "open now" needs too (the map's GeoJSON).
    """
    places = filterset.qs.select_related("cluster", "kind").order_by(
        "cluster__number", "name", "pk"
    )
    return places.with_hours() if exceptions else places.prefetch_related("opening_hours")


def week_start(day: datetime.date) -> datetime.date:
    """The Monday of the week that holds ``day``."""
    return day - datetime.timedelta(days=day.weekday())


def week_bounds(monday: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start, end) of the week from ``monday`` 00:00 to the next Monday 00:00, local time."""
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min)
    )
    return start, end
