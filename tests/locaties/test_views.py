import datetime
import json
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
import time_machine
from django.urls import reverse

from tests.factories import (
    LocationFactory,
    LocationKindFactory,
    OpeningHoursFactory,
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
def test_geojson_is_a_feature_collection_of_what_the_map_draws(client, place):
    data = client.get(reverse("locaties:geojson")).json()
    assert data["type"] == "FeatureCollection"
    (feature,) = data["features"]
    assert feature["id"] == "de-magneet"
    assert feature["geometry"] == {
        "type": "Point",
        "coordinates": [five_decimals(place.longitude), five_decimals(place.latitude)],
    }
    # Name and kind only: the popup asks for the rest when it opens.
    assert feature["properties"] == {
        "name": "De Magneet",
        "kind": "house",
        "kind_label": "ontmoetingshuis",
    }


def five_decimals(value: Decimal) -> float:
    """A coordinate as the map data gives it: rounded half up, as decimals are."""
    return float(value.quantize(Decimal("0.00001"), ROUND_HALF_UP))


def test_geojson_is_written_by_the_database_as_valid_json(client):
    """Quotes, backslashes, accents and a line break in a name survive PostgreSQL's
    writing, and a coordinate halfway rounds up; the kind's name follows the language."""
    LocationFactory(
        name='Café "De Hoek" \\ \'t Plein\nachter',
        slug="de-hoek",
        kind__slug="cafe",
        kind__name_en="Café",
        latitude=Decimal("52.2000050"),
        longitude=Decimal("6.8999950"),
    )
    client.cookies["django_language"] = "en"
    response = client.get(reverse("locaties:geojson"))
    assert response["Content-Type"] == "application/geo+json"
    (feature,) = json.loads(response.content.decode("utf-8"))["features"]
    assert feature["properties"] == {
        "name": 'Café "De Hoek" \\ \'t Plein\nachter',
        "kind": "cafe",
        "kind_label": "Café",
    }
    assert feature["geometry"]["coordinates"] == [6.9, 52.20001]


def test_geojson_leaves_out_places_without_a_position_or_unpublished(client, place):
    LocationFactory(slug="nergens", latitude=None, longitude=None)
    LocationFactory(slug="verborgen", published=False)
    ids = [f["id"] for f in client.get(reverse("locaties:geojson")).json()["features"]]
    assert ids == ["de-magneet"]


def test_geojson_of_many_places_costs_one_query(client, django_assert_num_queries):
    for n in range(30):
        LocationFactory(slug=f"plek-{n}")
    with django_assert_num_queries(1):
        data = client.get(reverse("locaties:geojson")).json()
    assert len(data["features"]) == 30


@time_machine.travel(MONDAY_NOON, tick=False)
def test_map_popup_gives_the_place_and_its_state_now(client, place):
    response = client.get(reverse("locaties:map_popup", kwargs={"slug": "de-magneet"}))
    assert response.status_code == 200
    details = response.json()
    assert details["name"] == "De Magneet"
    assert details["url"] == place.get_absolute_url()
    assert details["cluster"] == place.cluster.name
    assert details["open_now"] is True
    assert details["state"] in ("Open · sluit om 20:00", "Open · closes at 20:00")


def test_map_popup_of_a_hidden_or_unknown_place_is_not_found(client):
    hidden = LocationFactory(slug="verborgen", published=False)
    # Not on the map, so no popup (it once answered 500: a popup's geometry needs a position).
    LocationFactory(slug="zonder-plek", latitude=None, longitude=None)
    for slug in (hidden.slug, "zonder-plek", "bestaat-niet"):
        url = reverse("locaties:map_popup", kwargs={"slug": slug})
        assert client.get(url).status_code == 404


# --- Kinds of places on the pages: from the database, read once ---------------------------


def kinds_of(response) -> list[dict]:
    """The kinds the page hands to the map script, from its json_script."""
    match = re.search(
        r'<script id="places-map-kinds" type="application/json">(.*?)</script>',
        response.content.decode(),
    )
    return json.loads(match.group(1)) if match else []


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_page_gives_the_map_its_kinds_and_the_legend_only_existing_kinds(client, place):
    hall = LocationKindFactory(slug="dorpshuis", name_nl="dorpshuis", icon="village_hall")
    LocationFactory(name="De Schakel", kind=hall)
    response = client.get(reverse("locaties:home"), headers={"accept-language": "nl"})
    kinds = kinds_of(response)
    assert [(k["slug"], k["label"]) for k in kinds] == [
        ("house", "ontmoetingshuis"),
        ("dorpshuis", "dorpshuis"),
    ]
    assert kinds[1]["icon"].startswith("/static/img/markers/village_hall")
    legend = response.content.decode().split('<ul class="legend"')[1].split("</ul>")[0]
    assert legend.count("<li>") == 2
    assert "Ontmoetingspark" not in legend  # no park kind in this municipality
    # The filter offers the same kinds, by slug.
    choices = list(response.context["filter"].form.fields["kind"].choices)
    assert choices == [("house", "ontmoetingshuis"), ("dorpshuis", "dorpshuis")]


def test_without_kinds_there_is_no_legend(client, db):
    response = client.get(reverse("locaties:home"))
    assert response.status_code == 200
    assert 'class="legend"' not in response.content.decode()
    assert kinds_of(response) == []


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_kind_filter_works_by_slug_and_ignores_an_unknown_one(client, place):
    hall = LocationKindFactory(slug="dorpshuis")
    schakel = LocationFactory(name="De Schakel", slug="de-schakel", kind=hall)
    response = client.get(reverse("locaties:home") + "?kind=dorpshuis")
    assert [p.slug for p in response.context["locations"]] == [schakel.slug]
    response = client.get(reverse("locaties:home") + "?kind=kasteel")
    assert response.status_code == 200
    assert len(response.context["locations"]) == 2  # ignored, with a notice
    assert "kind" in response.context["filter"].form.errors


@time_machine.travel(MONDAY_NOON, tick=False)
def test_geojson_and_json_ld_carry_the_kind(client, place):
    feature = client.get(reverse("locaties:geojson")).json()["features"][0]
    assert (feature["properties"]["kind"], feature["properties"]["kind_label"]) == (
        "house",
        "ontmoetingshuis",
    )
    assert json_ld(client, place)["@type"] == "CivicStructure"  # the type of its kind
    place.kind = LocationKindFactory(slug="bibliotheek", schema_type="Library")
    place.save()
    assert json_ld(client, place)["@type"] == "Library"


def json_ld(client, place) -> dict:
    body = client.get(place.get_absolute_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S)
    return json.loads(match.group(1))
