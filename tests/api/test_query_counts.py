"""Every API endpoint runs a bounded number of SQL queries, whatever the amount of data.

Each is measured on a small and on a five times larger data set with the same limit: an
endpoint that ran a query per place or per activity would fail at the larger size.
"""

import datetime

import pytest

from locaties.models import Person
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

# The place list with every filter reads the clusters, themes, target groups and kinds of
# places (each a table) to check the values: 11 at most.
MAX_QUERIES = 11
URLS = [
    "/api/v1/places/",
    "/api/v1/places/?cluster=c-0&theme=t-0&target_group=g-0&kind=house&open_now=false",
    "/api/v1/places/?lat=52.2&lon=6.9&day=1&open_at=10:00&page_size=200",
    "/api/v1/places.geojson",
    "/api/v1/places.geojson?cluster=c-0&theme=t-0",
    "/api/v1/places/p-0/",
    "/api/v1/clusters/",
    "/api/v1/clusters/c-0/",
    "/api/v1/activities/",
    "/api/v1/activities/?theme=t-0&target_group=g-0&place=p-0&cluster=c-0&organiser=o-0",
    "/api/v1/activities/?q=koffie&day=1&part=morning&free=true",
    "/api/v1/activities/a-0/",
    "/api/v1/activities/a-0/occurrences/?start=2026-12-01&end=2027-02-28",
    "/api/v1/occurrences/?start=2026-12-01&end=2027-02-28&page_size=200",
    "/api/v1/occurrences/?start=2026-12-01&end=2026-12-31&theme=t-0&day=1",
    "/api/v1/organisations/",
    "/api/v1/organisations/o-0/",
    "/api/v1/kinds/",
]


def build(size: int) -> None:
    """``size`` clusters, each with two places (hours, exceptions, people, a host) and two
    activities (schedules, a cancellation, themes, target groups)."""
    themes = [ThemeFactory(name=f"T {n}", slug=f"t-{n}") for n in range(3)]
    groups = [TargetGroupFactory(name=f"G {n}", slug=f"g-{n}") for n in range(3)]
    for n in range(size):
        cluster = ClusterFactory(slug=f"c-{n}")
        organisation = OrganisationFactory(slug=f"o-{n}")
        PersonFactory(clusters=[cluster], contact_public=True, organisation=organisation)
        PersonFactory(clusters=[cluster], role=Person.Role.SPORTS_COACH, contact_public=True)
        for m in range(2):
            place = LocationFactory(slug=f"p-{n}" if m == 0 else f"p-{n}-{m}", cluster=cluster)
            place.host_organisations.add(organisation)
            for weekday in range(7):
                OpeningHoursFactory(location=place, weekday=weekday)
            OpeningExceptionFactory(location=place)
            PersonFactory(locations=[place], contact_public=m == 0)
            activity = ActivityFactory(
                slug=f"a-{n}" if m == 0 else f"a-{n}-{m}",
                title=f"Koffie {n} {m}",
                location=place,
                organiser=organisation,
            )
            activity.themes.set(themes[:2])
            activity.target_groups.set(groups[:2])
            ScheduleFactory(activity=activity)
            ScheduleFactory(
                activity=activity,
                weekdays=[3],
                start_time=datetime.time(19),
                end_time=datetime.time(21),
            )
            CancellationFactory(activity=activity)


@pytest.mark.parametrize("size", [2, 10])
def test_bounded_queries(client, db, django_assert_max_num_queries, size):
    build(size)
    for url in URLS:
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
