"""Garbage in the query string never gives a server error, on any public URL.

A deterministic set of several hundred bad query strings (wrong types, impossible times and
numbers, unknown choices, repeated keys, very long strings, NUL bytes, broken percent
escapes, unicode, SQL- and HTML-ish text) goes to the public URLs through Django's request
handler. HTML pages answer 200 (or 400) and, for a bad value of one of their own filters,
say so; the GeoJSON stays a FeatureCollection and the feeds stay calendars.

To stay within half a minute, not every string goes to every URL: each goes to the HTML page
whose filters it names (home or agenda), to that page's data (the GeoJSON or the agenda
feed), and to one of the pages that read no filters, in turn.
"""

import datetime
import itertools
import json
import random
from urllib.parse import quote

import pytest
from django.test.client import ClientHandler, RequestFactory
from django.urls import reverse
from icalendar import Calendar

from activiteiten.filters import ActivityFilter, PlaceFilter
from tests.conftest import TUESDAY_MORNING, module_data
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

SEED = 20261201
SAMPLE = 360  # bad query strings sent to every URL

# Every parameter the pages read: the filters' own, and the pages' and weeks' numbers.
PLACE_KEYS = [*PlaceFilter.base_filters, "page"]
AGENDA_KEYS = [*ActivityFilter.base_filters, "page", "week"]
KEYS = [*sorted(set(PLACE_KEYS + AGENDA_KEYS)), "unknown", "page[]", "q[0]"]

LONG = "x" * 10_000
BAD_VALUES = [
    "",
    " ",
    "-1",
    "0",
    "7",
    "25:99",
    "24:00",
    "99999999999999999999",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "-inf",
    "0x1F",
    "١٢",  # Arabic-Indic digits: isdigit() but not what anyone meant
    "abc",
    "spaceship",
    "true",
    "None",
    "[]",
    "{'a': 1}",
    LONG,
    "\x00",
    "a\x00b",
    "café ☕ 😀",
    "\u202eevil",
    "' OR 1=1 --",
    "1; DROP TABLE locaties_location;--",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%",
    "%%00",
    "\r\nSet-Cookie: x=1",
]
# Raw query strings, exactly as a client might send them (not re-encoded).
RAW = [
    "%00",
    "q=%00",
    "kind=%00&kind=park",
    "postcode=%ZZ",
    "day=%E9",  # not UTF-8
    "q=%C3%28",  # broken UTF-8
    "&&&&",
    "====",
    "=x",
    "page=1&page=2&page=-1",
    "open_at=10:00&open_at=25:99",
    "lat=52.2&lat=999&lon=abc",
    "lat=999&lon=6.9",
    "lat=52.2",
    "lon=6.9",
    "lat=-90&lon=-180",
    "postcode=1234",
    "postcode=9999ZZ",
    "postcode=1234SS",
    "postcode=0000",
    "postcode=%20%207522%20%20nb%20",
    "kind=spaceship",
    "access=xyz",
    "day=7",
    "day=-1",
    "week=-5",
    "week=53",
    "week=" + "9" * 400,
    "open_at=25:99",
    "page=-1",
    "page=99999999999999999999",
    "cluster=onbekend",
    "theme=onbekend&target_group=onbekend",
    "q=" + "%F0%9F%98%80" * 3000,
    "a" * 10_000,
    "x=" + "%" * 5000,
    ";;;;",
    "q=a;q=b",
]

TODAY = TUESDAY_MORNING.date()

pytestmark = pytest.mark.usefixtures("frozen_clock")


def bad_query_strings() -> list[str]:
    """Every key with every bad value, repeated keys and pairs of bad values, plus the raw ones;
    a fixed sample of them, so the run is the same each time and stays fast."""
    single = [f"{key}={quote(value)}" for key, value in itertools.product(KEYS, BAD_VALUES)]
    rng = random.Random(SEED)
    repeated = [
        f"{key}={quote(a)}&{key}={quote(b)}" for key in KEYS for a, b in [rng.sample(BAD_VALUES, 2)]
    ]
    pairs = [f"{rng.choice(single)}&{rng.choice(single)}" for _ in range(60)]
    raw_unicode = [
        # A browser sends UTF-8; WSGI hands it over decoded as Latin-1.
        f"{key}={value}".encode().decode("latin-1")
        for key, value in itertools.product(["q", "cluster", "postcode"], ["café", "😀", "\u202e"])
    ]
    sample = rng.sample(single, SAMPLE - len(RAW) - len(raw_unicode) - 90)
    chosen = RAW + raw_unicode + sample + repeated[:30] + pairs
    return list(dict.fromkeys(chosen))  # unique, order kept


QUERIES = bad_query_strings()


def test_the_set_is_large_and_varied():
    assert len(QUERIES) >= 300
    assert any(len(q) >= 10_000 for q in QUERIES)
    assert any("%00" in q for q in QUERIES)
    assert any(q.count("page=") > 1 for q in QUERIES)


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """A little of everything, created once for the module and rolled back afterwards."""
    with module_data(django_db_blocker):
        place = LocationFactory(name="Wijkcentrum De Magneet", slug="de-magneet")
        elsewhere = LocationFactory(
            name="Noaberhuus", slug="noaberhuus", latitude=None, longitude=None
        )
        for location in (place, elsewhere):
            for weekday in range(7):
                OpeningHoursFactory(location=location, weekday=weekday)
        OpeningExceptionFactory(location=place, start_date=TODAY)
        PersonFactory(clusters=[place.cluster], contact_public=True)
        theme = ThemeFactory(slug="sport-en-bewegen", name="Sport en bewegen")
        group = TargetGroupFactory(slug="ouderen", name="Ouderen")
        activity = ActivityFactory(
            title="Koffieochtend",
            slug="koffieochtend",
            location=place,
            organiser=OrganisationFactory(),
        )
        activity.themes.set([theme])
        activity.target_groups.set([group])
        ScheduleFactory(activity=activity, start_date=TODAY)
        CancellationFactory(activity=activity, date=TODAY + datetime.timedelta(days=7))
        yield {"place": place, "cluster": place.cluster, "activity": activity}


def public_urls(data) -> dict[str, str]:
    place, cluster, activity = data["place"], data["cluster"], data["activity"]
    return {
        "home": reverse("locaties:home"),
        "geojson": reverse("locaties:geojson"),
        "place page": place.get_absolute_url(),
        "place feed": reverse("locaties:ical", kwargs={"slug": place.slug}),
        "cluster list": reverse("clusters:list"),
        "cluster page": cluster.get_absolute_url(),
        "cluster feed": reverse("clusters:ical", kwargs={"slug": cluster.slug}),
        "agenda": reverse("activiteiten:agenda"),
        "agenda feed": reverse("activiteiten:agenda_ical"),
        "activity page": activity.get_absolute_url(),
        "activity feed": reverse("activiteiten:ical", kwargs={"slug": activity.slug}),
    }


FILTERLESS = [
    "place page",
    "place feed",
    "cluster list",
    "cluster page",
    "cluster feed",
    "activity page",
    "activity feed",
]
PLACE_ONLY = set(PLACE_KEYS) - set(AGENDA_KEYS)
AGENDA_ONLY = set(AGENDA_KEYS) - set(PLACE_KEYS)


def plan() -> dict[str, list[str]]:
    """Which bad query strings go to which URL (see the module's docstring)."""
    sent = {name: [] for name in URL_NAMES}
    for index, query in enumerate(QUERIES):
        keys = {part.split("=", 1)[0] for part in query.split("&")}
        if keys & PLACE_ONLY:
            page = "home"
        elif keys & AGENDA_ONLY:
            page = "agenda"
        else:  # keys both read, unknown keys, raw garbage: take turns
            page = ("home", "agenda")[index % 2]
        # The agenda feed reads the agenda's filters, the GeoJSON the home page's.
        partner = "agenda feed" if page == "agenda" else "geojson"
        for name in (page, partner, FILTERLESS[index % len(FILTERLESS)]):
            sent[name].append(query)
    return sent


URL_NAMES = [
    "home",
    "geojson",
    "place page",
    "place feed",
    "cluster list",
    "cluster page",
    "cluster feed",
    "agenda",
    "agenda feed",
    "activity page",
    "activity feed",
]


def problem_with(name: str, response) -> str:
    """What is wrong with the answer to a bad query string, or "" when it is fine."""
    status = response.status_code
    if status >= 500:
        return f"server error {status}"
    if status == 400:
        return ""
    if status != 200:
        return f"status {status}"
    body = response.content
    if name == "geojson":
        data = json.loads(body)
        if data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
            return "not a FeatureCollection"
    elif name.endswith("feed"):
        calendar = Calendar.from_ical(body)
        if calendar.name != "VCALENDAR":
            return "not a calendar"
    elif b"</html>" not in body:
        return "not a whole page"
    return ""


def test_every_string_and_every_url_is_tried():
    sent = plan()
    assert all(len(sent[name]) >= len(QUERIES) // len(FILTERLESS) for name in URL_NAMES)
    assert len(sent["home"]) + len(sent["agenda"]) == len(QUERIES)
    assert sorted(sent["geojson"] + sent["agenda feed"]) == sorted(QUERIES)


@pytest.mark.input_space
@pytest.mark.django_db
@pytest.mark.parametrize("name", URL_NAMES)
def test_no_bad_query_string_breaks_a_public_url(data, name):
    url = public_urls(data)[name]
    # The handler straight, not the test client: the client copies every template context
    # it sees (for assertTemplateUsed), which would double the run time here.
    handler, factory = ClientHandler(), RequestFactory()
    failures = []
    for query in plan()[name]:
        response = handler(factory.get(url, QUERY_STRING=query).environ)
        problem = problem_with(name, response)
        if problem:
            failures.append(f"{url}?{query[:80]}: {problem}")
    assert not failures, "\n".join(failures[:20])


# A bad value for one of a page's own filters must be *said*, not silently dropped.
PLACE_MISTAKES = [
    "kind=spaceship",
    "cluster=onbekend",
    "day=7",
    "open_at=25:99",
    "access=xyz",
    "theme=onbekend",
    "target_group=onbekend",
    "postcode=12AB",
    "lat=999&lon=6.9",
    "lat=52.2&lon=abc",
    "q=" + LONG,
    "q=a%00b",
]
AGENDA_MISTAKES = [
    "day=7",
    "part=night",
    "theme=onbekend",
    "target_group=onbekend",
    "cluster=onbekend",
    "place=onbekend",
    "organiser=onbekend",
    "week=-5",
    "week=99999999999999999999",
    "q=" + LONG,
]


@pytest.mark.input_space
@pytest.mark.django_db
@pytest.mark.parametrize("query", PLACE_MISTAKES, ids=lambda q: q[:30])
def test_home_says_which_choice_it_could_not_use(client, data, query):
    response = client.get(reverse("locaties:home"), QUERY_STRING=query)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="form-errors" role="alert"' in body
    # The places are still listed, without the choice that could not be used.
    assert "Wijkcentrum De Magneet" in body
    # A clear message does not repeat a 10 000-character value back at the reader.
    assert LONG not in body.split('role="alert"', 1)[1].split("</div>", 1)[0]


@pytest.mark.input_space
@pytest.mark.django_db
@pytest.mark.parametrize("query", AGENDA_MISTAKES, ids=lambda q: q[:30])
def test_agenda_says_which_choice_it_could_not_use(client, data, query):
    response = client.get(reverse("activiteiten:agenda"), QUERY_STRING=query)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="form-errors" role="alert"' in body
    assert LONG not in body.split('role="alert"', 1)[1].split("</div>", 1)[0]


@pytest.mark.django_db
def test_no_postcode_is_sent_to_the_geocoder(client, data, fake_geocoder):
    # Good, unknown or malformed: the shipped table answers, or the form refuses it.
    for value in ("1234", "7511AB", "0000", "12AB"):
        client.get(reverse("locaties:home"), {"postcode": value})
    client.get(reverse("locaties:geojson"), QUERY_STRING="postcode=" + quote("7511AB\x00"))
    assert fake_geocoder.requests == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/locaties/onbekend/",
        "/locaties/onbekend/agenda.ics",
        "/clusters/onbekend/",
        "/clusters/onbekend/agenda.ics",
        "/activiteiten/onbekend/",
        "/activiteiten/onbekend/agenda.ics",
        "/locaties/%00/",
        "/clusters/" + "a" * 5000 + "/",
        "/activiteiten/caf%C3%A9/",
        "/locaties/kaart.geojson/extra",
    ],
)
def test_unknown_addresses_are_not_found(client, data, path):
    assert client.get(path).status_code == 404
