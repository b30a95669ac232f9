"""Noordenveld (the second municipality, tests/fixtures/noordenveld/) in a real browser:
a resident finds an open club canteen through the page's own controls, and every page on
the way passes axe. Loaded through the real import, as a municipality would."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import noordenveld
from tests.browser.test_accessibility import (
    WCAG_21_AA,
    foreign,
    places_drawn,
    record_requests,
    wait_for_map,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_finds_an_open_club_canteen_and_every_page_passes_axe(live_server, page):
    noordenveld.load()
    requests = record_requests(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    axe = Axe()
    problems = {}

    def check(name):
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            problems[name] = results.generate_report()

    page.goto(live_server.url + "/")
    wait_for_map(page)
    cards = page.locator("#places-list .place-card")
    expect(cards).to_have_count(7)
    # Six on the map: Kantine VV Peize has no coordinates, so it is in the list only.
    assert places_drawn(page) == 6
    # The kinds to choose from are Noordenveld's own.
    for label in ("Dorpshuis", "Huiskamer in een zorgcentrum", "Clubkantine", "Speeltuin"):
        expect(page.get_by_label(label, exact=True)).to_have_count(1)
    check("home")

    page.get_by_text("Meer keuzes").click()
    page.get_by_label("Clubkantine", exact=True).check()
    page.get_by_label("Nu open").check()
    expect(cards).to_have_count(2)
    expect(page.locator("#result-count")).to_contain_text("2 plekken")
    assert "kind=kantine" in page.url
    check("home filtered")

    page.locator("#places-list").get_by_role("link", name="Kantine VV Norg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kantine VV Norg")
    expect(page.locator("main")).to_contain_text("Beweegochtend voor ouderen")
    check("place")

    page.get_by_role("link", name="Agenda", exact=True).click()
    expect(page.locator("main")).to_contain_text("Koffieochtend in Nietap")
    check("agenda")

    page.get_by_role("link", name="Clusters", exact=True).click()
    page.get_by_role("link", name="Norg en Veenhuizen").first.click()
    expect(page.locator("main")).to_contain_text("Dorpshuis De Brinkhof")
    check("cluster")

    assert not problems, "\n\n".join(f"== {name}\n{report}" for name, report in problems.items())
    assert errors == []
    assert foreign(requests) == []
