import pytest
from django.test import Client

from ontmoeting import roles
from tests.beheer.conftest import make_staff

SETTINGS_URL = "/beheer/instellingen/sitesettings/"
# Every field of the form, empty: the environment's values hold.
EMPTY_FORM = {
    "site_name": "",
    "city_name": "",
    "map_latitude": "",
    "map_longitude": "",
    "map_zoom": "",
    "tiles_url": "",
    "tiles_attribution": "",
    "boundaries_shown": "on",
    "boundaries_name": "",
    "boundaries_attribution": "",
    "holidays_country": "",
    "about_text": "",
    "contact_url": "",
    "privacy_url": "",
}


def logged_in(user, language="nl") -> Client:
    client = Client()
    client.cookies["django_language"] = language
    client.force_login(user)
    return client


@pytest.fixture
def functional_admin(db):
    return make_staff("fb", role=roles.FUNCTIONAL_ADMIN)


@pytest.fixture
def admin_browser(functional_admin) -> Client:
    """A functional administrator's client, with the admin in Dutch."""
    return logged_in(functional_admin)
