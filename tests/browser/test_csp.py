"""Every kind of page works under the strict Content Security Policy: no violation is reported."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import (
    ActivityFactory,
    LocationFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def objects():
    place = LocationFactory(name="De Magneet", slug="de-magneet")
    OpeningHoursFactory(location=place, weekday=datetime.date.today().weekday())
    activity = ActivityFactory(title="Koffie-inloop", slug="koffie-inloop", location=place)
    ScheduleFactory(activity=activity, start_date=datetime.date.today())
    return place, activity


@pytest.fixture
def logged_in(live_server, page):
    """The browser carries a superuser's session, made by the test client."""
    user = get_user_model().objects.create_superuser("csp-admin", "csp@example.org", "x-not-used-x")
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return page


def violations_while_visiting(page, base_url: str, paths: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current = {"path": ""}

    def record(text: str) -> None:
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            found.setdefault(current["path"], []).append(text)

    page.on("console", lambda message: record(message.text))
    page.on("pageerror", lambda error: record(str(error)))
    for path in paths:
        current["path"] = path
        response = page.goto(base_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    return found


def test_public_pages_have_no_csp_violations(live_server, page, objects):
    place, activity = objects
    paths = [
        "/",
        "/?kind=house&open_now=on",
        place.get_absolute_url(),
        "/clusters/",
        place.cluster.get_absolute_url(),
        "/activiteiten/",
        "/activiteiten/abonneren/",
        activity.get_absolute_url(),
    ]
    assert violations_while_visiting(page, live_server.url, paths) == {}
    # The map really drew under the policy.
    page.goto(live_server.url + place.get_absolute_url())
    page.wait_for_selector(".leaflet-marker-icon")


def test_admin_pages_have_no_csp_violations(live_server, logged_in, objects):
    place, activity = objects
    paths = [
        "/beheer/",
        "/beheer/locaties/location/",
        f"/beheer/locaties/location/{place.pk}/change/",
        f"/beheer/locaties/location/{place.pk}/history/",
        "/beheer/activiteiten/activity/",
        f"/beheer/activiteiten/activity/{activity.pk}/change/",
        "/beheer/activiteiten/activity/add/",
        "/beheer/locaties/person/add/",
        "/beheer/auth/user/",
    ]
    assert violations_while_visiting(logged_in, live_server.url, paths) == {}
