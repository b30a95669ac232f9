"""Places in the API: values from the database, only published places, no private details."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from api.pagination import MAX_PAGE_SIZE
from locaties import structured
from locaties.models import Location
from tests.api.conftest import PRIVATE_EMAIL, PRIVATE_PHONE
from tests.factories import LocationFactory

# Monday 23 November 2026, local time: the meeting house is open (08:30–20:00, every day),
# the park (Mondays 09:00–17:00) too at noon, but no longer at six.
MONDAY_NOON = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=timezone.get_fixed_timezone(60))
MONDAY_SIX_PM = MONDAY_NOON.replace(hour=18)

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return [place["slug"] for place in response.json()["results"]]


@time_machine.travel(MONDAY_NOON, tick=False)
def test_list_has_the_published_places_with_their_values(client, api_data):
    response = client.get("/api/v1/places/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["count"] == 2
    assert body["next"] is None
    assert body["previous"] is None
    assert slugs(response) == ["de-magneet", "sportpark-zuid"]
    magneet = body["results"][0]
    assert magneet["name"] == "De Magneet"
    assert magneet["url"] == "http://testserver/api/v1/places/de-magneet/"
    assert magneet["web_url"] == "http://testserver/locaties/de-magneet/"
    assert magneet["kind"] == "house"
    assert magneet["kind_label"] == "ontmoetingshuis"
    assert magneet["status"] == "designated"
    assert magneet["cluster"] == {
        "number": 1,
        "slug": "noord",
        "name": "Noord",
        "url": "http://testserver/api/v1/clusters/noord/",
    }
    assert magneet["address"] == {
        "street": "Hertmebrink",
        "house_number": "1",
        "postcode": "7544 CZ",
        "city": "Enschede",
        "text": "Hertmebrink 1, 7544 CZ Enschede",
    }
    assert magneet["coordinates"] == {"latitude": 52.190486, "longitude": 6.87487}
    assert magneet["distance_km"] is None
    assert magneet["phone"] == "053 111 11 11"
    assert magneet["accessibility"] == {
        "wheelchair_accessible": True,
        "accessible_toilet": False,
        "parking": False,
        "public_transport_nearby": False,
        "hearing_loop": True,
    }
    assert magneet["host_organisations"] == [
        {
            "slug": "woonbedrijf",
            "name": "Woonbedrijf",
            "url": "http://testserver/api/v1/organisations/woonbedrijf/",
        }
    ]
    assert magneet["open_now"] is True
    assert magneet["supervised_now"] is True
    assert magneet["closes_at"] == "2026-11-23T20:00:00+01:00"
    assert magneet["next_opening"] is None


@time_machine.travel(MONDAY_NOON, tick=False)
def test_opening_hours_in_three_forms(client, api_data):
    magneet = client.get("/api/v1/places/de-magneet/").json()
    hours = magneet["opening_hours"]
    assert hours["closed_on_public_holidays"] is True
    assert [(h["weekday"], h["opens"], h["closes"], h["supervised"]) for h in hours["weekly"]] == [
        (day, "08:30", "20:00", True) for day in range(7)
    ]
    assert [(e["start_date"], e["kind"], e["opens"], e["closes"]) for e in hours["exceptions"]] == [
        ("2026-12-24", "closed", None, None),
        ("2026-12-31", "special_hours", "10:00", "24:00"),
    ]
    assert hours["osm"] == "Mo-Su 08:30-20:00; PH off; 2026 Dec 24 off; 2026 Dec 31 10:00-24:00"
    location = Location.objects.with_hours().get(slug="de-magneet")
    today = datetime.date(2026, 11, 23)
    assert hours["osm"] == structured.osm_opening_hours(location, today)
    assert hours["specification"] == structured.opening_hours_specification(location, today)
    assert {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": "https://schema.org/Monday",
        "opens": "08:30",
        "closes": "20:00",
    } in hours["specification"]


@time_machine.travel(MONDAY_SIX_PM, tick=False)
def test_state_follows_the_clock(client, api_data):
    places = {p["slug"]: p for p in client.get("/api/v1/places/").json()["results"]}
    assert places["de-magneet"]["open_now"] is True
    assert places["sportpark-zuid"]["open_now"] is False
    assert places["sportpark-zuid"]["supervised_now"] is False
    assert places["sportpark-zuid"]["next_opening"] == "2026-11-30T09:00:00+01:00"


def test_place_without_coordinates(client, api_data):
    park = client.get("/api/v1/places/sportpark-zuid/").json()
    assert park["coordinates"] is None
    assert park["building_status"] == "new_building_planned"
    assert park["new_building_year"] == 2028
    assert park["contacts"] == []


def test_contact_details_only_when_public(client, api_data):
    """Everyone who is there, as on the place page; phone and e-mail only when public."""
    magneet = client.get("/api/v1/places/de-magneet/").json()
    assert magneet["contacts"] == [
        {
            "name": "Anna Manager",
            "role": "cluster_manager",
            "role_label": magneet["contacts"][0]["role_label"],
            "organisation": "Welzijn Oost",
            "phone": "053 222 22 22",
            "email": "anna@example.org",
        },
        {
            "name": "Piet Prive",
            "role": "host",
            "role_label": magneet["contacts"][1]["role_label"],
            "organisation": None,
            "phone": "",
            "email": "",
        },
    ]
    for url in ("/api/v1/places/", "/api/v1/places/de-magneet/", "/api/v1/places.geojson"):
        body = client.get(url).content.decode()
        assert "Piet Prive" in body
        assert PRIVATE_PHONE not in body
        assert PRIVATE_EMAIL not in body


def test_unpublished_place_is_not_found(client, api_data):
    response = client.get("/api/v1/places/verborgen-huis/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert "verborgen-huis" not in client.get("/api/v1/places/").content.decode()
    assert "verborgen-huis" not in client.get("/api/v1/places.geojson").content.decode()


def test_geojson_is_an_rfc7946_feature_collection(client, api_data):
    response = client.get("/api/v1/places.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    collection = response.json()
    # RFC 7946: no "crs" member; the paging members are foreign members, as in the list.
    assert set(collection) == {"type", "count", "next", "previous", "features"}
    assert (collection["count"], collection["next"], collection["previous"]) == (1, None, None)
    assert collection["type"] == "FeatureCollection"
    # The park has no coordinates: left out of the map data, not placed anywhere.
    assert [f["id"] for f in collection["features"]] == ["de-magneet"]
    feature = collection["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [6.87487, 52.190486]}
    longitude, latitude = feature["geometry"]["coordinates"]
    assert -180 <= longitude <= 180
    assert -90 <= latitude <= 90
    assert feature["properties"]["slug"] == "de-magneet"
    assert feature["properties"]["opening_hours"]["osm"].startswith("Mo-Su 08:30-20:00")


def test_geojson_is_paged_as_the_json_list(client):
    for n in range(5):
        LocationFactory(name=f"Plek {n}", slug=f"plek-{n}")
    LocationFactory(slug="nergens", latitude=None, longitude=None)  # not on any page
    seen, url, pages = [], "/api/v1/places.geojson?page_size=2", 0
    while url:
        collection = client.get(url).json()
        assert collection["type"] == "FeatureCollection"
        assert collection["count"] == 5
        assert len(collection["features"]) <= 2
        seen += [feature["id"] for feature in collection["features"]]
        url, pages = collection["next"], pages + 1
    assert pages == 3
    assert sorted(seen) == [f"plek-{n}" for n in range(5)]
    listed = client.get("/api/v1/places/?page_size=200").json()["results"]
    assert seen == [p["slug"] for p in listed if p["slug"] != "nergens"]  # the list's order
    assert client.get("/api/v1/places.geojson?page_size=2&page=3").json()["previous"]


def test_geojson_page_past_the_last_or_a_bad_size_is_refused_in_json(client, api_data):
    response = client.get("/api/v1/places.geojson?page=2")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    response = client.get("/api/v1/places.geojson?page_size=5000")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "page_size" in response.json()["errors"]


def test_geojson_takes_the_filters(client, api_data):
    assert client.get("/api/v1/places.geojson?cluster=zuid").json()["features"] == []
    response = client.get("/api/v1/places.geojson?kind=castle")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "kind" in response.json()["errors"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["de-magneet", "sportpark-zuid"]),
        ("kind=park", ["sportpark-zuid"]),
        ("kind=park&kind=house", ["de-magneet", "sportpark-zuid"]),
        ("kind=playground", []),
        ("cluster=noord", ["de-magneet"]),
        ("cluster=zuid", ["sportpark-zuid"]),
        ("open_now=true", ["de-magneet"]),
        ("open_now=false", ["de-magneet", "sportpark-zuid"]),
        ("supervised_now=true", ["de-magneet"]),
        ("day=0", ["de-magneet", "sportpark-zuid"]),
        ("day=1", ["de-magneet"]),
        ("day=0&open_at=08:45", ["de-magneet"]),
        ("day=0&open_at=09:00", ["de-magneet", "sportpark-zuid"]),
        ("open_at=21:00", []),
        ("access=hearing_loop", ["de-magneet"]),
        ("access=hearing_loop&access=parking", []),
        ("theme=eenzaamheid", ["de-magneet"]),
        ("theme=sport", []),
        ("target_group=ouderen", ["de-magneet"]),
        ("q=magneet", ["de-magneet"]),
        ("q=zuid", ["sportpark-zuid"]),
        ("q=", ["de-magneet", "sportpark-zuid"]),
    ],
)
@time_machine.travel(MONDAY_SIX_PM, tick=False)
def test_filters(client, api_data, query, expected):
    response = client.get(f"/api/v1/places/?{query}")
    assert response.status_code == 200, response.json()
    assert slugs(response) == expected


def test_near_a_point_sorts_by_distance(client, api_data):
    far = Location.objects.get(slug="sportpark-zuid")
    far.latitude, far.longitude = 52.25, 6.95
    far.save()
    response = client.get("/api/v1/places/?lat=52.19&lon=6.875")
    results = response.json()["results"]
    assert [p["slug"] for p in results] == ["de-magneet", "sportpark-zuid"]
    assert results[0]["distance_km"] == pytest.approx(0.04, abs=0.02)
    assert results[1]["distance_km"] == pytest.approx(8.5, abs=0.5)


def test_pagination(client, api_data):
    first = client.get("/api/v1/places/?page_size=1").json()
    assert first["count"] == 2
    assert [p["slug"] for p in first["results"]] == ["de-magneet"]
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/places/?page=2&page_size=1"
    second = client.get(first["next"]).json()
    assert [p["slug"] for p in second["results"]] == ["sportpark-zuid"]
    assert second["next"] is None
    assert second["previous"] == "http://testserver/api/v1/places/?page_size=1"
    past = client.get("/api/v1/places/?page_size=1&page=3")
    assert past.status_code == 404
    assert "2" in past.json()["detail"]
    assert client.get(f"/api/v1/places/?page_size={MAX_PAGE_SIZE}").status_code == 200
    too_big = client.get(f"/api/v1/places/?page_size={MAX_PAGE_SIZE + 1}")
    assert too_big.status_code == 400
    assert list(too_big.json()["errors"]) == ["page_size"]


def test_empty_page_one_is_fine(client, db):
    response = client.get("/api/v1/places/")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "next": None, "previous": None, "results": []}
