"""A small city with known numbers, and users in each role, for the overview tests.

The numbers the tests expect are worked out by hand from this data (see the comments),
not by the functions under test.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.http import QueryDict

from locaties.models import Location, Person
from ontmoeting import roles
from overzichten.reports.common import filtered_places, overview_filter
from tests.conftest import seed_from_migrations
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Wednesday 4 March 2026, noon: the week runs Monday 2 to Sunday 8 March (no holidays).
NOW = datetime.datetime(2026, 3, 4, 12, 0, tzinfo=AMSTERDAM)
MONDAY = datetime.date(2026, 3, 2)
T = datetime.time


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


def make_user(username: str, role: str | None = None, *, superuser: bool = False) -> User:
    """A staff user in a role group. The groups and their permissions are put back when
    missing: transactional tests empty the tables the data migration filled."""
    user = User.objects.create_user(
        username, password="a-long-test-password", is_staff=True, is_superuser=superuser
    )
    if role:
        if not Group.objects.filter(name=role).exists():
            seed_from_migrations()
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def users(db):
    return {
        "municipality": make_user("gemeente", roles.MUNICIPALITY),
        "functional_admin": make_user("beheerder", roles.FUNCTIONAL_ADMIN),
        "superuser": make_user("super", superuser=True),
        "welfare_worker": make_user("welzijn", roles.WELFARE_WORKER),
        "cluster_manager": make_user("cluster", roles.CLUSTER_MANAGER),
        "no_role": make_user("niemand"),
    }


@pytest.fixture
def municipality_client(client, users):
    client.force_login(users["municipality"])
    return client


def week_hours(place, days, opens, closes, *, supervised=True):
    for weekday in days:
        OpeningHoursFactory(
            location=place, weekday=weekday, opens=opens, closes=closes, supervised=supervised
        )


@pytest.fixture
def city(db, frozen_now):
    """Two clusters, six places, people and activities.

    Cluster 1 "Noord" (a cluster manager and a sports coach):
      De Magneet – house, designated; supervised every day 08:30–20:00 (the norm, 100 %).
      Rigtersbleek – park, designated, future-proof; supervised Mon–Fri 09:00–20:00 and
        open without supervision Sat 10:00–16:00: 61 h open, 55 h supervised, 3300 of
        the norm's 4830 minutes (68.3 %).
      Speeltuin Zuid – playground, planned; no hours, no coordinates.
    Cluster 2 "Oost" (only a sports coach, assigned to Victoria):
      Victoria – park, designated, new building in 2028; no hours.
      Kinderboerderij – petting farm, planned, unpublished; supervised daily 10:00–17:00
        (49 h, 2940 minutes, 60.9 %); no supervisor.
      Sportlust – park, planned, new building in 2028; supervised Mon 08:30–20:00 and open
        Tue 20:00–20:30 without supervision (12 h open, 14.3 %); only a host, no supervisor.
    Designated: 3 of 6. Parks: 1 future-proof, 2 new building (2028).
    """
    noord = ClusterFactory(number=1, name="Noord", slug="noord")
    oost = ClusterFactory(number=2, name="Oost", slug="oost")
    magneet = LocationFactory(
        name="De Magneet", slug="de-magneet", cluster=noord, last_verified=datetime.date(2026, 2, 1)
    )
    rigtersbleek = LocationFactory(
        name="Rigtersbleek",
        slug="rigtersbleek",
        cluster=noord,
        kind="park",
        building_status=Location.BuildingStatus.FUTURE_PROOF,
    )
    speeltuin = LocationFactory(
        name="Speeltuin Zuid",
        slug="speeltuin-zuid",
        cluster=noord,
        kind="playground",
        status=Location.Status.PLANNED,
        latitude=None,
        longitude=None,
    )
    victoria = LocationFactory(
        name="Victoria",
        slug="victoria",
        cluster=oost,
        kind="park",
        building_status=Location.BuildingStatus.NEW_BUILDING_PLANNED,
        new_building_year=2028,
        latitude=Decimal("52.230000"),
        longitude=Decimal("6.910000"),
    )
    boerderij = LocationFactory(
        name="Kinderboerderij",
        slug="kinderboerderij",
        cluster=oost,
        kind="petting_farm",
        status=Location.Status.PLANNED,
        published=False,
    )
    sportlust = LocationFactory(
        name="Sportlust",
        slug="sportlust",
        cluster=oost,
        kind="park",
        status=Location.Status.PLANNED,
        building_status=Location.BuildingStatus.NEW_BUILDING_PLANNED,
        new_building_year=2028,
    )
    week_hours(magneet, range(7), T(8, 30), T(20, 0))
    week_hours(rigtersbleek, range(5), T(9, 0), T(20, 0))
    week_hours(rigtersbleek, [5], T(10, 0), T(16, 0), supervised=False)
    week_hours(boerderij, range(7), T(10, 0), T(17, 0))
    week_hours(sportlust, [0], T(8, 30), T(20, 0))
    # Half an hour after the norm, without supervision: a "partly open" cell, no gap.
    week_hours(sportlust, [1], T(20, 0), T(20, 30), supervised=False)
    # Noord has a cluster manager and a sports coach; Oost only a sports coach at Victoria.
    PersonFactory(
        name="Sanne de Vries",
        role=Person.Role.CLUSTER_MANAGER,
        clusters=[noord],
        contact_public=True,
        phone="053 111 22 33",
    )
    PersonFactory(
        name="Mo Bakker", role=Person.Role.SPORTS_COACH, clusters=[noord], phone="06 99 88 77 66"
    )
    PersonFactory(name="Ahmet Yilmaz", role=Person.Role.SPORTS_COACH, locations=[victoria])
    # A host is no supervisor: Sportlust stays without one.
    PersonFactory(name="Gerrit Host", role=Person.Role.HOST, locations=[sportlust])

    alifa, vizier = OrganisationFactory(name="Alifa"), OrganisationFactory(name="Vizier")
    loneliness = ThemeFactory(name="Eenzaamheid", slug="eenzaamheid")
    sport = ThemeFactory(name="Sport", slug="sport")
    elderly = TargetGroupFactory(name="Ouderen", slug="ouderen")

    # Koffie: Tue + Thu 10:00–12:00, weekly since February: 2 times this week, 4 hours.
    koffie = ActivityFactory(
        title="Koffieochtend",
        slug="koffie",
        location=magneet,
        organiser=alifa,
        last_verified=datetime.date(2026, 2, 20),
    )
    koffie.themes.add(loneliness)
    koffie.target_groups.add(elderly)
    ScheduleFactory(activity=koffie, start_date=datetime.date(2026, 2, 3), weekdays=[1, 3])
    # Walking football: Mon, Wed, Fri 19:00–20:30, but Friday 6 March is cancelled: 2 times, 3 h.
    voetbal = ActivityFactory(
        title="Walking football",
        slug="walking-football",
        location=rigtersbleek,
        organiser=vizier,
        last_verified=None,
    )
    voetbal.themes.add(sport, loneliness)
    ScheduleFactory(
        activity=voetbal,
        start_date=datetime.date(2026, 1, 5),
        weekdays=[0, 2, 4],
        start_time=T(19, 0),
        end_time=T(20, 30),
    )
    CancellationFactory(activity=voetbal, date=datetime.date(2026, 3, 6))
    # One-off on Saturday 7 March 14:00–16:00 at Victoria: 1 time, 2 h; verified long ago.
    markt = ActivityFactory(
        title="Buurtmarkt",
        slug="buurtmarkt",
        location=victoria,
        organiser=alifa,
        last_verified=datetime.date(2025, 11, 1),
    )
    ScheduleFactory(
        activity=markt,
        frequency="once",
        start_date=datetime.date(2026, 3, 7),
        weekdays=[],
        start_time=T(14, 0),
        end_time=T(16, 0),
    )
    # Ended: weekly until 1 February 2026, and a course of 3 times in January.
    oud = ActivityFactory(
        title="Oude cursus",
        slug="oude-cursus",
        location=magneet,
        organiser=vizier,
        last_verified=datetime.date(2026, 3, 1),
    )
    ScheduleFactory(
        activity=oud, start_date=datetime.date(2026, 1, 6), until=datetime.date(2026, 2, 1)
    )
    telling = ActivityFactory(
        title="Telcursus",
        slug="telcursus",
        location=magneet,
        organiser=vizier,
        last_verified=datetime.date(2026, 3, 1),
    )
    ScheduleFactory(activity=telling, start_date=datetime.date(2026, 1, 6), count=3)
    # Published, but at the unpublished petting farm (so not in the agenda): Wed 13:00–15:00.
    verborgen = ActivityFactory(
        title="Dieren voeren",
        slug="dieren-voeren",
        location=boerderij,
        organiser=alifa,
        last_verified=datetime.date(2026, 3, 1),
    )
    ScheduleFactory(
        activity=verborgen,
        start_date=datetime.date(2026, 1, 7),
        weekdays=[2],
        start_time=T(13, 0),
        end_time=T(15, 0),
    )
    # A draft counts nowhere.
    concept = ActivityFactory(title="Concept", slug="concept", location=magneet, status="draft")
    ScheduleFactory(activity=concept, start_date=datetime.date(2026, 1, 5), weekdays=[0])
    return {
        "clusters": (noord, oost),
        "places": {
            p.slug: p for p in (magneet, rigtersbleek, speeltuin, victoria, boerderij, sportlust)
        },
        "activities": {
            a.slug: a for a in (koffie, voetbal, markt, oud, telling, verborgen, concept)
        },
    }


# The overviews' filter, as a page reads it from the address.
def place_filter(**data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query[key] = value
    return overview_filter(query)


def places_by_slug(filterset=None):
    places = filtered_places(filterset or place_filter())
    return {p.slug: p for p in places}
