"""What the tests of the agenda and activity pages share."""

import datetime
import html
import json
import re
from zoneinfo import ZoneInfo

from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Monday 23 November 2026, noon.
MONDAY_NOON = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM)
AGENDA = reverse("activiteiten:agenda")
DAY_HEADING = re.compile(r'<h3 class="day-heading">(.*?)(?: <span|</h3>)')


def weekly(activity, weekday, start, end, *, first=datetime.date(2026, 11, 2), **extra):
    return ScheduleFactory(
        activity=activity,
        start_date=first,
        weekdays=[weekday],
        start_time=datetime.time(*start),
        end_time=datetime.time(*end),
        **extra,
    )


def main(response) -> str:
    """The page's main content (the header's language form repeats the full path)."""
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]


def titles(response) -> list[str]:
    """Activity titles in the agenda list, in order (each line links to its activity)."""
    return [o.activity.title for o in response.context["occurrences"]]


def jsonld(body: str):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def many_activities(count: int):
    themes = [ThemeFactory(name=f"Thema {n}", slug=f"thema-{n}") for n in range(3)]
    places = [LocationFactory() for _ in range(5)]
    for n in range(count):
        activity = ActivityFactory(location=places[n % 5], support_need_welcome=n % 2 == 0)
        activity.themes.add(themes[n % 3])
        activity.target_groups.add(TargetGroupFactory(name=f"Groep {n % 4}", slug=f"groep-{n % 4}"))
        weekly(activity, n % 7, (9 + n % 10, 0), (20, 0))
        weekly(activity, (n + 3) % 7, (18, 0), (19, 0), frequency="weekly", interval=2)
        CancellationFactory(activity=activity, date=datetime.date(2026, 11, 24 + n % 6))
    return places[0]


TITLE = re.compile(r"<title>(.*?)</title>", re.S)
H1 = re.compile(r"<h1>(.*?)</h1>", re.S)


def title_and_heading(response) -> tuple[str, str]:
    body = html.unescape(response.content.decode())
    return TITLE.search(body).group(1).strip(), H1.search(body).group(1).strip()


# Monday 21 December 2026, the week of Christmas.
CHRISTMAS_WEEK = datetime.datetime(2026, 12, 21, 10, 0, tzinfo=AMSTERDAM)


def agenda_lines(body: str) -> list[str]:
    """Each agenda line's text, tags dropped and white space collapsed."""
    lines = re.findall(r'<li class="agenda-item[^"]*">(.*?)</li>', body, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", line).split()) for line in lines]
