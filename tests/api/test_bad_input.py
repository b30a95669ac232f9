"""A malformed query string gets a 400 with a JSON body naming the parameter; never a 5xx."""

import pytest

from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def koffieochtend(db):
    # The checks come before any lookup: one activity (for its dates) is all the data needed.
    return ActivityFactory(slug="koffieochtend")


LONG = "x" * 101
# (url, the parameter the error must name)
BAD_QUERIES = [
    ("/api/v1/places/?kind=castle", "kind"),
    ("/api/v1/places/?kind=", "kind"),
    ("/api/v1/places/?kind=park&kind=castle", "kind"),
    ("/api/v1/places/?cluster=nowhere", "cluster"),
    ("/api/v1/places/?cluster=", "cluster"),
    ("/api/v1/places/?open_now=yes", "open_now"),
    ("/api/v1/places/?open_now=1", "open_now"),
    ("/api/v1/places/?open_now=", "open_now"),
    ("/api/v1/places/?supervised_now=TRUE", "supervised_now"),
    ("/api/v1/places/?day=7", "day"),
    ("/api/v1/places/?day=-1", "day"),
    ("/api/v1/places/?day=monday", "day"),
    ("/api/v1/places/?open_at=25:00", "open_at"),
    ("/api/v1/places/?open_at=8:30", "open_at"),
    ("/api/v1/places/?open_at=0830", "open_at"),
    ("/api/v1/places/?open_at=%2008:30", "open_at"),
    ("/api/v1/places/?access=lift", "access"),
    ("/api/v1/places/?theme=unknown", "theme"),
    ("/api/v1/places/?target_group=unknown", "target_group"),
    ("/api/v1/places/?lat=abc&lon=6.9", "lat"),
    ("/api/v1/places/?lat=10&lon=6.9", "lat"),
    ("/api/v1/places/?lat=NaN&lon=6.9", "lat"),
    ("/api/v1/places/?lat=52.2&lon=1e1", "lon"),
    ("/api/v1/places/?lat=52.2", "lon"),
    ("/api/v1/places/?lon=6.9", "lat"),
    (f"/api/v1/places/?q={LONG}", "q"),
    ("/api/v1/places/?q=caf%00e", "q"),
    ("/api/v1/places/?page=0", "page"),
    ("/api/v1/places/?page=abc", "page"),
    ("/api/v1/places/?page=-1", "page"),
    ("/api/v1/places/?page=1.5", "page"),
    ("/api/v1/places/?page=99999999999", "page"),
    ("/api/v1/places/?page_size=0", "page_size"),
    ("/api/v1/places/?page_size=201", "page_size"),
    ("/api/v1/places/?page_size=ten", "page_size"),
    ("/api/v1/places.geojson?open_now=maybe", "open_now"),
    ("/api/v1/places.geojson?day=%FF", "day"),
    ("/api/v1/clusters/?page=x", "page"),
    ("/api/v1/organisations/?page_size=-5", "page_size"),
    ("/api/v1/activities/?day=8", "day"),
    ("/api/v1/activities/?day=", "day"),
    ("/api/v1/activities/?part=night", "part"),
    ("/api/v1/activities/?free=maybe", "free"),
    ("/api/v1/activities/?support_need=", "support_need"),
    ("/api/v1/activities/?place=nowhere", "place"),
    ("/api/v1/activities/?organiser=nobody", "organiser"),
    ("/api/v1/activities/?cluster=nowhere", "cluster"),
    ("/api/v1/activities/?theme=%3Cscript%3E", "theme"),
    (f"/api/v1/activities/?q={LONG}", "q"),
    ("/api/v1/occurrences/", "start"),
    ("/api/v1/occurrences/?start=2026-13-01&end=2026-12-31", "start"),
    ("/api/v1/occurrences/?start=2026-02-30&end=2026-03-31", "start"),
    ("/api/v1/occurrences/?start=26-12-01&end=2026-12-31", "start"),
    ("/api/v1/occurrences/?start=2026-12-01&end=tomorrow", "end"),
    ("/api/v1/occurrences/?start=0001-01-01&end=0001-01-02", "start"),
    ("/api/v1/occurrences/?start=2026-12-01&end=2027-12-01", "end"),
    ("/api/v1/occurrences/?start=2026-12-01&end=2026-11-30", "end"),
    ("/api/v1/occurrences/?start=2026-12-01&end=2026-12-31&day=9", "day"),
    ("/api/v1/activities/koffieochtend/occurrences/?start=2026-12-01", "end"),
    ("/api/v1/activities/koffieochtend/occurrences/?start=9999-12-31&end=9999-12-31", "start"),
]


@pytest.mark.parametrize(("url", "parameter"), BAD_QUERIES)
def test_bad_query_gets_a_clear_400(client, koffieochtend, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["detail"]
    assert parameter in body["errors"]
    assert all(isinstance(m, str) and m for m in body["errors"][parameter])


def test_all_wrong_parameters_are_named_at_once(client, db):
    response = client.get("/api/v1/occurrences/?end=2026-12-31&part=night&free=maybe")
    assert set(response.json()["errors"]) == {"start", "part", "free"}


def test_the_errors_of_a_place_query_come_in_the_filters_order(client, db):
    # The activity filters come from a subclass of the place filters, yet keep their place.
    response = client.get("/api/v1/places/?lon=x&lat=x&target_group=x&theme=x&access=x&kind=x")
    assert list(response.json()["errors"]) == [
        "kind",
        "access",
        "theme",
        "target_group",
        "lat",
        "lon",
    ]


@pytest.mark.parametrize("url", ["/api/v1/activities/?theme=", "/api/v1/places/?kind="])
def test_a_bad_value_is_not_echoed_at_length(client, db, url):
    response = client.get(url + "y" * 5000)
    assert response.status_code == 400
    assert "y" * 100 not in response.content.decode()
