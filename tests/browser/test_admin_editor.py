"""The editor's scripts in a real Chromium: schedule preview, cancel a date, map picker, lookup."""

import datetime
import re
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from activiteiten.models import Cancellation
from locaties.models import Location
from tests.browser.test_admin_journeys import choose_in_autocomplete
from tests.factories import (
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "Zonnebloem-Hertmebrink-2026"


@pytest.fixture
def editor(live_server, page):
    """The page, logged in to the admin as a superuser who reads English."""
    get_user_model().objects.create_superuser("redacteur", "r@example.org", PASSWORD)
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "domain": host, "path": "/"}]
    )
    page.goto(live_server.url + "/beheer/login/")
    page.fill("#id_username", "redacteur")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/beheer/$"))
    return page


def collect_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def assert_accessible(page, selector):
    results = Axe().run(page, context=selector, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def next_weekday(weekday: int) -> datetime.date:
    today = datetime.date.today()
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)


def test_schedule_preview_follows_the_form_and_cancels_a_date(live_server, editor):
    page = editor
    first = next_weekday(1)  # a Tuesday, next week at the latest
    schedule = ScheduleFactory(start_date=first)
    errors = collect_errors(page)
    page.goto(f"{live_server.url}/beheer/activiteiten/activity/{schedule.activity.pk}/change/")

    preview = page.locator("#schedules-0 [data-schedule-preview]")
    expect(preview.locator(".schedule-preview__cancel")).to_have_count(10)
    expect(preview.locator("li").first).to_contain_text("Tuesday")

    # Add Thursdays: the preview follows without saving.
    page.check("#schedules-0 input[name=schedules-0-weekdays][value='3']")
    expect(preview.locator("li", has_text="Thursday")).to_have_count(5)

    # A mistake shows the form's own message.
    page.fill("#id_schedules-0-end_time", "09:00")
    expect(preview.locator(".errorlist")).to_contain_text("The end time must be later")
    page.fill("#id_schedules-0-end_time", "12:00")
    expect(preview.locator(".schedule-preview__cancel")).to_have_count(10)

    # Cancel the second date: it lands in the empty row of the cancelled dates.
    second = preview.locator("li").nth(1)
    label = second.locator("span").inner_text()
    second.locator("button").click()
    date_input = page.locator("#id_cancellations-0-date")
    expect(date_input).not_to_have_value("")
    expect(page.locator("#id_cancellations-0-reason")).to_be_focused()
    expect(preview.locator("li").nth(1).locator("del")).to_have_text(label)

    # The next one needs a new row ("add another").
    preview.locator("li").nth(2).locator("button").click()
    expect(page.locator("#id_cancellations-1-date")).not_to_have_value("")

    # (Before axe: it fetches the admin's @import-ed CSS from a wrong address.)
    assert errors == []
    assert_accessible(page, "#schedules-group")
    assert_accessible(page, "#cancellations-group")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/activity/$"))
    dates = sorted(c.date for c in Cancellation.objects.filter(activity=schedule.activity))
    thursday = first + datetime.timedelta(days=2)
    assert dates == [thursday, first + datetime.timedelta(days=7)]


def test_map_picker_and_address_lookup(live_server, editor, fake_geocoder):
    page = editor
    place = LocationFactory(name="De Magneet", latitude=None, longitude=None)
    fake_geocoder.points["Hertmebrink 1, 7544 CZ Enschede"] = (52.190486, 6.87487)
    errors = collect_errors(page)
    page.goto(f"{live_server.url}/beheer/locaties/location/{place.pk}/change/")

    picker = page.locator(".location-picker")
    expect(picker.locator(".leaflet-container")).to_be_visible()
    expect(picker.locator(".leaflet-marker-icon")).to_have_count(0)

    # A click on the map sets both coordinates, with six decimals.
    picker.locator(".leaflet-container").click(position={"x": 120, "y": 90})
    expect(picker.locator(".leaflet-marker-icon")).to_have_count(1)
    assert re.fullmatch(r"5\d\.\d{6}", page.input_value("#id_latitude"))
    assert re.fullmatch(r"\d\.\d{6}", page.input_value("#id_longitude"))

    # The lookup fills them from the address and moves the marker.
    page.get_by_role("button", name="Look up the coordinates from the address").click()
    expect(page.locator("#id_latitude")).to_have_value("52.190486")
    expect(page.locator("#id_longitude")).to_have_value("6.874870")
    expect(picker.get_by_role("status")).to_contain_text("Found: Hertmebrink 1")

    # Without the geocoder: a plain message, the inputs untouched.
    fake_geocoder.broken = True
    page.fill("#id_street", "Anderestraat")
    page.get_by_role("button", name="Look up the coordinates from the address").click()
    expect(picker.get_by_role("status")).to_contain_text("cannot be reached right now")
    expect(page.locator("#id_latitude")).to_have_value("52.190486")

    # The only console message: the browser's note on the 503 answer just above.
    assert [e for e in errors if "503" not in e] == []
    assert_accessible(page, ".location-picker")
    assert_accessible(page, ".hours-shortcuts")
    page.fill("#id_street", "Hertmebrink")
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/location/$"))
    place = Location.objects.get(pk=place.pk)
    assert (place.latitude, place.longitude) == (Decimal("52.190486"), Decimal("6.874870"))


def test_the_preview_warns_before_saving_in_dutch(live_server, editor):
    """A new activity, not saved: the preview says which dates need a look, and why, and
    follows another choice of place; saving stays possible."""
    page = editor
    host = live_server.url.split("//")[1].split(":")[0]
    page.context.add_cookies(
        [{"name": "django_language", "value": "nl", "domain": host, "path": "/"}]
    )
    friday = next_weekday(4)
    closed = friday + datetime.timedelta(days=7)  # the second Friday: closed for building work
    magneet = LocationFactory(name="De Magneet", closed_on_public_holidays=False)
    for weekday in range(5):
        OpeningHoursFactory(location=magneet, weekday=weekday, closes=datetime.time(11))
    OpeningExceptionFactory(location=magneet, start_date=closed, reason="Verbouwing")
    ScheduleFactory(
        activity__location=magneet,
        activity__title="Breiclub",
        start_date=friday,
        weekdays=[4],
        count=1,
    )
    # No hours known and open on holidays: nothing to check against.
    LocationFactory(name="Het Anker", closed_on_public_holidays=False)
    errors = collect_errors(page)

    page.goto(f"{live_server.url}/beheer/activiteiten/activity/add/")
    page.fill("#id_title", "Koffieochtend")
    choose_in_autocomplete(page, "id_location", "De Magneet")
    page.fill("#id_schedules-0-start_date", friday.strftime("%d-%m-%Y"))
    page.fill("#id_schedules-0-start_time", "10:00")
    page.fill("#id_schedules-0-end_time", "12:00")
    page.select_option("#id_schedules-0-frequency", "weekly")
    page.check("#schedules-0 input[name=schedules-0-weekdays][value='4']")

    preview = page.locator("#schedules-0 [data-schedule-preview]")
    expect(preview.locator(".schedule-preview__summary")).to_contain_text(
        "10 van deze 10 datums vragen aandacht"
    )
    expect(preview.locator(".schedule-preview__summary")).to_contain_text("Opslaan kan wel.")
    first = preview.locator("li").first
    expect(first.locator(".schedule-preview__warning")).to_have_text(
        [
            "Let op: Buiten de openingstijden van De Magneet (die dag open 08:30–11:00).",
            "Let op: Overlapt in dezelfde ruimte met Breiclub (10:00–12:00).",
        ]
    )
    second = preview.locator("li").nth(1)
    expect(second.locator("del")).to_be_visible()
    expect(second).to_contain_text(
        "De Magneet is die dag dicht (Verbouwing): deze datum gaat niet door."
    )
    short = f"{['ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'][closed.weekday()]} {closed.day}"
    expect(preview.locator(".schedule-preview__summary")).to_contain_text(short)
    # (Before axe, which adds styles of its own that the CSP refuses.)
    assert errors == []
    assert_accessible(page, "#schedules-group")

    # Another place, without known hours: the warnings go.
    choose_in_autocomplete(page, "id_location", "Het Anker")
    expect(preview.locator(".schedule-preview__summary")).to_have_count(0)
    expect(preview.locator(".schedule-preview__warning")).to_have_count(0)
    expect(preview.locator("li")).to_have_count(10)
