"""The page that explains, step by step, how to keep the agenda's choice in a calendar."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from activiteiten.services import unique_slug
from tests.activiteiten.views.helpers import (
    AGENDA,
    MONDAY_NOON,
    main,
    many_activities,
    title_and_heading,
)
from tests.activiteiten.views.test_bad_input import BAD_QUERIES

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("activiteiten:subscribe")


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_page_gives_the_feed_of_the_choice_and_the_steps_to_add_it(english, programme):
    response = english.get(SUBSCRIBE, {"theme": "sport-en-bewegen", "day": ["1", "3"]})
    assert response.status_code == 200
    body = main(response)
    title, heading = title_and_heading(response)
    assert heading == "Activities in your calendar: Tuesday, Thursday, Sport and exercise"
    assert title.startswith(heading + " – ")
    feed = "/activiteiten/agenda.ics?day=1&amp;day=3&amp;theme=sport-en-bewegen"
    assert f'href="webcal://testserver{feed}">Open in your calendar app</a>' in body
    assert f'value="http://testserver{feed}" readonly' in body
    assert f'<a href="http://testserver{feed}">Or download the activities once' in body
    for step in ("iPhone or iPad", "Android phone or Google Calendar", "Outlook"):
        assert f"<h3>{step}</h3>" in body
    agenda = "/activiteiten/?day=1&amp;day=3&amp;theme=sport-en-bewegen"
    assert f'href="{agenda}">Back to the agenda' in body
    assert '<meta name="robots" content="noindex">' in response.content.decode()


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_page_is_dutch_by_default(client, programme):
    response = client.get(SUBSCRIBE)
    assert title_and_heading(response)[1] == "Activiteiten in uw agenda"
    assert "Openen in uw agenda-app" in main(response)


@time_machine.travel(MONDAY_NOON, tick=False)
def test_what_the_agenda_links_to_is_this_page_with_its_choice(client, programme):
    agenda = client.get(AGENDA, {"q": "bingo", "free": "on"}).content.decode()
    link = f"{SUBSCRIBE}?q=bingo&amp;free=on"
    assert f'href="{link}"' in agenda
    page = client.get(SUBSCRIBE, {"q": "bingo", "free": "on"})
    assert "/activiteiten/agenda.ics?q=bingo&amp;free=on" in main(page)


@time_machine.travel(MONDAY_NOON, tick=False)
def test_an_invalid_choice_is_reported_and_left_out_of_the_feed(english, programme):
    body = main(english.get(SUBSCRIBE, {"cluster": "doesnotexist", "free": "on"}))
    assert "Some of your choices could not be used" in body
    assert "/activiteiten/agenda.ics?free=on" in body
    assert "doesnotexist" not in body.split("Some of your choices")[1].split("</ul>")[1]


@pytest.mark.input_space
@pytest.mark.parametrize("query", BAD_QUERIES)
@time_machine.travel(MONDAY_NOON, tick=False)
def test_bad_query_strings_never_break_the_page(client, programme, query):
    assert client.get(f"{SUBSCRIBE}?{query}").status_code == 200


@pytest.mark.parametrize("count", [10, 100])
@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    place = many_activities(count)
    # Whether the feed is small enough, and the lists of the choices made.
    with django_assert_max_num_queries(4):
        response = client.get(SUBSCRIBE, {"place": place.slug, "theme": "thema-1"})
    assert response.status_code == 200


def test_no_activity_takes_the_pages_path(programme):
    """/activiteiten/abonneren/ is this page: an activity there could never be reached."""
    assert unique_slug("Abonneren") == "abonneren-2"
    activity = programme["walk"]
    activity.slug = "abonneren"
    with pytest.raises(ValidationError) as raised:
        activity.full_clean()
    assert raised.value.message_dict["slug"] == [
        "Dit webadres hoort bij een andere pagina van de site. Kies een ander webadres."
    ]
