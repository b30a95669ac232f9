"""Clusters: the area is checked when saved through full_clean."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from clusters.models import Cluster
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

SQUARE = [[[6.88, 52.21], [6.90, 52.21], [6.90, 52.23], [6.88, 52.23], [6.88, 52.21]]]
BOW_TIE = [[[6.88, 52.21], [6.90, 52.23], [6.90, 52.21], [6.88, 52.23], [6.88, 52.21]]]


def area_errors(area) -> list[str]:
    cluster = ClusterFactory.build(area=area)
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            cluster.full_clean()
        errors = info.value.message_dict
    assert list(errors) == ["area"]
    return errors["area"]


@pytest.mark.parametrize(
    "area",
    [
        None,
        {"type": "Polygon", "coordinates": SQUARE},
        {"type": "MultiPolygon", "coordinates": [SQUARE, [[[x + 0.1, y] for x, y in SQUARE[0]]]]},
    ],
)
def test_valid_areas_pass(area):
    cluster = ClusterFactory.build(area=area)

    cluster.full_clean()
    cluster.save()

    assert Cluster.objects.get(pk=cluster.pk).area == area


def test_area_that_is_not_json():
    assert area_errors("{'type': 'Polygon'") == ["The area is not valid JSON."]


def test_area_of_the_wrong_type():
    assert area_errors({"type": "LineString", "coordinates": SQUARE[0]}) == [
        "The area must be a GeoJSON geometry of type Polygon or MultiPolygon."
    ]


def test_self_intersecting_area():
    [error] = area_errors({"type": "Polygon", "coordinates": BOW_TIE})

    assert error.startswith("The area is not a valid polygon: Self-intersection")


def test_overlapping_multipolygon_parts_are_invalid():
    [error] = area_errors({"type": "MultiPolygon", "coordinates": [SQUARE, SQUARE]})

    assert error.startswith("The area is not a valid polygon:")


def test_example_data_present():
    ClusterFactory()
    assert not Cluster.objects.example_data_present()

    ClusterFactory(is_example=True)
    assert Cluster.objects.example_data_present()


def test_str_and_url():
    cluster = ClusterFactory(number=3, name="Noord", slug="noord")

    assert str(cluster) == "3. Noord"
    assert cluster.get_absolute_url().endswith("/noord/")
