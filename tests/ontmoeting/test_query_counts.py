"""Every public page runs a bounded number of SQL queries, whatever the amount of data.

Measured on the demo data set and on ten times as much (each place copied nine times, with
its hours, exceptions, people and activities), with the same limit: a page whose query
count grows with the data (a query per place or per activity) fails at the larger size.
"""

import datetime

import pytest
import time_machine
from django.db import connection, transaction
from django.urls import reverse

from activiteiten.models import Activity, Cancellation, Schedule
from clusters.models import Cluster
from demo.loader import demo_load
from locaties.models import Location, OpeningException, OpeningHours, Person
from tests.conftest import TUESDAY_MORNING, module_data

MAX_QUERIES = 10
# The agenda page asks for more than the others, a fixed number: the horizon, the dates and
# their count, five choice lists (themes, target groups, clusters, places, organisers) and
# whether its feed would be small enough to offer.
AGENDA_PAGE_QUERIES = 12
AGENDA_PAGES = {"agenda", "agenda filtered", "agenda next week"}
COPIES = 9  # the demo plus nine copies: ten times the data

pytestmark = pytest.mark.usefixtures("frozen_clock")


def _copy(obj, **changes):
    """An unsaved copy of a model instance with some fields changed."""
    copy = type(obj)(**{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields})
    copy.pk = None
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy


def _link(relation, pairs) -> None:
    """Bulk-insert many-to-many rows: ``pairs`` of (source, target) primary keys."""
    through, field = relation.through, relation.field
    source, target = field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
    through.objects.bulk_create(through(**{source: a, target: b}) for a, b in pairs)


def multiply(copies: int) -> None:
    """Add ``copies`` copies of every demo place, person and activity, with what hangs from them."""
    places = list(
        Location.objects.prefetch_related("opening_hours", "exceptions", "host_organisations")
    )
    people = list(Person.objects.prefetch_related("locations", "clusters"))
    activities = list(
        Activity.objects.prefetch_related("schedules", "cancellations", "themes", "target_groups")
    )
    for n in range(1, copies + 1):
        clones = {
            place.pk: _copy(place, slug=f"{place.slug}-{n}", name=f"{place.name} {n}")
            for place in places
        }
        Location.objects.bulk_create(clones.values())
        OpeningHours.objects.bulk_create(
            _copy(row, location_id=clones[place.pk].pk)
            for place in places
            for row in place.opening_hours.all()
        )
        OpeningException.objects.bulk_create(
            _copy(row, location_id=clones[place.pk].pk)
            for place in places
            for row in place.exceptions.all()
        )
        _link(
            Location.host_organisations,
            ((clones[p.pk].pk, o.pk) for p in places for o in p.host_organisations.all()),
        )
        person_clones = {
            person.pk: _copy(person, name=f"{person.name} {n}", email=f"{n}.{person.email}")
            for person in people
        }
        Person.objects.bulk_create(person_clones.values())
        _link(
            Person.locations,
            (
                (person_clones[p.pk].pk, clones[loc.pk].pk)
                for p in people
                for loc in p.locations.all()
            ),
        )
        _link(
            Person.clusters,
            ((person_clones[p.pk].pk, c.pk) for p in people for c in p.clusters.all()),
        )
        activity_clones = {
            activity.pk: _copy(
                activity,
                slug=f"{activity.slug}-{n}",
                title=f"{activity.title} {n}",
                location_id=clones[activity.location_id].pk,
                contact_person_id=person_clones[activity.contact_person_id].pk
                if activity.contact_person_id
                else None,
            )
            for activity in activities
        }
        Activity.objects.bulk_create(activity_clones.values())
        Schedule.objects.bulk_create(
            _copy(row, activity_id=activity_clones[a.pk].pk)
            for a in activities
            for row in a.schedules.all()
        )
        Cancellation.objects.bulk_create(
            _copy(row, activity_id=activity_clones[a.pk].pk)
            for a in activities
            for row in a.cancellations.all()
        )
        _link(
            Activity.themes,
            ((activity_clones[a.pk].pk, t.pk) for a in activities for t in a.themes.all()),
        )
        _link(
            Activity.target_groups,
            ((activity_clones[a.pk].pk, g.pk) for a in activities for g in a.target_groups.all()),
        )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data set, loaded once for the module and rolled back afterwards."""
    with module_data(django_db_blocker):
        demo_load(create_users=False)
        yield counts()


@pytest.fixture(scope="module", params=[1, 1 + COPIES], ids=["demo", "demo-x10"])
def data(request, demo, django_db_blocker):
    """The demo, then ten times the demo (in a savepoint, undone after its tests).

    Gives the factor and the demo's own counts, to check the larger set really is larger.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        if request.param > 1:
            multiply(request.param - 1)
        # Statistics for the rows just made (ANALYZE sees its own transaction's rows): the
        # planner would otherwise go by what earlier tests left, and may plan for empty
        # tables, which at ten times the data takes minutes rather than a second.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield request.param, demo
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Location, OpeningHours, Person, Activity, Schedule, Cancellation)
    }


def busiest(model, related: str):
    """The object with the most ``related`` rows: the page most likely to query per row."""
    from django.db.models import Count

    return model.objects.annotate(n=Count(related)).order_by("-n", "pk").first()


def public_urls() -> dict[str, str]:
    place = busiest(Location, "activities")
    cluster = busiest(Cluster, "locations")
    activity = busiest(Activity, "schedules")
    filters = (
        "?kind=park&kind=house&open_now=on&supervised_now=on&access=parking"
        "&theme=sport-en-bewegen&target_group=ouderen&day=1&open_at=10:00"
        f"&cluster={cluster.slug}&q=park&lat=52.22&lon=6.89"
    )
    agenda_filters = (
        "?day=1&day=3&part=morning&theme=sport-en-bewegen&target_group=ouderen"
        f"&cluster={cluster.slug}&free=on&support_need=on&q=koffie"
    )
    return {
        "home": reverse("locaties:home"),
        "home filtered": reverse("locaties:home") + filters,
        "home near a point": reverse("locaties:home") + "?lat=52.22&lon=6.89",
        "home page 2": reverse("locaties:home") + "?page=2",
        "geojson": reverse("locaties:geojson"),
        "geojson filtered": reverse("locaties:geojson") + filters,
        "cluster list": reverse("clusters:list"),
        "cluster page": cluster.get_absolute_url(),
        "place page": place.get_absolute_url(),
        "agenda": reverse("activiteiten:agenda"),
        "agenda filtered": reverse("activiteiten:agenda") + agenda_filters,
        "agenda next week": reverse("activiteiten:agenda") + "?week=1",
        "activity page": activity.get_absolute_url(),
        "agenda feed": reverse("activiteiten:agenda_ical"),
        "agenda feed filtered": reverse("activiteiten:agenda_ical") + agenda_filters,
        "activity feed": reverse("activiteiten:ical", kwargs={"slug": activity.slug}),
        "place feed": reverse("locaties:ical", kwargs={"slug": place.slug}),
        "cluster feed": reverse("clusters:ical", kwargs={"slug": cluster.slug}),
    }


PAGES = [
    "home",
    "home filtered",
    "home near a point",
    "home page 2",
    "geojson",
    "geojson filtered",
    "cluster list",
    "cluster page",
    "place page",
    "agenda",
    "agenda filtered",
    "agenda next week",
    "activity page",
    "agenda feed",
    "agenda feed filtered",
    "activity feed",
    "place feed",
    "cluster feed",
]


# While places are open, and at night, when none is: an empty list skips its prefetches,
# so a count measured at one hour alone says little about the other.
MOMENTS = {
    "open": TUESDAY_MORNING,
    "closed": TUESDAY_MORNING.replace(hour=3, minute=30) + datetime.timedelta(days=5),
}


@pytest.mark.django_db
@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_runs_a_bounded_number_of_queries(
    data, name, moment, client, django_assert_max_num_queries
):
    url = public_urls()[name]
    with (
        time_machine.travel(MOMENTS[moment], tick=False),
        django_assert_max_num_queries(AGENDA_PAGE_QUERIES if name in AGENDA_PAGES else MAX_QUERIES),
    ):
        response = client.get(url)
    assert response.status_code == 200, url


@pytest.mark.django_db
def test_the_larger_data_set_really_is_larger(data):
    # Guards the measurement itself: the x10 run must not silently measure the demo again.
    factor, demo_counts = data
    assert all(demo_counts.values()), demo_counts
    assert counts() == {name: factor * number for name, number in demo_counts.items()}
    # The home page shows 50 places a page: at ten times the data, page 2 has places too.
    assert factor == 1 or Location.objects.published().count() > 50


# --- The admin's start page (beheer/start/) ---------------------------------------------

# Django's admin asks for the session, the user, the permissions and the recent actions;
# the start page adds a fixed number per section.
START_PAGE_QUERIES = 30
START_PAGE_ROLES = {
    "welfare worker": {"role": "Welzijnswerker", "organisations": ["Alifa"]},
    "cluster manager": {
        "role": "Clustermanager",
        "clusters": ["Hogeland – Diekman", "Wesselerbrink"],
    },
    "municipality": {"role": "Gemeente"},
    "functional administrator": {"role": "Functioneel beheerder"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", START_PAGE_ROLES)
def test_admin_start_page_runs_a_bounded_number_of_queries(
    data, role, client, django_assert_max_num_queries
):
    from beheer.models import Membership
    from clusters.models import Cluster
    from locaties.models import Organisation
    from tests.beheer.conftest import make_staff

    spec = START_PAGE_ROLES[role]
    user = make_staff(f"start-{role}".replace(" ", "-"), role=spec["role"])
    membership = Membership.objects.get(user=user)
    membership.organisations.set(
        Organisation.objects.filter(name__in=spec.get("organisations", []))
    )
    membership.clusters.set(Cluster.objects.filter(name__in=spec.get("clusters", [])))
    client.force_login(user)
    with django_assert_max_num_queries(START_PAGE_QUERIES):
        response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    start = response.context["start"]
    # The measurement means something only when the page has things to say.
    assert start.total > 0, role
