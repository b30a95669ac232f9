"""Write the places side of the demo: clusters, kinds of places, organisations, the places
with their opening hours and exceptions, and the people who supervise them."""

from __future__ import annotations

import datetime

from django.utils.text import slugify

from clusters.models import Cluster
from locaties import opening
from locaties.models import (
    Location,
    LocationKind,
    OpeningException,
    OpeningHours,
    Organisation,
    Person,
)

from . import content
from .records import parse_time, upsert, validate, validate_fields
from .sources import DemoDataError, PlaceRow, read_place_rows, read_wijk_geometries


def load_clusters() -> dict[str, Cluster]:
    geometries = read_wijk_geometries()
    clusters = {}
    for item in content.CLUSTERS:
        clusters[item.name] = upsert(
            Cluster,
            {"slug": slugify(item.name)},
            {
                "number": item.number,
                "name": item.name,
                "description": f"{item.summary}\n\n{content.EXAMPLE_NOTE}",
                "area": geometries[item.cbs_wijk] if item.cbs_wijk else None,
                "is_example": True,
            },
        )
    return clusters


def load_kinds() -> dict[str, LocationKind]:
    kinds = {}
    for order, item in enumerate(content.KINDS, start=1):
        days, opens, closes, supervised = item.norm or ((), None, None, True)
        kinds[item.slug] = upsert(
            LocationKind,
            {"slug": item.slug},
            {
                "name_nl": item.name_nl,
                "plural_nl": item.plural_nl,
                "name_en": item.name_en,
                "plural_en": item.plural_en,
                "icon": item.icon,
                "order": order,
                "schema_type": item.schema_type,
                "norm_weekdays": list(days),
                "norm_opens": parse_time(opens) if opens else None,
                "norm_closes": parse_time(closes) if closes else None,
                "norm_supervised": supervised,
            },
        )
    return kinds


def load_organisations() -> dict[str, Organisation]:
    return {
        item.slug: upsert(
            Organisation,
            {"slug": item.slug},
            {
                "name": item.name,
                "kind": item.kind,
                "description": item.description,
                "website": item.website,
            },
        )
        for item in content.ORGANISATIONS
    }


def _place_cluster(row: PlaceRow, place: content.DemoPlace, clusters: dict[str, Cluster]):
    name = content.WIJK_TO_CLUSTER.get(row.wijk) if row.wijk else place.cluster
    if not name or name not in clusters:
        raise DemoDataError(
            f"No cluster for {row.csv_name!r} (wijk {row.wijk!r}): add the wijk to "
            "content.WIJK_TO_CLUSTER, or a cluster to its entry in content.PLACES."
        )
    return clusters[name]


def _next_annual(today: datetime.date, month: int, day: int) -> datetime.date:
    this_year = datetime.date(today.year, month, day)
    return this_year if this_year >= today else datetime.date(today.year + 1, month, day)


def _load_opening_hours(location: Location, profile: str | None) -> None:
    location.opening_hours.all().delete()
    rows = [
        OpeningHours(
            location=location,
            weekday=weekday,
            opens=parse_time(opens),
            closes=parse_time(closes),
            supervised=supervised,
        )
        for days, opens, closes, supervised in (content.HOURS_PROFILES[profile] if profile else [])
        for weekday in days
    ]
    # The model's own overlap check reads the database row by row; one pass here is the
    # same rule for a whole week at once, so the rows can be inserted together.
    for weekday in {row.weekday for row in rows}:
        overlap = opening.find_overlap([row.interval for row in rows if row.weekday == weekday])
        if overlap:
            raise DemoDataError(f"Demo opening hours of {location.slug} overlap: {overlap}.")
    for row in rows:
        if row.closes != datetime.time(0, 0) and row.closes <= row.opens:
            raise DemoDataError(f"Demo opening hours of {location.slug}: {row} closes too early.")
        validate_fields(row, location.slug)
    OpeningHours.objects.bulk_create(rows)


def _load_exceptions(location: Location, items, today: datetime.date) -> None:
    location.exceptions.all().delete()
    for item in items:
        start = (
            _next_annual(today, *item.annual)
            if item.annual
            else today + datetime.timedelta(days=item.in_days)
        )
        exception = OpeningException(
            location=location,
            start_date=start,
            end_date=start + datetime.timedelta(days=item.length_days - 1),
            kind=item.kind,
            opens=parse_time(item.opens) if item.opens else None,
            closes=parse_time(item.closes) if item.closes else None,
            supervised=item.supervised,
            reason=item.reason,
        )
        validate(exception, f"{location.slug} {item.reason}", exclude=["location"])
        exception.save()


def load_places(clusters, organisations, kinds, today: datetime.date) -> list[Location]:
    rows = read_place_rows()
    slugs = [row.slug for row in rows]
    duplicates = {slug for slug in slugs if slugs.count(slug) > 1}
    unknown = set(content.PLACES) - set(slugs)
    missing = set(slugs) - set(content.PLACES)
    if duplicates or unknown or missing:
        raise DemoDataError(
            "content.PLACES does not match the places CSV: "
            f"duplicate slugs {sorted(duplicates)}, not in the CSV {sorted(unknown)}, "
            f"not in content.PLACES {sorted(missing)}."
        )
    locations = []
    for position, row in enumerate(rows):
        place = content.PLACES[row.slug]
        description = " ".join(
            part for part in (content.KIND_DESCRIPTIONS[row.kind], place.description) if part
        )
        designated = place.status == Location.Status.DESIGNATED
        values = {
            "name": row.name,
            "kind": kinds[row.kind],
            "cluster": _place_cluster(row, place, clusters),
            "status": place.status,
            "building_status": place.building_status,
            "new_building_year": place.new_building_year,
            "street": row.street,
            "house_number": row.house_number,
            "city": row.city,
            "latitude": row.latitude,
            "longitude": row.longitude,
            "description": description,
            "closed_on_public_holidays": place.closed_on_public_holidays,
            "published": True,
            # Spread over the last two months, so "last checked" differs between places.
            "last_verified": (
                today - datetime.timedelta(days=5 + 7 * (position % 8)) if designated else None
            ),
            "source": row.source,
        }
        for feature in (
            "wheelchair_accessible",
            "accessible_toilet",
            "parking",
            "public_transport_nearby",
            "hearing_loop",
        ):
            values[feature] = feature in place.features
        location = upsert(Location, {"slug": row.slug}, values)
        location.host_organisations.set([organisations[slug] for slug in place.hosts])
        _load_opening_hours(location, place.hours)
        _load_exceptions(location, place.exceptions, today)
        locations.append(location)
    return locations


def person_email(name: str) -> str:
    return slugify(name).replace("-", ".") + "@example.org"


def load_people(clusters, organisations, locations_by_slug) -> dict[str, Person]:
    people = {}
    for position, item in enumerate(content.PEOPLE):
        person = upsert(
            Person,
            {"email": person_email(item.name)},
            {
                "name": item.name,
                "role": item.role,
                "organisation": organisations[item.organisation],
                # 053 000 … is no real exchange, so these numbers reach nobody.
                "phone": f"053 000 10 {position:02d}",
                "contact_public": item.contact_public,
            },
        )
        person.clusters.set([clusters[name] for name in item.clusters])
        person.locations.set([locations_by_slug[slug] for slug in item.locations])
        people[item.name] = person
    return people
