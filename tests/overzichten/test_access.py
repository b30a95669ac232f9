"""Only municipality staff, functional administrators and superusers see the overviews and
their downloads; crafted URLs included. The weekly sheet is public."""

from urllib.parse import quote

import pytest

from overzichten import exports

pytestmark = pytest.mark.django_db

PAGES = [
    "/overzichten/",
    "/overzichten/norm/",
    "/overzichten/begeleiding/",
    "/overzichten/aanbod/",
    "/overzichten/datakwaliteit/",
]
DOWNLOADS = [
    "/overzichten/download/overzicht.xlsx",
    "/overzichten/download/aanbod.xlsx",
    "/overzichten/download/plekken.geojson",
    "/overzichten/download/aanbod.ics",
    *(f"/overzichten/download/{topic}.csv" for topic in exports.TOPICS),
]
CRAFTED = [
    "/overzichten/?cluster=noord&kind=park",
    "/overzichten/norm/?cluster=%27%3B--",
    "/overzichten/aanbod/?week_of=2030-01-01&theme=sport",
    "/overzichten/download/plekken.csv?sep=;&cluster=oost",
    "/overzichten/download/overzicht.xlsx?q=" + "x" * 300,
    "/overzichten/download/aanbod.ics?organiser=alifa",
    "/overzichten/download/geheim.csv",
    "/overzichten/download/norm.csv?topic=plekken&sep=%3B&format=json",
]
EVERY_URL = PAGES + DOWNLOADS + CRAFTED
ALLOWED = ["municipality", "functional_admin", "superuser"]
REFUSED = ["welfare_worker", "cluster_manager", "no_role"]


def test_anonymous_goes_to_the_admin_login(client, db):
    for url in EVERY_URL:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/beheer/login/?next=" + quote(url, safe="/"), url


@pytest.mark.parametrize("role", REFUSED)
def test_other_staff_are_refused(client, users, role):
    client.force_login(users[role])
    refused = {url: client.get(url).status_code for url in EVERY_URL}
    assert refused == dict.fromkeys(EVERY_URL, 403)


@pytest.mark.parametrize("role", REFUSED)
def test_other_staff_are_refused_for_every_method(client, users, role):
    client.force_login(users[role])
    for url in ("/overzichten/", "/overzichten/download/overzicht.xlsx"):
        assert client.post(url).status_code == 403
        assert client.head(url).status_code == 403


@pytest.mark.parametrize("role", ALLOWED)
def test_overview_roles_get_in(client, users, city, role):
    client.force_login(users[role])
    for url in PAGES + DOWNLOADS:
        response = client.get(url)
        assert response.status_code == 200, url
        # Staff data is not kept in shared caches.
        assert "no-store" in response["Cache-Control"], url


def test_the_admin_login_leads_back_to_the_overview(client, users, city):
    response = client.post(
        "/beheer/login/?next=/overzichten/norm/",
        {"username": "gemeente", "password": "a-long-test-password", "next": "/overzichten/norm/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/overzichten/norm/"
    assert client.get("/overzichten/norm/").status_code == 200


def test_an_inactive_user_is_not_let_in(client, users, city):
    user = users["municipality"]
    user.is_active = False
    user.save()
    client.force_login(user)
    assert client.get("/overzichten/").status_code in (302, 403)


def test_other_staff_learn_nothing_from_the_refusal(client, users, city):
    client.force_login(users["welfare_worker"])
    response = client.get("/overzichten/download/plekken.csv")
    assert response.status_code == 403
    assert b"Magneet" not in response.content


def test_the_weekly_sheet_is_public(client, city):
    response = client.get("/overzichten/weekblad/noord/")
    assert response.status_code == 200
    assert client.get("/overzichten/weekblad/bestaat-niet/").status_code == 404
