"""The iCalendar feeds, read back the way a calendar app would: parsed and expanded."""

import datetime
import unicodedata
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.rrule import rrulestr
from django.urls import reverse
from icalendar import Calendar, vRecur

from activiteiten import schedules
from activiteiten.models import Activity, Schedule
from locaties.models import OpeningException
from tests.activiteiten.test_views import many_activities
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    ScheduleFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = datetime.datetime(2026, 2, 2, 12, 0, tzinfo=AMSTERDAM)
WINDOW = (
    datetime.datetime(2025, 1, 1, tzinfo=AMSTERDAM),
    datetime.datetime(2028, 1, 1, tzinfo=AMSTERDAM),
)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMSTERDAM)


def fetch(client, url, **query) -> tuple:
    response = client.get(url, query)
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def feed_of(client, activity) -> Calendar:
    return fetch(client, reverse("activiteiten:ical", kwargs={"slug": activity.slug}))[1]


def event_for(calendar, schedule):
    (event,) = [e for e in calendar.events if f"-schedule-{schedule.pk}@" in str(e["UID"])]
    return event


def expand(event) -> list[datetime.datetime]:
    """What a calendar app shows: the RRULE from DTSTART, minus the EXDATEs."""
    if "RRULE" not in event:
        return [event.start]
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.start)
    excluded = set(event.exdates)
    return [moment for moment in rule if moment not in excluded]


def expected_starts(activity, schedule) -> list[datetime.datetime]:
    """The portal's own answer: the schedule's occurrences without the cancelled ones."""
    activity = Activity.objects.get(pk=activity.pk)
    return [
        o.start
        for o in schedules.occurrences_of([activity], *WINDOW)
        if o.schedule.pk == schedule.pk
    ]


@pytest.fixture
def tuesdays():
    """Weekly on Tuesday 10:00–12:00 across both daylight-saving changes, two dates off."""
    place = LocationFactory(name="De Magneet", slug="de-magneet")
    activity = ActivityFactory(
        title="Koffieochtend",
        slug="koffieochtend",
        location=place,
        description="Koffie en een praatje.",
        is_free=False,
        cost="€ 2",
    )
    schedule = ScheduleFactory(
        activity=activity,
        start_date=datetime.date(2026, 3, 1),  # a Sunday: the first date is Tuesday 3 March
        until=datetime.date(2026, 12, 15),
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 4, 7), reason="Pasen")
    CancellationFactory(activity=activity, date=datetime.date(2026, 10, 27), reason="Herfst")
    CancellationFactory(activity=activity, date=datetime.date(2026, 4, 8))  # a Wednesday
    return activity, schedule


@time_machine.travel(NOW, tick=False)
def test_activity_feed_is_a_valid_calendar(client, tuesdays):
    activity, schedule = tuesdays
    response, calendar = fetch(client, "/activiteiten/koffieochtend/agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="koffieochtend.ics"'
    raw = response.content
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded as RFC 5545 says
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Koffieochtend"
    (zone,) = calendar.timezones
    assert zone["TZID"] == "Europe/Amsterdam"
    assert calendar.get_missing_tzids() == set()

    (event,) = calendar.events
    assert event["UID"] == f"activity-{activity.pk}-schedule-{schedule.pk}@testserver"
    assert event["SUMMARY"] == "Koffieochtend"
    assert event.start == at(2026, 3, 3, 10, 0)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.end == at(2026, 3, 3, 12, 0)
    assert event["DTEND"].params["TZID"] == "Europe/Amsterdam"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event["URL"] == "http://testserver/activiteiten/koffieochtend/"
    assert event["LOCATION"] == "De Magneet, Hertmebrink 1, 7544 CZ Enschede"
    assert (event["GEO"].latitude, event["GEO"].longitude) == (52.190486, 6.87487)
    assert "Koffie en een praatje." in event["DESCRIPTION"]
    assert "€ 2" in event["DESCRIPTION"]
    assert event["STATUS"] == "CONFIRMED"


@time_machine.travel(NOW, tick=False)
def test_rrule_is_the_schedules_rule_and_exdates_are_the_cancelled_starts(client, tuesdays):
    activity, schedule = tuesdays
    event = event_for(feed_of(client, activity), schedule)
    assert event["RRULE"] == vRecur.from_ical(schedule.rrule)
    assert schedule.rrule == "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T225959Z"
    # At the local start time, summer and winter alike; not the Wednesday (no occurrence).
    assert event.exdates == [at(2026, 4, 7, 10, 0), at(2026, 10, 27, 10, 0)]
    raw = event.to_ical().decode()
    assert "EXDATE;TZID=Europe/Amsterdam:20260407T100000,20261027T100000" in raw


@time_machine.travel(NOW, tick=False)
def test_expanding_the_feed_gives_the_portals_dates(client, tuesdays):
    activity, schedule = tuesdays
    dates = expand(event_for(feed_of(client, activity), schedule))
    assert dates == expected_starts(activity, schedule)
    assert at(2026, 4, 7, 10, 0) not in dates
    assert at(2026, 4, 14, 10, 0) in dates  # after the change to summer time: still 10:00
    assert dates[-1] == at(2026, 12, 15, 10, 0)
    assert len(dates) == 42 - 2  # 42 Tuesdays from 3 March to 15 December


@time_machine.travel(NOW, tick=False)
def test_monthly_first_monday(client):
    activity = ActivityFactory(slug="eerste-maandag")
    schedule = ScheduleFactory(
        activity=activity,
        frequency=Schedule.Frequency.MONTHLY,
        month_week=Schedule.MonthWeek.FIRST,
        weekdays=[0],
        start_date=datetime.date(2026, 2, 1),
        start_time=datetime.time(19, 0),
        end_time=datetime.time(21, 0),
        count=8,
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 4, 6))
    event = event_for(feed_of(client, activity), schedule)
    assert event["RRULE"].to_ical() == b"FREQ=MONTHLY;COUNT=8;BYDAY=1MO"
    assert event.start == at(2026, 2, 2, 19, 0)
    assert event.exdates == [at(2026, 4, 6, 19, 0)]
    dates = expand(event)
    assert dates == expected_starts(activity, schedule)
    assert [d.date() for d in dates[:3]] == [
        datetime.date(2026, 2, 2),
        datetime.date(2026, 3, 2),
        datetime.date(2026, 5, 4),
    ]


@time_machine.travel(NOW, tick=False)
def test_every_other_week_on_two_days(client):
    activity = ActivityFactory(slug="om-de-week")
    schedule = ScheduleFactory(
        activity=activity,
        weekdays=[3, 0],
        interval=2,
        start_date=datetime.date(2026, 2, 2),
        count=10,
    )
    event = event_for(feed_of(client, activity), schedule)
    assert event["RRULE"] == vRecur.from_ical("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10")
    assert expand(event) == expected_starts(activity, schedule)


@time_machine.travel(NOW, tick=False)
def test_one_off_has_no_rrule_and_is_cancelled_by_its_cancellation(client):
    activity = ActivityFactory(slug="eenmalig")
    one_off = ScheduleFactory(
        activity=activity,
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=datetime.date(2026, 6, 13),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(17, 0),
    )
    calendar = feed_of(client, activity)
    event = event_for(calendar, one_off)
    assert "RRULE" not in event
    assert "EXDATE" not in event
    assert (event.start, event.end) == (at(2026, 6, 13, 14, 0), at(2026, 6, 13, 17, 0))
    assert event["STATUS"] == "CONFIRMED"
    CancellationFactory(activity=activity, date=datetime.date(2026, 6, 13))
    assert event_for(feed_of(client, activity), one_off)["STATUS"] == "CANCELLED"


@time_machine.travel(NOW, tick=False)
def test_a_cancelled_activity_stays_in_the_feed_as_cancelled(client, tuesdays):
    activity, _ = tuesdays
    activity.status = Activity.Status.CANCELLED
    activity.save()
    (event,) = feed_of(client, activity).events
    assert event["STATUS"] == "CANCELLED"


@time_machine.travel(NOW, tick=False)
def test_cancellation_only_excludes_the_schedule_it_falls_on(client):
    # Open on public holidays: Ascension Day (Thursday 14 May 2026) would be an EXDATE too.
    activity = ActivityFactory(slug="twee-dagen", location__closed_on_public_holidays=False)
    tuesday = ScheduleFactory(activity=activity, weekdays=[1], start_date=datetime.date(2026, 2, 2))
    thursday = ScheduleFactory(
        activity=activity, weekdays=[3], start_date=datetime.date(2026, 2, 2)
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 2, 12))  # a Thursday
    calendar = feed_of(client, activity)
    assert len(calendar.events) == 2
    assert event_for(calendar, tuesday).exdates == []
    assert event_for(calendar, thursday).exdates == [at(2026, 2, 12, 10, 0)]


def test_draft_or_unknown_activity_has_no_feed(client):
    draft = ActivityFactory(status=Activity.Status.DRAFT)
    ScheduleFactory(activity=draft)
    assert client.get(f"/activiteiten/{draft.slug}/agenda.ics").status_code == 404
    assert client.get("/activiteiten/bestaat-niet/agenda.ics").status_code == 404
    assert client.get("/locaties/bestaat-niet/agenda.ics").status_code == 404
    assert client.get("/clusters/bestaat-niet/agenda.ics").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_an_empty_feed_is_still_a_valid_calendar(client):
    activity = ActivityFactory(slug="zonder-data")
    _, calendar = fetch(client, f"/activiteiten/{activity.slug}/agenda.ics")
    assert calendar.events == []
    assert [zone["TZID"] for zone in calendar.timezones] == ["Europe/Amsterdam"]


@time_machine.travel(NOW, tick=False)
def test_schedules_that_ended_long_ago_are_left_out(client):
    activity = ActivityFactory(slug="oud-en-nieuw")
    ScheduleFactory(
        activity=activity, start_date=datetime.date(2024, 1, 1), until=datetime.date(2024, 6, 1)
    )
    current = ScheduleFactory(activity=activity, start_date=datetime.date(2026, 1, 1))
    (event,) = feed_of(client, activity).events
    assert f"-schedule-{current.pk}@" in str(event["UID"])


# --- place, cluster and agenda feeds -------------------------------------------------------


@pytest.fixture
def city():
    noord, zuid = ClusterFactory(slug="noord"), ClusterFactory(slug="zuid")
    magneet = LocationFactory(slug="de-magneet", cluster=noord)
    bolwerk = LocationFactory(slug="het-bolwerk", cluster=noord)
    kottens = LocationFactory(slug="kottens", cluster=zuid)
    sport = ThemeFactory(name="Sport", slug="sport")
    made = {}
    for slug, place, weekday, hour in (
        ("gym", magneet, 1, 9),
        ("bingo", magneet, 2, 14),
        ("koor", bolwerk, 1, 19),
        ("voetbal", kottens, 5, 10),
    ):
        made[slug] = ActivityFactory(slug=slug, title=slug.capitalize(), location=place)
        ScheduleFactory(
            activity=made[slug],
            weekdays=[weekday],
            start_date=datetime.date(2026, 1, 5),
            start_time=datetime.time(hour, 0),
            end_time=datetime.time(hour + 1, 0),
        )
    made["gym"].themes.add(sport)
    made["voetbal"].themes.add(sport)
    ScheduleFactory(  # the choir also sings on Saturday afternoon
        activity=made["koor"],
        weekdays=[5],
        start_date=datetime.date(2026, 1, 5),
        start_time=datetime.time(15, 0),
        end_time=datetime.time(16, 0),
    )
    hidden = ActivityFactory(slug="concept", location=magneet, status=Activity.Status.DRAFT)
    ScheduleFactory(activity=hidden, start_date=datetime.date(2026, 1, 5))
    return made


def slugs(calendar) -> list[str]:
    return sorted({str(e["URL"]).rstrip("/").rsplit("/", 1)[1] for e in calendar.events})


@pytest.mark.parametrize(
    ("url", "name", "expected"),
    [
        ("/locaties/de-magneet/agenda.ics", "Activities at", ["bingo", "gym"]),
        ("/clusters/noord/agenda.ics", "Activities in cluster", ["bingo", "gym", "koor"]),
        ("/clusters/zuid/agenda.ics", "Activities in cluster", ["voetbal"]),
        ("/activiteiten/agenda.ics", "Activities in Enschede", ["bingo", "gym", "koor", "voetbal"]),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_place_cluster_and_agenda_feeds(client, city, url, name, expected):
    client.cookies["django_language"] = "en"
    _, calendar = fetch(client, url)
    assert slugs(calendar) == expected
    assert str(calendar["X-WR-CALNAME"]).startswith(name)
    assert calendar.timezones


@pytest.mark.parametrize(
    ("query", "expected", "events"),
    [
        ({"theme": "sport"}, ["gym", "voetbal"], 2),
        ({"place": "het-bolwerk"}, ["koor"], 2),
        ({"cluster": "zuid", "theme": "sport"}, ["voetbal"], 1),
        # Day and part narrow to the schedules that match: only the choir's Tuesday evening.
        ({"day": "1"}, ["gym", "koor"], 2),
        ({"day": "5", "part": "afternoon"}, ["koor"], 1),
        ({"part": "evening"}, ["koor"], 1),
        ({"q": "bingo"}, ["bingo"], 1),
        ({"theme": "sport", "day": "2"}, [], 0),
        # An invalid value is ignored, as on the agenda page.
        ({"theme": "sport", "cluster": "bestaat-niet"}, ["gym", "voetbal"], 2),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_filtered_agenda_feed_contains_only_the_matching_activities(
    client, city, query, expected, events
):
    _, calendar = fetch(client, "/activiteiten/agenda.ics", **query)
    assert slugs(calendar) == expected
    assert len(calendar.events) == events
    assert calendar.timezones


@time_machine.travel(NOW, tick=False)
def test_feed_name_says_what_was_chosen(client, city):
    client.cookies["django_language"] = "en"
    _, calendar = fetch(client, "/activiteiten/agenda.ics", theme="sport", day="1")
    assert calendar["X-WR-CALNAME"] == "Activities in Enschede: Tuesday, Sport"


@time_machine.travel(NOW, tick=False)
def test_a_feed_too_large_for_a_calendar_app_asks_for_a_narrower_choice(client, city, monkeypatch):
    """The whole agenda of a region is 34 MB: it is refused, and the agenda page says so
    where it would offer it, while every narrower choice still gets its feed."""
    monkeypatch.setattr("activiteiten.ical.MAX_FEED_ACTIVITIES", 3)
    client.cookies["django_language"] = "en"
    response = client.get("/activiteiten/agenda.ics")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "This choice has more than 3 activities: too many for a calendar app. "
        "Choose a cluster, a place, a theme or an organiser first."
    )
    page = client.get("/activiteiten/").content.decode()
    assert "too many for a calendar app" in page
    assert "/activiteiten/agenda.ics" not in page

    _, calendar = fetch(client, "/activiteiten/agenda.ics", cluster="noord")
    assert slugs(calendar) == ["bingo", "gym", "koor"]
    page = client.get("/activiteiten/", {"cluster": "noord"}).content.decode()
    assert "too many for a calendar app" not in page
    assert "/activiteiten/agenda.ics?cluster=noord" in page
    client.cookies["django_language"] = "nl"
    assert "meer dan 3 activiteiten" in client.get("/activiteiten/agenda.ics").content.decode()


@pytest.mark.parametrize("count", [10, 100])
@time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=AMSTERDAM), tick=False)
def test_feeds_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    place = many_activities(count)
    activity = Activity.objects.filter(location=place).first()
    for url, query in (
        ("/activiteiten/agenda.ics", {}),
        (
            "/activiteiten/agenda.ics",
            {"theme": "thema-1", "day": "1", "part": "evening", "place": place.slug, "q": "x"},
        ),
        (f"/locaties/{place.slug}/agenda.ics", {}),
        (f"/clusters/{place.cluster.slug}/agenda.ics", {}),
        (f"/activiteiten/{activity.slug}/agenda.ics", {}),
    ):
        with django_assert_max_num_queries(10):
            response = client.get(url, query)
        assert response.status_code == 200
    _, calendar = fetch(client, "/activiteiten/agenda.ics")
    assert len(calendar.events) == 2 * count


# --- Line breaks and control characters ------------------------------------------------------
# Forms and imports refuse them in one-line fields (ontmoeting/text.py), but rows from before
# that, a script, or a search typed into the feed URL still bring them. Before, a line break
# in the calendar's name stopped the feed with an AssertionError in icalendar (500); under
# python -O it would have written a property of the sender's choosing.


def content_lines(raw: bytes) -> list[bytes]:
    """The unfolded content lines of a feed, as RFC 5545 defines them (CRLF, a continuation
    starts with a space)."""
    return raw.replace(b"\r\n ", b"").split(b"\r\n")


def property_names(raw: bytes) -> set[bytes]:
    return {line.split(b":", 1)[0].split(b";", 1)[0] for line in content_lines(raw) if line}


@time_machine.travel(NOW, tick=False)
def test_a_title_with_a_line_break_gives_a_feed_on_one_line(client):
    # Saved as a careless script would: the factory bypasses the forms' validation.
    activity = ActivityFactory(
        slug="koffie",
        title="Koffie\nochtend\r\nX-INJECTED:1",
        room="Zaal\x1b[31m 1\t(boven)",
        description="Eerste regel.\r\nTweede regel.\x0bDerde\x7f.",
        location=LocationFactory(name="De\u2028Magneet"),
    )
    ScheduleFactory(activity=activity, start_date=datetime.date(2026, 3, 3))

    response, calendar = fetch(client, reverse("activiteiten:ical", kwargs={"slug": "koffie"}))

    raw = response.content
    assert b"X-INJECTED" not in property_names(raw)
    text = raw.decode()
    assert not [
        char for char in text if char not in "\r\n\t" and unicodedata.category(char) == "Cc"
    ]
    assert calendar["X-WR-CALNAME"] == "Koffie ochtend X-INJECTED:1"
    (event,) = calendar.events
    assert event["SUMMARY"] == "Koffie ochtend X-INJECTED:1"
    assert str(event["LOCATION"]).startswith("Zaal[31m 1 (boven), De Magneet, ")
    # The description keeps its lines (as \n, escaped in the feed), and no control characters.
    assert str(event["DESCRIPTION"]).startswith("Eerste regel.\nTweede regel.\nDerde.\n\n")


@pytest.mark.parametrize(
    "query",
    ["a\nb", "a\r\nX-INJECTED:1", "a\rb", "a\u2028b", "a\x85b", "\x1b[31m", "a\x0b\x0cb"],
)
@time_machine.travel(NOW, tick=False)
def test_a_search_with_a_line_break_names_the_feed_on_one_line(client, city, query):
    client.cookies["django_language"] = "en"
    response, calendar = fetch(client, "/activiteiten/agenda.ics", q=query)
    name = str(calendar["X-WR-CALNAME"])
    assert name.startswith("Activities in Enschede")
    assert not any(char in name for char in "\r\n\x0b\x0c\x1b\x85\u2028")
    assert b"X-INJECTED" not in property_names(response.content)


@time_machine.travel(NOW, tick=False)
def test_place_and_cluster_names_with_line_breaks_in_their_feeds(client):
    place = LocationFactory(slug="huis", name="Huis\nDe Linde", cluster__name="Noord\r\nOost")
    ScheduleFactory(activity__location=place, start_date=datetime.date(2026, 3, 3))
    client.cookies["django_language"] = "en"
    for url, name in [
        (reverse("locaties:ical", kwargs={"slug": "huis"}), "Activities at Huis De Linde"),
        (
            reverse("clusters:ical", kwargs={"slug": place.cluster.slug}),
            "Activities in cluster Noord Oost",
        ),
    ]:
        _, calendar = fetch(client, url)
        assert calendar["X-WR-CALNAME"] == name
        assert len(calendar.events) == 1


# --- Days the place is closed -----------------------------------------------------------------


@time_machine.travel(at(2026, 12, 1, 9, 0), tick=False)
def test_days_the_place_is_closed_are_left_out_like_cancelled_dates(client):
    place = LocationFactory()  # closed on public holidays, the default
    OpeningExceptionFactory(
        location=place, start_date=datetime.date(2027, 1, 8), reason="Verbouwing"
    )
    OpeningExceptionFactory(  # open after all: special hours on Good Friday
        location=place,
        start_date=datetime.date(2027, 3, 26),
        kind=OpeningException.Kind.SPECIAL_HOURS,
        opens=datetime.time(10),
        closes=datetime.time(14),
    )
    activity = ActivityFactory(slug="samen-eten", location=place)
    schedule = ScheduleFactory(
        activity=activity,
        start_date=datetime.date(2026, 12, 4),
        weekdays=[4],  # Fridays
        start_time=datetime.time(12),
        end_time=datetime.time(13, 30),
        until=datetime.date(2027, 4, 30),
    )
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 11))

    event = event_for(feed_of(client, activity), schedule)

    assert event.exdates == [
        at(2026, 12, 11, 12, 0),  # the organiser's own
        at(2026, 12, 25, 12, 0),  # Eerste kerstdag
        at(2027, 1, 1, 12, 0),  # Nieuwjaarsdag
        at(2027, 1, 8, 12, 0),  # Verbouwing
    ]
    assert event["STATUS"] == "CONFIRMED"
    assert expand(event) == expected_starts(activity, schedule)
    assert at(2027, 3, 26, 12, 0) in expand(event)


@time_machine.travel(at(2026, 12, 1, 9, 0), tick=False)
def test_a_one_off_on_a_closed_day_is_cancelled_in_the_feed(client):
    kings_day = ScheduleFactory(
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=datetime.date(2027, 4, 27),
        activity__slug="koningsdag",
    )
    ordinary = ScheduleFactory(
        frequency=Schedule.Frequency.ONCE,
        weekdays=[],
        start_date=datetime.date(2027, 4, 28),
        activity=kings_day.activity,
    )
    calendar = feed_of(client, kings_day.activity)
    assert event_for(calendar, kings_day)["STATUS"] == "CANCELLED"
    assert event_for(calendar, ordinary)["STATUS"] == "CONFIRMED"


@time_machine.travel(at(2026, 12, 1, 9, 0), tick=False)
def test_closed_days_are_exdates_up_to_a_year_ahead(client):
    from activiteiten.ical import CLOSURE_DAYS_AHEAD

    schedule = ScheduleFactory(weekdays=list(range(7)), activity__slug="elke-dag")
    event = event_for(feed_of(client, schedule.activity), schedule)
    days = [moment.date() for moment in event.exdates]
    horizon = datetime.date(2026, 12, 1) + datetime.timedelta(days=CLOSURE_DAYS_AHEAD)
    assert datetime.date(2026, 12, 25) in days
    assert datetime.date(2027, 4, 27) in days
    assert max(days) <= horizon < datetime.date(2027, 12, 25)
