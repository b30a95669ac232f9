"""The overview pages and the weekly sheet: what they show, valid HTML, bounded queries."""

import datetime
import re

import pytest
from django.utils import translation

from activiteiten.models import Activity
from locaties.models import Location, Person
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    PersonFactory,
    ScheduleFactory,
    TargetGroupFactory,
    ThemeFactory,
)
from tests.overzichten.conftest import MONDAY, T

pytestmark = pytest.mark.django_db

PAGES = [
    "/overzichten/",
    "/overzichten/norm/",
    "/overzichten/begeleiding/",
    "/overzichten/aanbod/",
    "/overzichten/datakwaliteit/",
]
WEEKLY_SHEET = "/overzichten/weekblad/noord/"
# A page may not ask more than this, however much data there is (login and session included).
MAX_QUERIES = 20


def text(response) -> str:
    """The page's text without tags, spaces squeezed: what a reader sees."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html)


@pytest.fixture
def english(municipality_client):
    municipality_client.cookies["django_language"] = "en"
    return municipality_client


# --- What the pages say ---------------------------------------------------------------


def test_index_counts_equal_the_database(english, city):
    response = english.get("/overzichten/")
    status = response.context["status"]
    assert status.total.designated == Location.objects.filter(status="designated").count()
    assert status.total.total == Location.objects.count()
    assert "3 of 6 places designated." in text(response)
    assert "1 future-proof, 2 with a new building planned" in text(response)
    assert "(2028: 2)" in text(response)
    # The per-cluster table: Noord has 2 of its 3 places designated.
    noord = next(row for row in status.clusters if row.cluster.slug == "noord")
    assert (noord.total.designated, noord.total.total) == (
        Location.objects.filter(cluster__slug="noord", status="designated").count(),
        Location.objects.filter(cluster__slug="noord").count(),
    )


def test_index_follows_the_filter_and_links_downloads_with_it(english, city):
    response = english.get("/overzichten/?cluster=oost&postcode=7544CZ")
    assert [row.cluster.slug for row in response.context["status"].clusters] == ["oost"]
    urls = [link["url"] for link in response.context["downloads"]]
    assert all(url.endswith("?cluster=oost") for url in urls)
    # "Near me" sorts the public list; in an overview it is dropped, never geocoded.
    assert "postcode" not in response.content.decode().split("Download")[-1]


def test_bad_filter_values_are_named_and_ignored(english, city):
    response = english.get(
        "/overzichten/norm/?cluster=" + "x" * 3000 + "&open_at=99:99&kind=castle"
    )
    assert response.status_code == 200
    assert response.context["city_places"] == 6
    page = text(response)
    assert "could not be used" in page
    assert "x" * 200 not in page
    assert "cluster=" not in "".join(link["url"] for link in response.context["downloads"])


def test_norm_page_is_a_real_table_with_words_in_every_cell(english, city):
    response = english.get("/overzichten/norm/?cluster=noord")
    html = response.content.decode()
    grid = html.split('<table class="grid">')[1].split("</table>")[0]
    assert grid.count('<th scope="col">') == 1 + 13  # Day + 08:00 … 20:00
    assert grid.count('<th scope="row">') == 7
    cells = re.findall(r'<td class="g [^"]*">(.*?)</td>', grid)
    assert len(cells) == 7 * 13
    assert all('class="visually-hidden"' in cell and 'aria-hidden="true"' in cell for cell in cells)
    assert "How to read the grid" in html
    assert response.context["clusters"][0].percentage == round(100 * (4830 + 3300) / (3 * 4830), 1)


def test_supervision_page_names_the_missing(english, city):
    response = english.get("/overzichten/begeleiding/")
    missing = {row.location.slug for row in response.context["missing"]}
    expected = set(Location.objects.values_list("slug", flat=True)) - {
        p.slug
        for p in Location.objects.filter(cluster__people__role=Person.Role.CLUSTER_MANAGER).filter(
            cluster__people__role=Person.Role.SPORTS_COACH
        )
    }
    assert missing == expected == {"victoria", "kinderboerderij", "sportlust"}
    assert "3 places without a cluster manager or sports coach" in text(response)


def test_offer_page_counts_and_weeks(english, city):
    response = english.get("/overzichten/aanbod/")
    report = response.context["report"]
    assert report.monday == MONDAY
    assert (len(report.occurrences), report.activity_count) == (5, 3)
    assert "5 times, 3 activities, 9 hours in all." in text(response)
    next_week = english.get("/overzichten/aanbod/?week_of=2026-03-12&organiser=vizier")
    assert next_week.context["report"].monday == datetime.date(2026, 3, 9)
    assert len(next_week.context["report"].occurrences) == 3  # football Mon, Wed, Fri


def test_offer_page_with_a_bad_week_shows_this_week_and_says_so(english, city):
    response = english.get("/overzichten/aanbod/?week_of=2026-02-31&day=9")
    assert response.status_code == 200
    assert response.context["report"].monday == MONDAY
    assert "This week is shown." in text(response)


def test_quality_page_counts(english, city):
    response = english.get("/overzichten/datakwaliteit/")
    quality = response.context["quality"]
    assert [p.slug for p in quality.no_coordinates] == ["speeltuin-zuid"]
    assert quality.total == 10
    assert "10 things to put right." in text(response)
    assert (
        f"/beheer/activiteiten/activity/{Activity.objects.get(slug='dieren-voeren').pk}/change/"
        in (response.content.decode())
    )


# --- The weekly sheet -----------------------------------------------------------------


def test_weekly_sheet_shows_the_clusters_week(client, city):
    client.cookies["django_language"] = "en"
    response = client.get(WEEKLY_SHEET)
    page = text(response)
    html = response.content.decode()
    assert "Meeting places in Noord" in page
    assert "Week of Monday 2 March to Sunday 8 March 2026" in page
    sheet = response.context["sheet"]
    assert [p.location.slug for p in sheet.places] == [
        "de-magneet",
        "rigtersbleek",
        "speeltuin-zuid",
    ]
    # This week's hours: Rigtersbleek is closed on Sunday, open without supervision on Saturday.
    rigtersbleek = sheet.places[1]
    assert rigtersbleek.days[6].is_closed
    assert [(i.opens, i.supervised) for i in rigtersbleek.days[5].intervals] == [(T(10, 0), False)]
    # The week's activities, the cancelled Friday marked.
    assert [(day, len(items)) for day, items in sheet.occurrences_by_day] == [
        (datetime.date(2026, 3, 2), 1),
        (datetime.date(2026, 3, 3), 1),
        (datetime.date(2026, 3, 4), 1),
        (datetime.date(2026, 3, 5), 1),
        (datetime.date(2026, 3, 6), 1),
    ]
    assert "cancelled" in page
    # Contact details only when public.
    assert "053 111 22 33" in page
    assert "06 99 88 77 66" not in page
    # QR codes as inline SVG with a name, one per place and one for the agenda.
    assert html.count('<svg role="img" aria-label="QR-code: http://testserver/') == 4
    assert "http://testserver/activiteiten/?cluster=noord" in page
    assert "<script" not in html.split("</main>")[0].split("<main")[1]


def test_weekly_sheet_marks_a_closed_day_and_says_when_a_series_ends(client, city):
    magneet = Location.objects.get(slug="de-magneet")
    OpeningExceptionFactory(
        location=magneet, start_date=MONDAY + datetime.timedelta(days=3), reason="Studiedag"
    )
    course = ActivityFactory(title="Taalcursus", location=magneet)
    ScheduleFactory(
        activity=course,
        start_date=datetime.date(2026, 2, 2),
        weekdays=[0],
        start_time=T(14, 0),
        end_time=T(15, 0),
        until=datetime.date(2026, 4, 27),
    )
    page = text(client.get(WEEKLY_SHEET))
    thursday = page[page.index("Donderdag 5 maart") :]
    assert thursday.index("Koffieochtend") < thursday.index(
        "Gaat niet door: de plek is dicht (Studiedag)"
    )
    assert "Taalcursus , De Magneet · elke week op maandag, t/m maandag 27 april 2026" in page
    # Tuesday's Koffie goes ahead.
    tuesday = page[page.index("Dinsdag 3 maart") : page.index("Woensdag 4 maart")]
    assert "Gaat niet door" not in tuesday


def test_weekly_sheet_leaves_out_unpublished_places(client, city):
    response = client.get("/overzichten/weekblad/oost/")
    slugs = [p.location.slug for p in response.context["sheet"].places]
    assert slugs == ["sportlust", "victoria"]
    assert "Dieren voeren" not in response.content.decode()


def test_weekly_sheet_for_next_week(client, city):
    response = client.get(WEEKLY_SHEET + "?week_of=2026-03-09")
    assert response.context["sheet"].monday == datetime.date(2026, 3, 9)
    assert response.context["other_week_url"] == "?week_of=2026-03-02"
    assert client.get(WEEKLY_SHEET + "?week_of=nonsense").status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "2100-01-01", "9999-12-31"])
def test_weekly_sheet_for_a_far_away_year_shows_this_week(client, city, day):
    response = client.get(WEEKLY_SHEET + f"?week_of={day}")
    assert response.status_code == 200
    assert response.context["sheet"].monday == MONDAY


# --- Valid HTML -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pages_are_valid_html(municipality_client, nu_checker, city, language):
    municipality_client.cookies["django_language"] = language
    urls = [
        *PAGES,
        "/overzichten/?cluster=noord&kind=park&open_at=25:99",
        "/overzichten/norm/?cluster=noord",
        "/overzichten/aanbod/?week_of=bad&theme=sport&day=1",
        WEEKLY_SHEET,
    ]
    failures = {}
    for url in urls:
        with translation.override(language):
            response = municipality_client.get(url)
        assert response.status_code == 200, url
        errors = nu_checker.errors(response.content)
        if errors:
            failures[url] = [
                f"{e.get('lastLine')}: {e['message']} {e.get('extract', '')!r}" for e in errors
            ]
    assert failures == {}, "\n".join(
        f"{url}: {msg}" for url, msgs in failures.items() for msg in msgs
    )


# --- Bounded queries ------------------------------------------------------------------------


def grow(city, copies: int) -> None:
    """Add ``copies`` places per cluster, each with hours, a person and two activities."""
    theme, group = ThemeFactory(slug="extra"), TargetGroupFactory(slug="extra")
    for cluster in city["clusters"]:
        for n in range(copies):
            place = LocationFactory(
                cluster=cluster, kind=Location.Kind.PARK, building_status="future_proof"
            )
            for weekday in range(6):
                OpeningHoursFactory(location=place, weekday=weekday, opens=T(9, 0), closes=T(17, 0))
            OpeningHoursFactory(
                location=place, weekday=6, opens=T(17, 0), closes=T(21, 0), supervised=False
            )
            PersonFactory(role=Person.Role.SPORTS_COACH, locations=[place])
            for hour in (10, 14):
                activity = ActivityFactory(location=place, last_verified=None if n % 2 else MONDAY)
                activity.themes.add(theme)
                activity.target_groups.add(group)
                ScheduleFactory(
                    activity=activity,
                    start_date=MONDAY - datetime.timedelta(days=30),
                    weekdays=[0, 2, 4],
                    start_time=T(hour, 0),
                    end_time=T(hour + 1, 0),
                    count=20 if n % 3 == 0 else None,
                )
                CancellationFactory(activity=activity, date=MONDAY + datetime.timedelta(days=2))


URLS_FOR_COUNTING = [
    *PAGES,
    "/overzichten/aanbod/?theme=extra&day=0",
    "/overzichten/?cluster=noord",
]


def count_queries(client, urls, django_assert_max_num_queries):
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("copies", [0, 15])
def test_overview_pages_run_a_bounded_number_of_queries(
    municipality_client, city, copies, django_assert_max_num_queries
):
    grow(city, copies)
    count_queries(municipality_client, URLS_FOR_COUNTING, django_assert_max_num_queries)


@pytest.mark.parametrize("copies", [0, 15])
def test_weekly_sheet_runs_a_bounded_number_of_queries(
    client, city, copies, django_assert_max_num_queries
):
    grow(city, copies)
    count_queries(client, [WEEKLY_SHEET], django_assert_max_num_queries)


@pytest.mark.parametrize("copies", [0, 15])
def test_downloads_run_a_bounded_number_of_queries(
    municipality_client, city, copies, django_assert_max_num_queries
):
    """Below one chunk of the streamed exports, the downloads ask a fixed number of queries too."""
    grow(city, copies)
    urls = [
        "/overzichten/download/overzicht.xlsx",
        "/overzichten/download/aanbod.xlsx",
        "/overzichten/download/plekken.geojson",
        "/overzichten/download/aanbod.ics",
    ]
    for url in urls:
        with django_assert_max_num_queries(45, info=url):
            assert municipality_client.get(url).status_code == 200
    with django_assert_max_num_queries(45):
        response = municipality_client.get("/overzichten/download/plekken.csv")
        b"".join(response.streaming_content)


def test_many_places_leave_out_the_grid_of_each_place(english, city, monkeypatch):
    from overzichten import views

    monkeypatch.setattr(views, "MAX_PLACE_GRIDS", 2)
    response = english.get("/overzichten/norm/?kind=park&kind=house")
    html = response.content.decode()
    assert 'class="ov-place"' not in html
    assert html.count('<table class="grid grid--cluster">') == 2  # the cluster grids stay
    assert "?kind=park&amp;kind=house&amp;cluster=noord" in html
