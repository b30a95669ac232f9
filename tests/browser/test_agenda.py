"""The agenda and an activity page in a real Chromium: axe-core clean in Dutch and English,
and usable as a plain form with the keyboard."""

import datetime
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    PersonFactory,
    ScheduleFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def collect_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def use_language(page, live_server, code: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": code, "url": live_server.url}])


@pytest.fixture
def programme():
    """Activities on every day of the coming weeks (from the browser tests' clock, see tests/conftest.py)."""
    today = timezone.localdate()
    # Open on public holidays, so that only its own closed day (in four days) stops dates,
    # whatever week the test runs in.
    place = LocationFactory(
        name="Wijkcentrum De Magneet", slug="de-magneet", closed_on_public_holidays=False
    )
    OpeningExceptionFactory(
        location=place, start_date=today + datetime.timedelta(days=4), reason="Verbouwing"
    )
    sport = ThemeFactory(name="Sport en bewegen", slug="sport-en-bewegen")
    walk = ActivityFactory(
        title="Wandeling door het park",
        slug="wandeling",
        location=place,
        description="Samen een rondje lopen.",
        contact_person=PersonFactory(name="Sanne de Vries", contact_public=True),
    )
    walk.themes.add(sport)
    ScheduleFactory(
        activity=walk,
        start_date=today - datetime.timedelta(days=7),
        weekdays=list(range(7)),
        start_time=datetime.time(23, 0),
        end_time=datetime.time(0, 0),
    )
    CancellationFactory(
        activity=walk, date=today + datetime.timedelta(days=2), reason="Werk aan de weg"
    )
    cafe = ActivityFactory(
        title="Taalcafé", slug="taalcafe", location=place, is_free=False, cost="€ 1"
    )
    ScheduleFactory(
        activity=cafe,
        start_date=today,
        weekdays=[today.weekday(), (today.weekday() + 3) % 7],
        # Until midnight, so today's date is still listed whenever the test runs.
        start_time=datetime.time(23, 0),
        end_time=datetime.time(0, 0),
    )
    return walk


@pytest.mark.parametrize("language", ["nl", "en"])
def test_agenda_without_filters_is_accessible(live_server, page, programme, language):
    use_language(page, live_server, language)
    errors = collect_errors(page)
    page.goto(live_server.url + "/activiteiten/")
    assert page.locator("html").get_attribute("lang") == language
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    assert page.locator("h3.day-heading").count() == 7
    expect(page.locator("#result-count")).to_have_attribute("aria-live", "polite")
    # The walk: cancelled in two days, and in four days the place is closed.
    assert page.locator(".agenda-item--cancelled").count() == 2
    closed = {"nl": "Gaat niet door: de plek is dicht (Verbouwing)"}.get(
        language, "Not going ahead: the place is closed (Verbouwing)"
    )
    expect(page.locator(".agenda-item--cancelled .cancelled").nth(1)).to_have_text(closed)
    assert_accessible(page)
    assert errors == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_agenda_with_filters_and_a_bad_value_is_accessible(live_server, page, programme, language):
    use_language(page, live_server, language)
    page.goto(
        live_server.url + "/activiteiten/?theme=sport-en-bewegen&part=evening&cluster=bestaat-niet"
    )
    expect(page.locator(".form-errors")).to_be_visible()
    assert page.locator("details.more-filters").get_attribute("open") is not None
    titles = page.locator(".agenda-item .agenda-what a").all_inner_texts()
    assert set(titles) == {"Wandeling door het park"}
    assert_accessible(page)


def test_filter_with_the_keyboard_and_subscribe(live_server, page, programme):
    use_language(page, live_server, "en")
    page.goto(live_server.url + "/activiteiten/")
    page.get_by_label("Search").fill("cafe")
    page.get_by_label("Search").press("Enter")  # a plain GET form: no script needed
    expect(page).to_have_url(re.compile(r"/activiteiten/\?q=cafe"))
    assert set(page.locator(".agenda-item .agenda-what a").all_inner_texts()) == {"Taalcafé"}
    expect(page.locator("#result-count")).to_contain_text("2 activities")
    page.get_by_role("link", name="Put in your calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activities in your calendar: “cafe”")
    link = page.get_by_role("link", name="Open in your calendar app")
    assert link.get_attribute("href").endswith("/activiteiten/agenda.ics?q=cafe")
    assert link.get_attribute("href").startswith("webcal://")
    expect(page.get_by_label("Web address of these activities for your calendar")).to_have_value(
        live_server.url + "/activiteiten/agenda.ics?q=cafe"
    )
    assert_accessible(page)
    page.go_back()
    # Visible focus: the submit button gets an outline when reached with the keyboard.
    button = page.get_by_role("button", name="Show activities")
    button.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = button.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("", "none")


def test_switch_to_english_with_the_header_button(live_server, page, programme):
    page.goto(live_server.url + "/activiteiten/?theme=sport-en-bewegen")
    page.locator("form.language button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"theme=sport-en-bewegen"))
    expect(page.get_by_role("heading", level=2, name="The coming seven days")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_activity_page_is_accessible(live_server, page, programme, language):
    use_language(page, live_server, language)
    errors = collect_errors(page)
    page.goto(live_server.url + programme.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Wandeling door het park")
    statuses = page.locator(".agenda-dates .cancelled")
    expect(statuses.first).to_contain_text("Werk aan de weg")
    expect(statuses.nth(1)).to_contain_text("Verbouwing")
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_accessible(page)
    assert errors == []
