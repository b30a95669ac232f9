import datetime

import pytest
import time_machine
from django.urls import reverse

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


@time_machine.travel(MONDAY_NOON, tick=False)
def test_home_lists_places_with_their_state(client, place):
    response = client.get(reverse("locaties:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "De Magneet" in body
    assert "Open · sluit om 20:00" in body or "Open · closes at 20:00" in body


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
def test_geojson_is_a_feature_collection(client, place):
    data = client.get(reverse("locaties:geojson")).json()
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["geometry"]["coordinates"] == [float(place.longitude), float(place.latitude)]
    assert feature["properties"]["open_now"] is True
