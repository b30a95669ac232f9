"""Bad query strings never break the agenda, and are reported in the active language."""

import re

import pytest
import time_machine
from django.urls import reverse

from tests.activiteiten.views.helpers import (
    AGENDA,
    MONDAY_NOON,
    main,
    titles,
)

pytestmark = pytest.mark.django_db


BAD_QUERIES = [
    "week=-1",
    "week=999999999999",
    "week=53",
    "week=1.5",
    "week=abc",
    "week=%00",
    "week=%D9%A3",  # an Arabic-Indic digit three
    "week=" + "9" * 5000,
    "day=9",
    "day=-1",
    "day=abc",
    "day=1&day=1&day=1",
    "day=1&day=99",
    "day=" + "1" * 5000,
    "part=night",
    "part=morning&part=night",
    "cluster=doesnotexist",
    "cluster=",
    "theme=" + "x" * 5000,
    "theme=sport-en-bewegen&theme=doesnotexist",
    "target_group=%00",
    "place=../../etc/passwd",
    "organiser=%27%3B%20DROP%20TABLE%20activiteiten_activity%3B--",
    "q=" + "x" * 5000,
    "q=%00",
    "q=%22unclosed",
    "q=%21%21%21%26%26%7C%7C",  # !!!&&||: would break to_tsquery, not websearch
    "q=-",
    "q=de",  # only a stop word
    "q=a&q=b&q=c",
    "free=maybe",
    "free=0",
    "support_need=%00",
    "%00=%00",
    "week[]=1&day[]=2",
    "q=%ff%fe",  # not UTF-8
    "&&&===&&",
    "page=-1",
]


@pytest.mark.input_space
@pytest.mark.parametrize("query", BAD_QUERIES)
@time_machine.travel(MONDAY_NOON, tick=False)
def test_bad_query_strings_never_break_the_agenda_or_its_feed(client, programme, query):
    assert len(BAD_QUERIES) >= 30
    page = client.get(f"{AGENDA}?{query}")
    assert page.status_code == 200
    feed = client.get(f"{reverse('activiteiten:agenda_ical')}?{query}")
    assert feed.status_code == 200
    assert feed.content.startswith(b"BEGIN:VCALENDAR")


@time_machine.travel(MONDAY_NOON, tick=False)
def test_an_invalid_filter_is_reported_and_the_valid_ones_still_apply(english, programme):
    response = english.get(AGENDA, {"cluster": "doesnotexist", "theme": "sport-en-bewegen"})
    body = main(response)
    assert response.status_code == 200
    assert "Cluster: That is not one of the choices, so it was ignored." in body
    assert titles(response) == ["Wandeling door het park"]
    # The form shows what applies, and the links carry only the valid part.
    assert "doesnotexist" not in body


@time_machine.travel(MONDAY_NOON, tick=False)
def test_a_bad_week_says_so_and_shows_the_first_week(english, programme):
    response = english.get(AGENDA, {"week": "999999999999"})
    body = response.content.decode()
    assert "that week does not exist, so this week is shown" in body
    assert response.context["week"] == 0
    assert "Tuesday 24 November" in body


@time_machine.travel(MONDAY_NOON, tick=False)
def test_a_very_long_value_is_reported_but_not_echoed(english, programme):
    response = english.get(AGENDA, {"theme": "x" * 5000, "q": "y" * 5000})
    body = main(response)
    assert "Theme: That is not one of the choices" in body
    assert "Search: Ensure this value has at most 100 characters" in body
    assert "x" * 200 not in body
    assert "y" * 200 not in body
    assert len(titles(response)) == 5


@time_machine.travel(MONDAY_NOON, tick=False)
def test_messages_are_in_the_active_language(client, programme):
    body = client.get(AGENDA, {"q": "y" * 500}).content.decode()
    # Django's own Dutch message for a too-long value.
    assert "Zorg dat deze waarde niet meer dan 100 tekens bevat" in body


def test_form_works_without_javascript(client, programme):
    body = client.get(AGENDA).content.decode()
    assert re.search(r'<form class="filters[^"]*" method="get" action="/activiteiten/">', body)
    assert body.count("<fieldset") >= 2
    assert "<legend>" in body
    assert '<button type="submit"' in body
    for name in ("q", "theme", "target_group", "cluster", "place", "organiser"):
        assert f'<label for="id_{name}">' in body
    assert "<script" not in body.split("</footer>")[0].split("<main")[1]
