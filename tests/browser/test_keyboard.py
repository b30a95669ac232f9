"""A keyboard-only visit: skip link, filters, the live list, a place page, and the map from the list.

Every element that gets focus on the way must show it (an outline or a ring).
"""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.factories import LocationFactory, OpeningHoursFactory

pytestmark = pytest.mark.django_db(transaction=True)

MIDNIGHT = datetime.time(0, 0)
MAX_TABS = 40

FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        text: (element.innerText || element.value || element.getAttribute("alt") || "").trim(),
        href: element.getAttribute("href") || "",
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        ring: style.boxShadow !== "none",
    };
}"""


@pytest.fixture
def places():
    """Open day and night (so "open now" holds whatever the clock), closed, and one off the map."""

    def place(name, slug, *, open_always, **fields):
        location = LocationFactory(name=name, slug=slug, closed_on_public_holidays=False, **fields)
        if open_always:
            for weekday in range(7):
                OpeningHoursFactory(
                    location=location, weekday=weekday, opens=MIDNIGHT, closes=MIDNIGHT
                )
        return location

    return [
        place("Altijd Open", "altijd-open", open_always=True),
        place(
            "Dichte Deur",
            "dichte-deur",
            open_always=False,
            latitude=Decimal("52.221500"),
            longitude=Decimal("6.893700"),
        ),
        place("Zonder Plek", "zonder-plek", open_always=True, latitude=None, longitude=None),
    ]


class Keyboard:
    """Tabs through a page, checking that each element that gets focus shows it."""

    def __init__(self, page):
        self.page = page
        self.invisible: list[dict] = []

    def focused(self) -> dict:
        return self.page.evaluate(FOCUSED)

    def tab(self) -> dict:
        self.page.keyboard.press("Tab")
        element = self.focused()
        if element["tag"] != "body" and not (element["outline"] or element["ring"]):
            self.invisible.append(element)
        return element

    def tab_until(self, wanted, what: str) -> dict:
        for _ in range(MAX_TABS):
            element = self.tab()
            if wanted(element):
                return element
        raise AssertionError(f"{MAX_TABS} presses of Tab did not reach {what}")


def test_keyboard_only_journey(live_server, page, places):
    page.goto(live_server.url + "/")
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
    keys = Keyboard(page)

    # The first Tab reaches the skip link; Enter moves focus to the main content.
    first = keys.tab()
    assert first["href"] == "#main", first
    page.keyboard.press("Enter")
    assert keys.focused()["id"] == "main"

    # On to the filters: Space ticks "Open now"; the list and its spoken count follow.
    count = page.locator("#result-count")
    expect(count).to_have_attribute("aria-live", "polite")
    before = count.inner_text()
    assert before.startswith("3 ")
    keys.tab_until(lambda e: e["id"] == "id_open_now", "the 'Open now' checkbox")
    page.keyboard.press("Space")
    assert page.locator("#id_open_now").is_checked()
    expect(count).not_to_have_text(before)
    assert count.inner_text().startswith("2 ")
    expect(page.locator("#places-list .place-card")).to_have_count(2)
    # The map follows the list: the closed place's marker goes.
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    assert "open_now=on" in page.url  # the address follows, so the result can be shared

    # On to a place in the list; Enter opens its page.
    link = keys.tab_until(
        lambda e: e["tag"] == "a" and e["href"].startswith("/locaties/"), "a place link"
    )
    assert link["text"] == "Altijd Open"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/locaties/altijd-open/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Altijd Open"

    # Through the whole place page too.
    keys.tab_until(lambda e: e["tag"] == "body" or e["href"] == "#main", "the end of the page")
    assert keys.invisible == [], "focus not visible on these elements"


def test_every_place_on_the_map_is_reachable_from_the_list(live_server, page, places):
    page.goto(live_server.url + "/")
    page.wait_for_selector(".leaflet-marker-icon")
    on_map = page.locator("#places-list .place-card[data-lat]")
    off_map = page.locator("#places-list .place-card:not([data-lat])")
    expect(on_map).to_have_count(2)
    # A place without coordinates is not on the map, so it offers no button to show it there.
    assert off_map.locator("[data-show-on-map]").count() == 0
    keys = Keyboard(page)
    for item in on_map.all():
        name = item.locator(".place-name").inner_text()
        button = item.get_by_role("button", name=re.compile("Toon op de kaart|Show on map"))
        button.focus()
        page.keyboard.press("Enter")
        # The previous popup fades out for a moment before Leaflet removes it.
        expect(page.locator(".leaflet-popup")).to_have_count(1)
        expect(page.locator(".leaflet-popup-content")).to_contain_text(name)
        element = keys.focused()
        assert element["outline"] or element["ring"], element
    # The markers themselves take focus too, and show it.
    markers = page.locator(".leaflet-marker-icon")
    expect(markers).to_have_count(2)
    for index in range(2):
        markers.nth(index).focus()
        element = keys.focused()
        assert element["tag"] == "img", element
        assert element["outline"] or element["ring"], element
