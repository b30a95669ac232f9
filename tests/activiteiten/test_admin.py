import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from activiteiten.admin import next_date
from activiteiten.models import Activity, Schedule
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
from tests.locaties.test_admin import add_rows, change_url, form_data

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def english_admin(admin_client):
    """These tests read the admin's English texts; the site itself defaults to Dutch."""
    admin_client.cookies["django_language"] = "en"

MODELS = ["activity", "theme", "targetgroup"]
CHANGELIST = reverse("admin:activiteiten_activity_changelist")


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
    with django_assert_max_num_queries(11):
        response = admin_client.get(CHANGELIST)
    assert len(response.context["cl"].result_list) == rows


def test_next_date_skips_cancelled_days():
    # Tuesdays from 1 December 2026; 8 December is cancelled.
    activity = CancellationFactory(date=datetime.date(2026, 12, 8)).activity
    ScheduleFactory(activity=activity)
    ScheduleFactory(activity=activity, weekdays=[4], count=2)  # Fridays 4 and 11 December
    activity = Activity.objects.prefetch_related("schedules", "cancellations").get()

    assert next_date(activity, datetime.date(2026, 11, 1)) == datetime.date(2026, 12, 1)
    assert next_date(activity, datetime.date(2026, 12, 5)) == datetime.date(2026, 12, 11)
    assert next_date(activity, datetime.date(2026, 12, 12)) == datetime.date(2026, 12, 15)


def test_next_date_is_empty_when_the_schedule_has_ended():
    schedule = ScheduleFactory(until=datetime.date(2026, 12, 31))
    activity = Activity.objects.prefetch_related("schedules", "cancellations").get()
    assert next_date(activity, datetime.date(2027, 1, 1)) is None
    assert schedule.activity == activity


# --- The schedule inline ------------------------------------------------------------


def schedule_row(**overrides):
    return {
        "start_date": "2026-12-01",
        "start_time": "10:00",
        "end_time": "12:00",
        "frequency": "weekly",
        "interval": "1",
        **overrides,
    }


def test_inline_prefixes_are_what_the_tests_post(admin_client, activity):
    response = admin_client.get(change_url(activity))
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["schedules", "cancellations"]


def test_schedule_with_weekday_checkboxes_is_saved(admin_client, activity):
    data = form_data(admin_client.get(change_url(activity)))
    add_rows(data, "schedules", [schedule_row(interval="2", weekdays=["3", "1"], count="10")])

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 302
    schedule = activity.schedules.get()
    assert schedule.weekdays == [1, 3]
    assert schedule.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;COUNT=10"


def test_saved_weekdays_are_ticked(admin_client):
    schedule = ScheduleFactory(weekdays=[1, 3])
    response = admin_client.get(change_url(schedule.activity))
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    ticked = [w.data["value"] for w in form["weekdays"].subwidgets if w.data["selected"]]
    assert ticked == [1, 3]


def test_weekly_schedule_without_days_is_rejected(admin_client, activity):
    data = form_data(admin_client.get(change_url(activity)))
    add_rows(data, "schedules", [schedule_row()])

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    with translation.override("en"):
        assert form.errors["weekdays"] == ["Choose at least one day."]
    assert not Schedule.objects.exists()


def test_editing_a_schedule_keeps_its_days(admin_client):
    schedule = ScheduleFactory(weekdays=[1, 3])
    data = form_data(admin_client.get(change_url(schedule.activity)))
    data["schedules-0-end_time"] = "13:00"

    response = admin_client.post(change_url(schedule.activity), data)

    assert response.status_code == 302
    schedule.refresh_from_db()
    assert (schedule.weekdays, schedule.end_time) == ([1, 3], datetime.time(13))


# --- Actions ------------------------------------------------------------------------


def run_action(client, action, activities):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in activities]},
        follow=True,
    )


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("publish", Activity.Status.DRAFT, Activity.Status.PUBLISHED),
        ("unpublish", Activity.Status.PUBLISHED, Activity.Status.DRAFT),
    ],
)
def test_publish_and_unpublish(admin_client, action, before, after):
    chosen = ActivityFactory.create_batch(2, status=before)
    other = ActivityFactory(status=before)

    response = run_action(admin_client, action, chosen)

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    assert set(
        Activity.objects.filter(pk__in=[a.pk for a in chosen]).values_list("status", flat=True)
    ) == {after}
    other.refresh_from_db()
    assert other.status == before


def test_mark_verified(admin_client):
    chosen = ActivityFactory(last_verified=datetime.date(2025, 1, 1))
    other = ActivityFactory(last_verified=None)

    response = run_action(admin_client, "mark_verified", [chosen])

    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert chosen.last_verified == timezone.localdate()
    assert other.last_verified is None


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
