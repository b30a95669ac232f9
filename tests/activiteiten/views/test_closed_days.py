"""A day the place is closed, and the end of a series, on the agenda and the activity page."""

import pytest
import time_machine

from tests.activiteiten.views.helpers import (
    AGENDA,
    CHRISTMAS_WEEK,
    agenda_lines,
    jsonld,
    main,
)

pytestmark = pytest.mark.django_db


@time_machine.travel(CHRISTMAS_WEEK, tick=False)
def test_the_agenda_says_a_date_does_not_go_ahead_when_the_place_is_closed(client, dinner):
    body = main(client.get(AGENDA))
    (line,) = agenda_lines(body)
    assert "Samen eten" in line
    assert "Gaat niet door: de plek is dicht (Eerste kerstdag)" in line
    assert '<li class="agenda-item agenda-item--cancelled">' in body
    # The place page says the same day is closed.
    place_page = client.get(dinner.location.get_absolute_url()).content.decode()
    assert "Eerste kerstdag" in place_page
    assert "Gaat niet door: de plek is dicht (Eerste kerstdag)" in place_page


@time_machine.travel(CHRISTMAS_WEEK, tick=False)
def test_the_activity_page_marks_closed_days_and_json_ld_cancels_them(client, dinner):
    body = client.get(dinner.get_absolute_url()).content.decode()
    lines = agenda_lines(body[body.index('id="dates-heading"') :])
    assert "Gaat niet door: de plek is dicht (Eerste kerstdag)" in lines[0]
    assert "Gaat niet door: de plek is dicht (Nieuwjaarsdag)" in lines[1]
    assert "Gaat niet door: de plek is dicht (Verbouwing)" in lines[2]
    assert "Gaat niet door" not in lines[3]
    statuses = [(e["startDate"][:10], e["eventStatus"].rsplit("/", 1)[1]) for e in jsonld(body)]
    assert statuses[:4] == [
        ("2026-12-25", "EventCancelled"),
        ("2027-01-01", "EventCancelled"),
        ("2027-01-08", "EventCancelled"),
        ("2027-01-15", "EventScheduled"),
    ]


@time_machine.travel(CHRISTMAS_WEEK, tick=False)
def test_the_activity_page_and_the_agenda_say_when_a_series_ends(client, dinner):
    page = client.get(dinner.get_absolute_url()).content.decode()
    assert "Elke week op vrijdag, 12:00–13:30, t/m vrijdag 16 april 2027" in page
    (line,) = agenda_lines(main(client.get(AGENDA)))
    assert "Elke week op vrijdag, t/m vrijdag 16 april 2027" in line


@time_machine.travel(CHRISTMAS_WEEK, tick=False)
def test_a_place_open_on_holidays_keeps_its_activities_going(client, dinner):
    dinner.location.closed_on_public_holidays = False
    dinner.location.save()
    (line,) = agenda_lines(main(client.get(AGENDA)))
    assert "Gaat niet door" not in line
    assert "agenda-item--cancelled" not in main(client.get(AGENDA))
