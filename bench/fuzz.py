"""Fuzz: random and hostile query strings over every public URL, through gunicorn.

    .venv/bin/python bench/fuzz.py [--count 10000] [--seed 2026] [--threads 8] [--max-seconds 600]
        [--gunicorn-threads 8] [--burst 32] [--burst-threads 8] [--threaded-count 1000]

Serves the portal with gunicorn and production settings on loopback, against the database
the settings select (``DATABASE_URL``, or the embedded server's ``EMBEDDED_POSTGRES_DB``,
by default the demo database ``ontmoeting`` that ``make run`` fills). The public URLs come
from the URLconf (in-process, with real slugs from the database); a URL that sends an
anonymous visitor to the login page is not public and is left out. Then it sends --count
query strings, made by a seeded generator, spread over those URLs by several threads:

- the filters' own parameter names (read from the FilterSets) and others the pages and the
  API read, with hostile values: very long, NUL and control characters, broken percent
  escapes, unicode (also lone surrogates and raw UTF-8 bytes), SQL- and HTML-ish text,
  huge and negative numbers, impossible dates and times, empty and whitespace; mixed with
  valid values, so that a bad value also meets the code paths behind a good one;
- repeated keys, array syntax (``kind[]=``, ``q[0]=``), keys without ``=``, odd separators;
- fully random bytes, percent-encoded, and raw printable garbage;
- line breaks and other control characters inside values (a search "a\\nb" once broke the
  feeds' names), and the ends of the dates the portal accepts (ontmoeting/dates.py).

While it runs, the database holds rows on both ends of that range, added for the run and
removed afterwards (``--no-range-rows`` leaves the database alone): at the busiest place, a
one-off on 31 December 2099 23:00–00:00, a daily rule from 1 January 2000 to then with its
first and last dates cancelled, exceptions on both ends, and a title on two lines as saved
before the forms refused it. Their pages and feeds are fuzzed with the rest.

Then the same URLs are asked *at the same moment*, against a second gunicorn with one worker
of --gunicorn-threads threads and nothing cached (CACHE_PUBLIC_ANSWERS=false), where code
that is not thread-safe breaks (drf-spectacular's schema generator did, tfranzel/drf-
spectacular#1123): each URL --burst times without a query string, --burst-threads requests
released together, which must all answer as the URL did alone (the API docs and schema with
the same bytes); then the first --threaded-count of the query strings above, by as many
threads.

Every answer with status 5xx, and every request the server did not answer (a worker that
died or timed out), is a failure: the report lists its URL, status and the start of the
body, and the tracebacks gunicorn's log holds. Writes bench/reports/fuzz.json and fuzz.md and
exits with 1 when there was a failure. Not part of the test suite (tests/ontmoeting/
test_fuzz_pages.py is its small, in-process counterpart). Loopback only; bounded by
--max-seconds (no new request after that).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import random
import re
import socket
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (
    HOST,
    BenchError,
    bench_env,
    free_port,
    manage,
    start_gunicorn,
    stop_process,
)

OUT_DIR = Path(__file__).resolve().parent / "reports"
REQUEST_TIMEOUT = 60  # longer than gunicorn's worker timeout (30 s): a killed worker shows
SLOW_S = 5.0
# gunicorn's limit_request_line is 4094 bytes, "GET <path>?<query> HTTP/1.1" included.
MAX_QUERY_BYTES = 3900
SNIPPET = 300

# Parameters read outside the FilterSets (paging, agenda week, weekly sheet, API windows…),
# and some nobody reads.
EXTRA_KEYS = [
    "page",
    "page_size",
    "week",
    "week_of",
    "start",
    "end",
    "sep",
    "next",
    "language",
    "format",
    "callback",
    "ordering",
    "limit",
    "offset",
    "utm_source",
    "csrfmiddlewaretoken",
    "_",
]

HOSTILE = [
    "",
    " ",
    "\t",
    "\n",
    "-1",
    "0",
    "-0",
    "00",
    "7",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "-inf",
    "99999999999999999999",
    "-99999999999999999999",
    "2147483648",
    "9223372036854775808",
    "0x1F",
    "1_000",
    "١٢",
    "１２",
    "²",
    "true",
    "false",
    "on",
    "off",
    "None",
    "null",
    "undefined",
    "[]",
    "{}",
    "{'a': 1}",
    '{"$gt": ""}',
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x7f",
    "\r\nSet-Cookie: x=1",
    "café ☕ 😀",
    "\u202eevil",
    "\ufeff",
    "\ud800",
    "\udfff",
    "\uffff",
    "\U0010ffff",
    "e\u0301\u0301\u0301\u0301",
    "' OR 1=1 --",
    "1; DROP TABLE locaties_location;--",
    '" OR ""="',
    "%' AND pg_sleep(5)--",
    "') OR ('a'='a",
    "\\",
    "\\x00",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "//evil.example",
    "https://evil.example/",
    "%",
    "%%",
    "%ZZ",
    "%E9",
    "%C3%28",
    "%00",
    "%u0041",
    "%%32%35",
    "+",
    "&",
    "=",
    "#",
    ";",
    ",",
    "*",
    "?",
    "25:99",
    "24:00",
    "23:59:59",
    "8",
    "08.30",
    "-08:00",
    "10:00+02:00",
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "1969-12-31",
    "2026-13-01",
    "1999-12-31",
    "2000-01-01",
    "2099-12-31",
    "2100-01-01",
    "20261201",
    "2026-W53",
    ".5",
    "52.2215",
    "6.8937",
    "-90",
    "180.0000000000000000001",
    "52,2215",
    "a\nb",
    "a\r\nX-INJECTED:1",
    "\r",
    "a\tb",
    "\x0b\x0c",
    "a\x85b",
    "a\u2028b\u2029",
    "a\x1fb",
    "1" * 400,
    "9" * 30,
]
CHARSETS = [
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "%",
    "\x00\x01\x02\x1f\x7f",
    "é€™😀\u202e\u0301",
    " \t\n\r",
    "<>\"'&;=",
]
UNICODE_RANGES = [
    (0x20, 0x7E),
    (0x00, 0x1F),
    (0x80, 0xFF),
    (0x100, 0x24F),
    (0x300, 0x36F),  # combining marks
    (0x590, 0x6FF),  # Hebrew, Arabic
    (0x4E00, 0x4FFF),
    (0xD800, 0xDFFF),  # lone surrogates
    (0xE000, 0xE0FF),
    (0xFFF0, 0xFFFF),
    (0x1F600, 0x1F64F),
    (0x10FFF0, 0x10FFFF),
]


# --- What to ask: URLs and parameters, from the project itself -------------------------


def filter_keys() -> dict[str, list[str]]:
    """The parameter names each family of URLs reads, from the FilterSets themselves."""
    from activiteiten.filters import ActivityFilter
    from api.filters import ApiActivityFilter, PlaceFilter
    from locaties.filters import LocationFilter

    places = sorted(LocationFilter.base_filters)
    agenda = sorted(ActivityFilter.base_filters)
    return {
        "places": [*places, "page"],
        "agenda": [*agenda, "week", "page"],
        "api_places": [*sorted(PlaceFilter.base_filters), "page", "page_size"],
        "api_activities": [
            *sorted(ApiActivityFilter.base_filters),
            "page",
            "page_size",
            "start",
            "end",
        ],
        "api": ["page", "page_size", "start", "end"],
        "weekly": ["week_of"],
        "other": [],
    }


def real_values() -> dict[str, list[str]]:
    """Valid values per parameter, from the database: a hostile value next to a valid one
    reaches the code behind the validation."""
    from activiteiten.models import Activity, TargetGroup, Theme
    from activiteiten.schedules import PartOfDay
    from clusters.models import Cluster
    from locaties.filters import ACCESSIBILITY
    from locaties.models import Location, LocationKind, Organisation

    today = datetime.date.today()
    return {
        "kind": list(LocationKind.objects.values_list("slug", flat=True)[:20]),
        "cluster": list(Cluster.objects.values_list("slug", flat=True)[:20]),
        "theme": list(Theme.objects.values_list("slug", flat=True)[:20]),
        "target_group": list(TargetGroup.objects.values_list("slug", flat=True)[:20]),
        "place": list(Location.objects.published().values_list("slug", flat=True)[:20]),
        "organiser": list(
            Organisation.objects.filter(activities__isnull=False)
            .distinct()
            .values_list("slug", flat=True)[:20]
        ),
        "day": [str(d) for d in range(7)],
        "part": list(PartOfDay.values),
        "access": [key for key, _label in ACCESSIBILITY],
        "open_at": ["08:30", "10:00", "19:59", "20:00"],
        "open_now": ["on", "true", "false"],
        "supervised_now": ["on", "true", "false"],
        "free": ["on", "true", "false"],
        "support_need": ["on", "true", "false"],
        "postcode": ["7511AB", "7544 CZ"],
        "lat": ["52.2215", "52.19"],
        "lon": ["6.8937", "6.87"],
        "q": ["koffie", "sport", "Enschede"],
        "week": ["0", "1", "52"],
        "page": ["1", "2"],
        "page_size": ["1", "200"],
        "start": [today.isoformat()],
        "end": [(today + datetime.timedelta(days=30)).isoformat()],
        "week_of": [today.isoformat()],
        "slug": list(Activity.objects.public().values_list("slug", flat=True)[:5]),
    }


def family(name: str, route: str) -> str:
    """Which parameters a URL reads, by its name (falls back to "other": every key)."""
    if name in ("locaties:home", "locaties:geojson"):
        return "places"
    if name in ("activiteiten:agenda", "activiteiten:agenda_ical") or route.endswith("agenda.ics"):
        return "agenda"
    if name in ("api:place-list", "api:place-geojson"):
        return "api_places"
    if name in ("api:activity-list", "api:occurrence-list", "api:activity-occurrences"):
        return "api_activities"
    if name.startswith("api:"):
        return "api"
    if name == "overzichten:weekly_sheet":
        return "weekly"
    return "other"


def walk_urlconf() -> list[tuple[str, str, list[str]]]:
    """(qualified name, route, keyword arguments) of every named URL pattern."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = []

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or ""
                full = f"{namespace}:{ns}".strip(":") if ns else namespace
                walk(pattern.url_patterns, full, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                regex = pattern.pattern.regex
                found.append((name, route, list(regex.groupindex)))

    # The project's URLconf, not bench.urls (whose bare view is no public URL).
    walk(get_resolver("ontmoeting.urls").url_patterns, "", "/")
    return found


def pick_objects() -> dict[str, str]:
    """Real slugs: the published place with the most activities, its cluster, one of its
    public activities, and an organiser."""
    from django.db.models import Count

    from activiteiten.models import Activity
    from locaties.models import Location, Organisation

    place = (
        Location.objects.published()
        .annotate(n=Count("activities"))
        .order_by("-n", "pk")
        .select_related("cluster")
        .first()
    )
    if place is None:
        raise BenchError(
            "No published place in the database: load the demo data first "
            "(.venv/bin/python manage.py load_demo --if-empty)."
        )
    activity = Activity.objects.public().order_by("pk").first()
    organisation = (
        Organisation.objects.filter(activities__isnull=False).distinct().order_by("pk").first()
    )
    return {
        "place": place.slug,
        "cluster": place.cluster.slug,
        "activity": activity.slug if activity else "",
        "organisation": organisation.slug if organisation else "",
    }


# --- Rows on both ends of the date range, for the run -----------------------------------

RANGE_SLUG = "fuzz-range-"
RANGE_REASON = "bench/fuzz.py"


def remove_range_rows() -> int:
    """Delete what add_range_rows made (also what a run that was killed left behind)."""
    from activiteiten.models import Activity
    from locaties.models import OpeningException

    found = Activity.objects.filter(slug__startswith=RANGE_SLUG)
    count = found.count()
    found.delete()
    OpeningException.objects.filter(reason=RANGE_REASON).delete()
    return count


def add_range_rows(place_slug: str) -> list[str]:
    """Rows on both ends of ontmoeting/dates.py's range at the place ``place_slug``; returns
    the activities' slugs. Bulk-created, so no history rows are written for them (and each
    schedule's stored last date is set by hand, as Schedule.save would)."""
    from activiteiten.models import Activity, Cancellation, Schedule
    from locaties.models import Location, OpeningException, Organisation
    from ontmoeting.dates import EARLIEST_DATE, LATEST_DATE

    place = Location.objects.get(slug=place_slug)
    organiser = Organisation.objects.order_by("pk").first()
    OpeningException.objects.bulk_create(
        [
            OpeningException(
                location=place,
                start_date=EARLIEST_DATE,
                end_date=EARLIEST_DATE,
                reason=RANGE_REASON,
            ),
            OpeningException(
                location=place,
                start_date=LATEST_DATE,
                end_date=LATEST_DATE,
                kind=OpeningException.Kind.SPECIAL_HOURS,
                opens=datetime.time(20, 0),
                closes=datetime.time(0, 0),
                reason=RANGE_REASON,
            ),
        ]
    )
    last, daily = Activity.objects.bulk_create(
        [
            Activity(
                title="Laatste keer (fuzz)",
                slug=f"{RANGE_SLUG}laatste-keer",
                organiser=organiser,
                location=place,
                status=Activity.Status.PUBLISHED,
            ),
            Activity(
                title="Elke dag\nvan 2000 tot 2100 (fuzz)",
                slug=f"{RANGE_SLUG}elke-dag",
                organiser=organiser,
                location=place,
                room="Zaal\t1",
                status=Activity.Status.PUBLISHED,
            ),
        ]
    )
    midnight, eleven = datetime.time(0, 0), datetime.time(23, 0)
    added = Schedule.objects.bulk_create(
        [
            Schedule(
                activity=last,
                frequency=Schedule.Frequency.ONCE,
                start_date=LATEST_DATE,
                start_time=eleven,
                end_time=midnight,
                last_date=LATEST_DATE,
            ),
            Schedule(
                activity=daily,
                start_date=EARLIEST_DATE,
                until=LATEST_DATE,
                weekdays=list(range(7)),
                start_time=eleven,
                end_time=midnight,
                last_date=LATEST_DATE,
            ),
        ]
    )
    from activiteiten.services import schedule_dates_refresh

    schedule_dates_refresh(schedule_ids=[s.pk for s in added])  # bulk_create sends no signal
    Cancellation.objects.bulk_create(
        [Cancellation(activity=daily, date=day) for day in (EARLIEST_DATE, LATEST_DATE)]
    )
    return [last.slug, daily.slug]


def range_urls(slugs: list[str]) -> dict[str, dict]:
    from django.urls import reverse

    urls = {}
    for slug in slugs:
        urls[f"(range end) {slug} page"] = {
            "path": reverse("activiteiten:detail", kwargs={"slug": slug}),
            "family": "other",
        }
        urls[f"(range end) {slug} feed"] = {
            "path": reverse("activiteiten:ical", kwargs={"slug": slug}),
            "family": "other",
        }
        urls[f"(range end) {slug} API occurrences"] = {
            "path": reverse("api:activity-occurrences", kwargs={"slug": slug}),
            "family": "api_activities",
        }
    return urls


SLUG_FOR_ROUTE = [
    ("weekblad/", "cluster"),
    ("clusters/", "cluster"),
    ("locaties/", "place"),
    ("places/", "place"),
    ("activiteiten/", "activity"),
    ("activities/", "activity"),
    ("organisations/", "organisation"),
]
LEFT_OUT_NAMESPACES = ("admin",)


def candidate_urls(objects: dict[str, str]) -> tuple[dict[str, dict], list[dict]]:
    """Every named URL outside the admin with its arguments filled in; and the ones that could
    not be filled. A few unnamed variants are added: addresses without their slash (which
    redirect with the query string) and an unknown API address."""
    from django.urls import NoReverseMatch, reverse

    urls, skipped = {}, []
    for name, route, kwargs in walk_urlconf():
        if name.split(":")[0] in LEFT_OUT_NAMESPACES:
            continue
        values = {}
        for kwarg in kwargs:
            if kwarg == "path":
                values[kwarg] = "onbekend/"
                continue
            kind = next((k for prefix, k in SLUG_FOR_ROUTE if prefix in route), None)
            if kind is None or not objects.get(kind):
                break
            values[kwarg] = objects[kind]
        else:
            try:
                path = reverse(name, kwargs=values)
            except NoReverseMatch as exc:
                skipped.append({"name": name, "route": route, "reason": str(exc)[:200]})
                continue
            urls[name] = {"path": path, "family": family(name, route)}
            continue
        skipped.append({"name": name, "route": route, "reason": f"no value for {kwargs}"})
    for name, path, fam in [
        ("(no slash) agenda", "/activiteiten", "agenda"),
        ("(no slash) api places", "/api/v1/places", "api_places"),
    ]:
        urls[name] = {"path": path, "family": fam}
    return urls, skipped


# --- Making query strings ------------------------------------------------------------


def percent_bytes(data: bytes) -> str:
    return "".join(f"%{b:02X}" for b in data)


def encode_value(text: str, rng: random.Random) -> str:
    """A value as a client might put it in a URL: properly encoded, raw (only what HTTP
    cannot carry is escaped, so "%ZZ" and "&" stay what they are), or raw UTF-8 bytes."""
    mode = rng.random()
    data = text.encode("utf-8", "surrogatepass")
    if mode < 0.55:
        return percent_bytes(data) if rng.random() < 0.1 else quote(data, safe="")
    if mode < 0.97:
        return "".join(
            chr(b) if 0x21 <= b < 0x7F and b != 0x23 else f"%{b:02X}" for b in data
        ).replace("%20", "+" if rng.random() < 0.5 else "%20")
    # Raw bytes above 0x7F in the request line: gunicorn refuses them (400) before Django,
    # as RFC 9112 allows; a few show that it still does.
    return "".join(chr(b) if 0x21 <= b != 0x7F and b != 0x23 else f"%{b:02X}" for b in data)


class QueryMaker:
    """Seeded: the same --seed gives the same query strings in the same order."""

    def __init__(self, seed: int, keys: dict[str, list[str]], values: dict[str, list[str]]):
        self.rng = random.Random(seed)
        self.keys = keys
        self.values = values
        self.all_keys = sorted({k for ks in keys.values() for k in ks} | set(EXTRA_KEYS))

    def unicode_text(self, length: int) -> str:
        rng = self.rng
        chars = []
        for _ in range(length):
            low, high = rng.choice(UNICODE_RANGES)
            chars.append(chr(rng.randint(low, high)))
        return "".join(chars)

    def number(self) -> str:
        rng = self.rng
        choice = rng.randrange(6)
        if choice == 0:
            return str(rng.randint(-(10**30), 10**30))
        if choice == 1:
            return str(rng.randint(-10, 400))
        if choice == 2:
            return f"{rng.uniform(-1e6, 1e6):.{rng.randint(0, 25)}f}"
        if choice == 3:
            return f"{rng.uniform(-10, 10):.3e}".replace("e", rng.choice(["e", "E", "e+"]))
        if choice == 4:
            return "9" * rng.randint(10, 3000)
        return rng.choice(["-", "+", ""]) + str(rng.randint(0, 99)) + "." + "0" * rng.randint(0, 50)

    def moment(self) -> str:
        rng = self.rng
        parts = [
            f"{rng.randint(-1, 10000):04d}-{rng.randint(-1, 14):02d}-{rng.randint(-1, 33):02d}",
            f"{rng.randint(-1, 99):02d}:{rng.randint(-1, 99):02d}",
            f"{rng.randint(0, 30):02d}.{rng.randint(0, 70):02d}",
            datetime.date.today().isoformat() + rng.choice(["T10:00", " ", "Z", "x", ""]),
        ]
        return rng.choice(parts)

    def value(self, key: str) -> str:
        rng = self.rng
        real = self.values.get(key) or []
        choice = rng.random()
        if choice < 0.30:
            return rng.choice(HOSTILE)
        if choice < 0.45 and real:
            return rng.choice(real)
        if choice < 0.55 and real:
            # A valid value spoilt at one end.
            bad = rng.choice(HOSTILE) or "\x00"
            return rng.choice(real) + bad if rng.random() < 0.5 else bad + rng.choice(real)
        if choice < 0.65:
            return self.number()
        if choice < 0.72:
            return self.moment()
        if choice < 0.82:
            return self.unicode_text(rng.randint(1, 40))
        if choice < 0.92:
            # Long: mostly under gunicorn's 4094-byte request line, sometimes over it (then
            # gunicorn answers 400 itself, as it would in production).
            length = rng.choice([rng.randint(100, 1200), rng.randint(1200, 3800)])
            if rng.random() < 0.1:
                length = rng.randint(4000, 12000)
            charset = rng.choice(CHARSETS)
            return "".join(rng.choice(charset) for _ in range(max(1, length // 3)))
        return percent_bytes(rng.randbytes(rng.randint(1, 30)))  # already encoded

    def key(self, fam: str) -> str:
        rng = self.rng
        own = self.keys.get(fam) or self.all_keys
        choice = rng.random()
        if choice < 0.70:
            key = rng.choice(own)
        elif choice < 0.85:
            key = rng.choice(self.all_keys)
        elif choice < 0.93:
            key = rng.choice(own) + rng.choice(["[]", "[0]", "[a]", ".0", "[][]", "__in", " "])
        else:
            key = rng.choice(["", " ", "=", "unknown", self.unicode_text(rng.randint(1, 8))])
        return key

    def query(self, fam: str) -> str:
        rng = self.rng
        choice = rng.random()
        if choice < 0.06:
            return percent_bytes(rng.randbytes(rng.randint(1, 300)))
        if choice < 0.10:
            garbage = "".join(chr(rng.randint(0x21, 0x7E)) for _ in range(rng.randint(1, 200)))
            return garbage.replace("#", "%23")
        pairs = []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])):
            key = self.key(fam)
            repeat = rng.choice([1] * 8 + [2, 3, rng.randint(4, 60)])
            for _ in range(repeat):
                raw_value = self.value(key.split("[")[0].split(".")[0])
                encoded_key = encode_value(key, rng)
                if raw_value.startswith("%") and re.fullmatch(r"(%[0-9A-F]{2})+", raw_value):
                    encoded = raw_value
                else:
                    encoded = encode_value(raw_value, rng)
                if rng.random() < 0.03:
                    pairs.append(encoded_key)  # no "="
                else:
                    pairs.append(f"{encoded_key}={encoded}")
        separator = rng.choice(["&"] * 12 + [";", "&&", "&amp;"])
        query = separator.join(pairs)
        if rng.random() < 0.05:
            query = rng.choice(["&", "?", "=", "&&"]) + query + rng.choice(["", "&", "="])
        if len(query) > MAX_QUERY_BYTES and rng.random() < 0.9:
            # Most go to Django: gunicorn answers a request line over 4094 bytes with 414 itself.
            # Cut anywhere, even in the middle of an escape: one more broken value.
            query = query[: rng.randint(50, MAX_QUERY_BYTES)]
        return query


def make_plan(urls: dict[str, dict], maker: QueryMaker, count: int) -> list[tuple[str, str]]:
    names = sorted(urls)
    plan = []
    for _ in range(count):
        name = maker.rng.choice(names)
        plan.append((name, maker.query(urls[name]["family"])))
    return plan


# --- Sending ----------------------------------------------------------------------------


def raw_get(port: int, target: str, timeout: float) -> tuple[int, dict[str, str], bytes]:
    """GET with the request target sent as it is (Latin-1, so raw bytes above 0x7F pass);
    http.client itself would refuse them."""
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        sock.sendall(
            b"GET "
            + target.encode("latin-1")
            + f" HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
        )
        response = http.client.HTTPResponse(sock, method="GET")
        response.begin()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def content_family(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


class Runner:
    def __init__(self, port: int, urls: dict[str, dict], plan, threads: int, deadline: float):
        self.port, self.urls, self.plan, self.threads = port, urls, plan, threads
        self.deadline = deadline
        self.lock = threading.Lock()
        self.next_index = 0
        self.results: dict[str, dict[str, int]] = {name: {} for name in urls}
        self.failures: list[dict] = []
        self.slow: list[dict] = []
        self.by_gunicorn = 0
        self.gunicorn_examples: list[dict] = []
        self.type_changes: list[dict] = []
        self.sent = 0

    def take(self):
        with self.lock:
            if self.next_index >= len(self.plan) or time.monotonic() > self.deadline:
                return None
            item = self.plan[self.next_index]
            self.next_index += 1
            return item

    def work(self) -> None:
        while (item := self.take()) is not None:
            name, query = item
            url = self.urls[name]
            target = f"{url['path']}?{query}"
            started = time.perf_counter()
            status, headers, body, error = None, {}, b"", None
            try:
                status, headers, body = raw_get(self.port, target, REQUEST_TIMEOUT)
            except (OSError, http.client.HTTPException) as exc:
                error = repr(exc)
            took = time.perf_counter() - started
            key = str(status) if status is not None else "no answer"
            with self.lock:
                self.sent += 1
                counts = self.results[name]
                counts[key] = counts.get(key, 0) + 1
                if status is not None and "x-content-type-options" not in headers:
                    # Rejected before Django (request line too long, invalid characters).
                    self.by_gunicorn += 1
                    if len(self.gunicorn_examples) < 20:
                        self.gunicorn_examples.append(
                            {
                                "status": status,
                                "target": target[:300],
                                "target_length": len(target),
                                "raw_non_ascii": bool(re.search(r"[^\x21-\x7e]", target)),
                                "snippet": body[:200].decode("utf-8", "replace"),
                            }
                        )
                if status is None or status >= 500:
                    self.failures.append(
                        {
                            "url": name,
                            "target": target[:2000],
                            "target_length": len(target),
                            "status": status,
                            "error": error,
                            "seconds": round(took, 3),
                            "snippet": body[:SNIPPET].decode("utf-8", "replace"),
                        }
                    )
                elif (
                    status == 200
                    and url.get("content_type")
                    and content_family(headers.get("content-type", "")) != url["content_type"]
                ):
                    self.type_changes.append(
                        {
                            "url": name,
                            "target": target[:500],
                            "content_type": headers.get("content-type"),
                        }
                    )
                if took >= SLOW_S:
                    self.slow.append(
                        {"url": name, "target": target[:500], "seconds": round(took, 2)}
                    )

    def run(self) -> float:
        started = time.monotonic()
        threads = [threading.Thread(target=self.work, daemon=True) for _ in range(self.threads)]
        for thread in threads:
            thread.start()
        last = 0
        while any(t.is_alive() for t in threads):
            time.sleep(1)
            if self.sent - last >= 1000:
                last = self.sent - self.sent % 1000
                print(
                    f"  {self.sent} sent, {len(self.failures)} failures, "
                    f"{time.monotonic() - started:.0f} s",
                    flush=True,
                )
        return time.monotonic() - started


def baseline(port: int, urls: dict[str, dict], failures: list[dict]) -> list[dict]:
    """Each URL once without a query: its status and content type. Those that send an
    anonymous visitor to the login page are not public: they are dropped from ``urls``.
    A 5xx here is a failure too (added to ``failures``)."""
    not_public = []
    for name in sorted(urls):
        url = urls[name]
        status, headers, _ = raw_get(port, url["path"], REQUEST_TIMEOUT)
        url["baseline_status"] = status
        location = headers.get("location", "")
        if status in (301, 302) and "/login/" in location:
            not_public.append({"name": name, "path": url["path"], "redirects_to": location})
            del urls[name]
            continue
        if status == 200:
            url["content_type"] = content_family(headers.get("content-type", ""))
        if status >= 500:
            failures.append(
                {
                    "url": name,
                    "target": url["path"],
                    "target_length": len(url["path"]),
                    "status": status,
                    "error": "without any query string",
                    "seconds": None,
                    "snippet": "",
                }
            )
    return not_public


# --- Requests at the same moment ---------------------------------------------------------

# Answers made from the code and the data alone: the same bytes for everyone at any moment.
# (Pages say "open now" and "today", and are compared on their status.)
SAME_BYTES = {"api:docs", "api:schema"}


def burst(port: int, urls: dict[str, dict], size: int, threads: int) -> tuple[dict, list[dict]]:
    """Each URL without a query string, ``size`` times, ``threads`` requests released together
    (a barrier): per URL the statuses and how many different bodies came back; failures."""
    results, failures = {}, []
    size = -(-size // threads) * threads  # whole rounds: no request waits for a partner
    for name in sorted(urls):
        url = urls[name]
        barrier = threading.Barrier(threads)

        def one(_index, path=url["path"], barrier=barrier):
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=REQUEST_TIMEOUT)
            try:
                status, _headers, body = raw_get(port, path, REQUEST_TIMEOUT)
                return status, body, None
            except (OSError, http.client.HTTPException) as exc:
                return None, b"", repr(exc)

        with ThreadPoolExecutor(max_workers=threads) as pool:
            answers = list(pool.map(one, range(size)))
        statuses: dict[str, int] = {}
        for status, _body, _error in answers:
            key = str(status) if status is not None else "no answer"
            statuses[key] = statuses.get(key, 0) + 1
        bodies = {body for status, body, _error in answers if status == url["baseline_status"]}
        results[name] = {"statuses": statuses, "distinct_bodies": len(bodies)}
        problems = []
        if set(statuses) != {str(url["baseline_status"])}:
            problems.append(f"statuses {statuses}, alone {url['baseline_status']}")
        if name in SAME_BYTES and len(bodies) > 1:
            problems.append(f"{len(bodies)} different bodies")
        if problems:
            errors = sorted({error for _s, _b, error in answers if error})
            failures.append(
                {"url": name, "path": url["path"], "problems": problems, "errors": errors[:5]}
            )
    return results, failures


def threaded_phase(env: dict[str, str], urls: dict[str, dict], plan, args, tmp: Path) -> dict:
    """The URLs at the same moment, on one gunicorn worker with threads, nothing cached."""
    threaded_env = {
        **env,
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": str(args.gunicorn_threads),
        "CACHE_PUBLIC_ANSWERS": "false",
    }
    log = tmp / "gunicorn-threaded.log"
    port = free_port()
    proc = None
    print(
        f"At the same moment: 1 worker × {args.gunicorn_threads} threads, {args.burst} requests "
        f"per URL ({args.burst_threads} at once), then {args.threaded_count} query strings …",
        flush=True,
    )
    try:
        proc = start_gunicorn(threaded_env, port, log)
        started = time.monotonic()
        bursts, burst_failures = burst(port, urls, args.burst, args.burst_threads)
        runner = Runner(
            port,
            urls,
            plan[: args.threaded_count],
            args.burst_threads,
            time.monotonic() + args.max_seconds,
        )
        runner.run()
        seconds = round(time.monotonic() - started, 1)
    finally:
        stop_process(proc)
    statuses: dict[str, int] = {}
    for counts in runner.results.values():
        for key, n in counts.items():
            statuses[key] = statuses.get(key, 0) + n
    return {
        "config": {
            "workers": 1,
            "threads": args.gunicorn_threads,
            "burst": args.burst,
            "burst_threads": args.burst_threads,
            "threaded_count": args.threaded_count,
            "cache_public_answers": False,
        },
        "seconds": seconds,
        "bursts": bursts,
        "burst_failures": burst_failures,
        "sent": runner.sent,
        "statuses": dict(sorted(statuses.items())),
        "failures": runner.failures,
        "log_errors": tracebacks(log),
    }


def threaded_failures(threaded: dict) -> int:
    return len(threaded["burst_failures"]) + len(threaded["failures"])


# --- The gunicorn log --------------------------------------------------------------------

LOG_START = re.compile(r"^(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d|\[\d{4}-\d\d-\d\d )")


def tracebacks(log: Path) -> list[dict]:
    """The distinct error entries in the log (Django's "Internal Server Error" with its
    traceback, gunicorn's worker timeouts), each with how often it occurred."""
    if not log.exists():
        return []
    entries: list[list[str]] = []
    for line in log.read_text(errors="replace").splitlines():
        if LOG_START.match(line) or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    seen: dict[str, dict] = {}
    for entry in entries:
        text = "\n".join(entry)
        if not any(w in text for w in ("Traceback", "ERROR", "CRITICAL", "TIMEOUT")):
            continue
        if "Booting worker" in text or "Listening at" in text:
            continue
        head = re.sub(r"^\S+ \S+ ", "", entry[0])  # without the time stamp
        last = entry[-1].strip()
        key = f"{head} | {last}"
        if key in seen:
            seen[key]["count"] += 1
        else:
            seen[key] = {"count": 1, "text": text[-6000:]}
    return list(seen.values())


# --- Reports -----------------------------------------------------------------------------


def write_markdown(report: dict, path: Path) -> None:
    failures = report["failures"]
    lines = [
        "# Fuzz report: hostile query strings over the public URLs",
        "",
        f"{report['started']} · database {report['config']['database']} · seed "
        f"{report['config']['seed']} · {report['sent']} of {report['config']['count']} "
        f"requests in {report['seconds']} s ({report['config']['threads']} threads, gunicorn "
        "with production settings)",
        "",
        f"**{'met' if not failures else 'missed'}**: 0 responses with status 5xx and 0 "
        f"requests without an answer (found {len(failures)})",
        "",
        f"- statuses: {report['statuses']}",
        "- rows on both ends of the date range during the run: "
        + (", ".join(f"`{slug}`" for slug in report["range_rows"]) or "none (--no-range-rows)"),
        f"- answered by gunicorn itself, before Django (e.g. request line over 4094 bytes): "
        f"{report['answered_by_gunicorn']}",
        f"- slower than {SLOW_S:.0f} s: {len(report['slow'])}; a 200 with another content type "
        f"than without a query: {len(report['type_changes'])}",
        "",
        "| URL | path | requests | statuses |",
        "|---|---|---:|---|",
    ]
    for name, url in sorted(report["urls"].items()):
        counts = report["per_url"].get(name, {})
        lines.append(
            f"| {name} | `{url['path']}` | {sum(counts.values())} | "
            + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
            + " |"
        )
    if report["not_public"] or report["skipped"]:
        lines += ["", "Left out:", ""]
        for item in report["not_public"]:
            lines.append(f"- {item['name']} `{item['path']}`: login required")
        for item in report["skipped"]:
            lines.append(f"- {item['name']} `{item['route']}`: {item['reason']}")
    if failures:
        lines += ["", "## Failures", ""]
        for failure in failures[:50]:
            lines += [
                f"- **{failure['status'] or failure['error']}** {failure['url']} "
                f"({failure['target_length']} characters, {failure['seconds']} s):",
                "",
                "  ```",
                f"  {failure['target'][:600]}",
                "  ```",
                "",
            ]
    if report["log_errors"]:
        lines += ["", "## Errors in gunicorn's log", ""]
        for entry in report["log_errors"][:20]:
            lines += [f"{entry['count']}×:", "", "```", entry["text"][-3000:], "```", ""]
    threaded = report.get("threaded")
    if threaded:
        config = threaded["config"]
        lines += [
            "",
            "## Requests at the same moment",
            "",
            f"gunicorn with 1 worker × {config['threads']} threads, nothing cached; each URL "
            f"{config['burst']} times without a query string, {config['burst_threads']} at once; "
            f"then {threaded['sent']} of the query strings above by {config['burst_threads']} "
            f"threads; {threaded['seconds']} s.",
            "",
            f"**{'met' if not threaded_failures(threaded) else 'missed'}**: every URL answers "
            "as it does alone (the API docs and schema the same bytes), no 5xx, no request "
            f"without an answer (found {threaded_failures(threaded)})",
            "",
            f"- query strings: statuses {threaded['statuses']}",
            "",
            "| URL | statuses at once | different bodies |",
            "|---|---|---:|",
        ]
        for name, result in sorted(threaded["bursts"].items()):
            lines.append(
                f"| {name} | "
                + ", ".join(f"{k}: {v}" for k, v in sorted(result["statuses"].items()))
                + f" | {result['distinct_bodies']} |"
            )
        for failure in threaded["burst_failures"]:
            lines.append(
                f"- **{failure['url']}** `{failure['path']}`: {'; '.join(failure['problems'])}"
            )
        for failure in threaded["failures"][:20]:
            lines.append(
                f"- **{failure['status'] or failure['error']}** {failure['url']}: `{failure['target'][:300]}`"
            )
        for entry in threaded["log_errors"][:10]:
            lines += ["", f"{entry['count']}×:", "", "```", entry["text"][-3000:], "```"]
    if report["slow"]:
        lines += ["", f"## Slower than {SLOW_S:.0f} s", ""]
        for item in sorted(report["slow"], key=lambda s: -s["seconds"])[:10]:
            lines.append(f"- {item['seconds']} s {item['url']}: `{item['target'][:200]}`")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--max-seconds", type=float, default=600, help="no new request after this many seconds"
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("GUNICORN_WORKERS", 0)))
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    parser.add_argument(
        "--no-range-rows",
        action="store_true",
        help="do not add rows on both ends of the date range for the run",
    )
    parser.add_argument(
        "--gunicorn-threads", type=int, default=8, help="threads of the one worker, second part"
    )
    parser.add_argument("--burst", type=int, default=32, help="requests per URL at once")
    parser.add_argument("--burst-threads", type=int, default=8, help="requests released together")
    parser.add_argument(
        "--threaded-count", type=int, default=1000, help="query strings sent to the threaded server"
    )
    args = parser.parse_args()

    workers = args.workers or (os.cpu_count() or 1) * 2 + 1
    env = bench_env(GUNICORN_WORKERS=str(workers))
    print("collectstatic …", flush=True)
    manage(env, "collectstatic", "--noinput", "-v0")
    os.environ.update(env)
    import django

    django.setup()
    from django.db import connection, connections

    database = connection.settings_dict["NAME"]
    left_behind = remove_range_rows()
    if left_behind:
        print(f"removed {left_behind} activities a killed run left behind", flush=True)
    objects = pick_objects()
    urls, skipped = candidate_urls(objects)
    keys, values = filter_keys(), real_values()
    range_slugs = [] if args.no_range_rows else add_range_rows(objects["place"])
    urls.update(range_urls(range_slugs))
    connections.close_all()

    report: dict = {
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "config": {
            "count": args.count,
            "seed": args.seed,
            "threads": args.threads,
            "workers": workers,
            "max_seconds": args.max_seconds,
            "database": database,
        },
        "objects": objects,
        "range_rows": range_slugs,
        "skipped": skipped,
    }
    port = free_port()
    proc = None
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        log = Path(tmp) / "gunicorn.log"
        try:
            proc = start_gunicorn(env, port, log)
            baseline_failures: list[dict] = []
            report["not_public"] = baseline(port, urls, baseline_failures)
            report["urls"] = urls
            print(
                f"{len(urls)} public URLs ({len(report['not_public'])} need a login, "
                f"{len(skipped)} could not be filled); making {args.count} query strings …",
                flush=True,
            )
            plan = make_plan(urls, QueryMaker(args.seed, keys, values), args.count)
            runner = Runner(port, urls, plan, args.threads, time.monotonic() + args.max_seconds)
            runner.failures.extend(baseline_failures)
            report["seconds"] = round(runner.run(), 1)
            stop_process(proc)
            # Before the range rows go: their pages are among the URLs asked at once.
            report["threaded"] = threaded_phase(env, urls, plan, args, Path(tmp))
        finally:
            stop_process(proc)
            if range_slugs:
                remove_range_rows()
                connections.close_all()
        report["log_errors"] = tracebacks(log)
    statuses: dict[str, int] = {}
    for counts in runner.results.values():
        for key, n in counts.items():
            statuses[key] = statuses.get(key, 0) + n
    report.update(
        sent=runner.sent,
        statuses=dict(sorted(statuses.items())),
        per_url=runner.results,
        answered_by_gunicorn=runner.by_gunicorn,
        answered_by_gunicorn_examples=runner.gunicorn_examples,
        failures=runner.failures,
        slow=runner.slow,
        type_changes=runner.type_changes[:50],
    )
    args.out_dir.mkdir(parents=True, exist_ok=True)
    (args.out_dir / "fuzz.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    write_markdown(report, args.out_dir / "fuzz.md")
    print(
        f"\n{runner.sent} requests in {report['seconds']} s: {report['statuses']}; "
        f"{len(runner.failures)} failures (5xx or no answer)"
    )
    if runner.sent < args.count:
        print(f"  stopped after --max-seconds {args.max_seconds}: {runner.sent} of {args.count}")
    for failure in runner.failures[:10]:
        print(f"  {failure['status'] or failure['error']}: {failure['target'][:200]}")
    threaded = report["threaded"]
    print(
        f"At the same moment: {threaded_failures(threaded)} failures "
        f"({len(threaded['bursts'])} URLs in bursts, {threaded['sent']} query strings: "
        f"{threaded['statuses']})"
    )
    for failure in threaded["burst_failures"][:10]:
        print(f"  {failure['url']}: {'; '.join(failure['problems'])}")
    print(f"Reports: {args.out_dir / 'fuzz.md'}, {args.out_dir / 'fuzz.json'}")
    return 1 if runner.failures or threaded_failures(threaded) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        sys.exit(f"fuzz: {exc}")
