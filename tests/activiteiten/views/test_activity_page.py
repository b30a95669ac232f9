"""The activity page: dates, cost, joining, the place, contacts and JSON-LD."""

import pytest
import time_machine

from activiteiten.models import Activity
from tests.activiteiten.views.helpers import (
    MONDAY_NOON,
    jsonld,
)
from tests.factories import (
    ActivityFactory,
    LocationFactory,
)

pytestmark = pytest.mark.django_db


@time_machine.travel(MONDAY_NOON, tick=False)
def test_activity_page_shows_dates_cost_joining_and_place(english, coffee):
    response = english.get(coffee.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Koffieochtend</h1>" in body
    assert "Tuesday 24 November 2026" in body
    assert "Not going ahead: Zaal bezet" in body
    assert "€ 2 per keer" in body
    assert "Registration needed." in body
    assert "Bel even van tevoren." in body
    assert 'href="/locaties/de-magneet/"' in body
    assert "Hertmebrink 1, 7544 CZ Enschede" in body
    assert "Ontmoeten" in body
    assert "Buurtbewoners" in body
    assert 'href="http://testserver/activiteiten/koffieochtend/agenda.ics"' in body
    assert len(response.context["occurrences"]) == 10


@time_machine.travel(MONDAY_NOON, tick=False)
def test_contact_details_only_when_public(english, coffee):
    body = english.get(coffee.get_absolute_url()).content.decode()
    assert "Anna Gastvrouw" in body
    assert "053 999 99 99" not in body
    coffee.contact_person.contact_public = True
    coffee.contact_person.save()
    assert "053 999 99 99" in english.get(coffee.get_absolute_url()).content.decode()


@time_machine.travel(MONDAY_NOON, tick=False)
def test_activity_page_has_an_event_per_upcoming_date_in_json_ld(client, coffee):
    events = jsonld(client.get(coffee.get_absolute_url()).content.decode())
    assert len(events) == 10
    assert {event["@type"] for event in events} == {"Event"}
    first, cancelled = events[0], events[1]
    assert first["@context"] == "https://schema.org"
    assert first["startDate"] == "2026-11-24T10:00:00+01:00"
    assert first["endDate"] == "2026-11-24T12:00:00+01:00"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert cancelled["startDate"].startswith("2026-12-01T10:00")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert first["isAccessibleForFree"] is False
    assert first["organizer"] == {
        "@type": "Organization",
        "name": "Alifa",
        "url": "https://www.alifa.nl/",
    }
    place = first["location"]
    assert place["@type"] == "Place"
    assert place["address"]["postalCode"] == "7544 CZ"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 52.190486, "longitude": 6.87487}
    assert first["url"] == "http://testserver/activiteiten/koffieochtend/"


@time_machine.travel(MONDAY_NOON, tick=False)
def test_json_ld_cannot_break_out_of_its_script_element(client, coffee):
    coffee.title = "</script><script>alert(1)</script> & co"
    coffee.save()
    body = client.get(coffee.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body
    assert jsonld(body)[0]["name"] == "</script><script>alert(1)</script> & co"


@time_machine.travel(MONDAY_NOON, tick=False)
def test_place_without_coordinates_has_no_geo(client, coffee):
    coffee.location.latitude = coffee.location.longitude = None
    coffee.location.save()
    place = jsonld(client.get(coffee.get_absolute_url()).content.decode())[0]["location"]
    assert "geo" not in place


@time_machine.travel(MONDAY_NOON, tick=False)
def test_a_cancelled_activity_keeps_its_page_and_says_so(english, coffee):
    coffee.status = Activity.Status.CANCELLED
    coffee.save()
    response = english.get(coffee.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "This activity has been cancelled." in body
    statuses = {event["eventStatus"] for event in jsonld(body)}
    assert statuses == {"https://schema.org/EventCancelled"}


def test_draft_activity_or_hidden_place_is_not_found(client):
    assert client.get(ActivityFactory(status="draft").get_absolute_url()).status_code == 404
    hidden = ActivityFactory(location=LocationFactory(published=False))
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/activiteiten/bestaat-niet/").status_code == 404


def test_activity_without_dates_has_no_json_ld(client):
    body = client.get(ActivityFactory().get_absolute_url()).content.decode()
    assert "application/ld+json" not in body
