"""The map picker beside a place's coordinates, and the address lookup that fills them."""

import re

import pytest
from django.urls import reverse

from ontmoeting import roles
from tests.admin_helpers import change_url, inline_tags, staff_client
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


def test_the_place_form_has_the_map_picker_beside_the_coordinates(admin_client, place):
    body = admin_client.get(change_url(place)).content
    # The inputs stay: they are the way in without a mouse or without JavaScript.
    assert b'name="latitude"' in body
    assert b'name="longitude"' in body
    figure = re.search(rb"<figure[^>]*map-figure--picker[^>]*>", body).group(0)
    assert b"hidden" in figure  # shown by the script only
    assert b'data-picker data-latitude-input="id_latitude"' in body
    assert b'data-longitude-input="id_longitude"' in body
    assert reverse("admin:locaties_location_geocode").encode() in body
    assert b"js/map.js" in body
    assert b"js/admin/location-picker.js" in body
    assert b"css/admin.css" in body


def test_the_place_form_has_no_inline_script_or_style(admin_client, place):
    for url in (change_url(place), reverse("admin:locaties_location_add")):
        assert inline_tags(admin_client.get(url).content) == [], url


def test_the_public_map_is_not_a_picker(client, place):
    body = client.get(place.get_absolute_url()).content
    assert b"data-map" in body
    assert b"data-picker" not in body
    assert b"map-figure--picker" not in body


GEOCODE = reverse("admin:locaties_location_geocode")
MAGNEET = {"street": "Hertmebrink", "house_number": "1", "postcode": "7544 CZ", "city": "Enschede"}


def test_lookup_finds_the_address(admin_client, fake_geocoder):
    fake_geocoder.points["Hertmebrink 1, 7544 CZ Enschede"] = (52.19048612, 6.8748704)

    response = admin_client.get(GEOCODE, MAGNEET)

    assert response.status_code == 200
    data = response.json()
    assert (data["latitude"], data["longitude"]) == ("52.190486", "6.874870")
    assert data["message"].startswith("Found: Hertmebrink 1, 7544 CZ Enschede")
    assert fake_geocoder.requests[-1]["fq"] == ["type:adres"]


def test_lookup_falls_back_to_the_postcode(admin_client, fake_geocoder):
    response = admin_client.get(GEOCODE, {**MAGNEET, "street": "Onbekendestraat"})
    data = response.json()
    assert response.status_code == 200
    assert (data["latitude"], data["longitude"]) == ("52.190500", "6.874900")
    assert "middle of postcode" in data["message"]
    assert [r["fq"] for r in fake_geocoder.requests] == [["type:adres"], ["type:postcode"]]


def test_lookup_with_only_a_postcode(admin_client, fake_geocoder):
    response = admin_client.get(GEOCODE, {"postcode": "7511 ab"})
    assert response.json()["latitude"] == "52.221500"


def test_unknown_address_gets_a_plain_message(admin_client, fake_geocoder):
    response = admin_client.get(GEOCODE, {"street": "Nergensweg", "city": "Enschede"})
    assert response.status_code == 404
    assert response.json()["error"].startswith("This address was not found.")


@pytest.mark.parametrize("broken", [True, False])
def test_unreachable_geocoder_gets_a_plain_message(admin_client, settings, fake_geocoder, broken):
    if broken:
        fake_geocoder.broken = True
    else:
        settings.GEOCODER_URL = "http://127.0.0.1:9/unreachable"
    response = admin_client.get(GEOCODE, MAGNEET)
    assert response.status_code == 503
    assert response.json()["error"].startswith("The address lookup cannot be reached right now.")


@pytest.mark.parametrize(
    "params",
    [{}, {"city": "Enschede"}, {"street": "Hertmebrink"}, {"house_number": "1"}],
)
def test_lookup_without_enough_address_asks_for_it(admin_client, fake_geocoder, params):
    response = admin_client.get(GEOCODE, params)
    assert response.status_code == 400
    assert response.json()["error"].startswith("Fill in the street")
    assert fake_geocoder.requests == []


def test_lookup_refuses_silly_input_without_asking_the_geocoder(admin_client, fake_geocoder):
    for params in ({"street": "x" * 5000, "postcode": "7544CZ"}, {"postcode": "\x00" * 300}):
        response = admin_client.get(GEOCODE, params)
        assert response.status_code == 400, params
    assert fake_geocoder.requests == []


def test_lookup_is_for_staff_who_may_edit_places(client, fake_geocoder):
    assert client.get(GEOCODE, MAGNEET).status_code == 302  # to the login page
    welfare = staff_client(roles.WELFARE_WORKER)  # may only view places
    assert welfare.get(GEOCODE, MAGNEET).status_code == 403
    manager = staff_client(roles.CLUSTER_MANAGER, clusters=[ClusterFactory()])
    assert manager.get(GEOCODE, {"postcode": "7544CZ"}).status_code == 200
