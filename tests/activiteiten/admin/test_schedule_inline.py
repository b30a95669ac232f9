"""The schedule and cancellation inlines of the activity form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from activiteiten.models import Schedule
from tests.activiteiten.admin.helpers import schedule_row, with_cancellation
from tests.admin_helpers import add_rows, change_url, form_data
from tests.factories import CancellationFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


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


def test_a_cancelled_date_must_be_one_of_the_activitys_dates(admin_client):
    activity = ScheduleFactory().activity  # Tuesdays from 1 December 2026

    response = admin_client.post(
        change_url(activity), with_cancellation(admin_client, activity, "2026-12-09")
    )

    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][1].formset.forms[0]
    assert form.errors["date"] == [
        "The activity does not take place on Wednesday 9 December 2026: choose one of its "
        "dates (see the next dates under each schedule)."
    ]
    assert not activity.cancellations.exists()

    response = admin_client.post(
        change_url(activity), with_cancellation(admin_client, activity, "2026-12-08")
    )
    assert response.status_code == 302
    assert [c.date for c in activity.cancellations.all()] == [datetime.date(2026, 12, 8)]


def test_a_new_schedule_and_a_date_of_it_cancelled_in_one_go(admin_client, activity):
    data = with_cancellation(admin_client, activity, "2026-12-10")
    add_rows(data, "schedules", [schedule_row(weekdays=["3"])])  # Thursdays

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 302
    assert activity.cancellations.get().date == datetime.date(2026, 12, 10)


def test_a_cancellation_of_a_schedule_deleted_in_the_same_go_is_refused(admin_client):
    activity = ScheduleFactory().activity
    data = with_cancellation(admin_client, activity, "2026-12-08")
    data["schedules-0-DELETE"] = "on"

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 200
    assert activity.schedules.exists()
    assert not activity.cancellations.exists()


def test_old_cancellations_do_not_block_moving_a_schedule(admin_client):
    schedule = ScheduleFactory()
    CancellationFactory(activity=schedule.activity, date=datetime.date(2026, 12, 8))
    data = form_data(admin_client.get(change_url(schedule.activity)))
    data["schedules-0-weekdays"] = ["3"]  # from Tuesdays to Thursdays

    response = admin_client.post(change_url(schedule.activity), data)

    assert response.status_code == 302
    schedule.refresh_from_db()
    assert schedule.weekdays == [3]


def test_a_new_activity_page_has_an_empty_schedule_and_cancellation_row(admin_client):
    response = admin_client.get(reverse("admin:activiteiten_activity_add"))
    schedules_, cancellations = (i.formset for i in response.context["inline_admin_formsets"])
    assert (len(schedules_.forms), len(cancellations.forms)) == (1, 1)
