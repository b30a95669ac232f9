"""The agenda and the activity page, as a resident's browser would ask for them."""

import datetime
import html
import json
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from activiteiten.filters import max_week
from activiteiten.models import Activity
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    ClusterFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OrganisationFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

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


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def programme():
    """A small week: five activities that differ in one filterable respect each."""
    sport = ThemeFactory(name="Sport en bewegen", slug="sport-en-bewegen")
    elderly = TargetGroupFactory(name="Ouderen", slug="ouderen")
    noord = ClusterFactory(name="Noord", slug="noord")
    zuid = ClusterFactory(name="Zuid", slug="zuid")
    magneet = LocationFactory(name="De Magneet", slug="de-magneet", cluster=noord)
    bolwerk = LocationFactory(name="Het Bolwerk", slug="het-bolwerk", cluster=zuid)
    alifa = OrganisationFactory(name="Alifa", slug="alifa")
    vizier = OrganisationFactory(name="Vizier", slug="vizier")

    walk = ActivityFactory(
        title="Wandeling door het park",
        slug="wandeling",
        location=magneet,
        organiser=alifa,
        description="Samen een rondje lopen.",
    )
    walk.themes.add(sport)
    weekly(walk, 1, (10, 0), (11, 30))  # Tuesday morning
    cafe = ActivityFactory(
        title="Taalcafé",
        slug="taalcafe",
        location=bolwerk,
        organiser=vizier,
        is_free=False,
        cost="€ 1",
        description="Nederlands oefenen in een gezellig café.",
    )
    weekly(cafe, 3, (19, 0), (21, 0))  # Thursday evening
    bingo = ActivityFactory(title="Bingo", slug="bingo", location=magneet, organiser=vizier)
    bingo.target_groups.add(elderly)
    weekly(bingo, 2, (14, 0), (16, 0))  # Wednesday afternoon
    support = ActivityFactory(
        title="Samen koken", slug="samen-koken", location=bolwerk, support_need_welcome=True
    )
    weekly(support, 4, (17, 30), (19, 30))  # Friday evening
    gym = ActivityFactory(title="Zondaggym", slug="zondaggym", location=magneet)
    weekly(gym, 6, (9, 0), (10, 0))  # Sunday morning
    return {"walk": walk, "cafe": cafe, "bingo": bingo, "support": support, "early": gym}


# --- the agenda ---------------------------------------------------------------------------


@time_machine.travel(MONDAY_NOON, tick=False)
def test_agenda_groups_the_coming_seven_days_by_day(client, programme):
    response = client.get(AGENDA)
    assert response.status_code == 200
    body = response.content.decode()
    # Dutch by default; today up to and including next Sunday.
    assert DAY_HEADING.findall(body) == [
        "Dinsdag 24 november",
        "Woensdag 25 november",
        "Donderdag 26 november",
        "Vrijdag 27 november",
        "Zondag 29 november",
    ]
    assert titles(response) == [
        "Wandeling door het park",
        "Bingo",
        "Taalcafé",
        "Samen koken",
        "Zondaggym",
    ]
    assert 'aria-live="polite"' in body
    assert body.count("<h1") == 1


@time_machine.travel(MONDAY_NOON, tick=False)
def test_agenda_marks_todays_heading_and_cancelled_dates(english, programme):
    for title, hour in (("Ochtendgym", 9), ("Middagwandeling", 15)):
        ScheduleFactory(
            activity=ActivityFactory(title=title),
            start_date=datetime.date(2026, 11, 23),
            frequency="once",
            weekdays=[],
            start_time=datetime.time(hour, 0),
            end_time=datetime.time(hour + 1, 0),
        )
    CancellationFactory(
        activity=programme["bingo"], date=datetime.date(2026, 11, 25), reason="Zaal bezet"
    )
    response = english.get(AGENDA)
    body = response.content.decode()
    assert "Monday 23 November" in body
    assert "(today)" in body
    # It is noon: what is over today is not listed any more.
    assert "Middagwandeling" in titles(response)
    assert "Ochtendgym" not in titles(response)
    assert "agenda-item--cancelled" in body
    assert "Not going ahead: Zaal bezet" in body


@time_machine.travel(MONDAY_NOON, tick=False)
def test_week_paging_shows_the_next_weeks(english, programme):
    response = english.get(AGENDA, {"week": 1})
    body = response.content.decode()
    assert response.context["first_day"] == datetime.date(2026, 11, 30)
    assert response.context["last_day"] == datetime.date(2026, 12, 6)
    assert DAY_HEADING.findall(body)[0] == "Tuesday 1 December"
    assert "Tuesday 24 November" not in body
    assert 'href="?week=2#results"' in body
    assert 'href="?#results"' in body  # back to the first week
    last = english.get(AGENDA, {"week": max_week()})
    assert last.context["next_url"] == ""
    assert "Next week" not in last.content.decode()


@time_machine.travel(MONDAY_NOON, tick=False)
def test_paging_links_and_feed_link_keep_the_filter(english, programme):
    body = english.get(AGENDA, {"theme": "sport-en-bewegen", "day": ["1", "3"]}).content.decode()
    assert 'href="?day=1&amp;day=3&amp;theme=sport-en-bewegen&amp;week=1#results"' in body
    assert "/activiteiten/agenda.ics?day=1&amp;day=3&amp;theme=sport-en-bewegen" in body
    assert "webcal://testserver/activiteiten/agenda.ics?day=1" in body
    assert "Subscribe (iCal)" in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"day": "1"}, {"walk"}),
        ({"day": ["1", "3"]}, {"walk", "cafe"}),
        ({"part": "morning"}, {"walk", "early"}),
        ({"part": "afternoon"}, {"bingo"}),
        ({"part": "evening"}, {"cafe", "support"}),
        ({"day": "4", "part": "evening"}, {"support"}),
        ({"day": "4", "part": "morning"}, set()),
        ({"theme": "sport-en-bewegen"}, {"walk"}),
        ({"target_group": "ouderen"}, {"bingo"}),
        ({"cluster": "zuid"}, {"cafe", "support"}),
        ({"place": "de-magneet"}, {"walk", "bingo", "early"}),
        ({"organiser": "vizier"}, {"cafe", "bingo"}),
        ({"free": "on"}, {"walk", "bingo", "support", "early"}),
        ({"support_need": "on"}, {"support"}),
        ({"q": "bingo"}, {"bingo"}),
        ({"q": "magneet"}, {"walk", "bingo", "early"}),  # the place's name is searched too
        ({"q": "vizier", "free": "on"}, {"bingo"}),
    ],
)
@time_machine.travel(MONDAY_NOON, tick=False)
def test_each_filter(client, programme, query, expected):
    response = client.get(AGENDA, query)
    assert response.status_code == 200
    assert response.context["problems"] == []
    expected_titles = {programme[key].title for key in expected}
    assert set(titles(response)) == expected_titles


@time_machine.travel(MONDAY_NOON, tick=False)
def test_unpublished_and_cancelled_activities_are_not_in_the_agenda(client, programme):
    hidden_place = LocationFactory(published=False)
    weekly(ActivityFactory(title="Op verborgen plek", location=hidden_place), 1, (10, 0), (11, 0))
    weekly(ActivityFactory(title="Concept", status=Activity.Status.DRAFT), 1, (10, 0), (11, 0))
    gone = ActivityFactory(title="Gestopt", status=Activity.Status.CANCELLED)
    weekly(gone, 1, (10, 0), (11, 0))
    shown = titles(client.get(AGENDA))
    assert "Op verborgen plek" not in shown
    assert "Concept" not in shown
    assert "Gestopt" not in shown


# --- Dutch full-text search -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cafe", {"Taalcafé"}),  # unaccent: "café" in the description
        ("wandelen", {"Wandeling door het park"}),  # Dutch stemming
        ("xylofoonorkest", set()),
    ],
)
def test_dutch_full_text_search(programme, text, expected):
    found = Activity.objects.published().search(text)
    assert {activity.title for activity in found} == expected


def test_search_finds_part_of_a_compound_word_in_the_title(programme):
    ActivityFactory(title="Koffieochtend")
    found = Activity.objects.published().search("KOFFIE")
    assert [activity.title for activity in found] == ["Koffieochtend"]


def test_search_ranks_the_title_above_the_description(programme):
    ActivityFactory(title="Iets anders", description="Wij gaan samen wandelen.")
    found = Activity.objects.published().search("wandelen").order_by("-search_rank")
    assert [activity.title for activity in found] == ["Wandeling door het park", "Iets anders"]


@time_machine.travel(MONDAY_NOON, tick=False)
def test_search_from_the_agenda_form(client, programme):
    assert titles(client.get(AGENDA, {"q": "cafe"})) == ["Taalcafé"]
    assert titles(client.get(AGENDA, {"q": "wandelen"})) == ["Wandeling door het park"]
    response = client.get(AGENDA, {"q": "xylofoonorkest"})
    assert titles(response) == []
    assert "agenda-empty" in response.content.decode()


# --- bad input ----------------------------------------------------------------------------

BAD_QUERIES = [
    "week=-1",
    "week=999999999999",
    "week=53",
    "week=1.5",
    "week=abc",
    "week=%00",
    "week=%D9%A3",  # an Arabic-Indic digit three
    "week=" + "9" * 5000,
    "day=9",
    "day=-1",
    "day=abc",
    "day=1&day=1&day=1",
    "day=1&day=99",
    "day=" + "1" * 5000,
    "part=night",
    "part=morning&part=night",
    "cluster=doesnotexist",
    "cluster=",
    "theme=" + "x" * 5000,
    "theme=sport-en-bewegen&theme=doesnotexist",
    "target_group=%00",
    "place=../../etc/passwd",
    "organiser=%27%3B%20DROP%20TABLE%20activiteiten_activity%3B--",
    "q=" + "x" * 5000,
    "q=%00",
    "q=%22unclosed",
    "q=%21%21%21%26%26%7C%7C",  # !!!&&||: would break to_tsquery, not websearch
    "q=-",
    "q=de",  # only a stop word
    "q=a&q=b&q=c",
    "free=maybe",
    "free=0",
    "support_need=%00",
    "%00=%00",
    "week[]=1&day[]=2",
    "q=%ff%fe",  # not UTF-8
    "&&&===&&",
    "page=-1",
]


@pytest.mark.input_space
@pytest.mark.parametrize("query", BAD_QUERIES)
@time_machine.travel(MONDAY_NOON, tick=False)
def test_bad_query_strings_never_break_the_agenda_or_its_feed(client, programme, query):
    assert len(BAD_QUERIES) >= 30
    page = client.get(f"{AGENDA}?{query}")
    assert page.status_code == 200
    feed = client.get(f"{reverse('activiteiten:agenda_ical')}?{query}")
    assert feed.status_code == 200
    assert feed.content.startswith(b"BEGIN:VCALENDAR")


@time_machine.travel(MONDAY_NOON, tick=False)
def test_an_invalid_filter_is_reported_and_the_valid_ones_still_apply(english, programme):
    response = english.get(AGENDA, {"cluster": "doesnotexist", "theme": "sport-en-bewegen"})
    body = main(response)
    assert response.status_code == 200
    assert "Cluster: That is not one of the choices, so it was ignored." in body
    assert titles(response) == ["Wandeling door het park"]
    # The form shows what applies, and the links carry only the valid part.
    assert "doesnotexist" not in body


@time_machine.travel(MONDAY_NOON, tick=False)
def test_a_bad_week_says_so_and_shows_the_first_week(english, programme):
    response = english.get(AGENDA, {"week": "999999999999"})
    body = response.content.decode()
    assert "that week does not exist, so this week is shown" in body
    assert response.context["week"] == 0
    assert "Tuesday 24 November" in body


@time_machine.travel(MONDAY_NOON, tick=False)
def test_a_very_long_value_is_reported_but_not_echoed(english, programme):
    response = english.get(AGENDA, {"theme": "x" * 5000, "q": "y" * 5000})
    body = main(response)
    assert "Theme: That is not one of the choices" in body
    assert "Search: Ensure this value has at most 100 characters" in body
    assert "x" * 200 not in body
    assert "y" * 200 not in body
    assert len(titles(response)) == 5


@time_machine.travel(MONDAY_NOON, tick=False)
def test_messages_are_in_the_active_language(client, programme):
    body = client.get(AGENDA, {"q": "y" * 500}).content.decode()
    # Django's own Dutch message for a too-long value.
    assert "Zorg dat deze waarde niet meer dan 100 tekens bevat" in body


def test_form_works_without_javascript(client, programme):
    body = client.get(AGENDA).content.decode()
    assert re.search(r'<form class="filters[^"]*" method="get" action="/activiteiten/">', body)
    assert body.count("<fieldset") >= 2
    assert "<legend>" in body
    assert '<button type="submit"' in body
    for name in ("q", "theme", "target_group", "cluster", "place", "organiser"):
        assert f'<label for="id_{name}">' in body
    assert "<script" not in body.split("</footer>")[0].split("<main")[1]


# --- the activity page ----------------------------------------------------------------------


@pytest.fixture
def coffee():
    place = LocationFactory(name="De Magneet", slug="de-magneet")
    organiser = OrganisationFactory(name="Alifa", slug="alifa", website="https://www.alifa.nl/")
    activity = ActivityFactory(
        title="Koffieochtend",
        slug="koffieochtend",
        location=place,
        organiser=organiser,
        is_free=False,
        cost="€ 2 per keer",
        registration_info="Bel even van tevoren.",
        registration_required=True,
        contact_person=PersonFactory(
            name="Anna Gastvrouw", phone="053 999 99 99", contact_public=False
        ),
    )
    activity.themes.add(ThemeFactory(name="Ontmoeten", slug="ontmoeten"))
    activity.target_groups.add(TargetGroupFactory(name="Buurtbewoners", slug="buurtbewoners"))
    weekly(activity, 1, (10, 0), (12, 0), first=datetime.date(2026, 11, 24))
    CancellationFactory(activity=activity, date=datetime.date(2026, 12, 1), reason="Zaal bezet")
    return activity


def jsonld(body: str):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


@time_machine.travel(MONDAY_NOON, tick=False)
def test_activity_page_shows_dates_cost_joining_and_place(english, coffee):
    response = english.get(coffee.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Koffieochtend</h1>" in body
    assert "Tuesday 24 November 2026" in body
    assert "Not going ahead: Zaal bezet" in body
    assert "€ 2 per keer" in body
    assert "Registration needed." in body
    assert "Bel even van tevoren." in body
    assert 'href="/locaties/de-magneet/"' in body
    assert "Hertmebrink 1, 7544 CZ Enschede" in body
    assert "Ontmoeten" in body
    assert "Buurtbewoners" in body
    assert 'href="http://testserver/activiteiten/koffieochtend/agenda.ics"' in body
    assert len(response.context["occurrences"]) == 10


@time_machine.travel(MONDAY_NOON, tick=False)
def test_contact_details_only_when_public(english, coffee):
    body = english.get(coffee.get_absolute_url()).content.decode()
    assert "Anna Gastvrouw" in body
    assert "053 999 99 99" not in body
    coffee.contact_person.contact_public = True
    coffee.contact_person.save()
    assert "053 999 99 99" in english.get(coffee.get_absolute_url()).content.decode()


@time_machine.travel(MONDAY_NOON, tick=False)
def test_activity_page_has_an_event_per_upcoming_date_in_json_ld(client, coffee):
    events = jsonld(client.get(coffee.get_absolute_url()).content.decode())
    assert len(events) == 10
    assert {event["@type"] for event in events} == {"Event"}
    first, cancelled = events[0], events[1]
    assert first["@context"] == "https://schema.org"
    assert first["startDate"] == "2026-11-24T10:00:00+01:00"
    assert first["endDate"] == "2026-11-24T12:00:00+01:00"
    assert first["eventStatus"] == "https://schema.org/EventScheduled"
    assert cancelled["startDate"].startswith("2026-12-01T10:00")
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert first["isAccessibleForFree"] is False
    assert first["organizer"] == {
        "@type": "Organization",
        "name": "Alifa",
        "url": "https://www.alifa.nl/",
    }
    place = first["location"]
    assert place["@type"] == "Place"
    assert place["address"]["postalCode"] == "7544 CZ"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 52.190486, "longitude": 6.87487}
    assert first["url"] == "http://testserver/activiteiten/koffieochtend/"


@time_machine.travel(MONDAY_NOON, tick=False)
def test_json_ld_cannot_break_out_of_its_script_element(client, coffee):
    coffee.title = "</script><script>alert(1)</script> & co"
    coffee.save()
    body = client.get(coffee.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in body
    assert jsonld(body)[0]["name"] == "</script><script>alert(1)</script> & co"


@time_machine.travel(MONDAY_NOON, tick=False)
def test_place_without_coordinates_has_no_geo(client, coffee):
    coffee.location.latitude = coffee.location.longitude = None
    coffee.location.save()
    place = jsonld(client.get(coffee.get_absolute_url()).content.decode())[0]["location"]
    assert "geo" not in place


@time_machine.travel(MONDAY_NOON, tick=False)
def test_a_cancelled_activity_keeps_its_page_and_says_so(english, coffee):
    coffee.status = Activity.Status.CANCELLED
    coffee.save()
    response = english.get(coffee.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "This activity has been cancelled." in body
    statuses = {event["eventStatus"] for event in jsonld(body)}
    assert statuses == {"https://schema.org/EventCancelled"}


def test_draft_activity_or_hidden_place_is_not_found(client):
    assert client.get(ActivityFactory(status="draft").get_absolute_url()).status_code == 404
    hidden = ActivityFactory(location=LocationFactory(published=False))
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get("/activiteiten/bestaat-niet/").status_code == 404


def test_activity_without_dates_has_no_json_ld(client):
    body = client.get(ActivityFactory().get_absolute_url()).content.decode()
    assert "application/ld+json" not in body


# --- a bounded number of queries ------------------------------------------------------------


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


@pytest.mark.parametrize("count", [10, 100])
@time_machine.travel(MONDAY_NOON, tick=False)
def test_pages_run_a_bounded_number_of_queries(client, django_assert_max_num_queries, count):
    place = many_activities(count)
    activity = Activity.objects.filter(location=place).first()
    everything = {
        "q": "koffie",
        "day": ["0", "1", "2"],
        "part": ["morning", "evening"],
        "theme": "thema-1",
        "target_group": "groep-1",
        "cluster": place.cluster.slug,
        "place": place.slug,
        "organiser": activity.organiser.slug,
        "free": "on",
        "support_need": "on",
        "week": "2",
    }
    for path, query in (
        (AGENDA, {}),
        (AGENDA, everything),
        (AGENDA, {"week": "1", "day": "1"}),
        (activity.get_absolute_url(), {}),
    ):
        # The agenda: the horizon, the count, the page and its schedules, whether the feed
        # is small enough, and a list per choice filter (places, clusters, themes, target
        # groups, organisers); a large city's place list takes one more.
        with django_assert_max_num_queries(12):
            response = client.get(path, query)
        assert response.status_code == 200
    assert len(titles(client.get(AGENDA))) >= count


@time_machine.travel(MONDAY_NOON.replace(hour=8), tick=False)
def test_a_busy_agenda_is_shown_a_page_at_a_time(client):
    from activiteiten.views import AGENDA_PAGE_SIZE

    place = LocationFactory()
    # Before today's dates begin: seven days of them make more than a page.
    today = MONDAY_NOON.date()
    for n in range(AGENDA_PAGE_SIZE // 7 + 2):
        ScheduleFactory(
            activity=ActivityFactory(title=f"Activiteit {n}", location=place),
            start_date=today,
            weekdays=list(range(7)),
        )
    first = client.get("/activiteiten/")
    assert len(first.context["occurrences"]) == AGENDA_PAGE_SIZE
    total = first.context["page_obj"].paginator.count
    assert total > AGENDA_PAGE_SIZE
    second = client.get("/activiteiten/?page=2")
    assert len(second.context["occurrences"]) == total - AGENDA_PAGE_SIZE
    assert 'rel="next"' in first.content.decode()


@time_machine.travel(MONDAY_NOON.replace(hour=8), tick=False)
def test_a_regions_week_is_counted_no_further_than_its_last_page(english, monkeypatch):
    """Counting every date of a region's week would cost time that grows with the region:
    past the last page the agenda says there are more and how to see them."""
    from activiteiten import views

    # Two pages of five here; a hundred dates a page and ten pages as deployed.
    monkeypatch.setattr(views, "AGENDA_PAGE_SIZE", 5)
    monkeypatch.setattr(views, "AGENDA_MAX_PAGES", 2)
    for n in range(2):
        ScheduleFactory(
            activity=ActivityFactory(title=f"Activiteit {n}"),
            start_date=MONDAY_NOON.date(),
            weekdays=list(range(7)),
        )
    first = english.get(AGENDA)
    body = main(first)
    assert "More than 10 activities" in body
    assert "Only the first 10 are shown. Choose a day, a part of the day" in body
    assert "Page 1 of 2" in body
    last = english.get(AGENDA, {"page": "3"})
    assert last.context["page_obj"].number == 2
    assert len(last.context["occurrences"]) == 5
    assert 'rel="next"' not in main(last).split("Other weeks")[0]

    # With a choice that leaves fewer, the count is exact again.
    narrowed = english.get(AGENDA, {"day": "1"})
    assert "2 activities" in main(narrowed)
    assert "More than" not in main(narrowed)


# --- Every agenda page says which week and which choices it shows --------------------------

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
H1 = re.compile(r"<h1>(.*?)</h1>", re.S)


def title_and_heading(response) -> tuple[str, str]:
    body = html.unescape(response.content.decode())
    return TITLE.search(body).group(1).strip(), H1.search(body).group(1).strip()


@time_machine.travel(MONDAY_NOON, tick=False)
@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("", "Agenda 23 tot en met 29 november 2026"),
        ("week=1", "Agenda 30 november tot en met 6 december 2026"),
        ("week=5", "Agenda 28 december 2026 tot en met 3 januari 2027"),
        ("q=koffie", "Agenda 23 tot en met 29 november 2026: “koffie”"),
        (
            "week=2&day=1&theme=sport-en-bewegen",
            "Agenda 7 tot en met 13 december 2026: dinsdag, Sport en bewegen",
        ),
    ],
)
def test_the_agenda_title_and_heading_say_which_week_and_choices(client, programme, query, heading):
    title, h1 = title_and_heading(client.get(f"{AGENDA}?{query}"))
    assert h1 == heading
    assert title.startswith(f"{heading} – ")


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_agenda_title_follows_the_language_and_the_page(english, programme):
    title, h1 = title_and_heading(english.get(f"{AGENDA}?week=1"))
    assert h1 == "Agenda 30 November to 6 December 2026"
    assert title.startswith(h1 + " – ")


@time_machine.travel(MONDAY_NOON, tick=False)
def test_every_agenda_page_has_a_title_of_its_own(client, programme):
    queries = [f"week={week}" for week in range(8)] + [
        "q=koffie",
        "day=1",
        "day=1&day=3",
        "part=morning",
        "theme=sport-en-bewegen",
        "free=on",
    ]
    titles = {title_and_heading(client.get(f"{AGENDA}?{query}"))[0] for query in queries}
    assert len(titles) == len(queries)


@time_machine.travel(MONDAY_NOON, tick=False)
def test_the_second_page_of_a_busy_week_says_so(client):
    from activiteiten.views import AGENDA_PAGE_SIZE
    from tests.factories import ActivityFactory, LocationFactory, ScheduleFactory

    place = LocationFactory()
    for n in range(AGENDA_PAGE_SIZE // 7 + 2):
        ScheduleFactory(
            activity=ActivityFactory(title=f"Activiteit {n}", location=place),
            # Every day of the week shown, today included (after the frozen noon).
            start_date=datetime.date(2026, 11, 23),
            start_time=datetime.time(13, 0),
            end_time=datetime.time(14, 0),
            weekdays=list(range(7)),
        )
    assert title_and_heading(client.get(f"{AGENDA}?page=2"))[1] == (
        "Agenda 23 tot en met 29 november 2026, pagina 2"
    )
    assert title_and_heading(client.get(f"{AGENDA}?page=1"))[1] == (
        "Agenda 23 tot en met 29 november 2026"
    )


# --- a day the place is closed, and the end of a series -----------------------------------

# Monday 21 December 2026, the week of Christmas.
CHRISTMAS_WEEK = datetime.datetime(2026, 12, 21, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def dinner():
    """'Samen eten' on Fridays until 16 April 2027, at a place closed on public holidays
    (the default) and closed for building work on 8 January."""
    place = LocationFactory(name="Huis De Linde", slug="huis-de-linde")
    OpeningExceptionFactory(
        location=place, start_date=datetime.date(2027, 1, 8), reason="Verbouwing"
    )
    activity = ActivityFactory(title="Samen eten", slug="samen-eten", location=place)
    weekly(activity, 4, (12, 0), (13, 30), until=datetime.date(2027, 4, 16))
    return activity


def agenda_lines(body: str) -> list[str]:
    """Each agenda line's text, tags dropped and white space collapsed."""
    lines = re.findall(r'<li class="agenda-item[^"]*">(.*?)</li>', body, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", line).split()) for line in lines]


@time_machine.travel(CHRISTMAS_WEEK, tick=False)
def test_the_agenda_says_a_date_does_not_go_ahead_when_the_place_is_closed(client, dinner):
    body = main(client.get(AGENDA))
    (line,) = agenda_lines(body)
    assert "Samen eten" in line
    assert "Gaat niet door: de plek is dicht (Eerste kerstdag)" in line
    assert '<li class="agenda-item agenda-item--cancelled">' in body
    # The place page says the same day is closed.
    place_page = client.get(dinner.location.get_absolute_url()).content.decode()
    assert "Eerste kerstdag" in place_page
    assert "Gaat niet door: de plek is dicht (Eerste kerstdag)" in place_page


@time_machine.travel(CHRISTMAS_WEEK, tick=False)
def test_the_activity_page_marks_closed_days_and_json_ld_cancels_them(client, dinner):
    body = client.get(dinner.get_absolute_url()).content.decode()
    lines = agenda_lines(body[body.index('id="dates-heading"') :])
    assert "Gaat niet door: de plek is dicht (Eerste kerstdag)" in lines[0]
    assert "Gaat niet door: de plek is dicht (Nieuwjaarsdag)" in lines[1]
    assert "Gaat niet door: de plek is dicht (Verbouwing)" in lines[2]
    assert "Gaat niet door" not in lines[3]
    statuses = [(e["startDate"][:10], e["eventStatus"].rsplit("/", 1)[1]) for e in jsonld(body)]
    assert statuses[:4] == [
        ("2026-12-25", "EventCancelled"),
        ("2027-01-01", "EventCancelled"),
        ("2027-01-08", "EventCancelled"),
        ("2027-01-15", "EventScheduled"),
    ]


@time_machine.travel(CHRISTMAS_WEEK, tick=False)
def test_the_activity_page_and_the_agenda_say_when_a_series_ends(client, dinner):
    page = client.get(dinner.get_absolute_url()).content.decode()
    assert "Elke week op vrijdag, 12:00–13:30, t/m vrijdag 16 april 2027" in page
    (line,) = agenda_lines(main(client.get(AGENDA)))
    assert "Elke week op vrijdag, t/m vrijdag 16 april 2027" in line


@time_machine.travel(CHRISTMAS_WEEK, tick=False)
def test_a_place_open_on_holidays_keeps_its_activities_going(client, dinner):
    dinner.location.closed_on_public_holidays = False
    dinner.location.save()
    (line,) = agenda_lines(main(client.get(AGENDA)))
    assert "Gaat niet door" not in line
    assert "agenda-item--cancelled" not in main(client.get(AGENDA))
