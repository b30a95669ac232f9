"""The agenda page: its week by day, its filters, its pages and its title."""

import datetime

import pytest
import time_machine

from activiteiten.filters import max_week
from activiteiten.models import Activity
from tests.activiteiten.views.helpers import (
    AGENDA,
    DAY_HEADING,
    MONDAY_NOON,
    main,
    title_and_heading,
    titles,
    weekly,
)
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


@time_machine.travel(MONDAY_NOON, tick=False)
def test_agenda_groups_the_coming_seven_days_by_day(client, programme):
    response = client.get(AGENDA)
    assert response.status_code == 200
    body = response.content.decode()
    # Dutch by default; today up to and including next Sunday.
    assert DAY_HEADING.findall(body) == [
        "Dinsdag 24 november",
        "Woensdag 25 november",
        "Donderdag 26 november",
        "Vrijdag 27 november",
        "Zondag 29 november",
    ]
    assert titles(response) == [
        "Wandeling door het park",
        "Bingo",
        "Taalcafé",
        "Samen koken",
        "Zondaggym",
    ]
    assert 'aria-live="polite"' in body
    assert body.count("<h1") == 1


@time_machine.travel(MONDAY_NOON, tick=False)
def test_agenda_marks_todays_heading_and_cancelled_dates(english, programme):
    for title, hour in (("Ochtendgym", 9), ("Middagwandeling", 15)):
        ScheduleFactory(
            activity=ActivityFactory(title=title),
            start_date=datetime.date(2026, 11, 23),
            frequency="once",
            weekdays=[],
            start_time=datetime.time(hour, 0),
            end_time=datetime.time(hour + 1, 0),
        )
    CancellationFactory(
        activity=programme["bingo"], date=datetime.date(2026, 11, 25), reason="Zaal bezet"
    )
    response = english.get(AGENDA)
    body = response.content.decode()
    assert "Monday 23 November" in body
    assert "(today)" in body
    # It is noon: what is over today is not listed any more.
    assert "Middagwandeling" in titles(response)
    assert "Ochtendgym" not in titles(response)
    assert "agenda-item--cancelled" in body
    assert "Not going ahead: Zaal bezet" in body


@time_machine.travel(MONDAY_NOON, tick=False)
def test_week_paging_shows_the_next_weeks(english, programme):
    response = english.get(AGENDA, {"week": 1})
    body = response.content.decode()
    assert response.context["first_day"] == datetime.date(2026, 11, 30)
    assert response.context["last_day"] == datetime.date(2026, 12, 6)
    assert DAY_HEADING.findall(body)[0] == "Tuesday 1 December"
    assert "Tuesday 24 November" not in body
    assert 'href="?week=2#results"' in body
    assert 'href="?#results"' in body  # back to the first week
    last = english.get(AGENDA, {"week": max_week()})
    assert last.context["next_url"] == ""
    assert "Next week" not in last.content.decode()


@time_machine.travel(MONDAY_NOON, tick=False)
def test_paging_links_and_subscribe_link_keep_the_filter(english, programme):
    body = english.get(AGENDA, {"theme": "sport-en-bewegen", "day": ["1", "3"]}).content.decode()
    assert 'href="?day=1&amp;day=3&amp;theme=sport-en-bewegen&amp;week=1#results"' in body
    assert (
        'href="/activiteiten/abonneren/?day=1&amp;day=3&amp;theme=sport-en-bewegen">'
        "Put in your calendar</a>"
    ) in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"day": "1"}, {"walk"}),
        ({"day": ["1", "3"]}, {"walk", "cafe"}),
        ({"part": "morning"}, {"walk", "early"}),
        ({"part": "afternoon"}, {"bingo"}),
        ({"part": "evening"}, {"cafe", "support"}),
        ({"day": "4", "part": "evening"}, {"support"}),
        ({"day": "4", "part": "morning"}, set()),
        ({"theme": "sport-en-bewegen"}, {"walk"}),
        ({"target_group": "ouderen"}, {"bingo"}),
        ({"cluster": "zuid"}, {"cafe", "support"}),
        ({"place": "de-magneet"}, {"walk", "bingo", "early"}),
        ({"organiser": "vizier"}, {"cafe", "bingo"}),
        ({"free": "on"}, {"walk", "bingo", "support", "early"}),
        ({"support_need": "on"}, {"support"}),
        ({"q": "bingo"}, {"bingo"}),
        ({"q": "magneet"}, {"walk", "bingo", "early"}),  # the place's name is searched too
        ({"q": "vizier", "free": "on"}, {"bingo"}),
    ],
)
@time_machine.travel(MONDAY_NOON, tick=False)
def test_each_filter(client, programme, query, expected):
    response = client.get(AGENDA, query)
    assert response.status_code == 200
    assert response.context["problems"] == []
    expected_titles = {programme[key].title for key in expected}
    assert set(titles(response)) == expected_titles


@time_machine.travel(MONDAY_NOON, tick=False)
def test_unpublished_and_cancelled_activities_are_not_in_the_agenda(client, programme):
    hidden_place = LocationFactory(published=False)
    weekly(ActivityFactory(title="Op verborgen plek", location=hidden_place), 1, (10, 0), (11, 0))
    weekly(ActivityFactory(title="Concept", status=Activity.Status.DRAFT), 1, (10, 0), (11, 0))
    gone = ActivityFactory(title="Gestopt", status=Activity.Status.CANCELLED)
    weekly(gone, 1, (10, 0), (11, 0))
    shown = titles(client.get(AGENDA))
    assert "Op verborgen plek" not in shown
    assert "Concept" not in shown
    assert "Gestopt" not in shown


def every_day_this_week(activities: int) -> None:
    for n in range(activities):
        ScheduleFactory(
            activity=ActivityFactory(title=f"Activiteit {n}"),
            start_date=MONDAY_NOON.date(),
            weekdays=list(range(7)),
        )


@time_machine.travel(MONDAY_NOON.replace(hour=8), tick=False)
def test_a_busy_agenda_is_shown_a_page_at_a_time(english):
    """A page says whether there is a next one, not how many dates come after it: counting
    a region's week would cost time that grows with the region. Where the dates end, the
    total is known and said."""
    from activiteiten.views import AGENDA_PAGE_SIZE

    # Before today's dates begin: seven days of them make more than a page.
    every_day_this_week(AGENDA_PAGE_SIZE // 7 + 2)
    total = 7 * (AGENDA_PAGE_SIZE // 7 + 2)
    first = english.get(AGENDA)
    assert len(first.context["occurrences"]) == AGENDA_PAGE_SIZE
    body = main(first).split("Other weeks")[0]
    assert f"More than {AGENDA_PAGE_SIZE} activities" in body
    assert '<li aria-current="page">Page 1</li>' in body
    assert 'href="?page=2" rel="next"' in body
    assert "Only the first" not in body

    second = english.get(AGENDA, {"page": "2"})
    assert len(second.context["occurrences"]) == total - AGENDA_PAGE_SIZE
    body = main(second).split("Other weeks")[0]
    assert f"{total} activities" in body
    assert '<li aria-current="page">Page 2 of 2</li>' in body
    assert 'href="?page=1" rel="prev"' in body
    assert 'rel="next"' not in body


@time_machine.travel(MONDAY_NOON.replace(hour=8), tick=False)
def test_past_its_last_page_the_agenda_asks_to_narrow_the_choice(english, monkeypatch):
    """Past the pages it shows, the agenda says there are more and how to see them."""
    from activiteiten import views

    # Two pages of five here; a hundred dates a page and ten pages as deployed.
    monkeypatch.setattr(views, "AGENDA_PAGE_SIZE", 5)
    monkeypatch.setattr(views, "AGENDA_MAX_PAGES", 2)
    every_day_this_week(2)
    first = main(english.get(AGENDA)).split("Other weeks")[0]
    assert "More than 5 activities" in first
    assert "Only the first" not in first
    last = english.get(AGENDA, {"page": "2"})
    body = main(last).split("Other weeks")[0]
    assert "More than 10 activities" in body
    assert "Only the first 10 are shown. Choose a day, a part of the day" in body
    assert "Page 2 of 2" in body
    assert 'rel="next"' not in body
    assert len(last.context["occurrences"]) == 5
    assert english.get(AGENDA, {"page": "3"}).context["page_obj"].number == 2

    # With a choice that leaves fewer, the count is exact again.
    narrowed = english.get(AGENDA, {"day": "1"})
    assert "2 activities" in main(narrowed)
    assert "More than" not in main(narrowed)


@time_machine.travel(MONDAY_NOON.replace(hour=8), tick=False)
@pytest.mark.parametrize(("asked", "shown"), [("9", 2), ("0", 1), ("-3", 1), ("twee", 1)])
def test_a_page_past_the_dates_or_no_page_at_all_shows_one_that_exists(client, asked, shown):
    every_day_this_week(15)  # 105 dates: two pages
    response = client.get(AGENDA, {"page": asked})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    assert response.context["occurrences"]


@time_machine.travel(MONDAY_NOON, tick=False)
@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("", "Agenda 23 tot en met 29 november 2026"),
        ("week=1", "Agenda 30 november tot en met 6 december 2026"),
        ("week=5", "Agenda 28 december 2026 tot en met 3 januari 2027"),
        ("q=koffie", "Agenda 23 tot en met 29 november 2026: “koffie”"),
        (
            "week=2&day=1&theme=sport-en-bewegen",
            "Agenda 7 tot en met 13 december 2026: dinsdag, Sport en bewegen",
        ),
    ],
)
def test_the_agenda_title_and_heading_say_which_week_and_choices(client, programme, query, heading):
    title, h1 = title_and_heading(client.get(f"{AGENDA}?{query}"))
    assert h1 == heading
    assert title.startswith(f"{heading} – ")


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_agenda_title_follows_the_language_and_the_page(english, programme):
    title, h1 = title_and_heading(english.get(f"{AGENDA}?week=1"))
    assert h1 == "Agenda 30 November to 6 December 2026"
    assert title.startswith(h1 + " – ")


@time_machine.travel(MONDAY_NOON, tick=False)
def test_every_agenda_page_has_a_title_of_its_own(client, programme):
    queries = [f"week={week}" for week in range(8)] + [
        "q=koffie",
        "day=1",
        "day=1&day=3",
        "part=morning",
        "theme=sport-en-bewegen",
        "free=on",
    ]
    titles = {title_and_heading(client.get(f"{AGENDA}?{query}"))[0] for query in queries}
    assert len(titles) == len(queries)


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_second_page_of_a_busy_week_says_so(client):
    from activiteiten.views import AGENDA_PAGE_SIZE
    from tests.factories import ActivityFactory, LocationFactory, ScheduleFactory

    place = LocationFactory()
    for n in range(AGENDA_PAGE_SIZE // 7 + 2):
        ScheduleFactory(
            activity=ActivityFactory(title=f"Activiteit {n}", location=place),
            # Every day of the week shown, today included (after the frozen noon).
            start_date=datetime.date(2026, 11, 23),
            start_time=datetime.time(13, 0),
            end_time=datetime.time(14, 0),
            weekdays=list(range(7)),
        )
    assert title_and_heading(client.get(f"{AGENDA}?page=2"))[1] == (
        "Agenda 23 tot en met 29 november 2026, pagina 2"
    )
    assert title_and_heading(client.get(f"{AGENDA}?page=1"))[1] == (
        "Agenda 23 tot en met 29 november 2026"
    )
