"""Fixtures of the place admin's tests: the admin in English, and a place to edit."""

import pytest

from tests.factories import LocationFactory


@pytest.fixture(autouse=True)
def english_admin(admin_client):
    """These tests read the admin's English texts; the site itself defaults to Dutch."""
    admin_client.cookies["django_language"] = "en"


@pytest.fixture
def place():
    return LocationFactory(name="De Magneet", slug="de-magneet")
