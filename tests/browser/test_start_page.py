"""The admin's start page in a real Chromium: axe finds nothing for any role, with items in
every section, and "Still correct" works from the page.

The browser tests run on a clock of their own (tests/conftest.py: 10:00 on a Tuesday near
today), so dates are chosen relative to that day.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from activiteiten.models import Activity
from ontmoeting import roles
from tests.beheer.conftest import make_staff
from tests.browser.test_admin_journeys import assert_accessible, log_in
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


@pytest.fixture
def city():
    today = timezone.localdate()
    alifa = OrganisationFactory(name="Alifa", slug="alifa")
    north = ClusterFactory(name="Noord", slug="noord")
    bolder = LocationFactory(name="De Bolder", slug="de-bolder", cluster=north)
    for weekday in range(7):
        OpeningHoursFactory(location=bolder, weekday=weekday, opens=datetime.time(9))
    # No hours, no coordinates, no supervisor: an item in every section of the places.
    LocationFactory(name="Speeltuin Noord", cluster=north, latitude=None, longitude=None)
    weekday = today.weekday()
    # Ends in two weeks, never verified, early in the morning (before 09:00), and on a day
    # De Bolder is closed.
    activity = ActivityFactory(title="Ochtendgym", organiser=alifa, location=bolder)
    ScheduleFactory(
        activity=activity,
        start_date=today,
        weekdays=[weekday],
        start_time=datetime.time(8),
        end_time=datetime.time(9, 30),
        until=today + datetime.timedelta(days=14),
    )
    OpeningExceptionFactory(
        location=bolder, start_date=today + datetime.timedelta(days=7), reason="Schilderen"
    )
    make_staff("alifa", role=roles.WELFARE_WORKER, organisations=[alifa])
    make_staff("clustermanager", role=roles.CLUSTER_MANAGER, clusters=[north])
    make_staff("gemeente", role=roles.MUNICIPALITY)
    make_staff("fb", role=roles.FUNCTIONAL_ADMIN)
    return {"activity": activity}


@pytest.mark.parametrize("username", ["alifa", "clustermanager", "gemeente", "fb"])
def test_the_start_page_of_every_role_is_accessible(live_server, page, city, username):
    log_in(page, live_server, username)
    # Every section of this role has something in it.
    expect(page.locator(".start-section").first).to_be_visible()
    assert page.locator(".start-section__none").count() == 0
    assert_accessible(page)


def test_still_correct_from_the_start_page(live_server, page, city):
    log_in(page, live_server, "alifa")
    section = page.locator("#not-verified")
    expect(section.locator(".start-item")).to_have_count(1)

    section.get_by_role("button", name=re.compile("Klopt nog")).click()

    expect(page.locator(".messagelist .success")).to_contain_text("Ochtendgym")
    expect(page.locator("#not-verified .start-item")).to_have_count(0)
    assert Activity.objects.get(pk=city["activity"].pk).last_verified == timezone.localdate()
    # The other sections of the same activity were due as well, and are settled with it.
    expect(page.locator(".start-item")).to_have_count(0)
    assert_accessible(page)
