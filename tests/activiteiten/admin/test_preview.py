"""The schedule preview: the next dates of a saved schedule, and of the one being edited."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from activiteiten import schedules
from ontmoeting import roles
from tests.activiteiten.admin.helpers import NOON, PREVIEW, page_text_of, preview_params
from tests.admin_helpers import change_url, inline_tags, staff_client
from tests.factories import CancellationFactory, OrganisationFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(NOON, tick=False)
def test_saved_schedule_shows_its_next_ten_dates(admin_client):
    schedule = ScheduleFactory()  # Tuesdays from 1 December 2026
    CancellationFactory(activity=schedule.activity, date=datetime.date(2026, 12, 8))

    response = admin_client.get(change_url(schedule.activity))

    preview = re.search(
        r'<div class="schedule-preview".*?</div>', response.content.decode(), re.S
    ).group(0)
    items = [page_text_of(item) for item in re.findall(r"<li.*?</li>", preview, re.S)]
    assert len(items) == 10
    assert items[0] == "Tuesday 1 December 2026, 10:00–12:00"
    assert items[1] == "Tuesday 8 December 2026, 10:00–12:00 (not going ahead: Zaal bezet)"
    assert "<del>" in preview
    assert items[9] == "Tuesday 2 February 2027, 10:00–12:00"


@time_machine.travel(NOON, tick=False)
def test_preview_endpoint_gives_the_next_ten_dates(admin_client):
    params = preview_params(interval="2", weekdays=["3", "1"], cancelled=["2026-12-03", "bad"])

    data = admin_client.get(PREVIEW, params).json()

    assert data["summary"] == "every 2 weeks on Tuesday and Thursday, 10:00–12:00"
    assert [d["date"] for d in data["dates"]] == [
        "2026-12-01",
        "2026-12-03",
        "2026-12-15",
        "2026-12-17",
        "2026-12-29",
        "2026-12-31",
        "2027-01-12",
        "2027-01-14",
        "2027-01-26",
        "2027-01-28",
    ]
    assert [d["cancelled"] for d in data["dates"][:3]] == [False, True, False]
    assert data["dates"][0]["label"] == "Tuesday 1 December 2026, 10:00–12:00"


@time_machine.travel(NOON, tick=False)
def test_preview_starts_today_and_ends_with_the_schedule(admin_client):
    data = admin_client.get(PREVIEW, preview_params(start_date="2026-11-03", count="5")).json()
    # 3, 10, 17 November have passed.
    assert [d["date"] for d in data["dates"]] == ["2026-11-24", "2026-12-01"]
    params = preview_params(start_date="2026-11-03", until="2026-11-20")
    data = admin_client.get(PREVIEW, params).json()
    assert data["dates"] == []


@time_machine.travel(NOON, tick=False)
def test_preview_in_dutch_gives_dutch_dates(admin_client):
    admin_client.cookies["django_language"] = "nl"
    data = admin_client.get(PREVIEW, preview_params(cancelled=["08-12-2026"])).json()
    first, second = data["dates"][:2]
    assert first["label"] == "dinsdag 1 december 2026, 10:00–12:00"
    assert first["input"] == "01-12-2026"  # as the Dutch date box expects it
    assert second["cancelled"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        (preview_params(weekdays=[]), "Days", "Choose at least one day."),
        (preview_params(end_time="09:00"), "End time", "The end time must be later"),
        (preview_params(until="2026-12-31", count="3"), "Number of times", "Choose an end date"),
        (preview_params(frequency="monthly"), "Week of the month", "Choose which week"),
        (preview_params(start_date="gisteren"), "First date", "Enter a valid date."),
        (preview_params(weekdays=["abc"]), "Days", "Select a valid choice."),
        (preview_params(weekdays=["9"]), "Days", "Select a valid choice."),
        (preview_params(interval="99999999999"), "Every", "Ensure this value"),
        (preview_params(count="0"), "Number of times", "Ensure this value"),
        (preview_params(frequency="daily"), "Repeats", "Select a valid choice."),
        (preview_params(start_time="\x00"), "Start time", ""),
        ({}, "First date", "This field is required."),
    ],
)
def test_preview_endpoint_gives_the_forms_messages(admin_client, params, field, message):
    response = admin_client.get(PREVIEW, params)
    assert response.status_code == 200
    errors = {e["field"]: " ".join(e["messages"]) for e in response.json()["errors"]}
    assert errors[field].startswith(message), errors


def test_preview_endpoint_is_for_staff_who_edit_activities(client):
    assert client.get(PREVIEW, preview_params()).status_code == 302
    manager = staff_client(roles.CLUSTER_MANAGER)  # may only view activities
    assert manager.get(PREVIEW, preview_params()).status_code == 403
    welfare = staff_client(roles.WELFARE_WORKER, organisations=[OrganisationFactory()])
    assert welfare.get(PREVIEW, preview_params()).status_code == 200


def test_activity_form_carries_the_preview_settings_and_no_inline_code(admin_client, activity):
    for url in (change_url(activity), reverse("admin:activiteiten_activity_add")):
        body = admin_client.get(url).content
        assert b'id="schedule-preview-config"' in body
        assert f'data-url="{PREVIEW}"'.encode() in body
        # The script sends the fields the server lists (schedules.FIELDS), not a copy of them.
        assert f'data-fields="{" ".join(schedules.FIELDS)}"'.encode() in body
        assert b"js/admin/schedule-preview.js" in body
        assert inline_tags(body) == [], url
