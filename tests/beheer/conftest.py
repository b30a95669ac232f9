"""Staff users in every role, each with a membership, and a world with two of everything.

"1" is the side of the welfare worker of organisation A and the cluster manager of cluster 1;
"2" is the other side (organisation B, cluster 2). The welfare worker of B sees it mirrored.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from beheer.models import Membership
from ontmoeting import roles
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    LocationKindFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

PASSWORD = "Zonnebloem-Hertmebrink-2026"


def make_staff(username, *, role=None, superuser=False, organisations=(), clusters=()):
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@example.org",
        is_staff=True,
        is_superuser=superuser,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    membership = Membership.objects.create(user=user)
    membership.organisations.set(organisations)
    membership.clusters.set(clusters)
    return user


@dataclass
class World:
    org_a: object
    org_b: object
    cluster_1: object
    cluster_2: object
    users: dict = field(default_factory=dict)
    # model name → (object on side 1, object on side 2)
    objects: dict = field(default_factory=dict)


def build_world() -> World:
    org_a = OrganisationFactory(name="Alifa", slug="alifa")
    org_b = OrganisationFactory(name="Vizier", slug="vizier")
    cluster_1 = ClusterFactory(name="Cluster Noord", slug="noord")
    cluster_2 = ClusterFactory(name="Cluster Zuid", slug="zuid")
    place_1 = LocationFactory(name="Huis Noord", slug="huis-noord", cluster=cluster_1)
    place_2 = LocationFactory(name="Huis Zuid", slug="huis-zuid", cluster=cluster_2)
    # Activities take place elsewhere, so the places above can be deleted (PROTECT).
    stage = LocationFactory(name="Podium", slug="podium", cluster=ClusterFactory())
    activity_a = ActivityFactory(
        title="Koffie Alifa", slug="koffie-alifa", organiser=org_a, location=stage
    )
    activity_b = ActivityFactory(
        title="Koffie Vizier", slug="koffie-vizier", organiser=org_b, location=stage
    )
    for activity in (activity_a, activity_b):
        ScheduleFactory(activity=activity)
        CancellationFactory(activity=activity)
    world = World(org_a=org_a, org_b=org_b, cluster_1=cluster_1, cluster_2=cluster_2)
    world.objects = {
        # Clusters and organisations with nothing attached, so they can be deleted.
        "cluster": (ClusterFactory(name="Cluster Een"), ClusterFactory(name="Cluster Twee")),
        # Kinds of places that no place uses, so they can be deleted (PROTECT).
        "locationkind": (
            LocationKindFactory(slug="dorpshuis"),
            LocationKindFactory(slug="bibliotheek"),
        ),
        "organisation": (
            OrganisationFactory(name="Buurtclub Een", slug="buurtclub-een"),
            OrganisationFactory(name="Buurtclub Twee", slug="buurtclub-twee"),
        ),
        "location": (place_1, place_2),
        "openinghours": (
            OpeningHoursFactory(location=place_1, weekday=0),
            OpeningHoursFactory(location=place_2, weekday=0),
        ),
        "person": (
            PersonFactory(name="Anna Noord", clusters=[cluster_1]),
            PersonFactory(name="Bert Zuid", clusters=[cluster_2]),
        ),
        "theme": (
            ThemeFactory(name="Thema Een", slug="thema-een"),
            ThemeFactory(name="Thema Twee", slug="thema-twee"),
        ),
        "targetgroup": (
            TargetGroupFactory(name="Doelgroep Een", slug="doelgroep-een"),
            TargetGroupFactory(name="Doelgroep Twee", slug="doelgroep-twee"),
        ),
        "activity": (activity_a, activity_b),
        # A plain account, and a superuser's account (which only superusers may change).
        "user": (
            make_staff("jan", role=roles.WELFARE_WORKER, organisations=[org_a]),
            make_staff("root", superuser=True),
        ),
        "group": (Group.objects.create(name="Extra een"), Group.objects.create(name="Extra twee")),
    }
    for place in (place_1, place_2):
        OpeningExceptionFactory(location=place)
    world.users = {
        "welfare_a": make_staff("welzijn_a", role=roles.WELFARE_WORKER, organisations=[org_a]),
        "welfare_b": make_staff("welzijn_b", role=roles.WELFARE_WORKER, organisations=[org_b]),
        "cluster_manager": make_staff(
            "clustermanager", role=roles.CLUSTER_MANAGER, clusters=[cluster_1]
        ),
        "municipality": make_staff("gemeente", role=roles.MUNICIPALITY),
        "functional_admin": make_staff("fb", role=roles.FUNCTIONAL_ADMIN),
        "superuser": make_staff("beheerder", superuser=True),
        # Memberships without a role give no rights at all.
        "plain_staff": make_staff("medewerker", organisations=[org_a], clusters=[cluster_1]),
    }
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


def client_for(user) -> Client:
    client = Client()
    # The admin in English, so assertions on texts do not depend on the catalog.
    client.cookies["django_language"] = "en"
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def welfare_a(world):
    return world.users["welfare_a"]


@pytest.fixture
def welfare_b(world):
    return world.users["welfare_b"]


@pytest.fixture
def cluster_manager(world):
    return world.users["cluster_manager"]


@pytest.fixture
def municipality(world):
    return world.users["municipality"]


@pytest.fixture
def functional_admin(world):
    return world.users["functional_admin"]


@pytest.fixture
def superuser(world):
    return world.users["superuser"]


@pytest.fixture
def plain_staff(world):
    return world.users["plain_staff"]
