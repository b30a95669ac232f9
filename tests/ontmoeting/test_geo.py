"""Geometry helpers: coordinates in the Netherlands, cluster areas, distances."""

import json
import math
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ontmoeting.geo import (
    distance_km,
    validate_area,
    validate_latitude_in_netherlands,
    validate_longitude_in_netherlands,
)

# A small square in Enschede and one in Hengelo, as GeoJSON (longitude, latitude).
ENSCHEDE = [[[6.88, 52.21], [6.90, 52.21], [6.90, 52.23], [6.88, 52.23], [6.88, 52.21]]]
HENGELO = [[[6.78, 52.26], [6.80, 52.26], [6.80, 52.27], [6.78, 52.27], [6.78, 52.26]]]


def message(validator, value) -> str:
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            validator(value)
        return info.value.messages[0]


@pytest.mark.parametrize("value", [Decimal("52.2215"), 50.75, 53.5, None])
def test_latitudes_in_the_netherlands(value):
    validate_latitude_in_netherlands(value)


@pytest.mark.parametrize("value", [Decimal("6.8937"), 3.4, 7.2, None])
def test_longitudes_in_the_netherlands(value):
    validate_longitude_in_netherlands(value)


def test_paris_is_outside():
    assert message(validate_latitude_in_netherlands, Decimal("48.8")) == (
        "This latitude lies outside the Netherlands (between 50.7 and 53.6)."
    )
    assert message(validate_longitude_in_netherlands, Decimal("2.35")) == (
        "This longitude lies outside the Netherlands (between 3.3 and 7.25)."
    )


@pytest.mark.parametrize(
    "area",
    [
        None,
        "",
        {"type": "Polygon", "coordinates": ENSCHEDE},
        {"type": "MultiPolygon", "coordinates": [ENSCHEDE, HENGELO]},
        json.dumps({"type": "Polygon", "coordinates": ENSCHEDE}),
    ],
)
def test_valid_areas(area):
    validate_area(area)


@pytest.mark.parametrize(
    ("area", "expected"),
    [
        ("{not json", "The area is not valid JSON."),
        ({"type": "Point", "coordinates": [6.89, 52.22]}, "of type Polygon or MultiPolygon"),
        ({"type": "Feature", "geometry": {"type": "Polygon", "coordinates": ENSCHEDE}}, "of type Polygon"),
        ([1, 2, 3], "of type Polygon or MultiPolygon"),
        ({"type": "Polygon"}, "The area's coordinates cannot be read."),
        ({"type": "Polygon", "coordinates": [[[6.88, 52.21], [6.9, 52.23]]]}, "cannot be read"),
        ({"type": "Polygon", "coordinates": [[["a", "b"], [6.9, 52.2], [6.9, 52.3], [6.8, 52.2]]]}, "cannot be read"),
        ({"type": "Polygon", "coordinates": []}, "The area has no coordinates."),
        ({"type": "Polygon", "coordinates": [[[200, 52], [201, 52], [201, 53], [200, 52]]]}, "longitude, latitude (WGS84)"),
        ({"type": "Polygon", "coordinates": [[[lat, lon] for lon, lat in ENSCHEDE[0]]]}, "check that they are not swapped"),
    ],
)  # fmt: skip
def test_invalid_areas(area, expected):
    assert expected in message(validate_area, area)


def test_a_bow_tie_polygon_is_invalid():
    bow_tie = {
        "type": "Polygon",
        "coordinates": [
            [[6.88, 52.21], [6.90, 52.23], [6.90, 52.21], [6.88, 52.23], [6.88, 52.21]]
        ],
    }

    text = message(validate_area, bow_tie)

    assert text.startswith("The area is not a valid polygon: Self-intersection")


def test_distance_km():
    one_degree = 6371.0088 * math.pi / 180

    assert distance_km(52.0, 6.0, 53.0, 6.0) == pytest.approx(one_degree)
    assert distance_km(52.22, 6.89, 52.22, 6.89) == 0
    there = distance_km(52.2215, 6.8937, 52.3676, 4.9041)  # Enschede – Amsterdam
    assert there == pytest.approx(distance_km(52.3676, 4.9041, 52.2215, 6.8937))
    assert 130 < there < 140
