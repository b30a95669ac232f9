"""Every public page describes itself for search engines and link previews, in its language."""

import re

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, ScheduleFactory

pytestmark = pytest.mark.django_db

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')


def test_public_pages_have_a_description_of_their_own(client):
    activity = ActivityFactory(title="Koffieochtend", location__name="De Magneet", description="")
    ScheduleFactory(activity=activity)
    pages = {
        reverse("locaties:home"): "Ontmoetingsplekken in Enschede",
        activity.location.get_absolute_url(): "De Magneet: openingstijden",
        reverse("activiteiten:agenda"): "dag voor dag",
        activity.get_absolute_url(): "Koffieochtend in De Magneet",
        activity.location.cluster.get_absolute_url(): "De ontmoetingsplekken van cluster",
    }
    for url, expected in pages.items():
        (description,) = DESCRIPTION.findall(client.get(url).content.decode())
        assert expected in description, url


def test_an_activity_with_a_text_is_described_by_its_first_words(client):
    activity = ActivityFactory(description="Samen koffie drinken en bijpraten. " * 20)
    (description,) = DESCRIPTION.findall(client.get(activity.get_absolute_url()).content.decode())
    assert description.startswith("Samen koffie drinken")
    assert description.endswith("…")


def test_the_description_follows_the_language(client):
    client.cookies["django_language"] = "en"
    (description,) = DESCRIPTION.findall(client.get("/").content.decode())
    assert description.startswith("Meeting places in Enschede")
