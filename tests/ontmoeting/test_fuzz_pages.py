"""Generated query strings never give a server error, and the answer stays what it was.

The property-based counterpart of test_bad_input.py: that module sends a fixed list of bad
query strings; here Hypothesis makes them from the filters' own parameter names (read from
the FilterSets, so a new filter is fuzzed without touching this file), hostile values,
valid values spoilt at one end, arbitrary unicode and random bytes, put into the URL
encoded, raw (so "%ZZ", "&" and "=" keep their meaning) or as raw UTF-8 bytes, with
repeated keys, array syntax and odd separators. Each test sends them to a page and the data
behind it and checks the answer's type: the HTML page is a whole page with 200 (or 400),
the GeoJSON a FeatureCollection, the feed a calendar, the API's list JSON with results or
a 400 that says what is wrong. The public weekly sheet also gets the first and last weeks
Python's dates can hold, and the ends of the range the portal accepts (ontmoeting/dates.py).

Line breaks and other control characters are among the values (a search "a\nb" once broke
the feed's name), and the data holds rows on both ends of the range (a one-off on
31 December 2099 23:00–00:00, a daily rule from 1 January 2000 to then, exceptions and
cancellations on both ends) and a title on two lines saved before the forms refused it.

Derandomized (the same examples every run, so CI is reproducible) and small, to stay well
within half a minute; bench/fuzz.py sends 10 000 such strings through gunicorn. The same
strings sent by several threads at once, to a threaded server, are test_fuzz_concurrent.py's.
"""

import datetime
import json
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from activiteiten.filters import ActivityFilter, PlaceFilter
from activiteiten.models import Schedule
from api.filters import ApiActivityFilter, ApiPlaceFilter
from locaties.models import OpeningException
from ontmoeting.dates import EARLIEST_DATE, LATEST_DATE
from tests.conftest import TUESDAY_MORNING, examples, module_data
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

EXAMPLES = examples(40)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PLACE_KEYS = [*sorted(PlaceFilter.base_filters), "page"]
AGENDA_KEYS = [*sorted(ActivityFilter.base_filters), "week", "page"]
API_PLACE_KEYS = [*sorted(ApiPlaceFilter.base_filters), "page", "page_size"]
API_ACTIVITY_KEYS = [*sorted(ApiActivityFilter.base_filters), "page", "page_size"]
OTHER_KEYS = ["unknown", "format", "next", "language", "start", "end", "week_of", "sep"]
WEEKLY_SHEET_KEYS = ["week_of"]

# Valid values per parameter, matching the data below: a bad value next to a good one
# reaches the code behind the validation.
VALID = {
    "kind": ["park", "house", "playground", "petting_farm"],
    "cluster": ["de-wijk"],
    "place": ["de-magneet"],
    "organiser": ["alifa"],
    "theme": ["sport-en-bewegen"],
    "target_group": ["ouderen"],
    "day": [str(d) for d in range(7)],
    "part": ["morning", "afternoon", "evening"],
    "access": ["wheelchair_accessible", "hearing_loop"],
    "open_at": ["10:00", "20:00"],
    "open_now": ["on", "true"],
    "supervised_now": ["on", "false"],
    "free": ["on", "true"],
    "support_need": ["on", "false"],
    "postcode": ["7511AB", "7544 CZ", "7522", "0000", "12"],
    "lat": ["52.2215"],
    "lon": ["6.8937"],
    "q": ["koffie", "magneet"],
    "week": ["0", "1", "52"],
    "page": ["1", "2"],
    "page_size": ["1", "200"],
    "week_of": ["2026-12-01"],
}
HOSTILE = [
    "",
    " ",
    "-1",
    "0",
    "1e309",
    "NaN",
    "-inf",
    "99999999999999999999",
    "-99999999999999999999",
    "١٢",
    "１２",
    "true",
    "[]",
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\r\nSet-Cookie: x=1",
    "\u202eevil",
    "\ud800",
    "\uffff",
    "' OR 1=1 --",
    "%' AND pg_sleep(5)--",
    "<script>alert(1)</script>",
    "{{7*7}}",
    "../../etc/passwd",
    "%",
    "%ZZ",
    "%E9",
    "%C3%28",
    "25:99",
    "24:00",
    "2026-02-30",
    "9999-12-31",
    "52,2215",
    # Line breaks and other control characters, alone and inside a value.
    "\n",
    "a\nb",
    "a\r\nX-INJECTED:1",
    "a\rb",
    "a\tb",
    "a\x0bb\x0c",
    "a\x85b",
    "a\u2028b\u2029",
    "a\x1fb\x7f",
]
# The first and last weeks Python's dates can hold: a week around them needs a day outside.
EDGE_DATES = ["0001-01-01", "0001-01-03", "9999-12-27", "9999-12-31"]
# The ends of the portal's own range, and a day beyond each.
EDGE_DATES += [
    day.isoformat()
    for day in (
        EARLIEST_DATE - datetime.timedelta(days=1),
        EARLIEST_DATE,
        LATEST_DATE,
        LATEST_DATE + datetime.timedelta(days=1),
    )
]
HOSTILE += EDGE_DATES

TODAY = TUESDAY_MORNING.date()

pytestmark = pytest.mark.usefixtures("frozen_clock")


def percent(data: bytes) -> str:
    return "".join(f"%{b:02X}" for b in data)


# How a value goes into the URL: encoded, raw (only what a request line cannot carry is
# escaped, so "%ZZ", "&" and "=" keep their meaning), or as raw UTF-8 bytes, which a WSGI
# server hands over decoded as Latin-1.
def encoded(text: str) -> str:
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def raw(text: str) -> str:
    return "".join(
        chr(b) if 0x21 <= b < 0x7F and b != 0x23 else f"%{b:02X}"
        for b in text.encode("utf-8", "surrogatepass")
    )


def raw_bytes(text: str) -> str:
    return "".join(
        chr(b) if 0x21 <= b != 0x7F and b != 0x23 else f"%{b:02X}"
        for b in text.encode("utf-8", "surrogatepass")
    )


ENCODINGS = st.sampled_from([encoded, encoded, raw, raw_bytes])

# Every code point, lone surrogates included.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)


def values_for(key: str) -> st.SearchStrategy[str]:
    valid = VALID.get(key.split("[")[0], ["x"])
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(valid),
        # A valid value spoilt at one end.
        st.builds(lambda v, h: v + h, st.sampled_from(valid), st.sampled_from(HOSTILE)),
        st.integers(-(10**30), 10**30).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        # Any date in the years that end up in a URL by mistake; the edges of what Python's
        # dates allow are in EDGE_DATES. (Far-away years in between are bench/fuzz.py's.)
        st.dates(datetime.date(1800, 1, 1), datetime.date(2300, 12, 31)).map(
            datetime.date.isoformat
        ),
        ANY_TEXT,
        # Long: over the filters' length limits.
        st.builds(
            lambda c, n: c * n, st.sampled_from(["x", "é", "%", "9", " "]), st.integers(90, 3000)
        ),
    )


def keys_from(own: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(own),
        st.sampled_from(own),
        st.sampled_from(OTHER_KEYS),
        st.builds(lambda k, s: k + s, st.sampled_from(own), st.sampled_from(["[]", "[0]", ".x"])),
        ANY_TEXT,
    )


@st.composite
def pair(draw, own: list[str]) -> str:
    key = draw(keys_from(own))
    value = draw(values_for(key))
    encode = draw(ENCODINGS)
    repeat = draw(st.sampled_from([1, 1, 1, 2, 3, 30]))
    return "&".join(f"{encode(key)}={encode(value)}" for _ in range(repeat))


def query_strings(own: list[str]) -> st.SearchStrategy[str]:
    """Query strings for a URL whose own parameters are ``own``."""
    return st.one_of(
        st.builds(
            lambda pairs, sep: sep.join(pairs),
            st.lists(pair(own), min_size=1, max_size=5),
            st.sampled_from(["&", "&", "&", ";", "&&"]),
        ),
        st.binary(max_size=200).map(percent),
        # Printable garbage, exactly as typed.
        st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=200).map(
            lambda text: text.replace("#", "%23")
        ),
    )


@pytest.fixture(scope="module")
def data(django_db_setup, django_db_blocker):
    """A place with an activity on every kind of filter value, once for the module."""
    with module_data(django_db_blocker):
        place = LocationFactory(
            name="Wijkcentrum De Magneet",
            slug="de-magneet",
            cluster__name="De Wijk",
            cluster__slug="de-wijk",
        )
        LocationFactory(name="Noaberhuus", slug="noaberhuus", latitude=None, longitude=None)
        for weekday in range(7):
            OpeningHoursFactory(location=place, weekday=weekday)
        activity = ActivityFactory(
            title="Koffieochtend",
            slug="koffieochtend",
            location=place,
            organiser=OrganisationFactory(name="Alifa", slug="alifa"),
        )
        activity.themes.set([ThemeFactory(slug="sport-en-bewegen", name="Sport en bewegen")])
        activity.target_groups.set([TargetGroupFactory(slug="ouderen", name="Ouderen")])
        ScheduleFactory(activity=activity, start_date=TODAY)
        CancellationFactory(activity=activity, date=TODAY + datetime.timedelta(days=7))
        ends = the_ends_of_the_range(place)
        yield {"place": place, "activity": activity, **ends}


def the_ends_of_the_range(place) -> dict:
    """Rows on both ends of the range (ontmoeting/dates.py), and a title on two lines as
    saved before the forms refused it: the factories save without validation."""
    OpeningExceptionFactory(location=place, start_date=EARLIEST_DATE, end_date=EARLIEST_DATE)
    OpeningExceptionFactory(
        location=place,
        start_date=LATEST_DATE,
        end_date=LATEST_DATE,
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=datetime.time(20, 0),
        closes=datetime.time(0, 0),
    )
    last = ActivityFactory(title="Laatste keer", slug="laatste-keer", location=place)
    ScheduleFactory(
        activity=last,
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=LATEST_DATE,
        start_time=datetime.time(23, 0),
        end_time=datetime.time(0, 0),
    )
    daily = ActivityFactory(
        title="Elke dag\nvan 2000 tot 2100", slug="elke-dag", location=place, room="Zaal\t1"
    )
    ScheduleFactory(
        activity=daily,
        start_date=EARLIEST_DATE,
        until=LATEST_DATE,
        weekdays=list(range(7)),
        start_time=datetime.time(23, 0),
        end_time=datetime.time(0, 0),
    )
    for day in (EARLIEST_DATE, LATEST_DATE):
        CancellationFactory(activity=daily, date=day)
    return {"last": last, "daily": daily}


@pytest.fixture
def http(data, db, fake_geocoder):
    """A test client; the postcode table answers, and the fake geocoder guards the internet.

    A server error comes back as the 500 page it would be, so that the failure names the URL.
    """
    return Client(raise_request_exception=False)


def shown(url: str, query: str) -> str:
    return f"{url}?{query[:200]}" + ("…" if len(query) > 200 else "")


def check_page(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: server error {response.status_code}"
    assert response.status_code in (200, 400), f"{where}: status {response.status_code}"
    assert response["Content-Type"].startswith("text/html"), where
    assert b"</html>" in response.content, f"{where}: not a whole page"


def check_geojson(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: server error {response.status_code}"
    assert response.status_code == 200, f"{where}: status {response.status_code}"
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection", where
    assert isinstance(collection["features"], list), where


def check_feed(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: server error {response.status_code}"
    assert response.status_code == 200, f"{where}: status {response.status_code}"
    assert response["Content-Type"].startswith("text/calendar"), where
    assert Calendar.from_ical(response.content).name == "VCALENDAR", where
    # No value of the query string became a property of its own.
    assert b"\r\nX-INJECTED" not in response.content.replace(b"\r\n ", b""), where


def check_api_list(response, where: str) -> None:
    status = response.status_code
    assert status < 500, f"{where}: server error {status}"
    # 404: a page past the last one, as in DRF.
    assert status in (200, 400, 404), f"{where}: status {status}"
    assert response["Content-Type"].startswith("application/json"), where
    body = json.loads(response.content)
    if status == 200:
        assert isinstance(body["results"], list), where
    else:
        assert isinstance(body["detail"], str), where


@FUZZ
@given(query=query_strings(PLACE_KEYS))
def test_home_and_its_geojson(http, query):
    for url, check in [
        (reverse("locaties:home"), check_page),
        (reverse("locaties:geojson"), check_geojson),
    ]:
        check(http.get(url, QUERY_STRING=query), shown(url, query))


@FUZZ
@given(query=query_strings(AGENDA_KEYS))
def test_agenda_and_its_feed(http, query):
    for url, check in [
        (reverse("activiteiten:agenda"), check_page),
        (reverse("activiteiten:agenda_ical"), check_feed),
    ]:
        check(http.get(url, QUERY_STRING=query), shown(url, query))


@FUZZ
@given(query=query_strings(API_PLACE_KEYS))
def test_api_places(http, query):
    url = reverse("api:place-list")
    check_api_list(http.get(url, QUERY_STRING=query), shown(url, query))


@FUZZ
@given(query=query_strings(API_ACTIVITY_KEYS))
def test_api_activities(http, query):
    url = reverse("api:activity-list")
    check_api_list(http.get(url, QUERY_STRING=query), shown(url, query))


@FUZZ
@given(
    query=st.one_of(
        query_strings(WEEKLY_SHEET_KEYS),
        st.sampled_from(EDGE_DATES).map(lambda day: f"week_of={day}"),
    )
)
def test_weekly_sheet(http, data, query):
    """The printable week of a cluster: public, and it reads the week asked for."""
    url = reverse("overzichten:weekly_sheet", kwargs={"slug": data["place"].cluster.slug})
    check_page(http.get(url, QUERY_STRING=query), shown(url, query))


@FUZZ
@given(
    name=st.sampled_from(
        ["place page", "place feed", "cluster feed"]
        + [
            f"{which} {kind}"
            for which in ("activity", "last", "daily")
            for kind in ("page", "feed")
        ]
    ),
    query=query_strings(PLACE_KEYS + AGENDA_KEYS),
)
def test_pages_that_read_no_filters(http, data, name, query):
    place = data["place"]
    urls = {
        "place page": (place.get_absolute_url(), check_page),
        "place feed": (reverse("locaties:ical", kwargs={"slug": place.slug}), check_feed),
        "cluster feed": (
            reverse("clusters:ical", kwargs={"slug": place.cluster.slug}),
            check_feed,
        ),
    }
    for which in ("activity", "last", "daily"):
        activity = data[which]
        urls[f"{which} page"] = (activity.get_absolute_url(), check_page)
        urls[f"{which} feed"] = (
            reverse("activiteiten:ical", kwargs={"slug": activity.slug}),
            check_feed,
        )
    url, check = urls[name]
    check(http.get(url, QUERY_STRING=query), shown(url, query))
