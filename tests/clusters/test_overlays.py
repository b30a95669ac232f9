"""Map overlays: cluster areas (where known) and neighbourhood boundaries with their credit."""

import pytest
from django.urls import reverse
from shapely.geometry import shape

from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[6.88, 52.21], [6.90, 52.21], [6.90, 52.23], [6.88, 52.23], [6.88, 52.21]]],
}


def test_cluster_areas_are_a_feature_collection_of_the_known_areas(client):
    with_area = ClusterFactory(name="Centrum", slug="centrum", area=SQUARE)
    ClusterFactory(name="Zonder gebied", slug="zonder-gebied")
    data = client.get(reverse("clusters:areas")).json()
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["id"] == "centrum"
    assert feature["properties"]["url"] == with_area.get_absolute_url()
    assert shape(feature["geometry"]).is_valid


def test_boundaries_come_from_the_configured_file(client):
    response = client.get(reverse("clusters:boundaries"))
    assert response["Content-Type"] == "application/geo+json"
    data = __import__("json").loads(b"".join(response.streaming_content))
    assert data["type"] == "FeatureCollection"
    assert all(shape(f["geometry"]).is_valid for f in data["features"])


def test_no_boundaries_file_means_no_layer(client, settings):
    settings.MAP_BOUNDARIES_FILE = ""
    assert client.get(reverse("clusters:boundaries")).status_code == 404
    assert "wijken.geojson" not in client.get("/").content.decode()
