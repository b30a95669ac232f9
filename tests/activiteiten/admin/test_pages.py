"""The activity admin's lists and pages: change lists, add and change pages, search, the
themes' order."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.activiteiten.admin.helpers import CHANGELIST
from tests.admin_helpers import change_url
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


MODELS = ["activity", "theme", "targetgroup"]


@pytest.mark.parametrize("model", MODELS)
def test_changelist_and_add_page(admin_client, activity, model):
    for page in ("changelist", "add"):
        response = admin_client.get(reverse(f"admin:activiteiten_{model}_{page}"))
        assert response.status_code == 200, page


def test_change_pages(admin_client):
    activity = ActivityFactory(contact_person=PersonFactory())
    activity.themes.add(theme := ThemeFactory())
    activity.target_groups.add(group := TargetGroupFactory())
    ScheduleFactory(activity=activity)
    CancellationFactory(activity=activity)
    for obj in (activity, theme, group):
        assert admin_client.get(change_url(obj)).status_code == 200, obj


def test_change_page_describes_the_schedule(admin_client):
    schedule = ScheduleFactory()
    with translation.override("en"):
        response = admin_client.get(
            change_url(schedule.activity), headers={"accept-language": "en"}
        )
        expected = str(schedule)
    assert expected == "every week on Tuesday, 10:00–12:00"
    assert expected in response.content.decode()


@pytest.mark.parametrize("rows", [5, 30])
def test_activity_changelist_runs_bounded_queries(
    admin_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        activity = ActivityFactory(location=LocationFactory(), organiser=OrganisationFactory())
        activity.themes.add(ThemeFactory())
        activity.target_groups.add(TargetGroupFactory())
        ScheduleFactory(activity=activity)
        ScheduleFactory(activity=activity, weekdays=[3], end_time=datetime.time(16))
        CancellationFactory(activity=activity)
    # One of them reads the places' exceptions: "next date" skips the days a place is closed;
    # one the header's organisations and clusters of the user.
    with django_assert_max_num_queries(13):
        response = admin_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == rows


def test_search_finds_activities_by_place_name(admin_client):
    wanted = ActivityFactory(location=LocationFactory(name="De Magneet"))
    ActivityFactory(location=LocationFactory(name="Het Bolwerk"))
    response = admin_client.get(CHANGELIST, {"q": "magneet"})
    assert list(response.context["cl"].result_list) == [wanted]


def test_theme_order_can_be_edited_in_the_list(admin_client):
    first, second = ThemeFactory(ordering=1), ThemeFactory(ordering=2)
    url = reverse("admin:activiteiten_theme_changelist")
    response = admin_client.get(url)
    inputs = re.findall(rb"<input[^>]*>", response.content)
    assert any(b'name="form-0-ordering"' in i and b"aria-label=" in i for i in inputs)
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-0-id": str(first.pk),
        "form-0-ordering": "5",
        "form-1-id": str(second.pk),
        "form-1-ordering": "2",
        "_save": "Save",
    }
    # Other themes (from the data migration) are on the page too; post only these two.
    response = admin_client.post(url + f"?id__in={first.pk},{second.pk}", data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.ordering == 5
