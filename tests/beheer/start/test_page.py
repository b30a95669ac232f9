"""The start page as a whole (beheer/start/): the sections of each role, each once, long
lists cut off, in Dutch with Dutch dates."""

import re
from html import unescape

import pytest
from django.urls import reverse

from ontmoeting import roles
from tests.beheer.conftest import client_for, make_staff
from tests.beheer.start.helpers import INDEX, change_url, sections, start, titles
from tests.factories import LocationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]


def test_municipality_staff_see_the_overviews_and_the_gaps_of_all_places(city):
    response = start(city["municipality"])
    found = sections(response)
    assert list(found) == ["no-hours", "no-supervisor", "no-coordinates", "not-verified"]
    assert titles(found["no-hours"]) == ["Huis Zuid"]
    assert titles(found["no-supervisor"]) == ["Huis Zuid"]
    assert titles(found["no-coordinates"]) == ["Huis Zuid"]
    assert titles(found["not-verified"]) == ["Huiswerkklas", "Taalcafé"]
    # They may look, not change: the item leads to the place, and no button verifies.
    assert found["no-hours"].items[0].fix.url == change_url(city["zuid"])
    assert all(not item.verify_url for item in found["not-verified"].items)
    assert found["no-hours"].more.url == reverse("overzichten:quality") + "#no-hours"
    links = [link.url for link in response.context["start"].links]
    assert reverse("overzichten:quality") in links
    assert reverse("overzichten:norm") in links
    # The list of everything in the admin stays, below.
    assert 'id="start-everything-heading"' in response.content.decode()


def test_a_functional_administrator_gets_a_mix_with_buttons(city):
    found = sections(start(city["administrator"]))
    assert list(found) == ["no-hours", "no-supervisor", "no-coordinates", "not-verified", "ending"]
    assert titles(found["ending"]) == ["Huiswerkklas", "Breiclub"]
    assert all(item.verify_url for item in found["not-verified"].items)


def test_someone_with_two_roles_sees_each_section_once(city):
    both = make_staff(
        "beide", role=roles.WELFARE_WORKER, organisations=[city["alifa"]], clusters=[city["north"]]
    )
    from django.contrib.auth.models import Group

    both.groups.add(Group.objects.get(name=roles.MUNICIPALITY))
    found = sections(start(both))
    assert list(found) == [
        "ending",
        "not-verified",
        "closed-dates",
        "warnings",
        "no-hours",
        "no-supervisor",
        "no-coordinates",
    ]
    # The welfare worker's own list comes first: only Alifa's activity.
    assert titles(found["not-verified"]) == ["Taalcafé"]


def test_staff_without_a_role_are_told_so(city):
    plain = make_staff("medewerker")
    response = start(plain)
    assert response.context["start"].sections == []
    assert "no role yet" in response.content.decode()


def test_long_lists_are_cut_off_and_counted(city):
    from beheer.start import LIST_LIMIT

    for n in range(LIST_LIMIT + 3):
        LocationFactory(name=f"Plek {n:02}", cluster=city["south"])
    section = sections(start(city["municipality"]))["no-hours"]
    assert len(section.items) == LIST_LIMIT
    assert section.total == LIST_LIMIT + 4
    assert "And 4 more." in start(city["municipality"]).content.decode()


# --- Words ----------------------------------------------------------------------------------


def test_the_page_is_in_dutch_with_dutch_dates(city):
    client = client_for(city["welfare"])
    client.cookies["django_language"] = "nl"
    html = unescape(client.get(INDEX).content.decode())
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "De Magneet is dicht op wo 9 dec 2026. Reden: Verbouwing." in text
    assert "Klopt nog" in text
    assert "Still correct" not in text
    assert "Ending within four weeks" not in text
