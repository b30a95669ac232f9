"""The settings form: what is bad gets a clear Dutch message, and nothing changes."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from instellingen.models import SiteSettings

from .conftest import EMPTY_FORM, SETTINGS_URL

SQUARE = [[[6.85, 52.2], [6.9, 52.2], [6.9, 52.25], [6.85, 52.25], [6.85, 52.2]]]


def collection(*geometries) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": g, "properties": {"name": f"Wijk {n}"}}
            for n, g in enumerate(geometries, start=1)
        ],
    }


def geojson_file(content, name="wijken.geojson") -> SimpleUploadedFile:
    data = content if isinstance(content, bytes) else json.dumps(content).encode()
    return SimpleUploadedFile(name, data, content_type="application/geo+json")


@pytest.fixture
def saved(db) -> SiteSettings:
    """A settings row as an administrator left it: a name, and a layer of their own."""
    row = SiteSettings(
        site_name="Ontmoeten",
        city_name="Noordenveld",
        boundaries=collection({"type": "Polygon", "coordinates": SQUARE}),
        boundaries_file_name="dorpen.geojson",
        boundaries_name="Dorpen",
    )
    row.save()
    return row


def stored(row: SiteSettings) -> dict:
    fresh = SiteSettings.objects.get(pk=row.pk)
    return {f.attname: getattr(fresh, f.attname) for f in SiteSettings._meta.concrete_fields}


def post(client, **changes):
    data = {**EMPTY_FORM, "site_name": "Ontmoeten", "city_name": "Noordenveld"}
    data["boundaries_name"] = "Dorpen"
    data.update(changes)
    return client.post(SETTINGS_URL, data)


def errors(response) -> str:
    assert response.status_code == 200, "the form comes back with its errors"
    form = response.context["adminform"].form
    return " ".join(str(e) for field_errors in form.errors.values() for e in field_errors)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"dit is geen json {", "Het bestand is geen GeoJSON"),
        (b"\xff\xfe\x00 binary", "Het bestand is geen GeoJSON"),
        (
            collection({"type": "Point", "coordinates": [6.89, 52.22]}),
            "Gebied 1 is een Point: alleen gebieden (Polygon of MultiPolygon)",
        ),
        (
            collection(
                {"type": "Polygon", "coordinates": SQUARE},
                {"type": "LineString", "coordinates": [[6.8, 52.2], [6.9, 52.3]]},
            ),
            "Gebied 2 is een LineString",
        ),
        (
            # Berlin: well-formed, but not in the Netherlands.
            collection(
                {
                    "type": "Polygon",
                    "coordinates": [[[13.3, 52.5], [13.5, 52.5], [13.5, 52.6], [13.3, 52.5]]],
                }
            ),
            "Gebied 1 ligt (deels) buiten Nederland",
        ),
        (
            # RD coordinates (metres) rather than longitude and latitude.
            collection(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [[257000, 471000], [258000, 471000], [258000, 472000], [257000, 471000]]
                    ],
                }
            ),
            "WGS84",
        ),
        (
            collection(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [[6.85, 52.2], [6.9, 52.25], [6.9, 52.2], [6.85, 52.25], [6.85, 52.2]]
                    ],
                }
            ),
            "Gebied 1 is geen geldig vlak",
        ),
        ({"type": "FeatureCollection", "features": []}, "Het bestand bevat geen gebieden"),
        ([1, 2, 3], "Het bestand bevat geen gebieden"),
    ],
)
def test_a_bad_boundary_layer_is_refused_in_dutch_and_changes_nothing(
    admin_browser, saved, content, message
):
    before = stored(saved)
    response = post(admin_browser, site_name="Iets anders", boundaries_upload=geojson_file(content))
    assert message in errors(response)
    assert stored(saved) == before


def test_a_layer_that_is_too_big_is_refused_before_it_is_read(admin_browser, saved, settings):
    settings.MAP_BOUNDARIES_MAX_BYTES = 1000
    layer = collection(*[{"type": "Polygon", "coordinates": SQUARE}] * 20)
    assert len(json.dumps(layer)) > 1000
    before = stored(saved)
    response = post(admin_browser, boundaries_upload=geojson_file(layer))
    assert "Het bestand is te groot" in errors(response)
    assert stored(saved) == before


def test_a_good_layer_is_stored_with_its_file_name(admin_browser, saved):
    multipolygon = {"type": "MultiPolygon", "coordinates": [SQUARE]}
    response = post(
        admin_browser,
        boundaries_upload=geojson_file(collection(multipolygon), name="buurten.geojson"),
        boundaries_name="Buurten",
    )
    assert response.status_code == 302
    row = SiteSettings.objects.get(pk=saved.pk)
    assert row.boundaries == collection(multipolygon)
    assert (row.boundaries_file_name, row.boundaries_name) == ("buurten.geojson", "Buurten")


def test_a_single_feature_or_bare_polygon_is_a_layer_too(admin_browser, saved):
    post(admin_browser, boundaries_upload=geojson_file({"type": "Polygon", "coordinates": SQUARE}))
    row = SiteSettings.objects.get(pk=saved.pk)
    assert row.boundaries["features"][0]["geometry"]["type"] == "Polygon"


def test_an_uploaded_layer_needs_a_name(admin_browser, saved):
    before = stored(saved)
    response = post(admin_browser, boundaries_name="", site_name="Iets anders")
    assert "Geef de geüploade laag een naam" in errors(response)
    assert stored(saved) == before


def test_the_uploaded_layer_can_be_removed(admin_browser, saved):
    post(admin_browser, boundaries_remove="on")
    row = SiteSettings.objects.get(pk=saved.pk)
    assert (row.boundaries, row.boundaries_file_name) == (None, "")


def test_removing_and_uploading_at_once_is_refused(admin_browser, saved):
    before = stored(saved)
    layer = geojson_file(collection({"type": "Polygon", "coordinates": SQUARE}))
    response = post(admin_browser, boundaries_remove="on", boundaries_upload=layer)
    assert "niet allebei" in errors(response)
    assert stored(saved) == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tiles_url": "http://tiles.example.org/{z}/{x}/{y}.png"}, "https://"),
        ({"tiles_url": "https://tiles.example.org/kaart.png"}, "{z}, {x} en {y}"),
        (
            {"tiles_attribution": '<a href="https://x.nl" onclick="steal()">x</a>'},
            "alleen tekst en links",
        ),
        ({"tiles_attribution": "<script>alert(1)</script>"}, "alleen tekst en links"),
        (
            {"boundaries_attribution": '<a href="javascript:alert(1)">x</a>'},
            "alleen tekst en links",
        ),
        ({"map_latitude": "52.2"}, "zowel de breedtegraad als de lengtegraad"),
        ({"map_zoom": "25"}, "hoogstens 19"),
        ({"map_latitude": "95", "map_longitude": "6.9"}, "hoogstens 90"),
        ({"contact_url": "javascript:alert(1)"}, "geldige URL"),
        ({"privacy_url": "geen adres"}, "geldige URL"),
        ({"holidays_country": "XX"}, "geen beschikbare keuze"),
    ],
)
def test_bad_settings_are_refused_in_dutch_and_change_nothing(
    admin_browser, saved, changes, message
):
    before = stored(saved)
    response = post(admin_browser, site_name="Iets anders", **changes)
    assert message in errors(response)
    assert stored(saved) == before


def test_a_credit_with_plain_links_is_fine(admin_browser, saved):
    credit = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
    response = post(
        admin_browser,
        tiles_url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        tiles_attribution=credit,
    )
    assert response.status_code == 302
    assert SiteSettings.objects.get(pk=saved.pk).tiles_attribution == credit


def test_the_empty_fields_show_the_installations_values(admin_browser, saved, settings):
    settings.MAP_ZOOM = 11
    page = admin_browser.get(SETTINGS_URL).content.decode()
    assert 'name="map_zoom"' in page
    assert 'placeholder="11"' in page
    assert "Standaard van de installatie: NL" in page
