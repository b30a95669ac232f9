"""Fixtures of the activity admin's tests."""

import pytest


@pytest.fixture(autouse=True)
def english_admin(admin_client):
    """These tests read the admin's English texts; the site itself defaults to Dutch."""
    admin_client.cookies["django_language"] = "en"
