"""A second municipality through the journeys Enschede's residents and staff make.

Noordenveld (tests/fixtures/noordenveld/) has its own kinds of places and no norm; it is
loaded once for the module through the real import, on a frozen clock: Tuesday
1 December 2026, 10:00, when every place (Monday to Friday 09:00–17:00) is open. The numbers
expected here are counted by hand from the files.
"""

import datetime
import json
import re
from html import unescape

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from icalendar import Calendar

from activiteiten.models import Activity
from clusters.models import Cluster
from locaties.models import Location, LocationKind
from ontmoeting import roles
from tests import noordenveld
from tests.conftest import AMSTERDAM, TUESDAY_MORNING, module_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock", "data")]

PLACES = {row["slug"]: row["naam"] for row in noordenveld.place_rows()}
ON_THE_MAP = set(PLACES) - {"kantine-vv-peize"}  # the one without coordinates
SUPERVISED = {
    "dorpshuis-de-hoeksteen",
    "huiskamer-de-brink",
    "dorpshuis-de-brinkhof",
    "dorpshuis-het-schoolhuis",
}
KINDS = ["dorpshuis", "huiskamer", "kantine", "speeltuin"]


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker, frozen_clock):
    with module_data(django_db_blocker):
        noordenveld.load()
        staff = User.objects.create_user("gemeente-noordenveld", is_staff=True)
        staff.groups.add(Group.objects.get(name=roles.MUNICIPALITY))
        yield staff


@pytest.fixture
def staff_client(client, data):
    client.force_login(data)
    return client


def text(response) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def cards(response) -> set[str]:
    return set(re.findall(r'class="place-card" id="place-([\w-]+)"', response.content.decode()))


def test_the_import_made_what_the_files_hold():
    assert Cluster.objects.count() == 3
    assert set(Location.objects.values_list("slug", flat=True)) == set(PLACES)
    # The kind by its Dutch name, plural, English name or slug, in any case.
    assert dict(Location.objects.values_list("slug", "kind__slug")) == {
        "dorpshuis-de-hoeksteen": "dorpshuis",
        "huiskamer-de-brink": "huiskamer",
        "speeltuin-het-vlonderpad": "speeltuin",
        "dorpshuis-de-brinkhof": "dorpshuis",
        "kantine-vv-norg": "kantine",
        "dorpshuis-het-schoolhuis": "dorpshuis",
        "kantine-vv-peize": "kantine",
    }
    assert not any(kind.norm for kind in LocationKind.objects.all())
    assert Activity.objects.count() == 7
    # An empty "last verified" is the day of the import, not "never verified".
    assert set(Activity.objects.values_list("last_verified", flat=True)) == {TUESDAY_MORNING.date()}


# --- Residents ------------------------------------------------------------------------------


def test_the_list_shows_every_place_and_the_kinds_as_filters(client):
    response = client.get("/")
    assert response.status_code == 200
    assert cards(response) == set(PLACES)
    html = response.content.decode()
    for kind in KINDS:
        assert f'name="kind" value="{kind}"' in html, kind
    page = text(response)
    assert "Clubkantine" in page
    assert "Ontmoetingspark" not in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=kantine", {"kantine-vv-norg", "kantine-vv-peize"}),
        ("kind=speeltuin&kind=huiskamer", {"speeltuin-het-vlonderpad", "huiskamer-de-brink"}),
        ("cluster=norg-en-veenhuizen", {"dorpshuis-de-brinkhof", "kantine-vv-norg"}),
        ("q=schoolhuis", {"dorpshuis-het-schoolhuis"}),
        ("kind=dorpshuis&cluster=peize-en-altena", {"dorpshuis-het-schoolhuis"}),
        (
            "access=wheelchair_accessible",
            set(PLACES) - {"speeltuin-het-vlonderpad", "kantine-vv-peize"},
        ),
    ],
)
def test_filters(client, query, expected):
    assert cards(client.get(f"/?{query}")) == expected


def test_open_now_follows_the_weekday_hours(client):
    # Tuesday 10:00: all open; supervised only where a professional is.
    assert cards(client.get("/?open_now=true")) == set(PLACES)
    assert cards(client.get("/?supervised_now=true")) == SUPERVISED
    assert cards(client.get("/?day=2&open_at=16:30")) == set(PLACES)
    assert cards(client.get("/?day=5&open_at=10:00")) == set()  # Saturday
    with time_machine.travel(datetime.datetime(2026, 12, 1, 17, 0, tzinfo=AMSTERDAM), tick=False):
        assert cards(client.get("/?open_now=true")) == set()
    with time_machine.travel(datetime.datetime(2026, 12, 5, 10, 0, tzinfo=AMSTERDAM), tick=False):
        assert cards(client.get("/?open_now=true")) == set()
    # Christmas Day (a Friday) they are closed: they close on public holidays.
    with time_machine.travel(datetime.datetime(2026, 12, 25, 10, 0, tzinfo=AMSTERDAM), tick=False):
        assert cards(client.get("/?open_now=true")) == set()


def test_the_map_data_has_the_places_with_coordinates_and_their_own_kinds(client):
    response = client.get("/locaties/kaart.geojson")
    assert response.status_code == 200
    collection = json.loads(response.content)
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == ON_THE_MAP
    hoeksteen = features["dorpshuis-de-hoeksteen"]
    assert hoeksteen["geometry"]["coordinates"] == [6.4031, 53.1583]
    assert {f["properties"]["kind"] for f in features.values()} == set(KINDS)
    # The kinds of the page (the legend, the icons) are Noordenveld's.
    home = client.get("/").content.decode()
    kinds = json.loads(
        re.search(r'<script id="places-map-kinds"[^>]*>(.*?)</script>', home, re.S).group(1)
    )
    assert [kind["slug"] for kind in kinds] == KINDS


def test_a_place_page_says_its_hours_kind_and_activities(client):
    page = text(client.get("/locaties/huiskamer-de-brink/"))
    assert "Huiskamer De Brink" in page
    assert "Huiskamer in een zorgcentrum · Benoemd" in page
    assert "Open · sluit om 17:00 · begeleiding aanwezig" in page
    assert "Zaterdag 5 december Gesloten" in page
    assert "Vrijdag 25 december : dicht (Eerste kerstdag)" in page
    assert "Donderdag 3 december 14:00–16:00 Mantelzorgcafé Roden" in page


def test_the_agenda_lists_the_published_activities_and_filters_them(client):
    page = text(client.get("/activiteiten/"))
    # This week's: the money clinic (every other Wednesday) is not on 2 December.
    for title in noordenveld.published_titles() - {"Spreekuur geldzaken"}:
        assert title in page, title
    assert "Spreekuur geldzaken" not in page
    assert "Spreekuur geldzaken" in text(client.get("/activiteiten/?week=1"))
    assert "Vrijwilligersoverleg" not in page  # a draft
    page = text(client.get("/activiteiten/?theme=mantelzorg"))
    assert "Mantelzorgcafé Roden" in page
    assert "Koffieochtend in Nietap" not in page


def events(response) -> dict:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feeds_hold_the_published_activities_with_their_rules(client):
    found = events(client.get("/activiteiten/agenda.ics"))
    assert set(found) == noordenveld.published_titles()
    coffee = found["Koffieochtend in Nietap"]
    assert coffee["RRULE"]["FREQ"] == ["WEEKLY"]
    assert coffee["RRULE"]["BYDAY"] == ["TU"]
    assert "Dorpshuis De Hoeksteen" in str(coffee["LOCATION"])
    # Friday 25 December is Christmas: the canteen is closed, so that date is left out.
    exercise = found["Beweegochtend voor ouderen"]
    exdates = exercise.get("EXDATE", [])
    exdates = exdates if isinstance(exdates, list) else [exdates]
    excluded = {moment.dt for exdate in exdates for moment in exdate.dts}
    assert datetime.datetime(2026, 12, 25, 9, 30, tzinfo=AMSTERDAM) in excluded

    assert set(events(client.get("/locaties/dorpshuis-de-hoeksteen/agenda.ics"))) == {
        "Koffieochtend in Nietap"
    }
    assert set(events(client.get("/clusters/norg-en-veenhuizen/agenda.ics"))) == {
        "Beweegochtend voor ouderen",
        "Taalcafé voor nieuwkomers",
    }


# --- Municipality staff -----------------------------------------------------------------------


def test_the_overviews_count_the_places_by_kind(staff_client):
    page = text(staff_client.get("/overzichten/"))
    assert "5 van de 7 plekken benoemd" in page
    assert (
        "Soort Benoemd Gepland Totaal Dorpshuis 3 0 3 Huiskamer in een zorgcentrum 1 0 1 "
        "Clubkantine 1 1 2 Speeltuin 0 1 1 Alle plekken 5 2 7" in page
    )


def test_without_a_norm_the_overview_shows_coverage_without_pass_or_fail(staff_client):
    response = staff_client.get("/overzichten/norm/")
    page = text(response)
    assert "Geen enkele soort plek heeft een norm" in page
    assert "%" not in page
    for judged in ("Norm gehaald", "Voldoet aan de norm", "onder de norm"):
        assert judged not in page
    # The grid runs from the earliest opening to the latest closing: 09:00 to 17:00.
    assert response.context["hours"] == [f"{hour:02d}:00" for hour in range(9, 17)]
    # Hours open and supervised per week: 40 per place open, 40 where supervised.
    clusters = response.content.decode().split('id="norm-clusters"')[1].split("</table>")[0]
    number = r'<td class="num">([\d.,]+)</td>'
    cells = re.findall(number * 3, clusters)
    # Places, hours open, hours supervised; the last row is all places.
    assert cells == [("3", "120", "80"), ("2", "80", "40"), ("2", "80", "40"), ("7", "280", "160")]


# --- The API ---------------------------------------------------------------------------------


def test_the_api_gives_the_kinds_without_a_norm(client):
    kinds = client.get("/api/v1/kinds/").json()
    kinds = kinds.get("results", kinds)
    assert [kind["slug"] for kind in kinds] == KINDS
    assert all(kind["norm"] is None for kind in kinds)
    assert {kind["slug"]: kind["place_count"] for kind in kinds} == {
        "dorpshuis": 3,
        "huiskamer": 1,
        "kantine": 2,
        "speeltuin": 1,
    }


def test_the_api_places_activities_and_map(client):
    places = client.get("/api/v1/places/?kind=kantine").json()
    assert places["count"] == 2
    assert {p["slug"] for p in places["results"]} == {"kantine-vv-norg", "kantine-vv-peize"}
    norg = client.get("/api/v1/places/kantine-vv-norg/").json()
    assert norg["kind"] == "kantine"
    assert norg["opening_hours"]["osm"].startswith("Mo-Fr 09:00-17:00")
    assert norg["supervised_now"] is False
    assert norg["open_now"] is True
    geojson = client.get("/api/v1/places.geojson").json()
    assert {f["properties"]["slug"] for f in geojson["features"] if f["geometry"]} == ON_THE_MAP
    activities = client.get("/api/v1/activities/").json()
    assert {a["title"] for a in activities["results"]} == noordenveld.published_titles()
