"""Every public page is valid HTML according to the Nu HTML Checker (see ../shared/TESTING.md)."""

import datetime

import pytest
from django.utils import translation

from tests.conftest import TUESDAY_MORNING
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    PersonFactory,
    ScheduleFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

TODAY = TUESDAY_MORNING.date()


@pytest.fixture
def site():
    place = LocationFactory(name="Wijkcentrum De Magneet", slug="de-magneet")
    bare = LocationFactory(
        name="Noaberhuus", slug="noaberhuus", latitude=None, longitude=None, cluster=place.cluster
    )
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    OpeningExceptionFactory(location=place, start_date=TODAY + datetime.timedelta(days=3))
    PersonFactory(name="Sanne de Vries", clusters=[place.cluster], contact_public=True)
    activity = ActivityFactory(title="Koffie-inloop", slug="koffie-inloop", location=place)
    ScheduleFactory(activity=activity, start_date=TODAY, weekdays=list(range(7)))
    CancellationFactory(activity=activity, date=TODAY + datetime.timedelta(days=1))
    return place, bare, activity


def public_urls(site):
    place, bare, activity = site
    return [
        "/",
        "/?q=magneet&kind=house&open_now=on&access=parking",
        "/?cluster=doesnotexist&open_at=25:99",
        place.get_absolute_url(),
        bare.get_absolute_url(),
        "/clusters/",
        place.cluster.get_absolute_url(),
        activity.get_absolute_url(),
        "/activiteiten/",
        "/activiteiten/?target_group=ouderen&day=1&part=morning&q=koffie",
        "/activiteiten/?week=1&cluster=bestaat-niet&day=9",
        "/activiteiten/abonneren/?target_group=ouderen&day=1&cluster=bestaat-niet",
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_public_pages_are_valid_html(client, nu_checker, site, language):
    client.cookies["django_language"] = language
    failures = {}
    for url in public_urls(site):
        with translation.override(language):
            response = client.get(url)
        assert response.status_code == 200, url
        errors = nu_checker.errors(response.content)
        if errors:
            failures[url] = [
                f"{e.get('lastLine')}: {e['message']} {e.get('extract', '')!r}" for e in errors
            ]
    assert failures == {}, "\n".join(
        f"{url}: {msg}" for url, msgs in failures.items() for msg in msgs
    )
