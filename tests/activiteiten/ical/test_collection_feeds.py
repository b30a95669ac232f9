"""The feeds of a place, a cluster and the (filtered) agenda: what is in them, their names,
their size and their queries."""

import datetime

import pytest
import time_machine

from activiteiten.models import Activity
from tests.activiteiten.ical.helpers import AMSTERDAM, NOW, fetch
from tests.activiteiten.views.helpers import many_activities

pytestmark = pytest.mark.django_db


def slugs(calendar) -> list[str]:
    return sorted({str(e["URL"]).rstrip("/").rsplit("/", 1)[1] for e in calendar.events})


@pytest.mark.parametrize(
    ("url", "name", "expected"),
    [
        ("/locaties/de-magneet/agenda.ics", "Activities at", ["bingo", "gym"]),
        ("/clusters/noord/agenda.ics", "Activities in cluster", ["bingo", "gym", "koor"]),
        ("/clusters/zuid/agenda.ics", "Activities in cluster", ["voetbal"]),
        ("/activiteiten/agenda.ics", "Activities in Enschede", ["bingo", "gym", "koor", "voetbal"]),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_place_cluster_and_agenda_feeds(client, city, url, name, expected):
    client.cookies["django_language"] = "en"
    _, calendar = fetch(client, url)
    assert slugs(calendar) == expected
    assert str(calendar["X-WR-CALNAME"]).startswith(name)
    assert calendar.timezones


@pytest.mark.parametrize(
    ("query", "expected", "events"),
    [
        ({"theme": "sport"}, ["gym", "voetbal"], 2),
        ({"place": "het-bolwerk"}, ["koor"], 2),
        ({"cluster": "zuid", "theme": "sport"}, ["voetbal"], 1),
        # Day and part narrow to the schedules that match: only the choir's Tuesday evening.
        ({"day": "1"}, ["gym", "koor"], 2),
        ({"day": "5", "part": "afternoon"}, ["koor"], 1),
        ({"part": "evening"}, ["koor"], 1),
        ({"q": "bingo"}, ["bingo"], 1),
        ({"theme": "sport", "day": "2"}, [], 0),
        # An invalid value is ignored, as on the agenda page.
        ({"theme": "sport", "cluster": "bestaat-niet"}, ["gym", "voetbal"], 2),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_filtered_agenda_feed_contains_only_the_matching_activities(
    client, city, query, expected, events
):
    _, calendar = fetch(client, "/activiteiten/agenda.ics", **query)
    assert slugs(calendar) == expected
    assert len(calendar.events) == events
    assert calendar.timezones


@time_machine.travel(NOW, tick=False)
def test_feed_name_says_what_was_chosen(client, city):
    client.cookies["django_language"] = "en"
    _, calendar = fetch(client, "/activiteiten/agenda.ics", theme="sport", day="1")
    assert calendar["X-WR-CALNAME"] == "Activities in Enschede: Tuesday, Sport"


@time_machine.travel(NOW, tick=False)
def test_a_feed_too_large_for_a_calendar_app_asks_for_a_narrower_choice(client, city, monkeypatch):
    """The whole agenda of a region is 34 MB: it is refused, and the page that offers it
    says so, while every narrower choice still gets its feed."""
    monkeypatch.setattr("activiteiten.ical.MAX_FEED_ACTIVITIES", 3)
    client.cookies["django_language"] = "en"
    response = client.get("/activiteiten/agenda.ics")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "This choice has more than 3 activities: too many for a calendar app. "
        "Choose a cluster, a place, a theme or an organiser first."
    )
    page = client.get("/activiteiten/abonneren/").content.decode()
    assert "too many for a calendar app" in page
    assert "/activiteiten/agenda.ics" not in page
    assert 'href="/activiteiten/"' in page  # back to choose

    _, calendar = fetch(client, "/activiteiten/agenda.ics", cluster="noord")
    assert slugs(calendar) == ["bingo", "gym", "koor"]
    page = client.get("/activiteiten/abonneren/", {"cluster": "noord"}).content.decode()
    assert "too many for a calendar app" not in page
    assert "/activiteiten/agenda.ics?cluster=noord" in page
    client.cookies["django_language"] = "nl"
    assert "meer dan 3 activiteiten" in client.get("/activiteiten/agenda.ics").content.decode()


@pytest.mark.parametrize("count", [10, 100])
@time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM), tick=False)
def test_feeds_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    place = many_activities(count)
    activity = Activity.objects.filter(location=place).first()
    for url, query in (
        ("/activiteiten/agenda.ics", {}),
        (
            "/activiteiten/agenda.ics",
            {"theme": "thema-1", "day": "1", "part": "evening", "place": place.slug, "q": "x"},
        ),
        (f"/locaties/{place.slug}/agenda.ics", {}),
        (f"/clusters/{place.cluster.slug}/agenda.ics", {}),
        (f"/activiteiten/{activity.slug}/agenda.ics", {}),
    ):
        with django_assert_max_num_queries(10):
            response = client.get(url, query)
        assert response.status_code == 200
    _, calendar = fetch(client, "/activiteiten/agenda.ics")
    assert len(calendar.events) == 2 * count
