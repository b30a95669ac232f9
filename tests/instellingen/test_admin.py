"""Only functional administrators (and superusers) see or change the site's settings; every
other role is refused on the server, also when it posts the form directly."""

import pytest
from django.test import Client

from instellingen.models import SiteSettings
from ontmoeting import roles
from tests.beheer.conftest import make_staff

from .conftest import EMPTY_FORM, SETTINGS_URL, logged_in

pytestmark = pytest.mark.django_db

OTHER_ROLES = [roles.WELFARE_WORKER, roles.CLUSTER_MANAGER, roles.MUNICIPALITY, None]
HISTORY_URL = SETTINGS_URL + "history/"


def posted(**changes) -> dict:
    return {**EMPTY_FORM, **changes}


@pytest.fixture
def saved():
    row = SiteSettings(city_name="Enschede")
    row.save()
    return row


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_may_not_see_the_settings(role, saved):
    client = logged_in(make_staff("iemand", role=role))
    assert client.get(SETTINGS_URL).status_code == 403
    assert client.get(HISTORY_URL).status_code in (403, 404)
    index = client.get("/beheer/").content.decode()
    assert SETTINGS_URL not in index


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_may_not_change_the_settings_by_posting(role, saved):
    client = logged_in(make_staff("iemand", role=role))
    response = client.post(SETTINGS_URL, posted(city_name="Ergens"))
    assert response.status_code == 403
    assert SiteSettings.objects.get().city_name == "Enschede"


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_other_roles_do_not_even_create_the_row(role):
    client = logged_in(make_staff("iemand", role=role))
    client.get(SETTINGS_URL)
    client.post(SETTINGS_URL, posted(city_name="Ergens"))
    assert not SiteSettings.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(saved):
    client = Client()
    for response in (
        client.get(SETTINGS_URL),
        client.post(SETTINGS_URL, posted(city_name="Ergens")),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/beheer/login/")
    assert SiteSettings.objects.get().city_name == "Enschede"


def test_the_revert_form_of_the_history_is_closed_to_other_roles(saved, functional_admin):
    logged_in(functional_admin).post(SETTINGS_URL, posted(city_name="Noordenveld"))
    version = SiteSettings.history.earliest("history_id")
    url = f"{SETTINGS_URL}{saved.pk}/history/{version.history_id}/"
    client = logged_in(make_staff("iemand", role=roles.MUNICIPALITY))
    assert client.post(url, posted(city_name="Ergens")).status_code in (403, 404)
    assert SiteSettings.objects.get().city_name == "Noordenveld"


@pytest.mark.parametrize("superuser", [False, True])
def test_functional_administrators_and_superusers_change_the_settings(superuser):
    user = (
        make_staff("baas", superuser=True)
        if superuser
        else make_staff("fb", role=roles.FUNCTIONAL_ADMIN)
    )
    client = logged_in(user)
    assert client.get(SETTINGS_URL).status_code == 200
    response = client.post(SETTINGS_URL, posted(city_name="Noordenveld"))
    assert response.status_code == 302
    assert SiteSettings.objects.get().city_name == "Noordenveld"


def test_a_change_is_in_the_history_with_who_made_it(admin_browser, functional_admin):
    admin_browser.post(SETTINGS_URL, posted(city_name="Noordenveld"))
    admin_browser.post(SETTINGS_URL, posted(city_name="Westerkwartier"))
    latest = SiteSettings.history.latest("history_id")
    assert (latest.city_name, latest.history_user) == ("Westerkwartier", functional_admin)
    page = admin_browser.get(HISTORY_URL).content.decode()
    assert "Noordenveld" in page
    assert "Westerkwartier" in page


def test_the_settings_cannot_be_added_or_deleted(admin_browser, saved):
    assert admin_browser.get(SETTINGS_URL + "add/").status_code == 403
    assert (
        admin_browser.post(f"{SETTINGS_URL}{saved.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert SiteSettings.objects.exists()


def test_the_form_has_the_map_to_pick_the_centre(admin_browser):
    page = admin_browser.get(SETTINGS_URL).content.decode()
    assert 'data-zoom-input="id_map_zoom"' in page
    assert 'data-latitude-input="id_map_latitude"' in page
    assert 'id="id_map_latitude"' in page, "the inputs stay, for the keyboard and without script"
