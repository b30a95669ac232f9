"""Line breaks and control characters in the feeds.

Forms and imports refuse them in one-line fields (ontmoeting/text.py), but rows from before
that, a script, or a search typed into the feed URL still bring them. Before, a line break
in the calendar's name stopped the feed with an AssertionError in icalendar (500); under
python -O it would have written a property of the sender's choosing.
"""

import datetime
import unicodedata

import pytest
import time_machine
from django.urls import reverse

from tests.activiteiten.ical.helpers import NOW, fetch
from tests.factories import ActivityFactory, LocationFactory, ScheduleFactory

pytestmark = pytest.mark.django_db


def content_lines(raw: bytes) -> list[bytes]:
    """The unfolded content lines of a feed, as RFC 5545 defines them (CRLF, a continuation
    starts with a space)."""
    return raw.replace(b"\r\n ", b"").split(b"\r\n")


def property_names(raw: bytes) -> set[bytes]:
    return {line.split(b":", 1)[0].split(b";", 1)[0] for line in content_lines(raw) if line}


@time_machine.travel(NOW, tick=False)
def test_a_title_with_a_line_break_gives_a_feed_on_one_line(client):
    # Saved as a careless script would: the factory bypasses the forms' validation.
    activity = ActivityFactory(
        slug="koffie",
        title="Koffie\nochtend\r\nX-INJECTED:1",
        room="Zaal\x1b[31m 1\t(boven)",
        description="Eerste regel.\r\nTweede regel.\x0bDerde\x7f.",
        location=LocationFactory(name="De\u2028Magneet"),
    )
    ScheduleFactory(activity=activity, start_date=datetime.date(2026, 3, 3))

    response, calendar = fetch(client, reverse("activiteiten:ical", kwargs={"slug": "koffie"}))

    raw = response.content
    assert b"X-INJECTED" not in property_names(raw)
    text = raw.decode()
    assert not [
        char for char in text if char not in "\r\n\t" and unicodedata.category(char) == "Cc"
    ]
    assert calendar["X-WR-CALNAME"] == "Koffie ochtend X-INJECTED:1"
    (event,) = calendar.events
    assert event["SUMMARY"] == "Koffie ochtend X-INJECTED:1"
    assert str(event["LOCATION"]).startswith("Zaal[31m 1 (boven), De Magneet, ")
    # The description keeps its lines (as \n, escaped in the feed), and no control characters.
    assert str(event["DESCRIPTION"]).startswith("Eerste regel.\nTweede regel.\nDerde.\n\n")


@pytest.mark.parametrize(
    "query",
    ["a\nb", "a\r\nX-INJECTED:1", "a\rb", "a\u2028b", "a\x85b", "\x1b[31m", "a\x0b\x0cb"],
)
@time_machine.travel(NOW, tick=False)
def test_a_search_with_a_line_break_names_the_feed_on_one_line(client, city, query):
    client.cookies["django_language"] = "en"
    response, calendar = fetch(client, "/activiteiten/agenda.ics", q=query)
    name = str(calendar["X-WR-CALNAME"])
    assert name.startswith("Activities in Enschede")
    assert not any(char in name for char in "\r\n\x0b\x0c\x1b\x85\u2028")
    assert b"X-INJECTED" not in property_names(response.content)


@time_machine.travel(NOW, tick=False)
def test_place_and_cluster_names_with_line_breaks_in_their_feeds(client):
    place = LocationFactory(slug="huis", name="Huis\nDe Linde", cluster__name="Noord\r\nOost")
    ScheduleFactory(activity__location=place, start_date=datetime.date(2026, 3, 3))
    client.cookies["django_language"] = "en"
    for url, name in [
        (reverse("locaties:ical", kwargs={"slug": "huis"}), "Activities at Huis De Linde"),
        (
            reverse("clusters:ical", kwargs={"slug": place.cluster.slug}),
            "Activities in cluster Noord Oost",
        ),
    ]:
        _, calendar = fetch(client, url)
        assert calendar["X-WR-CALNAME"] == name
        assert len(calendar.events) == 1
