"""Requests that arrive together: the public pages and the API docs and schema, many at once.

The concurrent half of test_fuzz_pages.py, against pytest-django's ``live_server``: a
threaded server, like runserver and gunicorn with threads, where code that keeps state in
module globals breaks when two requests run it at the same moment (drf-spectacular's schema
generator did: tfranzel/drf-spectacular#1123). A module of its own because the live server
needs committed data, which the other module's shared, rolled-back data is not.

Two kinds of test: every public URL asked by several threads at once, which must all
answer as one request alone does (the same status; for the API docs and schema the same
bytes); and Hypothesis's hostile query strings (from test_fuzz_pages.py), sent over
several URLs at the same moment, which must answer as they do one by one.
"""

import contextlib
import datetime
import http.client
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import time_machine
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import examples
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
)
from tests.ontmoeting.test_fuzz_pages import (
    AGENDA_KEYS,
    API_ACTIVITY_KEYS,
    API_PLACE_KEYS,
    FUZZ,
    PLACE_KEYS,
    check_api_list,
    check_feed,
    check_geojson,
    check_page,
    query_strings,
    shown,
)

pytestmark = pytest.mark.django_db(transaction=True)

AT_ONCE = 8
TIMEOUT = 120
# Tuesday 1 December 2026, 10:30: places open, an activity going on.
MOMENT = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


class Answer:
    """What the server sent, shaped like a test client's response for the check_* helpers."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status_code, self.headers, self.content = status, headers, body

    def __getitem__(self, name: str) -> str:
        return self.headers[name.lower()]


# The request line runserver (and so the live server) takes; a longer one it answers 414.
MAX_REQUEST_LINE = 65536


def escaped(target: str) -> str:
    """The target as it is, but what a request line cannot carry percent-escaped: the raw
    bytes of test_fuzz_pages.py's raw_bytes (one character per byte)."""
    return "".join(c if 0x21 <= ord(c) < 0x7F else f"%{ord(c):02X}" for c in target)


def send(base: str, target: str) -> Answer:
    safe = escaped(target)
    address = urlsplit(base)
    with socket.create_connection((address.hostname, address.port), timeout=TIMEOUT) as sock:
        sock.sendall(
            f"GET {safe} HTTP/1.1\r\nHost: {address.netloc}\r\nConnection: close\r\n\r\n".encode()
        )
        response = http.client.HTTPResponse(sock, method="GET")
        response.begin()
        body = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)


def together(base: str, targets: list[str]) -> list[Answer]:
    """Send ``targets`` from AT_ONCE threads, released at the same moment."""
    start = threading.Barrier(min(AT_ONCE, len(targets)))

    def one(target: str) -> Answer:
        # Fewer left than threads: go anyway.
        with contextlib.suppress(threading.BrokenBarrierError):
            start.wait(timeout=TIMEOUT)
        return send(base, target)

    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return list(pool.map(one, targets))


@pytest.fixture
def site(live_server):
    """A place, open every day, with an activity and people; the live server's address."""
    place = LocationFactory(
        name="Wijkcentrum De Magneet",
        slug="de-magneet",
        cluster__name="De Wijk",
        cluster__slug="de-wijk",
    )
    for weekday in range(7):
        OpeningHoursFactory(location=place, weekday=weekday)
    PersonFactory(name="Anna", clusters=[place.cluster], contact_public=True)
    activity = ActivityFactory(
        title="Koffieochtend",
        slug="koffieochtend",
        location=place,
        organiser=OrganisationFactory(name="Alifa", slug="alifa"),
    )
    ScheduleFactory(activity=activity, start_date=datetime.date(2026, 11, 24))
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 8))
    return live_server.url, place, activity


def public_urls(place, activity) -> dict[str, str]:
    return {
        "home": reverse("locaties:home"),
        "map data": reverse("locaties:geojson"),
        "place page": place.get_absolute_url(),
        "place feed": reverse("locaties:ical", kwargs={"slug": place.slug}),
        "cluster page": place.cluster.get_absolute_url(),
        "weekly sheet": reverse("overzichten:weekly_sheet", kwargs={"slug": place.cluster.slug}),
        "agenda": reverse("activiteiten:agenda"),
        "agenda feed": reverse("activiteiten:agenda_ical"),
        "activity page": activity.get_absolute_url(),
        "activity feed": reverse("activiteiten:ical", kwargs={"slug": activity.slug}),
        "API docs": reverse("api:docs"),
        "API schema": reverse("api:schema"),
        "API places": reverse("api:place-list"),
        "API place": reverse("api:place-detail", kwargs={"slug": place.slug}),
        "API activities": reverse("api:activity-list"),
        "API occurrences": f"{reverse('api:occurrence-list')}?start=2026-12-01&end=2026-12-07",
    }


# Answers that are the same bytes for everyone whatever the moment: built from the code and
# the data only. (Pages say "open now" and are compared on their status.)
SAME_BYTES = {"API docs", "API schema"}


@time_machine.travel(MOMENT, tick=False)
def test_every_public_url_answers_the_same_when_asked_by_many_at_once(site):
    base, place, activity = site
    for name, url in public_urls(place, activity).items():
        alone = send(base, url)
        assert alone.status_code == 200, f"{name}: {alone.status_code}"
        answers = together(base, [url] * AT_ONCE)
        statuses = [answer.status_code for answer in answers]
        assert statuses == [200] * len(answers), f"{name}: {statuses}"
        types = {answer["Content-Type"] for answer in answers}
        assert types == {alone["Content-Type"]}, name
        if name in SAME_BYTES:
            assert {answer.content for answer in answers} == {alone.content}, name


# The URLs the hostile query strings go to, and how their answers are checked.
FUZZED = [
    ("home", PLACE_KEYS, check_page),
    ("map data", PLACE_KEYS, check_geojson),
    ("agenda", AGENDA_KEYS, check_page),
    ("agenda feed", AGENDA_KEYS, check_feed),
    ("API places", API_PLACE_KEYS, check_api_list),
    ("API activities", API_ACTIVITY_KEYS, check_api_list),
    ("API docs", API_PLACE_KEYS, check_page),
    ("API schema", API_PLACE_KEYS, None),
]


# Each example sends eight requests at once and again one by one: fewer examples than the
# in-process fuzz, to stay within half a minute.
@settings(FUZZ, max_examples=examples(12))
@given(queries=st.tuples(*(query_strings(keys) for _name, keys, _check in FUZZED)))
def test_hostile_query_strings_sent_together_answer_as_they_do_alone(site, queries):
    base, place, activity = site
    urls = public_urls(place, activity)
    targets = [
        f"{urls[name]}?{query}"
        for (name, _keys, _check), query in zip(FUZZED, queries, strict=True)
    ]
    with time_machine.travel(MOMENT, tick=False):
        answers = together(base, targets)
        for (_name, _keys, check), target, answer in zip(FUZZED, targets, answers, strict=True):
            where = shown(*target.split("?", 1))
            if answer.status_code == 414:  # refused by the server before Django
                assert len(f"GET {escaped(target)} HTTP/1.1") > MAX_REQUEST_LINE, where
            elif check is None:  # the schema reads no query string
                assert answer.status_code == 200, where
            else:
                check(answer, where)
            assert send(base, target).status_code == answer.status_code, where
