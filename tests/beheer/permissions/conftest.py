"""The one world the permission tests share, built once for the package."""

import pytest
from django.conf import settings

from tests.beheer.conftest import build_world, client_for
from tests.conftest import module_data


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    """One world for the whole package (a thousand tests); each test runs in a savepoint
    inside this transaction and is rolled back, so every test starts from the same data."""
    with module_data(django_db_blocker):
        world = build_world()
        # Each role logs in once for the package (a login costs as much as a small page);
        # the matrix's clients carry the session cookie. Kept: the package's transaction
        # holds the sessions, and each test's savepoint rolls back what it changes in them.
        world.sessions = {
            role: client_for(user).cookies[settings.SESSION_COOKIE_NAME].value
            for role, user in world.users.items()
            if user is not None
        }
        yield world
