"""Dutch full-text search from the agenda."""

import pytest
import time_machine

from activiteiten.models import Activity
from tests.activiteiten.views.helpers import (
    AGENDA,
    MONDAY_NOON,
    titles,
)
from tests.factories import (
    ActivityFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cafe", {"Taalcafé"}),  # unaccent: "café" in the description
        ("wandelen", {"Wandeling door het park"}),  # Dutch stemming
        ("xylofoonorkest", set()),
    ],
)
def test_dutch_full_text_search(programme, text, expected):
    found = Activity.objects.published().search(text)
    assert {activity.title for activity in found} == expected


def test_search_finds_part_of_a_compound_word_in_the_title(programme):
    ActivityFactory(title="Koffieochtend")
    found = Activity.objects.published().search("KOFFIE")
    assert [activity.title for activity in found] == ["Koffieochtend"]


def test_search_ranks_the_title_above_the_description(programme):
    ActivityFactory(title="Iets anders", description="Wij gaan samen wandelen.")
    found = Activity.objects.published().search("wandelen").order_by("-search_rank")
    assert [activity.title for activity in found] == ["Wandeling door het park", "Iets anders"]


@time_machine.travel(MONDAY_NOON, tick=False)
def test_search_from_the_agenda_form(client, programme):
    assert titles(client.get(AGENDA, {"q": "cafe"})) == ["Taalcafé"]
    assert titles(client.get(AGENDA, {"q": "wandelen"})) == ["Wandeling door het park"]
    response = client.get(AGENDA, {"q": "xylofoonorkest"})
    assert titles(response) == []
    assert "agenda-empty" in response.content.decode()
