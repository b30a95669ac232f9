"""Write the Enschede demo data set into the database.

Real places come from ``data/places_sources.csv`` (with their sources), their coordinates
from ``data/places_coordinates.csv`` (each with its source and a confidence note); clusters,
organisations, opening hours, people and activities are the invented examples in
``content`` and ``activities``. Loading is idempotent: everything is matched on its slug
(people on their e-mail address), and the date-relative parts (opening hours,
exceptions, schedules, cancelled dates) of demo objects are replaced on every run.
"""

from __future__ import annotations

import csv
import datetime
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from activiteiten import schedules as schedule_rules
from activiteiten.models import Activity, Cancellation, Schedule, TargetGroup, Theme
from beheer import roles
from beheer.models import Membership
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
from .activities import ACTIVITIES, DemoActivity, Monthly, Once, Weekly

DATA_DIR = Path(__file__).resolve().parent / "data"
PLACES_CSV = DATA_DIR / "places_sources.csv"
COORDINATES_CSV = DATA_DIR / "places_coordinates.csv"
WIJKEN_GEOJSON = DATA_DIR / "wijken_cbs2023.geojson"

# "Hertmebrink 1", "Wesselerweg 15a": a street name, then a number with an optional letter.
ADDRESS_RE = re.compile(r"^(?P<street>[^\d,;()]+?)\s+(?P<number>\d+\s?[a-zA-Z]?)$")
# A bare street name starts with a capital ("Dr. Van Damstraat"); "in de Paulusschool" does not.
STREET_RE = re.compile(r"^[A-Z][^\d;()]*$")


class DemoDataError(Exception):
    """The demo data cannot be loaded as it stands; the message says what to fix."""


@dataclass(frozen=True)
class PlaceRow:
    """One importable row of the places CSV, cleaned up."""

    csv_name: str
    name: str
    slug: str
    kind: str
    wijk: str
    latitude: Decimal | None
    longitude: Decimal | None
    street: str
    house_number: str
    city: str
    source: str


@dataclass
class DemoSummary:
    clusters: int = 0
    places: int = 0
    designated: int = 0
    planned: int = 0
    with_coordinates: int = 0
    organisations: int = 0
    people: int = 0
    activities: int = 0
    published: int = 0
    schedules: int = 0
    cancellations: int = 0
    users: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"{self.clusters} example clusters",
            f"{self.places} places ({self.designated} designated, {self.planned} planned; "
            f"{self.with_coordinates} with coordinates from the sources)",
            f"{self.organisations} organisations, {self.people} people",
            f"{self.activities} activities ({self.published} published) with "
            f"{self.schedules} schedules and {self.cancellations} cancelled dates",
        ]


# --- Reading the sources ---------------------------------------------------------------


def clean_name(csv_name: str) -> str:
    """The public name: an override, or the CSV name without its parenthesised remarks."""
    if csv_name in content.NAME_OVERRIDES:
        return content.NAME_OVERRIDES[csv_name]
    return re.sub(r"\s*\([^)]*\)", "", csv_name).strip()


def parse_address(text: str) -> tuple[str, str, str]:
    """(street, house number, town) from the CSV's address column; empty where unusable."""
    # Remarks follow a parenthesis or semicolon: "J.J. van Deinselaan (sportpark, per …); …".
    text = re.split(r"[(;]", text or "", maxsplit=1)[0].strip()
    town = ""
    if "," in text:
        text, town = (part.strip() for part in text.split(",", 1))
    match = ADDRESS_RE.match(text)
    if match:
        return match["street"].strip(), match["number"].replace(" ", ""), town
    if STREET_RE.match(text):
        return text, "", town
    return "", "", town


def _coordinate(value: str) -> Decimal | None:
    value = (value or "").strip()
    return Decimal(value) if value else None


def coordinate_key(name: str) -> str:
    """The slug a row of the coordinates CSV stands for.

    That file names some places twice ("Ontmoetingspark Rigtersbleek / Sportpark …"); the
    first name is the public one.
    """
    return slugify(clean_name(name.split(" / ")[0].strip()))


@dataclass(frozen=True)
class CoordinateRow:
    latitude: Decimal
    longitude: Decimal
    confidence: str


def read_coordinates(path: Path = COORDINATES_CSV) -> dict[str, CoordinateRow | None]:
    """Slug → the sourced point of that place, or None where no source gives one."""
    points: dict[str, CoordinateRow | None] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = coordinate_key(row["name"])
            if key in points:
                raise DemoDataError(f"{path.name} has two rows for {key!r}.")
            latitude, longitude = _coordinate(row["lat"]), _coordinate(row["lon"])
            if latitude is None or longitude is None:
                points[key] = None
                continue
            # "medium-high: 15a not in the 2012 DB, …" → "medium-high".
            confidence = row["confidence"].split(":", 1)[0].strip()
            points[key] = CoordinateRow(latitude, longitude, confidence)
    return points


def read_place_rows(
    path: Path = PLACES_CSV, coordinates_path: Path = COORDINATES_CSV
) -> list[PlaceRow]:
    """The CSV rows that are meeting places; city parks and areas are left out.

    Positions come from the coordinates file only: it was made for exactly these places,
    and says how sure each point is. A place it has no point for stays off the map.
    """
    points = read_coordinates(coordinates_path)
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kind = content.KIND_MAP.get(row["kind"].strip())
            if kind is None:
                continue
            name = clean_name(row["name"].strip())
            street, number, town = parse_address(row["address"])
            slug = slugify(name)
            if slug not in points:
                raise DemoDataError(
                    f"{coordinates_path.name} has no row for {slug!r}: add one (empty "
                    "lat/lon with the reason in 'confidence' if no source gives a point)."
                )
            point = points.pop(slug)
            source = row["source"].strip()
            if point is None:
                latitude = longitude = None
            else:
                latitude, longitude = point.latitude, point.longitude
                source = (
                    f"{source} | Coordinates ({point.confidence} confidence): "
                    f"demo data {coordinates_path.name}"
                )
            wijk = row["wijk"].strip()
            rows.append(
                PlaceRow(
                    csv_name=row["name"].strip(),
                    name=name,
                    slug=slug,
                    kind=kind,
                    wijk=wijk,
                    latitude=latitude,
                    longitude=longitude,
                    street=street,
                    house_number=number,
                    city=town or content.TOWNS.get(wijk, content.DEFAULT_TOWN),
                    source=source,
                )
            )
    if points:
        raise DemoDataError(
            f"{coordinates_path.name} has rows for places that are not in {path.name}: "
            f"{sorted(points)}."
        )
    return rows


def read_wijk_geometries(path: Path = WIJKEN_GEOJSON) -> dict[str, dict]:
    """CBS wijk code → GeoJSON geometry."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {
        feature["properties"]["statcode"]: feature["geometry"] for feature in collection["features"]
    }


# --- Writing ---------------------------------------------------------------------------


def _upsert(model, lookup: dict, values: dict):
    """update_or_create, validated first: a mistake in the demo content fails loudly."""
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    # Related objects were just saved by this loader; checking they exist costs a query each.
    related = [name for name, value in values.items() if isinstance(value, models.Model)]
    _validate(obj, lookup, exclude=related)
    obj.save()
    return obj


def _validate(obj, label, *, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise DemoDataError(
            f"Demo {type(obj).__name__} {label} is not valid: {'; '.join(exc.messages)}"
        ) from exc


def _validate_fields(obj, label) -> None:
    try:
        obj.clean_fields(exclude=["location"])
    except ValidationError as exc:
        raise DemoDataError(
            f"Demo {type(obj).__name__} {label} is not valid: {'; '.join(exc.messages)}"
        ) from exc


def _time(value: str) -> datetime.time:
    return datetime.time.fromisoformat(value)


def _load_clusters() -> dict[str, Cluster]:
    geometries = read_wijk_geometries()
    clusters = {}
    for item in content.CLUSTERS:
        clusters[item.name] = _upsert(
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


def _load_kinds() -> dict[str, LocationKind]:
    kinds = {}
    for order, item in enumerate(content.KINDS, start=1):
        days, opens, closes, supervised = item.norm or ((), None, None, True)
        kinds[item.slug] = _upsert(
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
                "norm_opens": _time(opens) if opens else None,
                "norm_closes": _time(closes) if closes else None,
                "norm_supervised": supervised,
            },
        )
    return kinds


def _load_organisations() -> dict[str, Organisation]:
    return {
        item.slug: _upsert(
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
            opens=_time(opens),
            closes=_time(closes),
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
        _validate_fields(row, location.slug)
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
            opens=_time(item.opens) if item.opens else None,
            closes=_time(item.closes) if item.closes else None,
            supervised=item.supervised,
            reason=item.reason,
        )
        _validate(exception, f"{location.slug} {item.reason}", exclude=["location"])
        exception.save()


def _load_places(clusters, organisations, kinds, today: datetime.date) -> list[Location]:
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
        location = _upsert(Location, {"slug": row.slug}, values)
        location.host_organisations.set([organisations[slug] for slug in place.hosts])
        _load_opening_hours(location, place.hours)
        _load_exceptions(location, place.exceptions, today)
        locations.append(location)
    return locations


def person_email(name: str) -> str:
    return slugify(name).replace("-", ".") + "@example.org"


def _load_people(clusters, organisations, locations_by_slug) -> dict[str, Person]:
    people = {}
    for position, item in enumerate(content.PEOPLE):
        person = _upsert(
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


def activity_slug(item: DemoActivity) -> str:
    return slugify(item.title)


def _schedule(activity: Activity, when, today: datetime.date) -> Schedule:
    monday = today - datetime.timedelta(days=today.weekday())
    schedule = Schedule(activity=activity, start_time=_time(when.start), end_time=_time(when.end))
    if isinstance(when, Weekly):
        # Four weeks back: a multiple of every 1, 2 and 4 weeks, so this week has a date.
        schedule.frequency = Schedule.Frequency.WEEKLY
        schedule.start_date = monday - datetime.timedelta(weeks=4)
        schedule.weekdays = list(when.days)
        schedule.interval = when.every
        schedule.count = when.count
        if when.until_in_days is not None:
            schedule.until = today + datetime.timedelta(days=when.until_in_days)
    elif isinstance(when, Monthly):
        last_month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        schedule.frequency = Schedule.Frequency.MONTHLY
        schedule.start_date = last_month
        schedule.weekdays = [when.day]
        schedule.month_week = when.week
    elif isinstance(when, Once):
        schedule.frequency = Schedule.Frequency.ONCE
        schedule.start_date = today + datetime.timedelta(days=when.in_days)
    else:  # pragma: no cover - a programming error in activities.py
        raise DemoDataError(f"Unknown schedule {when!r} for {activity.slug}.")
    return schedule


def _load_activities(organisations, locations_by_slug, people, today) -> list[Activity]:
    themes = Theme.objects.in_bulk(field_name="slug")
    groups = TargetGroup.objects.in_bulk(field_name="slug")
    slugs = [activity_slug(item) for item in ACTIVITIES]
    if len(set(slugs)) != len(slugs):
        raise DemoDataError("Two demo activities have the same title; titles must be unique.")
    activities = []
    for position, item in enumerate(ACTIVITIES):
        missing = [s for s in item.themes if s not in themes] + [
            s for s in item.groups if s not in groups
        ]
        if missing:
            raise DemoDataError(
                f"Themes or target groups {missing} of {item.title!r} do not exist: "
                "run 'manage.py migrate' first (it seeds them)."
            )
        if (
            item.organiser not in organisations
            or item.place not in locations_by_slug
            or (item.contact and item.contact not in people)
        ):
            raise DemoDataError(
                f"Demo activity {item.title!r} names an unknown organiser, place or contact."
            )
        activity = _upsert(
            Activity,
            {"slug": activity_slug(item)},
            {
                "title": item.title,
                "description": item.description,
                "organiser": organisations[item.organiser],
                "location": locations_by_slug[item.place],
                "room": item.room,
                "support_need_welcome": item.support,
                "is_free": not item.cost,
                "cost": item.cost,
                "registration_required": bool(item.registration),
                "registration_info": item.registration,
                "contact_person": people[item.contact] if item.contact else None,
                "status": Activity.Status.DRAFT if item.draft else Activity.Status.PUBLISHED,
                "last_verified": (
                    today - datetime.timedelta(days=3 + 4 * (position % 12))
                    if item.verified
                    else None
                ),
            },
        )
        activity.themes.set([themes[slug] for slug in item.themes])
        activity.target_groups.set([groups[slug] for slug in item.groups])
        activity.schedules.all().delete()
        activity.cancellations.all().delete()
        schedule = _schedule(activity, item.when, today)
        _validate(schedule, activity.slug, exclude=["activity"])
        schedule.save()
        if item.cancel:
            _cancel_a_coming_date(activity, schedule, item.cancel, today)
        activities.append(activity)
    return activities


def _cancel_a_coming_date(activity, schedule, reason: str, today: datetime.date) -> None:
    """Cancel the first date at least a week ahead, so the agenda shows a cancellation."""
    after = datetime.datetime.combine(today + datetime.timedelta(days=7), datetime.time.min)
    upcoming = schedule_rules.rule(schedule).after(after, inc=True)
    if upcoming is not None:
        cancellation = Cancellation(activity=activity, date=upcoming.date(), reason=reason)
        _validate(cancellation, activity.slug, exclude=["activity"])
        cancellation.save()


def _load_users() -> list[str]:
    """Demo users in their role groups (made by a migration), with their memberships."""
    groups = {group.name: group for group in Group.objects.filter(name__in=roles.ROLE_PERMISSIONS)}
    user_model = get_user_model()
    for item in content.DEMO_USERS:
        user = user_model.objects.filter(username=item.username).first() or user_model(
            username=item.username
        )
        user.first_name = item.first_name
        user.last_name = item.last_name
        user.email = f"{item.username}@example.org"
        user.is_active = True
        user.is_staff = True
        user.is_superuser = item.superuser
        # set_password skips the validators on purpose: the demo password is public anyway.
        user.set_password(content.DEMO_PASSWORD)
        user.save()
        user.groups.set([groups[item.role]] if item.role else [])
        membership, _created = Membership.objects.get_or_create(user=user)
        membership.organisations.set(Organisation.objects.filter(name__in=item.organisations))
        membership.clusters.set(Cluster.objects.filter(name__in=item.clusters))
    return [item.username for item in content.DEMO_USERS]


def demo_site_settings() -> None:
    """Enschede's name, map and wijken in the site settings, which name no town by default.

    Only what is still empty: a value a functional administrator has chosen stays."""
    from django.conf import settings

    from instellingen.models import SiteSettings
    from instellingen.validators import read_boundaries

    row = SiteSettings.get_solo()
    if not row.city_name:
        row.city_name = content.CITY_NAME
    if row.map_latitude is None and row.map_longitude is None:
        row.map_latitude, row.map_longitude = content.MAP_CENTER
        row.map_zoom = content.MAP_ZOOM
    if not row.boundaries:
        row.boundaries = read_boundaries(
            WIJKEN_GEOJSON.read_bytes(), max_bytes=settings.MAP_BOUNDARIES_MAX_BYTES
        )
        row.boundaries_file_name = WIJKEN_GEOJSON.name
        row.boundaries_name = content.BOUNDARIES_NAME
        row.boundaries_attribution = content.BOUNDARIES_ATTRIBUTION
    _validate(row, "site settings")
    row.save()


@transaction.atomic
def demo_load(*, create_users: bool, today: datetime.date | None = None) -> DemoSummary:
    """Load (or refresh) the demo data set; demo users only when ``create_users``."""
    today = today or timezone.localdate()
    demo_site_settings()
    clusters = _load_clusters()
    organisations = _load_organisations()
    kinds = _load_kinds()
    locations = _load_places(clusters, organisations, kinds, today)
    locations_by_slug = {location.slug: location for location in locations}
    people = _load_people(clusters, organisations, locations_by_slug)
    activities = _load_activities(organisations, locations_by_slug, people, today)
    users = _load_users() if create_users else []
    return DemoSummary(
        clusters=len(clusters),
        places=len(locations),
        designated=sum(loc.status == Location.Status.DESIGNATED for loc in locations),
        planned=sum(loc.status == Location.Status.PLANNED for loc in locations),
        with_coordinates=sum(loc.has_coordinates for loc in locations),
        organisations=len(organisations),
        people=len(people),
        activities=len(activities),
        published=sum(a.status == Activity.Status.PUBLISHED for a in activities),
        schedules=Schedule.objects.filter(activity__in=activities).count(),
        cancellations=Cancellation.objects.filter(activity__in=activities).count(),
        users=users,
    )
