"""The pages of a place and of a cluster (activiteiten/pages.py), under their own paths."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from activiteiten.pages import route_url
from tests.factories import (
    ActivityFactory,
    LocationFactory,
    OpeningHoursFactory,
    PersonFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db
MONDAY_NOON = datetime.datetime(
    2026, 11, 23, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)


@pytest.fixture
def place():
    location = LocationFactory(name="De Magneet", slug="de-magneet")
    for weekday in range(7):
        OpeningHoursFactory(location=location, weekday=weekday)
    return location


def test_the_places_and_clusters_keep_their_paths_and_names():
    assert reverse("locaties:home") == "/"
    assert reverse("locaties:geojson") == "/locaties/kaart.geojson"
    assert reverse("locaties:detail", args=["de-magneet"]) == "/locaties/de-magneet/"
    assert reverse("locaties:ical", args=["de-magneet"]) == "/locaties/de-magneet/agenda.ics"
    assert reverse("clusters:detail", args=["noord"]) == "/clusters/noord/"
    assert reverse("clusters:ical", args=["noord"]) == "/clusters/noord/agenda.ics"


@time_machine.travel(MONDAY_NOON, tick=False)
def test_place_page_shows_week_people_and_activities(client, place):
    PersonFactory(
        name="Anna Manager", clusters=[place.cluster], contact_public=False, phone="053 999"
    )
    ScheduleFactory(
        activity=ActivityFactory(location=place, title="Koffie-inloop"),
        start_date=datetime.date(2026, 11, 24),
    )
    response = client.get(place.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anna Manager" in body
    assert "053 999" not in body  # contact details only when public
    assert "Koffie-inloop" in body


def test_unpublished_place_is_not_found(client):
    hidden = LocationFactory(published=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


@time_machine.travel(MONDAY_NOON, tick=False)
def test_cluster_page_shows_its_published_places_people_and_this_weeks_activities(client, place):
    cluster = place.cluster
    LocationFactory(cluster=cluster, name="Verborgen plek", published=False)
    PersonFactory(name="Anna Manager", clusters=[cluster])
    ScheduleFactory(
        activity=ActivityFactory(location=place, title="Koffie-inloop"),
        start_date=datetime.date(2026, 11, 24),
    )
    ScheduleFactory(
        activity=ActivityFactory(location=place, title="Volgende maand"),
        start_date=datetime.date(2026, 12, 24),
    )
    response = client.get(reverse("clusters:detail", args=[cluster.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert [location.name for location in response.context["locations"]] == ["De Magneet"]
    assert "Anna Manager" in body
    assert "Koffie-inloop" in body
    assert "Volgende maand" not in body  # this week only


def test_an_unknown_cluster_is_not_found(client, db):
    assert client.get(reverse("clusters:detail", args=["nergens"])).status_code == 404


def test_route_link_goes_to_the_position_or_else_the_address():
    with_position = LocationFactory.build(latitude=52.2, longitude=6.9)
    assert route_url(with_position).endswith("directions?to=52.2%2C6.9")
    without = LocationFactory.build(latitude=None, longitude=None, street="Hoofdstraat 1")
    assert "search?query=" in route_url(without)
