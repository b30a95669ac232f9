"""The public pages in a real Chromium: map drawn, no console errors, axe-core clean."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import (
    LocationFactory,
    LocationKindFactory,
    OpeningHoursFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def places():
    located = LocationFactory(name="Wijkcentrum De Magneet", slug="de-magneet")
    unlocated = LocationFactory(name="Noaberhuus", slug="noaberhuus", latitude=None, longitude=None)
    for place in (located, unlocated):
        for weekday in range(7):
            OpeningHoursFactory(location=place, weekday=weekday)
    PersonFactory(name="Sanne de Vries", clusters=[located.cluster], contact_public=True)
    return located, unlocated


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def collect_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_home_draws_the_map_and_lists_every_place(live_server, page, places):
    errors = collect_errors(page)
    page.goto(live_server.url + "/")
    page.wait_for_selector(".leaflet-marker-icon")
    # Only the place with coordinates is on the map; both are in the list.
    assert page.locator(".leaflet-marker-icon").count() == 1
    assert page.locator("#places-list .place-card").count() == 2
    assert (
        page.locator(".leaflet-marker-icon")
        .first.get_attribute("alt")
        .startswith("Wijkcentrum De Magneet")
    )
    assert_accessible(page)
    assert errors == []


def test_place_page_is_accessible_and_shows_its_map(live_server, page, places):
    errors = collect_errors(page)
    page.goto(live_server.url + "/locaties/de-magneet/")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.get_by_role("heading", level=1).inner_text() == "Wijkcentrum De Magneet"
    assert page.locator("table.hours tbody tr").count() == 7
    assert "Sanne de Vries" in page.content()
    assert_accessible(page)
    assert errors == []


def test_place_without_coordinates_says_so_instead_of_a_map(live_server, page, places):
    page.goto(live_server.url + "/locaties/noaberhuus/")
    assert page.locator(".leaflet-container").count() == 0
    assert page.locator(".no-map").is_visible()
    assert_accessible(page)


def test_home_map_offers_the_overlays_with_their_credit(live_server, page, places):
    errors = collect_errors(page)
    page.goto(live_server.url + "/")
    control = page.locator(".leaflet-control-layers")
    boundaries = control.get_by_text("Wijken (CBS 2023)")
    boundaries.wait_for()
    boundaries.click()
    # Drawn (attached); it may lie outside the current view, which Leaflet then clips away.
    page.locator(".leaflet-overlay-pane path").first.wait_for(state="attached")
    assert (
        "Centraal Bureau voor de Statistiek"
        in page.locator(".leaflet-control-attribution").inner_text()
    )
    assert_accessible(page)
    assert errors == []


def test_the_map_and_the_legend_take_the_municipalitys_kinds_from_the_page(live_server, page):
    """A village network's own kinds: their icons and names reach the map from the page's
    data (no kind is named in the script), and the legend lists only the kinds there are."""
    hall = LocationKindFactory(
        slug="dorpshuis", name_nl="dorpshuis", plural_nl="dorpshuizen", icon="village_hall"
    )
    canteen = LocationKindFactory(
        slug="kantine", name_nl="clubkantine", plural_nl="clubkantines", icon="club_canteen"
    )
    LocationFactory(name="De Schakel", slug="de-schakel", kind=hall)
    LocationFactory(
        name="VV Roden",
        slug="vv-roden",
        kind=canteen,
        latitude=Decimal("52.200000"),
        longitude=Decimal("6.880000"),
    )
    errors = collect_errors(page)
    page.goto(live_server.url + "/")
    page.wait_for_selector(".leaflet-marker-icon")
    markers = page.locator("#places-map .leaflet-marker-icon")
    expect(markers).to_have_count(2)
    icons = {
        markers.nth(n).get_attribute("alt"): markers.nth(n).get_attribute("src") for n in range(2)
    }
    assert set(icons) == {"De Schakel (dorpshuis)", "VV Roden (clubkantine)"}
    assert "/img/markers/village_hall" in icons["De Schakel (dorpshuis)"]
    assert "/img/markers/club_canteen" in icons["VV Roden (clubkantine)"]
    legend = page.locator("ul.legend li")
    expect(legend).to_have_text(["Clubkantine", "Dorpshuis"])  # same order number: by name
    assert "village_hall" in legend.nth(1).locator("img").get_attribute("src")
    # A marker of a kind the page did not list (made since) gets the default icon.
    page.evaluate(
        """() => document.getElementById('places-map').ontmoetingMap.show({
            type: 'FeatureCollection',
            features: [{type: 'Feature', id: 'x', geometry: {type: 'Point', coordinates: [6.9, 52.2]},
                        properties: {name: 'Nieuw', kind: 'nieuw', kind_label: 'nieuwe soort'}}]})"""
    )
    expect(markers).to_have_count(1)
    assert "/img/markers/other" in markers.first.get_attribute("src")
    assert markers.first.get_attribute("alt") == "Nieuw (nieuwe soort)"
    assert_accessible(page)
    assert errors == []


def test_many_places_are_clustered_and_usable_with_the_keyboard(live_server, page):
    """Sixty places about 600 m apart: clusters with a name, Enter zooms in, a popup says more."""
    for n in range(60):
        place = LocationFactory(
            name=f"Buurthuis {n:02d}",
            slug=f"buurthuis-{n:02d}",
            latitude=Decimal("52.2000") + Decimal(n % 8) * Decimal("0.0055"),
            longitude=Decimal("6.8500") + Decimal(n // 8) * Decimal("0.0090"),
        )
        OpeningHoursFactory(location=place, weekday=0)
    errors = collect_errors(page)
    page.goto(live_server.url + "/")
    cluster = page.locator(".marker-cluster").first
    cluster.wait_for()
    # Fewer icons than places: the markers are clustered.
    assert page.locator(".leaflet-marker-icon").count() < 60
    count = cluster.get_attribute("aria-label").split()[0]
    assert int(count) > 1, count
    assert cluster.get_attribute("role") == "button"
    assert_accessible(page)

    zoom = page.evaluate("() => document.getElementById('places-map').ontmoetingMap.map.getZoom()")
    cluster.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.getElementById('places-map').ontmoetingMap.map.getZoom() > {zoom}"
    )
    # The popup's details come on demand, from the place's own small answer.
    with page.expect_response(lambda r: "/kaart.json" in r.url) as answer:
        page.locator("#places-list [data-show-on-map]").first.click()
    assert answer.value.ok
    popup = page.locator(".leaflet-popup-content")
    expect_text = answer.value.json()["state"]
    popup.get_by_text(expect_text, exact=False).wait_for()
    assert popup.get_by_role("link").inner_text().startswith("Buurthuis")
    assert errors == []
