"""Dates out of range and text on more than one line, refused by the forms and the preview.

See ontmoeting/dates.py and ontmoeting/text.py. Before, such a form was saved and broke the
feeds, the activity's page and its own change form; the add form answered 500.
"""

import pytest
from django.urls import reverse

from activiteiten.models import Activity
from tests.activiteiten.admin.helpers import (
    PREVIEW,
    preview_params,
    schedule_row,
    with_cancellation,
)
from tests.admin_helpers import add_rows, change_url, form_data
from tests.factories import LocationFactory, OrganisationFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


OUT_OF_RANGE = "Enter a date in the years 2000 to 2099."
NOT_ONE_LINE = (
    "Write this on one line: line breaks, tabs and other control characters are not allowed here."
)
END_OF_TIME = {
    "frequency": "once",
    "start_date": "9999-12-31",
    "start_time": "23:00",
    "end_time": "00:00",
}


def schedule_errors(response) -> dict:
    (form,) = response.context["inline_admin_formsets"][0].formset.forms
    return dict(form.errors)


def test_a_far_end_date_is_refused_and_nothing_saved(admin_client, activity):
    data = form_data(admin_client.get(change_url(activity)))
    add_rows(data, "schedules", [schedule_row(weekdays=["1"], until="9999-12-31")])

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 200
    assert schedule_errors(response) == {"until": [OUT_OF_RANGE]}
    assert not activity.schedules.exists()


def test_a_one_off_at_the_end_of_time_is_refused_by_the_add_form(admin_client):
    place, organiser = LocationFactory(), OrganisationFactory()
    data = form_data(admin_client.get(reverse("admin:activiteiten_activity_add")))
    data.update(
        title="Oudejaarsfeest",
        slug="oudejaarsfeest",
        location=str(place.pk),
        organiser=str(organiser.pk),
        status="published",
    )
    data.update({f"schedules-0-{name}": value for name, value in END_OF_TIME.items()})

    response = admin_client.post(reverse("admin:activiteiten_activity_add"), data)

    assert response.status_code == 200
    assert schedule_errors(response) == {"start_date": [OUT_OF_RANGE]}
    assert not Activity.objects.exists()


def test_a_cancelled_date_outside_the_range_is_refused(admin_client):
    activity = ScheduleFactory().activity
    response = admin_client.post(
        change_url(activity), with_cancellation(admin_client, activity, "1999-12-28")
    )
    assert response.status_code == 200
    form = response.context["inline_admin_formsets"][1].formset.forms[0]
    assert form.errors["date"] == [OUT_OF_RANGE]
    assert not activity.cancellations.exists()


@pytest.mark.parametrize("title", ["Koffie\nochtend", "Koffie\r\nochtend", "Koffie\tochtend"])
def test_a_title_on_two_lines_is_refused(admin_client, title):
    activity = ScheduleFactory(activity__title="Koffieochtend").activity
    data = form_data(admin_client.get(change_url(activity)))
    data["title"] = title

    response = admin_client.post(change_url(activity), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"title": [NOT_ONE_LINE]}
    activity.refresh_from_db()
    assert activity.title == "Koffieochtend"


def test_a_line_break_at_the_end_is_simply_dropped(admin_client):
    """What the form strips anyway (spaces and line breaks around the text) is no error."""
    activity = ScheduleFactory(activity__title="Koffieochtend").activity
    data = form_data(admin_client.get(change_url(activity)))
    data["title"] = "Koffieochtend\r\n"
    assert admin_client.post(change_url(activity), data).status_code == 302


@pytest.mark.parametrize(
    ("params", "field"),
    [
        (preview_params(until="9999-12-31"), "Until and including"),
        (preview_params(start_date="1999-12-31"), "First date"),
        ({**preview_params(weekdays=[]), **END_OF_TIME}, "First date"),
    ],
)
def test_the_preview_says_when_a_date_is_out_of_range(admin_client, params, field):
    response = admin_client.get(PREVIEW, params)
    assert response.status_code == 200
    errors = {e["field"]: e["messages"] for e in response.json()["errors"]}
    assert errors == {field: [OUT_OF_RANGE]}


def test_the_number_of_times_may_not_run_past_the_range(admin_client):
    errors = admin_client.get(PREVIEW, preview_params(start_date="2099-06-02", count="40")).json()[
        "errors"
    ]
    assert errors == [
        {
            "field": "Number of times",
            "messages": [
                "With this number of times the last date would be after Dec. 31, 2099: choose "
                "fewer times or an end date."
            ],
        }
    ]
    # 31 weeks of Tuesdays from 2 June 2099 end on 29 December 2099.
    data = admin_client.get(PREVIEW, preview_params(start_date="2099-06-02", count="31")).json()
    assert "errors" not in data
