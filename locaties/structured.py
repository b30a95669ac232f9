"""Opening hours and places in the formats others read: OpenStreetMap and schema.org."""

from __future__ import annotations

import datetime
import itertools

from .opening import DAY_MINUTES, Interval, hours_of, upcoming_changes

OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
# Fixed English abbreviations: the OSM syntax is not localised, and strftime("%b") follows the locale.
OSM_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _osm_intervals(intervals) -> str:
    return ",".join(f"{_clock(i.start)}-{_clock(i.end)}" for i in intervals) or "off"


def osm_opening_hours(location, today: datetime.date, days: int = 60) -> str:
    """An OpenStreetMap ``opening_hours`` value: weekly rules, PH, then dated exceptions.

    Runs of weekdays with the same hours are joined ("Mo-Fr 08:30-20:00"); midnight is 24:00.
    """
    place = hours_of(location)
    rules = []
    weekly = place.weekly
    for intervals, group in itertools.groupby(range(7), key=lambda d: weekly[d]):
        run = list(group)
        if not intervals:
            continue
        span = OSM_DAYS[run[0]] if len(run) == 1 else f"{OSM_DAYS[run[0]]}-{OSM_DAYS[run[-1]]}"
        rules.append(f"{span} {_osm_intervals(intervals)}")
    if place.closed_on_public_holidays:
        rules.append("PH off")
    for changed in upcoming_changes(place, today, days):
        if changed.reason == "exception":
            rules.append(
                f"{changed.day:%Y} {changed.day:%b} {changed.day.day:02d} {_osm_intervals(changed.intervals)}"
            )
    return "; ".join(rules) or "off"


def opening_hours_specification(location, today: datetime.date, days: int = 60) -> list[dict]:
    """schema.org ``openingHoursSpecification``: the week, plus dated exceptions and holidays."""
    place = hours_of(location)
    specification = []
    for weekday, intervals in enumerate(place.weekly):
        for interval in intervals:
            specification.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[weekday]}",
                    "opens": _clock(interval.start),
                    "closes": _clock(interval.end % DAY_MINUTES)
                    if interval.end < DAY_MINUTES
                    else "23:59",
                }
            )
    for changed in upcoming_changes(place, today, days):
        if changed.reason == "regular":
            continue
        # schema.org marks a closed day as opens = closes = 00:00.
        for interval in changed.intervals or (Interval(datetime.time(0), datetime.time(0)),):
            closed = not changed.intervals
            specification.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "validFrom": changed.day.isoformat(),
                    "validThrough": changed.day.isoformat(),
                    "opens": "00:00" if closed else _clock(interval.start),
                    "closes": "00:00"
                    if closed
                    else (_clock(interval.end) if interval.end < DAY_MINUTES else "23:59"),
                }
            )
    return specification


def place_data(location, url: str, schema_type: str = "Place") -> dict:
    """A schema.org Place (or a subtype) with its address, and its coordinates when known."""
    data = {"@type": schema_type, "name": location.name, "url": url}
    address = {
        key: value
        for key, value in (
            ("streetAddress", " ".join(p for p in (location.street, location.house_number) if p)),
            ("postalCode", location.postcode),
            ("addressLocality", location.city),
        )
        if value
    }
    if address:
        # Addresses in this portal are Dutch: postcodes are validated as Dutch ones.
        data["address"] = {"@type": "PostalAddress", **address, "addressCountry": "NL"}
    if location.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    return data


def place_jsonld(
    location, *, url: str, today: datetime.date, events: list[dict] | None = None
) -> dict:
    """schema.org Place for a meeting place page, with its hours and (optionally) its events.

    Its type is its kind's (a Playground, a Library …): the municipality chooses it per kind.
    """
    data = {
        "@context": "https://schema.org",
        **place_data(location, url, location.kind.schema_type or "Place"),
        "@id": url,
        "description": location.description or location.kind.label,
        "openingHoursSpecification": opening_hours_specification(location, today),
        "publicAccess": True,
        "isAccessibleForFree": True,
    }
    features = [
        {"@type": "LocationFeatureSpecification", "name": name, "value": True}
        for name, present in (
            ("wheelchair accessible", location.wheelchair_accessible),
            ("accessible toilet", location.accessible_toilet),
            ("parking", location.parking),
            ("public transport nearby", location.public_transport_nearby),
            ("hearing loop", location.hearing_loop),
        )
        if present
    ]
    if features:
        data["amenityFeature"] = features
    if location.phone:
        data["telephone"] = location.phone
    if events:
        data["event"] = events
    return data
