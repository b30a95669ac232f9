"""Warnings in the schedule preview, before saving: closed days, opening hours, the room."""

import datetime
import re

import pytest
import time_machine

from tests.activiteiten.admin.helpers import NOON, PREVIEW, magneet, page_text_of, preview_params
from tests.admin_helpers import change_url
from tests.factories import ActivityFactory, LocationFactory, OpeningHoursFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(NOON, tick=False)
def test_the_preview_warns_about_each_date_before_saving(admin_client):
    place = magneet()
    ScheduleFactory(activity__location=place, activity__title="Breiclub", count=1)
    # Tuesdays and Fridays 10:00–12:00 from 1 December, in the form, not saved.
    params = preview_params(weekdays=["1", "4"], location=str(place.pk), room="Zaal 1")

    data = admin_client.get(PREVIEW, params).json()

    dates = {d["date"]: d for d in data["dates"]}
    assert len(dates) == 10
    # Every date runs past 11:00; 1 December also overlaps the Breiclub (no room given, so
    # anywhere in the place); 8 December the place is closed; 25 December is Christmas Day.
    assert dates["2026-12-01"]["warnings"] == [
        "Outside the opening hours of De Magneet (that day open 08:30–11:00).",
        "Overlaps in the same room with Breiclub (10:00–12:00).",
    ]
    assert dates["2026-12-04"]["warnings"] == [
        "Outside the opening hours of De Magneet (that day open 08:30–11:00)."
    ]
    assert dates["2026-12-08"]["closed"] is True
    assert dates["2026-12-08"]["warnings"] == [
        "De Magneet is closed that day: this date does not go ahead."
    ]
    assert dates["2026-12-25"]["closed"] is True
    assert dates["2026-12-25"]["warnings"] == [
        "De Magneet is closed that day (Eerste kerstdag): this date does not go ahead."
    ]
    assert all(len(d["warnings"]) >= 1 for d in data["dates"])
    assert data["warning_summary"].startswith(
        "10 of these 10 dates need a look: Tue 1 Dec 2026, Fri 4 Dec 2026, Tue 8 Dec 2026,"
    )
    assert data["warning_summary"].endswith("You can still save.")


@time_machine.travel(NOON, tick=False)
def test_the_preview_warns_in_dutch_with_dutch_dates(admin_client):
    admin_client.cookies["django_language"] = "nl"
    place = magneet()
    params = preview_params(
        weekdays=["4"], start_time="09:00", end_time="10:30", location=str(place.pk)
    )

    data = admin_client.get(PREVIEW, params).json()

    # Fridays 09:00–10:30 fit the hours; only Christmas Day and New Year's Day are closed.
    flagged = [d for d in data["dates"] if d["warnings"]]
    assert [(d["short_label"], d["warnings"]) for d in flagged] == [
        (
            "vr 25 dec 2026",
            ["De Magneet is die dag dicht (Eerste kerstdag): deze datum gaat niet door."],
        ),
        (
            "vr 1 jan 2027",
            ["De Magneet is die dag dicht (Nieuwjaarsdag): deze datum gaat niet door."],
        ),
    ]
    assert data["warning_summary"] == (
        "2 van deze 10 datums vragen aandacht: vr 25 dec 2026, vr 1 jan 2027. Opslaan kan wel."
    )


@time_machine.travel(NOON, tick=False)
def test_the_preview_leaves_out_the_activity_itself_and_other_rooms(admin_client):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    mine = ScheduleFactory(activity__location=place, activity__room="Zaal 1").activity
    ScheduleFactory(activity__location=place, activity__room="Zaal 2")
    ScheduleFactory(activity__location=place, activity__status="draft")
    params = preview_params(location=str(place.pk), room="zaal 1", activity=str(mine.pk))

    data = admin_client.get(PREVIEW, params).json()

    assert [d["warnings"] for d in data["dates"]] == [[]] * 10
    assert data["warning_summary"] == ""
    # Without saying which activity it is, its own saved dates overlap the form's.
    del params["activity"]
    data = admin_client.get(PREVIEW, params).json()
    assert all(d["warnings"] for d in data["dates"])


@time_machine.travel(NOON, tick=False)
def test_the_preview_of_a_cancelled_activity_or_without_a_place_warns_about_nothing(
    admin_client,
):
    place = magneet()
    for params in (
        preview_params(location=str(place.pk), status="cancelled"),
        preview_params(),
        preview_params(location=""),
    ):
        data = admin_client.get(PREVIEW, params).json()
        assert len(data["dates"]) == 10
        assert not any(d["warnings"] for d in data["dates"]), params


@pytest.mark.parametrize(
    "value", ["abc", "-1", "1.5", "²", "99999999999", "0", "1e3", "\x00", "%", "1,2"]
)
def test_a_malformed_place_in_the_preview_is_ignored(admin_client, value):
    response = admin_client.get(
        PREVIEW, preview_params(location=value, activity=value, room="x" * 5000)
    )
    assert response.status_code == 200
    assert len(response.json()["dates"]) == 10


@time_machine.travel(NOON, tick=False)
def test_the_preview_runs_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    place = magneet()
    for hour in range(8, 20):
        ScheduleFactory(
            activity__location=place,
            start_time=datetime.time(hour),
            end_time=datetime.time(hour + 1),
            weekdays=[1, 2, 3],
        )
    params = preview_params(location=str(place.pk))
    # Session and user; the form's checks of the schedule's constraints (4 in savepoints,
    # 12 queries); the place with its hours and exceptions (3); the other activities with
    # their places, schedules, cancelled dates and places' exceptions (4).
    with django_assert_max_num_queries(21):
        data = admin_client.get(PREVIEW, params).json()
    assert all(d["warnings"] for d in data["dates"])


@time_machine.travel(NOON, tick=False)
def test_the_saved_form_shows_the_warnings_in_its_preview(
    admin_client, django_assert_max_num_queries
):
    place = magneet()
    activity = ScheduleFactory(activity__location=place, weekdays=[4]).activity  # Fridays
    ScheduleFactory(
        activity=activity, weekdays=[1], start_time=datetime.time(9), end_time=datetime.time(10)
    )
    ScheduleFactory(activity__location=place, activity__title="Breiclub", weekdays=[1], count=1)

    response = admin_client.get(change_url(activity))

    html = response.content.decode()
    previews = re.findall(r'<div class="schedule-preview".*?</ol>', html, re.S)
    assert len(previews) == 2
    fridays = page_text_of(previews[1] if "Friday 4 December" in previews[1] else previews[0])
    tuesdays = page_text_of(previews[0] if "Friday 4 December" in previews[1] else previews[1])
    assert fridays.startswith("10 of these 10 dates need a look: Fri 4 Dec 2026, Fri 11 Dec 2026")
    assert (
        "Friday 25 December 2026, 10:00–12:00 Warning: De Magneet is closed that day "
        "(Eerste kerstdag): this date does not go ahead." in fridays
    )
    # Tuesdays 09:00–10:00 fit the hours; on 8 December the place is closed. 09:00–10:00
    # only touches the Breiclub's 10:00–12:00 on 1 December.
    assert tuesdays.startswith("1 of these 10 dates needs a look: Tue 8 Dec 2026. You can")
    assert "Breiclub" not in tuesdays


@time_machine.travel(NOON, tick=False)
def test_the_change_page_fetches_the_checks_once_for_all_schedules(
    admin_client, django_assert_max_num_queries
):
    place = magneet()
    counts = []
    for schedules_count in (1, 4):
        activity = ActivityFactory(location=place)
        for n in range(schedules_count):
            ScheduleFactory(activity=activity, weekdays=[n % 5], count=12)
        with django_assert_max_num_queries(60) as captured:
            assert admin_client.get(change_url(activity)).status_code == 200
        counts.append(len(captured))
    # More schedules cost their own formset rows, not a fetch of the checks each.
    assert counts[1] - counts[0] <= 3, counts
