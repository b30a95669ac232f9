"""The warnings after saving an activity: opening hours, the room, closed days."""

import datetime

import pytest
import time_machine

from activiteiten.models import Activity
from tests.activiteiten.admin.helpers import NOON
from tests.admin_helpers import change_url, form_data
from tests.factories import (
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


def warnings_after_saving(client, activity) -> list[str]:
    data = form_data(client.get(change_url(activity)))
    response = client.post(change_url(activity), data, follow=True)
    assert response.redirect_chain[-1][1] == 302
    return [str(m) for m in response.context["messages"] if m.level_tag == "warning"]


@time_machine.travel(NOON, tick=False)
def test_warning_when_dates_fall_outside_the_opening_hours(admin_client):
    place = LocationFactory(name="De Magneet")
    OpeningHoursFactory(location=place, weekday=1, closes=datetime.time(11))
    schedule = ScheduleFactory(activity__location=place)  # Tuesdays 10:00–12:00

    warnings = warnings_after_saving(admin_client, schedule.activity)

    assert len(warnings) == 1
    assert warnings[0].startswith(
        "12 dates in the coming 90 days fall outside the opening hours of De Magneet: "
        "Tue 1 Dec 2026 10:00–12:00, Tue 8 Dec 2026 10:00–12:00"
    )
    assert warnings[0].endswith("Tue 29 Dec 2026 10:00–12:00 and 7 more.")
    assert Activity.objects.filter(pk=schedule.activity.pk).exists()  # saved all the same


@time_machine.travel(NOON, tick=False)
def test_warning_when_another_activity_uses_the_room(admin_client):
    place = LocationFactory()
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    mine = ScheduleFactory(activity__location=place, activity__room="Zaal 1", count=2).activity
    ScheduleFactory(activity__location=place, activity__title="Breiclub", activity__room="")
    ScheduleFactory(activity__location=place, activity__room="Zaal 2")
    ScheduleFactory(activity__location=place, activity__status="draft")

    warnings = warnings_after_saving(admin_client, mine)

    assert warnings == [
        "2 dates overlap with another published activity in the same room (Breiclub): "
        "Tue 1 Dec 2026 10:00–12:00, Tue 8 Dec 2026 10:00–12:00."
    ]


@time_machine.travel(NOON, tick=False)
def test_no_warning_when_all_is_well(admin_client):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1)
    schedule = ScheduleFactory(activity__location=place)
    ScheduleFactory(
        activity__location=place, start_time=datetime.time(14), end_time=datetime.time(16)
    )
    assert warnings_after_saving(admin_client, schedule.activity) == []


@time_machine.travel(NOON, tick=False)
def test_saving_an_activity_says_which_dates_the_place_is_closed(admin_client):
    place = LocationFactory(name="De Magneet")  # closed on public holidays, the default
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    OpeningExceptionFactory(location=place, start_date=datetime.date(2026, 12, 8), reason="")
    # Fridays 10:00–12:00, four times: 4, 11, 18 and 25 December (Christmas Day).
    schedule = ScheduleFactory(activity__location=place, weekdays=[4], count=4)
    ScheduleFactory(activity=schedule.activity, weekdays=[1], count=2)  # Tuesdays 1 and 8

    data = form_data(admin_client.get(change_url(schedule.activity)))
    response = admin_client.post(change_url(schedule.activity), data, follow=True)

    warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
    # The holiday's name as the holidays package gives it (in Dutch, as on the public site).
    assert warnings == [
        "2 dates in the coming 90 days do not go ahead, because De Magneet is closed those "
        "days: Tue 8 Dec 2026 10:00–12:00, Fri 25 Dec 2026 10:00–12:00 (Eerste kerstdag)."
    ]


@time_machine.travel(NOON, tick=False)
def test_the_message_after_saving_names_each_date_once_in_dutch(admin_client):
    admin_client.cookies["django_language"] = "nl"
    place = LocationFactory(name="De Magneet")
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    # Wednesdays 10:00–12:00, twice; two other activities overlap both dates.
    mine = ScheduleFactory(activity__location=place, weekdays=[2], count=2).activity
    for title, hours in (("Breiclub", (9, 11)), ("Taalcafé", (11, 13))):
        ScheduleFactory(
            activity__location=place,
            activity__title=title,
            weekdays=[2],
            start_time=datetime.time(hours[0]),
            end_time=datetime.time(hours[1]),
        )

    warnings = warnings_after_saving(admin_client, mine)

    assert warnings == [
        "2 datums overlappen met een andere gepubliceerde activiteit in dezelfde ruimte "
        "(Breiclub, Taalcafé): wo 2 dec 2026 10:00–12:00, wo 9 dec 2026 10:00–12:00."
    ]


@time_machine.travel(NOON, tick=False)
def test_no_warnings_for_a_cancelled_activity(admin_client):
    place = LocationFactory()
    OpeningHoursFactory(location=place, weekday=1, closes=datetime.time(11))
    schedule = ScheduleFactory(activity__location=place, activity__status="cancelled")
    assert warnings_after_saving(admin_client, schedule.activity) == []
