"""Clusters, activities, occurrences and organisations in the API, against the database."""

import datetime

import pytest
from dateutil.rrule import rrulestr
from django.utils import timezone, translation

from activiteiten import schedules
from activiteiten.models import Schedule
from tests.api.conftest import AREA, PRIVATE_EMAIL, PRIVATE_PHONE
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    LocationKindFactory,
    OpeningExceptionFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


def results(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- Clusters -------------------------------------------------------------------------


def test_the_kinds_of_places_with_their_names_icons_and_norms(client, api_data):
    client.cookies["django_language"] = "en"
    response = client.get("/api/v1/kinds/")
    assert response.status_code == 200
    kinds = {kind["slug"]: kind for kind in response.json()["results"]}
    assert list(kinds) == ["park", "house", "playground"]  # in their order
    assert kinds["park"]["name"] == "meeting park"
    assert kinds["park"]["plural"] == "meeting parks"
    assert kinds["park"]["schema_type"] == "SportsActivityLocation"
    assert kinds["park"]["icon"].startswith("http://testserver/static/img/markers/sports_park")
    assert kinds["house"]["norm"] == {
        "weekdays": [0, 1, 2, 3, 4, 5, 6],
        "opens": "08:30",
        "closes": "20:00",
        "supervised": True,
    }
    assert kinds["playground"]["norm"] == {
        "weekdays": [0, 1, 2, 3, 4],
        "opens": "09:00",
        "closes": "17:00",
        "supervised": False,
    }
    # Published places only: the hidden house does not count.
    assert {slug: kind["place_count"] for slug, kind in kinds.items()} == {
        "park": 1,
        "house": 1,
        "playground": 0,
    }


def test_a_kind_without_a_norm_says_null(client, api_data):
    LocationKindFactory(slug="bibliotheek")
    kinds = {k["slug"]: k for k in client.get("/api/v1/kinds/").json()["results"]}
    assert kinds["bibliotheek"]["norm"] is None
    assert kinds["bibliotheek"]["name"] == "bibliotheek"


def test_places_in_other_answers_carry_their_kind(client, api_data):
    cluster = client.get("/api/v1/clusters/noord/").json()
    assert [(p["kind"], p["kind_label"]) for p in cluster["places"]] == [
        ("house", "ontmoetingshuis")
    ]
    activity = client.get("/api/v1/activities/koffieochtend/").json()
    assert activity["place"]["kind"] == "house"


def test_the_kind_filter_lists_the_slugs_that_exist(client, api_data):
    schema = client.get("/api/v1/schema/").json()
    (kind,) = [
        p for p in schema["paths"]["/api/v1/places/"]["get"]["parameters"] if p["name"] == "kind"
    ]
    assert kind["schema"] == {
        "type": "array",
        "items": {"type": "string", "enum": ["park", "house", "playground"]},
    }


def test_clusters_with_counts_and_area(client, api_data):
    clusters = results(client, "/api/v1/clusters/")
    assert [(c["number"], c["slug"], c["place_count"]) for c in clusters] == [
        (1, "noord", 1),  # the unpublished place does not count
        (2, "zuid", 1),
    ]
    assert clusters[0]["area"] == AREA
    assert clusters[1]["area"] is None
    assert clusters[0]["url"] == "http://testserver/api/v1/clusters/noord/"
    assert clusters[0]["web_url"] == "http://testserver/clusters/noord/"


def test_cluster_detail_lists_its_published_places(client, api_data):
    noord = client.get("/api/v1/clusters/noord/").json()
    assert noord["area"] == AREA
    assert [p["slug"] for p in noord["places"]] == ["de-magneet"]
    assert client.get("/api/v1/clusters/nergens/").status_code == 404


# --- Activities -----------------------------------------------------------------------


def test_only_published_activities_at_published_places(client, api_data):
    activities = results(client, "/api/v1/activities/")
    assert [a["slug"] for a in activities] == ["koffieochtend", "wandelen"]
    for slug in ("concept", "gestopt", "achter-slot"):
        response = client.get(f"/api/v1/activities/{slug}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        occurrences = client.get(
            f"/api/v1/activities/{slug}/occurrences/?start=2026-12-01&end=2026-12-31"
        )
        assert occurrences.status_code == 404


def test_activity_values(client, api_data):
    koffie = client.get("/api/v1/activities/koffieochtend/").json()
    assert koffie["title"] == "Koffieochtend"
    assert koffie["place"]["slug"] == "de-magneet"
    assert koffie["cluster"]["slug"] == "noord"
    assert koffie["organiser"] == {
        "slug": "welzijn-oost",
        "name": "Welzijn Oost",
        "url": "http://testserver/api/v1/organisations/welzijn-oost/",
    }
    assert koffie["themes"] == [{"slug": "eenzaamheid", "name": "Eenzaamheid"}]
    assert koffie["target_groups"] == [{"slug": "ouderen", "name": "Ouderen"}]
    assert koffie["support_need_welcome"] is True
    assert koffie["is_free"] is True
    assert koffie["cancellations"] == [{"date": "2026-12-08", "reason": "Zaal bezet"}]
    assert koffie["ical_url"] == "http://testserver/activiteiten/koffieochtend/agenda.ics"
    (schedule,) = koffie["schedules"]
    row = Schedule.objects.get(activity__slug="koffieochtend")
    with translation.override("nl"):
        assert schedule["description"] == schedules.describe(row)
    assert schedule["rrule"] == "FREQ=WEEKLY;BYDAY=TU"
    assert schedule["dtstart"] == "2026-12-01T10:00:00+01:00"
    assert (schedule["frequency"], schedule["weekdays"], schedule["start_time"]) == (
        "weekly",
        [1],
        "10:00",
    )
    assert (schedule["end_time"], schedule["month_week"], schedule["until"]) == (
        "12:00",
        None,
        None,
    )


def test_activity_contact_details_only_when_public(client, api_data):
    koffie = client.get("/api/v1/activities/koffieochtend/").json()
    # Piet's name and role, as on the activity page; his details are private.
    assert (koffie["contact"]["name"], koffie["contact"]["role"]) == ("Piet Prive", "host")
    assert (koffie["contact"]["phone"], koffie["contact"]["email"]) == ("", "")
    wandelen = client.get("/api/v1/activities/wandelen/").json()
    assert wandelen["contact"]["name"] == "Anna Manager"
    assert wandelen["contact"]["phone"] == "053 222 22 22"
    assert wandelen["schedules"][0]["rrule"] == "FREQ=MONTHLY;BYDAY=1TH"
    assert wandelen["schedules"][0]["month_week"] == 1
    for url in ("/api/v1/activities/", "/api/v1/activities/koffieochtend/"):
        body = client.get(url).content.decode()
        assert PRIVATE_PHONE not in body
        assert PRIVATE_EMAIL not in body


def test_activity_texts_follow_the_language(client, api_data):
    client.cookies["django_language"] = "en"
    koffie = client.get("/api/v1/activities/koffieochtend/").json()
    assert koffie["themes"][0]["name"] == "Loneliness"
    assert koffie["schedules"][0]["description"] == "every week on Tuesday, 10:00–12:00"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=eenzaamheid", ["koffieochtend"]),
        ("theme=sport", []),
        ("target_group=ouderen", ["koffieochtend"]),
        ("day=1", ["koffieochtend"]),
        ("day=3", ["wandelen"]),
        ("day=1&day=3", ["koffieochtend", "wandelen"]),
        ("day=5", []),
        ("part=morning", ["koffieochtend"]),
        ("part=evening", ["wandelen"]),
        ("part=afternoon", []),
        ("free=true", ["koffieochtend"]),
        ("free=false", ["koffieochtend", "wandelen"]),
        ("support_need=true", ["koffieochtend"]),
        ("place=de-magneet", ["koffieochtend", "wandelen"]),
        ("cluster=noord", ["koffieochtend", "wandelen"]),
        ("organiser=welzijn-oost", ["koffieochtend", "wandelen"]),
        ("q=koffie", ["koffieochtend"]),
    ],
)
def test_activity_filters(client, api_data, query, expected):
    assert [a["slug"] for a in results(client, f"/api/v1/activities/?{query}")] == expected


# --- Occurrences ----------------------------------------------------------------------


def test_occurrences_of_one_activity(client, api_data):
    dates = results(
        client, "/api/v1/activities/koffieochtend/occurrences/?start=2026-12-01&end=2026-12-31"
    )
    assert [(o["start"], o["end"], o["cancelled"]) for o in dates] == [
        (f"2026-12-{day:02d}T10:00:00+01:00", f"2026-12-{day:02d}T12:00:00+01:00", day == 8)
        for day in (1, 8, 15, 22, 29)
    ]
    assert dates[1]["cancellation_reason"] == "Zaal bezet"
    assert dates[0]["activity"]["slug"] == "koffieochtend"
    assert dates[0]["place"]["slug"] == "de-magneet"


def test_end_date_is_included(client, api_data):
    url = "/api/v1/activities/koffieochtend/occurrences/?start=2026-12-15&end=2026-12-15"
    assert [o["start"] for o in results(client, url)] == ["2026-12-15T10:00:00+01:00"]
    url = "/api/v1/activities/koffieochtend/occurrences/?start=2026-12-16&end=2026-12-21"
    assert results(client, url) == []


def test_agenda_of_all_activities(client, api_data):
    agenda = results(client, "/api/v1/occurrences/?start=2026-12-01&end=2026-12-07")
    assert [(o["activity"]["slug"], o["start"]) for o in agenda] == [
        ("koffieochtend", "2026-12-01T10:00:00+01:00"),
        ("wandelen", "2026-12-03T19:00:00+01:00"),  # first Thursday of the month
    ]
    evening = results(client, "/api/v1/occurrences/?start=2026-12-01&end=2026-12-07&part=evening")
    assert [o["activity"]["slug"] for o in evening] == ["wandelen"]
    body = client.get("/api/v1/occurrences/?start=2026-12-01&end=2026-12-31").content.decode()
    for hidden in ("concept", "gestopt", "achter-slot"):
        assert f"/activities/{hidden}/" not in body


def test_occurrences_are_paginated(client, api_data):
    page = client.get("/api/v1/occurrences/?start=2026-12-01&end=2026-12-31&page_size=2").json()
    assert page["count"] == 6  # five Tuesdays (one cancelled) and one first Thursday
    assert len(page["results"]) == 2
    assert "page=2" in page["next"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "start"),
        ("start=2026-12-01", "end"),
        ("end=2026-12-01", "start"),
        ("start=2026-12-10&end=2026-12-01", "end"),
        ("start=2026-01-01&end=2026-04-04", "end"),  # 94 days
        ("start=1999-12-31&end=2000-01-01", "start"),
    ],
)
def test_date_range_problems(client, api_data, query, field):
    for url in ("/api/v1/occurrences/", "/api/v1/activities/koffieochtend/occurrences/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        assert field in response.json()["errors"]


def test_longest_range_is_accepted(client, api_data):
    # 93 days, both ends included.
    assert client.get("/api/v1/occurrences/?start=2026-01-01&end=2026-04-03").status_code == 200


# --- Days the place is closed, a series that ends, dtstart ---------------------------


@pytest.fixture
def dinner(db):
    """'Samen eten' on Fridays 12:00–13:30 until 16 April 2027, at a place closed on public
    holidays; the schedule's first date, Monday 2 November, is not a Friday."""
    place = LocationFactory(name="Huis De Linde", slug="huis-de-linde")
    OpeningExceptionFactory(location=place, start_date=datetime.date(2026, 12, 18), reason="")
    activity = ActivityFactory(title="Samen eten", slug="samen-eten", location=place)
    ScheduleFactory(
        activity=activity,
        start_date=datetime.date(2026, 11, 2),
        weekdays=[4],
        start_time=datetime.time(12),
        end_time=datetime.time(13, 30),
        until=datetime.date(2027, 4, 16),
    )
    return activity


CLOSED = {
    "2026-12-11": (False, False, "", ""),
    "2026-12-18": (True, True, "", "Gaat niet door: de plek is dicht"),
    "2026-12-25": (
        True,
        True,
        "Eerste kerstdag",
        "Gaat niet door: de plek is dicht (Eerste kerstdag)",
    ),
}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/activities/samen-eten/occurrences/?start=2026-12-07&end=2026-12-27",
        "/api/v1/occurrences/?start=2026-12-07&end=2026-12-27",
    ],
)
def test_a_date_at_a_closed_place_does_not_take_place_and_says_why(client, dinner, url):
    dates = {
        o["start"][:10]: (
            o["cancelled"],
            o["place_closed"],
            o["place_closed_reason"],
            o["cancellation_reason"],
        )
        for o in results(client, url)
    }
    assert dates == CLOSED


def test_the_organisers_own_cancelled_date_is_not_a_closed_place(client, dinner):
    CancellationFactory(activity=dinner, date=datetime.date(2026, 12, 11), reason="Ziek")
    (date,) = results(
        client, "/api/v1/activities/samen-eten/occurrences/?start=2026-12-11&end=2026-12-11"
    )
    assert (date["cancelled"], date["place_closed"], date["cancellation_reason"]) == (
        True,
        False,
        "Ziek",
    )


def test_the_schedule_description_says_when_the_series_ends(client, dinner):
    (schedule,) = client.get("/api/v1/activities/samen-eten/").json()["schedules"]
    assert schedule["description"] == (
        "elke week op vrijdag, 12:00–13:30, t/m vrijdag 16 april 2027"
    )
    client.cookies["django_language"] = "en"
    (schedule,) = client.get("/api/v1/activities/samen-eten/").json()["schedules"]
    assert schedule["description"].endswith(", until Friday 16 April 2027")


def test_dtstart_is_the_first_date_so_dtstart_and_rrule_give_the_portals_dates(client, dinner):
    (schedule,) = client.get("/api/v1/activities/samen-eten/").json()["schedules"]
    assert schedule["start_date"] == "2026-11-02"  # a Monday
    assert schedule["dtstart"] == "2026-11-06T12:00:00+01:00"  # the first Friday

    # What a client does with the two fields (RFC 5545), against every date the portal lists.
    # The wall-clock time in the place's time zone, as a calendar app reads a TZID start.
    dtstart = datetime.datetime.fromisoformat(schedule["dtstart"]).replace(
        tzinfo=timezone.get_default_timezone()
    )
    from_rule = [moment.isoformat() for moment in rrulestr(schedule["rrule"], dtstart=dtstart)]
    listed = []
    for start, end in [("2026-11-01", "2027-01-31"), ("2027-02-01", "2027-04-30")]:
        listed += [
            o["start"]
            for o in results(
                client,
                f"/api/v1/activities/samen-eten/occurrences/?start={start}&end={end}&page_size=100",
            )
        ]
    assert from_rule == listed
    assert len(listed) == 24
    assert listed[0] == "2026-11-06T12:00:00+01:00"
    assert listed[-1] == "2027-04-16T12:00:00+02:00"


# --- Organisations --------------------------------------------------------------------


def test_organisations_with_something_public(client, api_data):
    organisations = results(client, "/api/v1/organisations/")
    assert [(o["slug"], o["activity_count"]) for o in organisations] == [
        ("welzijn-oost", 2),
        ("woonbedrijf", 0),  # hosts a published place
    ]
    assert [p["slug"] for p in organisations[1]["places"]] == ["de-magneet"]
    assert "email" not in organisations[0]
    assert client.get("/api/v1/organisations/nog-niets/").status_code == 404
    assert client.get("/api/v1/organisations/welzijn-oost/").json()["activity_count"] == 2


def test_organiser_of_hidden_activities_only_is_not_listed(client, api_data):
    hidden_organisers = {
        api_data.draft.organiser.slug,
        api_data.cancelled.organiser.slug,
        api_data.elsewhere.organiser.slug,
    }
    listed = {o["slug"] for o in results(client, "/api/v1/organisations/")}
    assert not listed & hidden_organisers


# --- Everything else ------------------------------------------------------------------


def test_read_only(client, api_data):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/v1/places/")
        assert response.status_code == 405
        assert response["Content-Type"] == "application/json"
        assert "POST" not in response["Allow"]


def test_unknown_address_answers_in_json(client, db):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]
    assert client.get("/api/v1/places/not a slug/").status_code == 404
    redirect = client.get("/api/v1/places?kind=park")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/api/v1/places/?kind=park"
