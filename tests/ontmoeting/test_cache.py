"""Public answers are cached briefly, and dropped as soon as the data changes."""

import pytest
from django.urls import reverse

from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def test_map_data_is_served_from_the_cache_until_the_data_changes(
    client, django_assert_num_queries
):
    place = LocationFactory(name="De Magneet")
    url = reverse("locaties:geojson")
    first = client.get(url).json()
    with django_assert_num_queries(0):
        assert client.get(url).json() == first
    place.name = "Wijkcentrum De Magneet"
    place.save()
    (feature,) = client.get(url).json()["features"]
    assert feature["properties"]["name"] == "Wijkcentrum De Magneet"


def test_deleting_a_place_drops_the_cached_answer(client):
    place = LocationFactory()
    url = reverse("locaties:geojson")
    assert len(client.get(url).json()["features"]) == 1
    place.delete()
    assert client.get(url).json()["features"] == []


def test_logged_in_staff_always_get_fresh_answers(admin_client, django_assert_max_num_queries):
    LocationFactory()
    url = reverse("locaties:geojson")
    admin_client.get(url)
    with django_assert_max_num_queries(10) as queries:
        admin_client.get(url)
    assert len(queries) > 0
