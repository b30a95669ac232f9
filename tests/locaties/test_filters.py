"""The place FilterSet on the real database: each filter, "near me", and the map's parity with the list.

The places with activities of a theme or for a target group: tests/activiteiten/test_filters.py.
"""

import csv
import datetime
import math
import re
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from locaties.filters import LocationFilter
from locaties.models import Location
from locaties.postcodes import TABLE as POSTCODE_TABLE
from ontmoeting.geo import EARTH_RADIUS_KM
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Monday 23 November 2026: no public holiday near it.
MONDAY_NOON = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
MONDAY_EVENING = datetime.datetime(2026, 11, 23, 21, 0, tzinfo=AMSTERDAM)
MONDAY, SUNDAY = 0, 6
T = datetime.time


def place(name, *, hours=(), **fields):
    """A published place; ``hours`` as (weekday, opens, closes, supervised) rows."""
    location = LocationFactory(name=name, **fields)
    for weekday, opens, closes, supervised in hours:
        OpeningHoursFactory(
            location=location, weekday=weekday, opens=opens, closes=closes, supervised=supervised
        )
    return location


def query(data: dict) -> QueryDict:
    """The parameters as a request has them (a plain dict has no lists for repeated keys)."""
    return QueryDict(urlencode(data, doseq=True))


def filtered(data) -> LocationFilter:
    return LocationFilter(query(data), queryset=Location.objects.published())


def names(data) -> list[str]:
    return [location.name for location in filtered(data).qs]


def haversine(lat1, lon1, lat2, lon2) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, map(float, (lat1, lon1, lat2, lon2)))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


# --- Text search -------------------------------------------------------------------------


def test_search_ignores_accents_both_ways():
    place("Café De Zon")
    place("Buurthuis Cafe Noord")
    place("De Magneet")
    assert names({"q": "cafe"}) == ["Buurthuis Cafe Noord", "Café De Zon"]
    assert names({"q": "CAFÉ"}) == ["Buurthuis Cafe Noord", "Café De Zon"]


def test_search_needs_every_word_and_looks_at_street_and_cluster():
    place("De Magneet", street="Hertmebrink", cluster=ClusterFactory(name="Wesselerbrink"))
    place("Het Bolwerk", street="Bolwerkstraat")
    assert names({"q": "hertmebrink"}) == ["De Magneet"]
    assert names({"q": "wesselerbrink magneet"}) == ["De Magneet"]
    assert names({"q": "wesselerbrink bolwerk"}) == []


def test_search_longer_than_the_limit_is_refused_not_run():
    place("De Magneet")
    filterset = filtered({"q": "x" * 101})
    assert [loc.name for loc in filterset.qs] == ["De Magneet"]
    assert "q" in filterset.errors


# --- Kind, cluster, accessibility ----------------------------------------------------------


def test_kind_takes_several_values():
    place("Park", kind="park")
    place("Boerderij", kind="petting_farm")
    place("Huis", kind="house")
    assert names({"kind": ["park", "petting_farm"]}) == ["Boerderij", "Park"]
    assert names({"kind": "house"}) == ["Huis"]


def test_unknown_kind_is_an_error_and_the_rest_still_filters():
    place("Park", kind="park", wheelchair_accessible=True)
    place("Huis", kind="house")
    filterset = filtered({"kind": "spaceship", "access": "wheelchair_accessible"})
    assert [loc.name for loc in filterset.qs] == ["Park"]
    assert set(filterset.errors) == {"kind"}


def test_cluster_by_slug():
    north = ClusterFactory(name="Noord", slug="noord")
    place("In het noorden", cluster=north)
    place("Elders")
    assert names({"cluster": "noord"}) == ["In het noorden"]
    assert "cluster" in filtered({"cluster": "nergens"}).errors


def test_access_requires_every_chosen_feature():
    place("Alles", wheelchair_accessible=True, hearing_loop=True, parking=True)
    place("Rolstoel", wheelchair_accessible=True)
    place("Niets")
    assert names({"access": ["wheelchair_accessible"]}) == ["Alles", "Rolstoel"]
    assert names({"access": ["wheelchair_accessible", "hearing_loop"]}) == ["Alles"]
    assert "access" in filtered({"access": "xyz"}).errors


# --- Open now, supervised now, day and time --------------------------------------------------


@pytest.fixture
def week_places():
    return {
        "weekdays": place(
            "Werkdagen",
            hours=[(d, T(8, 30), T(20, 0), True) for d in range(5)],
        ),
        "unsupervised": place(
            "Zonder toezicht",
            hours=[(MONDAY, T(9, 0), T(17, 0), False)],
        ),
        "afternoon": place(
            "Middag",
            hours=[(MONDAY, T(13, 0), T(17, 0), True)],
        ),
        "sunday_morning": place(
            "Zondagochtend",
            hours=[(SUNDAY, T(9, 0), T(12, 0), True)],
        ),
        "sunday_afternoon": place(
            "Zondagmiddag",
            hours=[(SUNDAY, T(13, 0), T(17, 0), True)],
        ),
        "no_hours": place("Onbekend"),
    }


@time_machine.travel(MONDAY_NOON, tick=False)
def test_open_now(week_places):
    assert names({"open_now": "on"}) == ["Werkdagen", "Zonder toezicht"]
    # Unticked means "no preference", not "closed places only".
    assert len(names({"open_now": ""})) == len(week_places)


@time_machine.travel(MONDAY_NOON, tick=False)
def test_supervised_now(week_places):
    assert names({"supervised_now": "on"}) == ["Werkdagen"]


@time_machine.travel(MONDAY_NOON, tick=False)
def test_open_now_follows_an_exception(week_places):
    OpeningExceptionFactory(
        location=week_places["weekdays"], start_date=MONDAY_NOON.date(), reason="Verbouwing"
    )
    assert names({"open_now": "on"}) == ["Zonder toezicht"]


@time_machine.travel(MONDAY_EVENING, tick=False)
def test_nothing_is_open_in_the_evening(week_places):
    assert names({"open_now": "on"}) == []


@time_machine.travel(MONDAY_NOON, tick=False)
def test_day_and_time(week_places):
    assert names({"day": str(SUNDAY), "open_at": "10:00"}) == ["Zondagochtend"]
    assert names({"day": str(SUNDAY), "open_at": "14:30"}) == ["Zondagmiddag"]
    assert names({"day": str(MONDAY), "open_at": "14:30"}) == [
        "Middag",
        "Werkdagen",
        "Zonder toezicht",
    ]
    # Other spellings people type for a time.
    assert names({"day": str(SUNDAY), "open_at": "10.00"}) == ["Zondagochtend"]
    assert names({"day": str(SUNDAY), "open_at": "10"}) == ["Zondagochtend"]


@time_machine.travel(MONDAY_NOON, tick=False)
def test_day_alone_means_open_at_some_time_that_day(week_places):
    assert names({"day": str(SUNDAY)}) == ["Zondagmiddag", "Zondagochtend"]


@time_machine.travel(MONDAY_NOON, tick=False)
def test_time_alone_means_today(week_places):
    assert names({"open_at": "16:00"}) == ["Middag", "Werkdagen", "Zonder toezicht"]


@time_machine.travel(MONDAY_NOON, tick=False)
def test_impossible_day_or_time_is_an_error_not_a_filter(week_places):
    for data in ({"open_at": "25:99"}, {"day": "7", "open_at": "10:00"}, {"day": "-1"}):
        filterset = filtered(data)
        assert filterset.errors, data
        filterset.qs  # does not raise  # noqa: B018
    # The valid half still applies: 10:00 today (Monday).
    assert names({"day": "7", "open_at": "10:00"}) == ["Werkdagen", "Zonder toezicht"]


# --- Near me -----------------------------------------------------------------------------------


@pytest.fixture
def spread_places():
    """Three places at known points, and one without coordinates."""
    return [
        place("Centrum", latitude=Decimal("52.221500"), longitude=Decimal("6.893700")),
        place("Wesselerbrink", latitude=Decimal("52.190486"), longitude=Decimal("6.874870")),
        place("Glanerbrug", latitude=Decimal("52.214000"), longitude=Decimal("6.974000")),
        place("Ergens", latitude=None, longitude=None),
    ]


def table_centre(postcode4: str) -> tuple[float, float]:
    """The centre the shipped table gives, read here straight from the file."""
    with POSTCODE_TABLE.open(newline="", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["postcode4"] == postcode4)
    return float(row["lat"]), float(row["lon"])


@pytest.mark.parametrize("typed", ["7544", "7544 CZ", "7544cz", "  7544   cZ ", "7544 AA"])
def test_a_postcode_is_answered_from_the_table_asking_no_one(fake_geocoder, spread_places, typed):
    filterset = filtered({"postcode": typed})
    result = list(filterset.qs)
    assert [loc.name for loc in result] == ["Wesselerbrink", "Centrum", "Glanerbrug", "Ergens"]
    lat, lon = table_centre("7544")
    assert (filterset.origin.latitude, filterset.origin.longitude) == (lat, lon)
    assert filterset.origin.postcode4 == "7544"  # the 6-position postcode by its 4 digits
    for location in result[:3]:
        expected = haversine(lat, lon, location.latitude, location.longitude)
        assert location.distance_km == pytest.approx(expected, abs=0.001)
    assert result[3].distance_km is None  # no coordinates: last, without a distance
    assert filterset.origin_error == ""
    assert fake_geocoder.requests == []


def test_a_postcode_is_answered_with_the_geocoder_unreachable(settings, spread_places):
    settings.GEOCODER_URL = "http://127.0.0.1:9/nothing-listens-here"
    filterset = filtered({"postcode": "7532 ab"})  # Glanerbrug
    assert [loc.name for loc in filterset.qs][:3] == ["Glanerbrug", "Centrum", "Wesselerbrink"]
    assert filterset.origin_error == ""
    assert filterset.origin.label == "postcode 7532 AB"


def test_browser_location_sorts_by_distance(spread_places):
    filterset = filtered({"lat": "52.2140", "lon": "6.9740"})
    result = list(filterset.qs)
    assert [loc.name for loc in result] == ["Glanerbrug", "Centrum", "Wesselerbrink", "Ergens"]
    assert result[0].distance_km == pytest.approx(0, abs=0.001)
    assert result[1].distance_km == pytest.approx(
        haversine(52.214, 6.974, 52.2215, 6.8937), abs=0.001
    )
    assert filterset.origin.postcode4 == ""


def test_browser_location_wins_over_the_postcode(fake_geocoder, spread_places):
    filterset = filtered({"postcode": "7544CZ", "lat": "52.2140", "lon": "6.9740"})
    assert next(iter(filterset.qs)).name == "Glanerbrug"
    assert fake_geocoder.requests == []


def test_location_outside_the_netherlands_is_refused(spread_places):
    filterset = filtered({"lat": "48.85", "lon": "2.35"})
    assert {"lat", "lon"} <= set(filterset.errors)
    assert filterset.origin is None
    assert len(filterset.qs) == 4


@translation.override("en")
@pytest.mark.parametrize(("typed", "shown"), [("0000", "0000"), ("0000ab", "0000 AB")])
def test_unknown_postcode_says_so_and_lists_everything(fake_geocoder, spread_places, typed, shown):
    filterset = filtered({"postcode": typed})
    assert len(filterset.qs) == 4
    assert filterset.origin is None
    assert filterset.errors == {}
    assert filterset.origin_error == (
        f"We could not find the postcode {shown}. Check it and try again."
    )
    assert fake_geocoder.requests == []


@translation.override("en")
@pytest.mark.parametrize(
    "typed", ["12", "12345", "7544 C", "ABCD", "7544 SS", "7544-CZ", "7544 CZ 1", "٧٥٤٤"]
)
def test_malformed_postcode_says_how_to_write_it(fake_geocoder, spread_places, typed):
    filterset = filtered({"postcode": typed})
    assert filterset.errors["postcode"] == [
        "Enter a postcode: four digits, or four digits and two letters, like 1234 or 1234 AB."
    ]
    assert filterset.origin is None
    assert len(filterset.qs) == 4
    assert fake_geocoder.requests == []


@time_machine.travel(MONDAY_NOON, tick=False)
def test_home_page_says_how_precise_the_distance_is_and_credits_geonames(
    client, fake_geocoder, spread_places
):
    body = client.get(reverse("locaties:home"), {"postcode": "7544 CZ"}).content.decode()
    assert "dichtstbij postcode 7544 CZ eerst" in body
    assert "Afstanden in rechte lijn, vanaf het midden van postcode 7544." in body
    assert '<a href="https://www.geonames.org/">© GeoNames</a>' in body
    assert "CC BY 4.0" in body
    assert re.search(r"\b0,[0-9] km\b", body)  # Wesselerbrink, a few hundred metres away
    # From the browser's location: no postcode area, so neither its precision nor its credit.
    body = client.get(reverse("locaties:home"), {"lat": "52.214", "lon": "6.974"}).content.decode()
    assert "vanaf uw locatie" in body
    assert "GeoNames" not in body
    # Without "near me" no distances, so nothing to explain or credit.
    body = client.get(reverse("locaties:home")).content.decode()
    assert "Afstanden in rechte lijn" not in body
    assert "GeoNames" not in body
    assert fake_geocoder.requests == []


@time_machine.travel(MONDAY_NOON, tick=False)
def test_home_page_says_plainly_in_dutch_what_is_wrong_with_a_postcode(client, spread_places):
    response = client.get(reverse("locaties:home"), {"postcode": "0000"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "We kunnen de postcode 0000 niet vinden." in body
    assert "werkt nu even niet" not in body
    assert body.count('class="place-card"') == 4
    response = client.get(reverse("locaties:home"), {"postcode": "12 AB"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Bijvoorbeeld 1234 of 1234 AB." in body
    assert "7511" not in body
    assert body.count('class="place-card"') == 4


@time_machine.travel(MONDAY_NOON, tick=False)
@pytest.mark.parametrize("name", ["locaties:home", "locaties:geojson"])
def test_a_postcode_costs_no_query(client, django_assert_max_num_queries, spread_places, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as without:
        client.get(reverse(name), {"lat": "52.19", "lon": "6.87"})
    with django_assert_max_num_queries(len(without)):
        response = client.get(reverse(name), {"postcode": "7544 CZ"})
    assert response.status_code == 200


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_map_data_follows_the_postcode_order(client, fake_geocoder, spread_places):
    features = client.get(reverse("locaties:geojson"), {"postcode": "7532"}).json()["features"]
    assert [f["properties"]["name"] for f in features] == ["Glanerbrug", "Centrum", "Wesselerbrink"]
    assert fake_geocoder.requests == []


# --- The map shows what the list shows ------------------------------------------------------


LIST_ITEM = re.compile(r'data-place="([^"]+)" data-lat=')


@time_machine.travel(MONDAY_NOON, tick=False)
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"kind": ["park", "house"]},
        {"open_now": "on"},
        {"supervised_now": "on"},
        {"day": str(SUNDAY), "open_at": "10:00"},
        {"day": str(SUNDAY)},
        {"access": "wheelchair_accessible"},
        {"theme": "sport-en-bewegen"},
        {"target_group": "ouderen"},
        {"cluster": "noord"},
        {"q": "cafe"},
        {"lat": "52.19", "lon": "6.87"},
        {"kind": "spaceship", "open_now": "on"},  # the bad half dropped in both
    ],
    ids=lambda query: "&".join(f"{k}={v}" for k, v in query.items()) or "nothing",
)
def test_geojson_has_the_same_places_as_the_list(client, query):
    north = ClusterFactory(name="Noord", slug="noord")
    sport = ThemeFactory(slug="sport-en-bewegen", name="Sport en bewegen")
    elderly = TargetGroupFactory(slug="ouderen", name="Ouderen")
    farm = place(
        "Kinderboerderij Café",
        kind="petting_farm",
        cluster=north,
        hours=[(SUNDAY, T(9, 0), T(12, 0), True), (MONDAY, T(8, 0), T(18, 0), False)],
    )
    park = place(
        "Sportpark",
        kind="park",
        wheelchair_accessible=True,
        latitude=Decimal("52.221500"),
        longitude=Decimal("6.893700"),
        hours=[(MONDAY, T(8, 30), T(20, 0), True)],
    )
    place("Huis zonder plek", latitude=None, longitude=None, cluster=north)
    place("Huis", hours=[(SUNDAY, T(13, 0), T(17, 0), True)])
    ActivityFactory(location=park).themes.set([sport])
    ActivityFactory(location=farm).target_groups.set([elderly])

    listed = LIST_ITEM.findall(client.get(reverse("locaties:home"), query).content.decode())
    features = client.get(reverse("locaties:geojson"), query).json()["features"]
    assert sorted(listed) == sorted(feature["id"] for feature in features)
    if query == {}:
        assert len(listed) == 3  # all with coordinates; the test compares something
