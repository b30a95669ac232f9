"""Staff tasks, done as people do them in a real Chromium, counting what they fill in and click.

Each test starts on the start page after logging in (the login itself is two fields and a
click), does one task the way the README's "Tasks, step by step" describes it, and asserts
the result, the number of fields filled and the number of clicks made; axe checks every
admin page on the way. A change that makes a task longer fails here: the README's steps and
these counts are to be changed together.

The browser tests run on a clock of their own (tests/conftest.py: 10:00 on a Tuesday near
today, no public holiday), so dates are chosen relative to that day.
"""

import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from activiteiten.models import Activity
from locaties.models import OpeningException
from locaties.opening import public_holiday
from ontmoeting import roles
from tests.beheer.conftest import make_staff
from tests.browser.test_admin_journeys import DJANGO_SELECT2, assert_accessible, log_in
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ScheduleFactory,
)

# The role groups, which a flush removes, are put back after each test (tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True)


class Task:
    """What a person does on the pages: every field filled in (typed, chosen, ticked) and
    every click is counted."""

    def __init__(self, page):
        self.page = page
        self.fields = 0
        self.clicks = 0

    def fill(self, locator, value: str) -> None:
        locator.fill(value)
        self.fields += 1

    def choose(self, locator, value: str) -> None:
        locator.select_option(value)
        self.fields += 1

    def tick(self, locator) -> None:
        locator.check()
        self.fields += 1

    def click(self, locator) -> None:
        locator.click()
        self.clicks += 1

    def pick(self, field_id: str, text: str) -> None:
        """One of the admin's autocomplete boxes: open it, type, click the match."""
        self.click(self.page.locator(f"#{field_id} + .select2 .select2-selection"))
        self.fill(self.page.locator(".select2-container--open .select2-search__field"), text)
        self.click(self.page.locator(".select2-results__option", has_text=text).first)


@pytest.fixture
def city():
    """Alifa at De Bolder (open every day 08:30–20:00), with a coffee morning on Tuesdays
    that the place is closed for two weeks from now, and a cluster manager of its cluster."""
    today = timezone.localdate()
    alifa = OrganisationFactory(name="Alifa", slug="alifa")
    north = ClusterFactory(name="Noord", slug="noord")
    bolder = LocationFactory(name="Ontmoetingshuis De Bolder", slug="de-bolder", cluster=north)
    for weekday in range(7):
        OpeningHoursFactory(location=bolder, weekday=weekday)
    coffee = ActivityFactory(
        title="Koffieochtend",
        slug="koffieochtend",
        organiser=alifa,
        location=bolder,
        last_verified=today - datetime.timedelta(days=30),
    )
    ScheduleFactory(activity=coffee, start_date=today, weekdays=[today.weekday()])
    OpeningExceptionFactory(
        location=bolder, start_date=today + datetime.timedelta(days=14), reason="Verbouwing"
    )
    return {
        "alifa": alifa,
        "bolder": bolder,
        "coffee": coffee,
        "welfare": make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa]),
        "manager": make_staff("clustermanager", role=roles.CLUSTER_MANAGER, clusters=[north]),
    }


def next_weekday(today: datetime.date, weekday: int) -> datetime.date:
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)


# --- Welfare worker -----------------------------------------------------------------------


def test_welfare_worker_adds_a_fortnightly_activity_with_one_date_cancelled(
    live_server, page, city
):
    today = timezone.localdate()
    first = next_weekday(today, 3)  # a Thursday, within a week
    log_in(page, live_server, "alifa")
    assert_accessible(page)
    task = Task(page)

    # From the start page: "Toevoegen" next to Activiteiten.
    task.click(page.locator("tr.model-activity a.addlink"))
    expect(page).to_have_url(re.compile(r"/activiteiten/activity/add/$"))
    assert_accessible(page, exclude=DJANGO_SELECT2)
    task.fill(page.locator("#id_title"), "Samen koken")
    task.pick("id_location", "De Bolder")
    # The organiser is chosen already: Alifa is the welfare worker's one organisation.
    expect(page.locator("#id_organiser")).to_have_value(str(city["alifa"].pk))
    task.choose(page.locator("#id_status"), "published")
    task.fill(page.locator("#id_schedules-0-start_date"), first.isoformat())
    task.fill(page.locator("#id_schedules-0-start_time"), "17:00")
    task.fill(page.locator("#id_schedules-0-end_time"), "19:00")
    # "Elke 2 weken" on Thursday (weekly is what the form starts with).
    task.fill(page.locator("#id_schedules-0-interval"), "2")
    task.tick(page.locator('input[name="schedules-0-weekdays"][value="3"]'))
    # The preview lists the coming dates; the second one is cancelled from there.
    preview = page.locator("#schedules-0 [data-schedule-preview]")
    expect(preview.locator(".schedule-preview__cancel")).to_have_count(10)
    task.click(preview.locator("li").nth(1).locator(".schedule-preview__cancel"))
    expect(page.locator("#id_cancellations-0-date")).not_to_have_value("")
    task.click(page.locator("input[name=_save]"))

    expect(page.locator(".messagelist .success").first).to_be_visible()
    activity = Activity.objects.get(title="Samen koken")
    assert activity.organiser == city["alifa"]
    assert activity.status == Activity.Status.PUBLISHED
    schedule = activity.schedules.get()
    assert (schedule.frequency, schedule.interval, schedule.weekdays) == ("weekly", 2, [3])
    assert schedule.start_date == first
    second = first + datetime.timedelta(days=14)
    assert [c.date for c in activity.cancellations.all()] == [second]
    # Residents' calendars leave the cancelled date out (and the public holidays, on which
    # De Bolder is closed).
    feed = page.request.get(f"{live_server.url}/activiteiten/{activity.slug}/agenda.ics")
    event = next(iter(Calendar.from_ical(feed.body()).walk("VEVENT")))
    lines = event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]
    excluded = [moment.dt.date() for line in lines for moment in line.dts]
    assert second in excluded
    assert all(day == second or public_holiday(day) for day in excluded)

    assert (task.fields, task.clicks) == (8, 5)


def test_welfare_worker_settles_an_item_from_the_start_page(live_server, page, city):
    log_in(page, live_server, "alifa")
    task = Task(page)
    closed = page.locator("#closed-dates")
    item = closed.locator(".start-item", has_text="Koffieochtend")
    expect(item).to_contain_text("Verbouwing")

    # The coffee morning will not go ahead on the day De Bolder is closed; the participants
    # have been told, so: "Klopt nog".
    task.click(item.get_by_role("button", name=re.compile("Klopt nog")))

    expect(page.locator(".messagelist .success")).to_contain_text("Koffieochtend")
    expect(page.locator("#closed-dates .start-item")).to_have_count(0)
    coffee = Activity.objects.get(pk=city["coffee"].pk)
    assert coffee.last_verified == timezone.localdate()
    assert_accessible(page)
    assert (task.fields, task.clicks) == (0, 1)


# --- Cluster manager ----------------------------------------------------------------------


def test_cluster_manager_closes_a_place_for_a_day_and_sees_what_it_hits(live_server, page, city):
    today = timezone.localdate()
    closing = today + datetime.timedelta(days=7)  # next Tuesday: the coffee morning's day
    log_in(page, live_server, "clustermanager")
    task = Task(page)

    # From the start page: "Wijzigen" next to Plekken, then the place.
    task.click(page.locator("tr.model-location a.changelink"))
    task.click(page.locator("#result_list a", has_text="De Bolder"))
    assert_accessible(page)
    task.click(page.locator("#exceptions-group .add-row a"))
    # A new exception is "dicht" unless told otherwise; the end date may stay empty for one day.
    row = page.locator("#exceptions-group tr.form-row.dynamic-exceptions").last
    task.fill(row.locator('input[name$="-start_date"]'), closing.isoformat())
    task.fill(row.locator('input[name$="-reason"]'), "Stembureau")
    task.click(page.locator("input[name=_save]"))

    # The save says which activity's date no longer goes ahead.
    warning = page.locator(".messagelist .warning")
    expect(warning).to_contain_text("Koffieochtend")
    expect(warning).to_contain_text(str(closing.day))
    closure = OpeningException.objects.get(location=city["bolder"], reason="Stembureau")
    assert (closure.start_date, closure.end_date, closure.kind) == (closing, closing, "closed")

    # The start page lists the closure, with the activity it hits.
    task.click(page.locator(".breadcrumbs a").first)
    closures = page.locator("#closures .start-item", has_text="Stembureau")
    expect(closures).to_have_count(1)
    expect(closures.locator(".start-item__details")).to_contain_text("Koffieochtend (Alifa)")
    assert_accessible(page)
    # And the public page of the activity says that date does not go ahead.
    page.goto(f"{live_server.url}/activiteiten/{city['coffee'].slug}/")
    expect(page.locator("body")).to_contain_text("Stembureau")

    assert (task.fields, task.clicks) == (2, 5)
