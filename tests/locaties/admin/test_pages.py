"""The place admin's lists and pages: change lists, add and change pages, the list's
columns, filters and the "verified" action."""

import datetime

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from locaties.admin import LocationAdmin
from locaties.models import Location
from tests.admin_helpers import change_url
from tests.conftest import TUESDAY_MORNING
from tests.factories import (
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


MONDAY_NOON = datetime.datetime(
    2026, 11, 23, 12, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)
MODELS = ["organisation", "location", "openinghours", "person"]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_page(admin_client, location, model):
    for page in ("changelist", "add"):
        response = admin_client.get(reverse(f"admin:locaties_{model}_{page}"))
        assert response.status_code == 200, page


def test_change_pages(admin_client):
    place = LocationFactory()
    place.host_organisations.add(OrganisationFactory())
    hours = OpeningHoursFactory(location=place)
    OpeningExceptionFactory(location=place)
    person = PersonFactory(clusters=[place.cluster], locations=[place])
    for obj in (place, place.host_organisations.get(), hours, person):
        assert admin_client.get(change_url(obj)).status_code == 200, obj


def test_change_page_says_whether_the_place_is_open(admin_client):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=0)
    with time_machine.travel(MONDAY_NOON, tick=False), translation.override("en"):
        response = admin_client.get(change_url(place), headers={"accept-language": "en"})
    assert "Open · closes at 20:00" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 30])
def test_location_changelist_runs_bounded_queries(
    admin_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        place = LocationFactory(cluster=ClusterFactory())
        OpeningHoursFactory(location=place, weekday=0)
        OpeningHoursFactory(location=place, weekday=1)
        OpeningExceptionFactory(location=place)
    url = reverse("admin:locaties_location_changelist")
    # One of them lists the kinds of places for the "by kind" filter; one reads the header's
    # organisations and clusters of the user.
    with django_assert_max_num_queries(10):
        response = admin_client.get(url)
    assert len(response.context["cl"].result_list) == rows


@time_machine.travel(MONDAY_NOON, tick=False)
def test_open_now_column():
    open_place, closed_place = LocationFactory(), LocationFactory()
    OpeningHoursFactory(location=open_place, weekday=0)
    OpeningHoursFactory(location=closed_place, weekday=1)
    model_admin = LocationAdmin(Location, admin.site)
    places = Location.objects.with_hours().order_by("pk")
    assert [model_admin.open_now(place) for place in places] == [True, False]


def test_coordinates_filter(admin_client):
    on_map = LocationFactory()
    off_map = LocationFactory(latitude=None, longitude=None)
    url = reverse("admin:locaties_location_changelist")
    for value, expected in (("yes", on_map), ("no", off_map)):
        response = admin_client.get(url, {"coordinates": value})
        assert list(response.context["cl"].result_list) == [expected]


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_mark_places_verified(admin_client):
    places = LocationFactory.create_batch(2, last_verified=None)
    other = LocationFactory(last_verified=None)
    response = admin_client.post(
        reverse("admin:locaties_location_changelist"),
        {"action": "mark_verified", "_selected_action": [p.pk for p in places]},
        follow=True,
    )
    assert response.status_code == 200
    assert {p.last_verified for p in Location.objects.filter(pk__in=[p.pk for p in places])} == {
        TUESDAY_MORNING.date()
    }
    other.refresh_from_db()
    assert other.last_verified is None
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
