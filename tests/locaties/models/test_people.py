"""locaties.models.people: what the public sees of a person, one rule on every surface."""

import datetime

import pytest
import time_machine

from locaties.models import Person
from tests.factories import LocationFactory
from tests.locaties.models.helpers import AMS

pytestmark = pytest.mark.django_db


PUBLIC = {"name": "Anna Openbaar", "phone": "053 111 22 33", "email": "anna@example.org"}
PRIVATE = {"name": "Piet Besloten", "phone": "06 98 76 54 32", "email": "piet@example.org"}
HOST = {"name": "Hanna Gastvrouw", "phone": "06 11 22 33 44", "email": "hanna@example.org"}


@pytest.fixture
def people_world():
    from tests.factories import ActivityFactory, PersonFactory, ScheduleFactory

    place = LocationFactory(name="De Magneet", slug="de-magneet")
    cluster = place.cluster
    PersonFactory(**PUBLIC, contact_public=True, clusters=[cluster])
    private = PersonFactory(**PRIVATE, contact_public=False, clusters=[cluster])
    PersonFactory(**HOST, role=Person.Role.HOST, contact_public=False, locations=[place])
    activity = ActivityFactory(title="Koffie", location=place, contact_person=private)
    ScheduleFactory(activity=activity)
    return place, activity


def surfaces(place, activity) -> dict[str, tuple[str, list[dict]]]:
    """Every public surface that shows people: its address and who must appear on it."""
    from django.urls import reverse

    everyone = [PUBLIC, PRIVATE, HOST]
    return {
        "place page": (place.get_absolute_url(), everyone),
        "cluster page": (place.cluster.get_absolute_url(), [PUBLIC, PRIVATE]),
        "activity page": (activity.get_absolute_url(), [PRIVATE]),
        "weekly sheet": (
            reverse("overzichten:weekly_sheet", kwargs={"slug": place.cluster.slug}),
            everyone,
        ),
        "API place": (f"/api/v1/places/{place.slug}/", everyone),
        "API places": ("/api/v1/places/", everyone),
        "API map data": ("/api/v1/places.geojson", everyone),
        "API activity": (f"/api/v1/activities/{activity.slug}/", [PRIVATE]),
        "API activities": ("/api/v1/activities/", [PRIVATE]),
    }


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=AMS), tick=False)
def test_names_and_roles_everywhere_contact_details_only_when_public(client, people_world):
    place, activity = people_world
    for surface, (url, shown) in surfaces(place, activity).items():
        response = client.get(url)
        assert response.status_code == 200, surface
        body = response.content.decode()
        for person in shown:
            assert person["name"] in body, (surface, person["name"])
        for person in (PUBLIC, PRIVATE, HOST):
            public = person is PUBLIC and person in shown
            for detail in ("phone", "email"):
                assert (person[detail] in body) == public, (surface, person["name"], detail)


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=AMS), tick=False)
def test_the_api_gives_a_private_person_with_empty_contact_details(client, people_world):
    place, activity = people_world
    contacts = client.get(f"/api/v1/places/{place.slug}/").json()["contacts"]
    by_name = {contact["name"]: contact for contact in contacts}
    assert set(by_name) == {PUBLIC["name"], PRIVATE["name"], HOST["name"]}
    assert (by_name[PUBLIC["name"]]["phone"], by_name[PUBLIC["name"]]["email"]) == (
        PUBLIC["phone"],
        PUBLIC["email"],
    )
    assert by_name[HOST["name"]]["role"] == "host"
    for name in (PRIVATE["name"], HOST["name"]):
        assert (by_name[name]["phone"], by_name[name]["email"]) == ("", "")
    contact = client.get(f"/api/v1/activities/{activity.slug}/").json()["contact"]
    assert (contact["name"], contact["role"], contact["phone"], contact["email"]) == (
        PRIVATE["name"],
        "cluster_manager",
        "",
        "",
    )
