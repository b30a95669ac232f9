"""A functional administrator sets where the public map starts by moving the map in the
settings form (mouse and keyboard); the public map then opens there and passes axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from instellingen.models import SiteSettings
from ontmoeting import roles
from tests.beheer.conftest import PASSWORD, make_staff

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def functional_admin_page(live_server, page):
    make_staff("fb", role=roles.FUNCTIONAL_ADMIN)
    page.goto(live_server.url + "/beheer/login/")
    page.fill("#id_username", "fb")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/beheer/$"))
    return page


def map_view(page) -> dict:
    return page.evaluate(
        """() => {
            const map = document.querySelector('[data-map]').ontmoetingMap.map;
            const c = map.getCenter();
            return {lat: c.lat, lon: c.lng, zoom: map.getZoom()};
        }"""
    )


def test_the_admin_moves_the_map_and_the_public_map_opens_there(live_server, functional_admin_page):
    page = functional_admin_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + "/beheer/instellingen/sitesettings/")
    area = page.locator(".view-picker .leaflet-container")
    expect(area).to_be_visible()
    latitude, longitude, zoom = (
        page.locator("#id_map_latitude"),
        page.locator("#id_map_longitude"),
        page.locator("#id_map_zoom"),
    )
    expect(latitude).to_have_value("")  # nothing set: the installation's centre holds

    # Drag the map to the north-west: its centre moves east and south.
    box = area.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y - 80, steps=8)
    page.mouse.up()
    expect(latitude).not_to_have_value("")
    dragged = map_view(page)
    assert float(latitude.input_value()) == pytest.approx(dragged["lat"], abs=1e-6)
    assert float(longitude.input_value()) == pytest.approx(dragged["lon"], abs=1e-6)
    assert dragged["lat"] < 52.2215
    assert dragged["lon"] > 6.8937

    # The keyboard does the same: + zooms in, and the zoom level follows.
    area.focus()
    page.keyboard.press("+")
    expect(zoom).to_have_value("13")
    # Typing moves the map (the inputs stay the way in without a mouse).
    latitude.fill("52.230000")
    latitude.dispatch_event("change")
    # Leaflet puts the centre on a whole pixel: within a few metres of what was typed.
    page.wait_for_function(
        "() => Math.abs(document.querySelector('[data-map]').ontmoetingMap.map.getCenter().lat"
        " - 52.23) < 1e-4"
    )
    chosen = map_view(page)

    page.fill("#id_about_text", "Deze website is van de gemeente.\n\nVragen? Mail ons.")
    page.fill("#id_privacy_url", "https://www.example.org/privacy")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    row = SiteSettings.objects.get()
    assert float(row.map_latitude) == pytest.approx(52.23, abs=1e-6)
    assert float(row.map_longitude) == pytest.approx(chosen["lon"], abs=1e-6)
    assert row.map_zoom == 13
    assert errors == []

    page.goto(live_server.url + "/")
    expect(
        page.locator("#places-map.leaflet-container, [data-map].leaflet-container").first
    ).to_be_visible()
    public = map_view(page)
    assert public["lat"] == pytest.approx(52.23, abs=1e-4)
    assert public["lon"] == pytest.approx(chosen["lon"], abs=1e-4)
    assert public["zoom"] == 13
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    # The about text and the privacy link, from the footer; that page passes axe too.
    footer = page.locator(".site-footer")
    expect(footer.get_by_role("link", name="Privacyverklaring")).to_have_attribute(
        "href", "https://www.example.org/privacy"
    )
    footer.get_by_role("link", name="Over deze website").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Over deze website")
    expect(page.locator(".about-text p")).to_have_count(2)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
