"""Write the Enschede demo data set into the database.

Real places come from ``data/places_sources.csv`` (with their sources), their coordinates
from ``data/places_coordinates.csv`` (each with its source and a confidence note); clusters,
organisations, opening hours, people and activities are the invented examples in
``content`` and ``activities``. Loading is idempotent: everything is matched on its slug
(people on their e-mail address), and the date-relative parts (opening hours,
exceptions, schedules, cancelled dates) of demo objects are replaced on every run.

``sources`` reads the files, ``places_loader`` and ``activities_loader`` write each kind of
object; this module runs them in order, with the site settings and the demo users.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from activiteiten.models import Activity, Cancellation, Schedule
from beheer.models import Membership
from clusters.models import Cluster
from locaties.models import Location, Organisation
from ontmoeting import roles

from . import content
from .activities_loader import load_activities
from .places_loader import (
    load_clusters,
    load_kinds,
    load_organisations,
    load_people,
    load_places,
)
from .records import validate
from .sources import WIJKEN_GEOJSON, DemoDataError

__all__ = ["DemoDataError", "DemoSummary", "demo_load", "demo_site_settings"]


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
    validate(row, "site settings")
    row.save()


@transaction.atomic
def demo_load(*, create_users: bool, today: datetime.date | None = None) -> DemoSummary:
    """Load (or refresh) the demo data set; demo users only when ``create_users``."""
    today = today or timezone.localdate()
    demo_site_settings()
    clusters = load_clusters()
    organisations = load_organisations()
    kinds = load_kinds()
    locations = load_places(clusters, organisations, kinds, today)
    locations_by_slug = {location.slug: location for location in locations}
    people = load_people(clusters, organisations, locations_by_slug)
    activities = load_activities(organisations, locations_by_slug, people, today)
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
