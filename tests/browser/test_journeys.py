"""What residents come for, end to end in a real browser, through the page's own controls."""

import datetime
import json
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from tests.factories import (
    ActivityFactory,
    LocationFactory,
    OpeningHoursFactory,
    ScheduleFactory,
    TargetGroupFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

T = datetime.time
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY, TUESDAY, THURSDAY, SUNDAY = 0, 1, 3, 6


def place(name, *, kind="house", hours=(), **fields):
    """A place with weekly ``hours`` as (weekday, opens, closes); holidays do not close it, so
    the expectation holds whichever Sunday is next."""
    location = LocationFactory(name=name, kind=kind, closed_on_public_holidays=False, **fields)
    for weekday, opens, closes in hours:
        OpeningHoursFactory(location=location, weekday=weekday, opens=opens, closes=closes)
    return location


def results(page):
    return page.locator("#places-list")


# --- (a) A petting farm open on Sunday at 10:00 ------------------------------------------------


def test_find_a_petting_farm_open_on_sunday_at_ten(live_server, page):
    place(
        "Kinderboerderij De Vlinder",
        kind="petting_farm",
        hours=[(SUNDAY, T(9, 30), T(16, 0)), (MONDAY, T(9, 30), T(16, 0))],
    )
    place(
        "Kinderboerderij Middagrust",
        kind="petting_farm",
        hours=[(SUNDAY, T(13, 0), T(17, 0))],
    )
    place(
        "Kinderboerderij Doordeweeks",
        kind="petting_farm",
        hours=[(day, T(8, 0), T(18, 0)) for day in range(5)],
    )
    place("Sportpark Zondag", kind="park", hours=[(SUNDAY, T(8, 0), T(20, 0))])

    page.goto(live_server.url + "/")
    expect(results(page).locator(".place-card")).to_have_count(4)
    page.get_by_text("Meer keuzes").click()
    page.get_by_label("Ontmoetingskinderboerderij").check()
    page.get_by_label("Open op").select_option(value=str(SUNDAY))
    page.get_by_label("om (tijd)").fill("10:00")

    expect(results(page).locator(".place-card")).to_have_count(1)
    expect(results(page)).to_contain_text("Kinderboerderij De Vlinder")
    for closed in ("Kinderboerderij Middagrust", "Kinderboerderij Doordeweeks", "Sportpark Zondag"):
        expect(results(page)).not_to_contain_text(closed)
    expect(page.locator("#result-count")).to_contain_text("1 plek")
    # The address holds the choice, so it can be bookmarked or shared.
    assert re.search(r"kind=petting_farm.*day=6.*open_at=10%3A00", page.url), page.url

    # The place's page says when it is open, also to search engines.
    results(page).get_by_role("link", name="Kinderboerderij De Vlinder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kinderboerderij De Vlinder")
    expect(page.locator("table.hours")).to_contain_text("09:30–16:00")
    data = json.loads(page.locator('script[type="application/ld+json"]').first.inner_text())
    assert data["@type"] == "Zoo"  # the schema.org type of its kind
    sundays = [
        spec
        for spec in data["openingHoursSpecification"]
        if spec.get("dayOfWeek") == "https://schema.org/Sunday"
    ]
    assert [(s["opens"], s["closes"]) for s in sundays] == [("09:30", "16:00")]


# --- (b) From a postcode to the nearest meeting park ---------------------------------------------


@pytest.fixture
def parks():
    # The shipped table puts the centre of postcode 7544 at 52.1924, 6.8774.
    place(
        "Sportpark Ver Weg",
        kind="park",
        latitude=Decimal("52.221500"),
        longitude=Decimal("6.893700"),
    )
    place(
        "Sportpark Om De Hoek",
        kind="park",
        latitude=Decimal("52.192000"),
        longitude=Decimal("6.877000"),
    )
    place(
        "Sportpark Zonder Adres",
        kind="park",
        latitude=None,
        longitude=None,
    )
    # Nearer than any park, but a house: the kind filter must leave it out.
    place("Buurthuis Naast De Deur", latitude=Decimal("52.190500"), longitude=Decimal("6.874900"))


def test_from_a_postcode_to_the_nearest_park(live_server, page, fake_geocoder, parks):
    page.goto(live_server.url + "/")
    page.get_by_label("Uw postcode").fill("7544 CZ")
    page.get_by_label("Uw postcode").press("Enter")
    expect(page.locator("#result-count")).to_contain_text("dichtstbij")
    page.get_by_text("Meer keuzes").click()
    page.get_by_label("Ontmoetingspark").check()

    names = results(page).locator(".place-name")
    expect(names).to_have_count(3)
    assert names.all_inner_texts() == [
        "Sportpark Om De Hoek",
        "Sportpark Ver Weg",
        "Sportpark Zonder Adres",  # no coordinates: listed last, without a distance
    ]
    first = results(page).locator(".place-card").first
    expect(first).to_contain_text(re.compile(r"\b0,[1-3] km\b"))
    expect(results(page).locator(".place-card").nth(1)).to_contain_text(re.compile(r"\b3,\d km\b"))
    expect(results(page).locator(".place-card").nth(2)).not_to_contain_text("km")
    expect(page.locator("#result-precision")).to_contain_text("vanaf het midden van postcode 7544")
    expect(page.locator("#result-precision").get_by_role("link", name="© GeoNames")).to_be_visible()
    assert fake_geocoder.requests == []  # the table answered: no one else was asked

    # "Use my location" instead: the browser's position (here: next to the far park) wins.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 52.2214, "longitude": 6.8936})
    page.get_by_role("button", name="Gebruik mijn locatie").click()
    expect(names.first).to_have_text("Sportpark Ver Weg")
    expect(page.get_by_label("Uw postcode")).to_have_value("")
    expect(page.locator("#result-count")).to_contain_text("uw locatie")


def test_an_unknown_or_malformed_postcode_is_said_plainly(live_server, page, fake_geocoder, parks):
    page.goto(live_server.url + "/")
    page.get_by_label("Uw postcode").fill("0000")
    page.get_by_role("button", name="Plekken tonen").click()
    expect(page.locator("#result-notices")).to_contain_text(
        "We kunnen de postcode 0000 niet vinden"
    )
    expect(results(page).locator(".place-card")).to_have_count(4)
    expect(page.locator("#result-precision")).to_be_empty()

    page.get_by_label("Uw postcode").fill("12 AB")
    page.get_by_role("button", name="Plekken tonen").click()
    expect(page.locator("#filter-errors")).to_contain_text("Bijvoorbeeld 1234 of 1234 AB.")
    expect(results(page).locator(".place-card")).to_have_count(4)
    assert fake_geocoder.requests == []


# --- (c) The agenda for the elderly on Tuesdays, as a calendar subscription ------------------------


def last(weekday: int) -> datetime.date:
    """The most recent ``weekday`` on or before today."""
    today = timezone.localdate()
    return today - datetime.timedelta(days=(today.weekday() - weekday) % 7)


def weekly(title, weekday, groups, **fields):
    activity = ActivityFactory(title=title, **fields)
    activity.target_groups.set(groups)
    ScheduleFactory(activity=activity, start_date=last(weekday), weekdays=[weekday])
    return activity


# A Monday morning: the coming seven days hold exactly one Tuesday and one Thursday. (On a
# Tuesday afternoon, that Tuesday's activities would be over and the next not yet listed.)
# Ticking, so the live server and the browser's protocol keep their sense of time passing.
@time_machine.travel(datetime.datetime(2026, 11, 23, 9, 0, tzinfo=AMSTERDAM), tick=True)
def test_agenda_for_the_elderly_on_tuesdays_as_ical(live_server, page):
    elderly = TargetGroupFactory(slug="ouderen", name="Ouderen", name_en="Elderly")
    children = TargetGroupFactory(slug="kinderen", name="Kinderen", name_en="Children")
    weekly("Koffie voor senioren", TUESDAY, [elderly])
    weekly("Stoelyoga", TUESDAY, [elderly, children])
    weekly("Seniorengym op donderdag", THURSDAY, [elderly])
    weekly("Kinderclub", TUESDAY, [children])
    weekly("Nog niet gepubliceerd", TUESDAY, [elderly], status="draft")

    page.goto(live_server.url + "/activiteiten/")
    page.get_by_label("Dinsdag").check()
    page.get_by_text("Meer keuzes").click()
    page.get_by_label("Voor wie").select_option(label="Ouderen")
    page.get_by_role("button", name="Activiteiten tonen").click()

    agenda = page.locator("#results")
    expect(agenda.locator(".day-heading")).to_have_text(["Dinsdag 24 november"])
    expect(agenda).to_contain_text("Koffie voor senioren")
    expect(agenda).to_contain_text("Stoelyoga")
    for other in ("Seniorengym op donderdag", "Kinderclub", "Nog niet gepubliceerd"):
        expect(agenda).not_to_contain_text(other)

    page.get_by_role("link", name="Zet in uw agenda").click()
    expect(page.get_by_role("heading", level=2, name="Stap voor stap")).to_be_visible()
    feed_url = page.get_by_label("Webadres van deze activiteiten voor uw agenda").input_value()
    assert "target_group=ouderen" in feed_url
    assert "day=1" in feed_url
    response = page.request.get(feed_url)
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.body())
    events = calendar.walk("VEVENT")
    assert sorted(str(event["SUMMARY"]) for event in events) == [
        "Koffie voor senioren",
        "Stoelyoga",
    ]
    for event in events:
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
        assert event["RRULE"]["BYDAY"] == ["TU"]
    assert calendar.walk("VTIMEZONE")


# --- (d) Switching to English and back --------------------------------------------------------------


def test_switch_to_english_and_back(live_server, page):
    place("Buurthuis De Magneet", hours=[(day, T(8, 30), T(20, 0)) for day in range(7)])
    page.goto(live_server.url + "/clusters/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == live_server.url + "/clusters/"  # back on the same page
    expect(page.get_by_role("heading", level=1)).to_have_text("Clusters")

    # The choice holds on the next page.
    page.get_by_role("link", name="Places").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting places in Enschede")
    expect(page.get_by_role("button", name="Show places")).to_be_visible()
    expect(page.locator("#places-list")).to_contain_text(re.compile(r"Open · closes|Closed"))

    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ontmoetingsplekken in Enschede")
    page.get_by_role("link", name="Agenda").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
