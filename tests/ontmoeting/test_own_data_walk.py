"""The walk of "Met uw eigen gegevens beginnen" (README): from an empty portal to a published
map of Noordenveld, clicked through the admin as a functional administrator does, and then
every public answer says Noordenveld and nowhere Enschede.

Empty start (what ``make start`` leaves: the migrations' seeds, one functional
administrator) → the site's settings → the kinds of places → the organisations → the
import of clusters, places and activities (upload, check, import) → the public pages, the
feeds, the map data, the JSON-LD, the API and its documentation, in Dutch and in English.
"""

import json
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from activiteiten.models import Activity
from beheer import services
from beheer.models import ImportBatch
from clusters.models import Cluster
from locaties.models import Location, LocationKind, Organisation
from tests import noordenveld

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

CENTRE = ("53.100000", "6.450000")  # between Roden, Norg and Peize
SETTINGS_FORM = {
    "site_name": "",
    "city_name": "Noordenveld",
    "map_latitude": CENTRE[0],
    "map_longitude": CENTRE[1],
    "map_zoom": "11",
    "tiles_url": "",
    "tiles_attribution": "",
    "boundaries_shown": "on",
    "boundaries_name": "Dorpen",
    "boundaries_attribution": "Dorpsgrenzen: gemeente Noordenveld (voorbeeld)",
    "holidays_country": "",
    "about_text": "De ontmoetingsplekken in de dorpen van Noordenveld.",
    "contact_url": "https://www.noordenveld.example/contact",
    "privacy_url": "https://www.noordenveld.example/privacy",
}


@pytest.fixture
def installation_defaults(settings):
    """What a fresh installation has: the defaults of ontmoeting/settings/base.py, which name
    no town (the test settings give the rest of the suite Enschede's)."""
    from ontmoeting.settings import base

    for name in (
        "CITY_NAME",
        "MAP_CENTER",
        "MAP_ZOOM",
        "MAP_BOUNDARIES_FILE",
        "MAP_BOUNDARIES_NAME",
        "MAP_BOUNDARIES_ATTRIBUTION",
    ):
        setattr(settings, name, getattr(base, name))
    # (An installation's own CITY_NAME or MAP_BOUNDARIES_FILE in the environment would show.)
    assert (settings.CITY_NAME, settings.MAP_BOUNDARIES_FILE) == ("", "")


def dutch_client(user) -> Client:
    client = Client()
    client.cookies["django_language"] = "nl"
    client.force_login(user)
    return client


def submit(client, url, data, *, files=None) -> str:
    """Post a form as the admin's Save button does; returns the page it leads to."""
    response = client.post(url, {**data, **(files or {})}, follow=True)
    assert response.status_code == 200, url
    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert not errors, (url, errors)
    return response


def sections(client) -> dict:
    start = client.get(reverse("admin:index"))
    return {section.key: section for section in start.context["start"].sections}


def walk(client):
    # An empty portal names no town; the start page asks for the settings, then the kinds.
    assert "Ontmoetingsplekken in uw gemeente" in Client().get("/").content.decode()
    found = sections(client)
    assert list(found)[:2] == ["no-settings", "no-kinds"]
    (item,) = found["no-settings"].items
    layer = (noordenveld.FILES / "dorpen.geojson").read_bytes()
    submit(
        client,
        item.fix.url,
        {**SETTINGS_FORM, "_save": "Opslaan"},
        files={"boundaries_upload": SimpleUploadedFile("dorpen.geojson", layer)},
    )
    found = sections(client)
    assert "no-settings" not in found
    (item,) = found["no-kinds"].items
    assert item.fix.url == reverse("admin:locaties_locationkind_add")

    for row in noordenveld.rows("kinds.csv"):
        submit(client, item.fix.url, {**row, "_save": "Opslaan"})  # no norm: days left empty
    assert [kind.slug for kind in LocationKind.objects.all()] == [
        "dorpshuis",
        "huiskamer",
        "kantine",
        "speeltuin",
    ]
    assert "no-kinds" not in sections(client)

    for row in noordenveld.rows("organisations.csv"):
        submit(client, reverse("admin:locaties_organisation_add"), {**row, "_save": "Opslaan"})
    assert Organisation.objects.count() == 4

    upload_url = reverse("admin:beheer_importbatch_upload")
    for kind, filename in noordenveld.IMPORTS:
        content = (noordenveld.FILES / filename).read_bytes()
        checked = submit(
            client,
            upload_url,
            {"kind": kind},
            files={"file": SimpleUploadedFile(filename, content)},
        )
        batch = ImportBatch.objects.get(filename=filename)
        assert batch.status == ImportBatch.Status.CHECKED, batch.report["errors"]
        assert reverse("admin:beheer_importbatch_confirm", args=[batch.pk]) in (
            checked.content.decode()
        )
        submit(client, reverse("admin:beheer_importbatch_confirm", args=[batch.pk]), {})
        batch.refresh_from_db()
        assert batch.status == ImportBatch.Status.IMPORTED
    assert (Cluster.objects.count(), Location.objects.count(), Activity.objects.count()) == (
        3,
        7,
        7,
    )


def public_urls() -> list[str]:
    """Every public page and answer, for every object the import made."""
    urls = [
        "/",
        "/?kind=kantine&open_now=true",
        "/locaties/kaart.geojson",
        "/clusters/",
        "/clusters/gebieden.geojson",
        "/clusters/wijken.geojson",
        "/activiteiten/",
        "/activiteiten/agenda.ics",
        "/api/v1/",
        "/api/v1/schema/",
        "/api/v1/places/",
        "/api/v1/places.geojson",
        "/api/v1/kinds/",
        "/api/v1/clusters/",
        "/api/v1/activities/",
        "/api/v1/occurrences/?start=2026-12-01&end=2026-12-31",
        "/api/v1/organisations/",
        "/over-deze-site/",
        "/bestaat-niet/",
    ]
    for place in Location.objects.published():
        urls += [
            place.get_absolute_url(),
            f"/locaties/{place.slug}/agenda.ics",
            f"/api/v1/places/{place.slug}/",
        ]
    for place in Location.objects.published().with_coordinates():
        urls.append(f"/locaties/{place.slug}/kaart.json")  # the popups of the markers
    for cluster in Cluster.objects.all():
        urls += [
            cluster.get_absolute_url(),
            f"/clusters/{cluster.slug}/agenda.ics",
            f"/overzichten/weekblad/{cluster.slug}/",
            f"/api/v1/clusters/{cluster.slug}/",
        ]
    for activity in Activity.objects.published():
        urls += [
            activity.get_absolute_url(),
            f"/activiteiten/{activity.slug}/agenda.ics",
            f"/api/v1/activities/{activity.slug}/",
        ]
    return urls


def json_ld(html: str) -> list:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S
        )
    ]


@pytest.mark.usefixtures("installation_defaults")
def test_from_an_empty_portal_to_a_map_that_says_noordenveld_and_never_enschede():
    administrator = services.administrator_create(
        username="wim",
        full_name="Wim van der Veen",
        email="wim@noordenveld.example",
        password="Lindeboom-Roden-Norg-2026",
    )
    walk(dutch_client(administrator))

    leaks = []
    pages_with_name = 0
    for language in ("nl", "en"):
        visitor = Client()
        visitor.cookies["django_language"] = language
        for url in public_urls():
            response = visitor.get(url)
            assert response.status_code == (404 if url == "/bestaat-niet/" else 200), url
            body = b"".join(response) if response.streaming else response.content
            content = unescape(body.decode())
            if re.search("enschede", content, re.I):
                at = re.search("enschede", content, re.I).start()
                leaks.append(f"{language} {url}: …{content[max(0, at - 80) : at + 40]}…")
            if response["Content-Type"].startswith("text/html"):
                assert "Noordenveld" in content, (language, url)
                pages_with_name += 1
                assert "52.2215" not in content, url  # Enschede's map centre
    assert leaks == []
    assert pages_with_name > 20

    # The JSON-LD of a place and the map's start.
    html = Client().get("/locaties/dorpshuis-de-hoeksteen/").content.decode()
    (place,) = [item for item in json_ld(html) if item.get("name") == "Dorpshuis De Hoeksteen"]
    assert place["@type"] == "CivicStructure"
    assert place["address"]["addressLocality"] == "Nietap"
    # The map starts over Noordenveld, with its villages as the boundary layer.
    home = Client().get("/").content.decode()
    assert 'data-center="53.1,6.45"' in home, re.findall(r'data-center="[^"]*"', home)
    layer = Client().get("/clusters/wijken.geojson").json()
    assert [f["properties"]["naam"] for f in layer["features"]] == [
        "Roden en Nietap",
        "Norg en Veenhuizen",
        "Peize en Altena",
    ]
    about = Client().get("/over-deze-site/")
    assert "De ontmoetingsplekken in de dorpen van Noordenveld." in about.content.decode()
