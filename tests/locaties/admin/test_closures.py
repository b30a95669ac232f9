"""A closure that hits activities: saving it names the dates that no longer go ahead."""

import datetime

import pytest
import time_machine

from ontmoeting import roles
from tests.admin_helpers import add_rows, change_url, messages_of, staff_client
from tests.factories import LocationFactory
from tests.locaties.admin.helpers import edit_page_data

pytestmark = pytest.mark.django_db


# Tuesday 1 December 2026, morning.
DECEMBER = datetime.datetime(
    2026, 12, 1, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1))
)


@pytest.fixture
def dinner_place():
    """A place with 'Samen eten' on Fridays 12:00 and 'Breien' on Thursdays 14:00; a draft
    and another place's activity on those days too."""
    from activiteiten.models import Activity
    from tests.factories import ActivityFactory, CancellationFactory, ScheduleFactory

    place = LocationFactory(name="Huis De Linde", closed_on_public_holidays=False)
    for title, weekday, hour in [("Samen eten", 4, 12), ("Breien", 3, 14)]:
        ScheduleFactory(
            activity=ActivityFactory(title=title, location=place),
            start_date=datetime.date(2026, 12, 1),
            weekdays=[weekday],
            start_time=datetime.time(hour),
            end_time=datetime.time(hour + 1),
        )
    draft = ActivityFactory(title="Concept", location=place, status=Activity.Status.DRAFT)
    ScheduleFactory(activity=draft, weekdays=[4])
    ScheduleFactory(activity=ActivityFactory(title="Elders"), weekdays=[4])
    breien = Activity.objects.get(title="Breien")
    CancellationFactory(activity=breien, date=datetime.date(2026, 12, 24))
    return place


@time_machine.travel(DECEMBER, tick=False)
def test_saving_a_closure_names_the_activities_it_stops(dinner_place):
    manager = staff_client(roles.CLUSTER_MANAGER, clusters=[dinner_place.cluster])
    manager.cookies["django_language"] = "nl"
    data = edit_page_data(manager, dinner_place)
    add_rows(
        data,
        "exceptions",
        [
            {
                "start_date": "2026-12-24",
                "end_date": "2026-12-26",
                "kind": "closed",
                "reason": "Kerst",
            }
        ],
    )

    response = manager.post(change_url(dinner_place), data, follow=True)

    warnings = [text for level, text in messages_of(response) if level == "warning"]
    assert warnings == [
        "Huis De Linde is dicht op een dag met een activiteit. Deze datum staat nu als "
        "‘gaat niet door’: Samen eten (vrijdag 25 december 2026 12:00). Laat het de "
        "organisator weten."
    ]
    # Breien on the 24th was cancelled by its organiser already; drafts and other places
    # are not named.


@time_machine.travel(DECEMBER, tick=False)
def test_a_closure_of_several_dates_lists_them_all_in_date_order(admin_client, dinner_place):
    data = edit_page_data(admin_client, dinner_place)
    add_rows(
        data,
        "exceptions",
        [{"start_date": "2026-12-10", "end_date": "2026-12-18", "kind": "closed"}],
    )
    response = admin_client.post(change_url(dinner_place), data, follow=True)
    (warning,) = [text for level, text in messages_of(response) if level == "warning"]
    assert warning == (
        "Huis De Linde is closed on days with activities. These 4 dates now show as not going "
        "ahead: Breien (Thursday 10 December 2026 14:00); Samen eten (Friday 11 December 2026 "
        "12:00); Breien (Thursday 17 December 2026 14:00); Samen eten (Friday 18 December "
        "2026 12:00). Let the organisers know."
    )


@time_machine.travel(DECEMBER, tick=False)
def test_special_hours_or_a_closure_without_activities_say_nothing(admin_client, dinner_place):
    data = edit_page_data(admin_client, dinner_place)
    add_rows(
        data,
        "exceptions",
        [
            {
                "start_date": "2026-12-11",
                "kind": "special_hours",
                "opens": "10:00",
                "closes": "14:00",
            },
            {"start_date": "2026-12-14", "kind": "closed"},  # a Monday: nothing on
            {"start_date": "2026-11-27", "kind": "closed"},  # in the past
        ],
    )
    response = admin_client.post(change_url(dinner_place), data, follow=True)
    assert dinner_place.exceptions.count() == 3
    assert [level for level, _text in messages_of(response)] == ["success"]


@time_machine.travel(DECEMBER, tick=False)
def test_closing_on_public_holidays_names_the_activities_on_holidays(admin_client, dinner_place):
    data = edit_page_data(admin_client, dinner_place)
    data["closed_on_public_holidays"] = "on"
    response = admin_client.post(change_url(dinner_place), data, follow=True)
    (warning,) = [text for level, text in messages_of(response) if level == "warning"]
    # Christmas Day and New Year's Day 2027 are Fridays, Ascension Day 2027 a Thursday.
    assert "Samen eten (Friday 25 December 2026 12:00)" in warning
    assert "Samen eten (Friday 1 January 2027 12:00)" in warning
    assert "Breien (Thursday 6 May 2027 14:00)" in warning
    # Saved again unchanged: no news, no message.
    again = admin_client.post(
        change_url(dinner_place), edit_page_data(admin_client, dinner_place), follow=True
    )
    assert [level for level, _text in messages_of(again)] == ["success"]
