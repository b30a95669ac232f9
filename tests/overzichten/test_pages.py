"""The overview pages and the weekly sheet: what they show, valid HTML, bounded queries."""

import datetime
import re

import pytest
from django.utils import translation

from activiteiten.models import Activity
from locaties.models import Location, LocationKind, Person
from tests.factories import (
    ActivityFactory,
    CancellationFactory,
    LocationFactory,
    LocationKindFactory,
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
    # Day + 08:00 … 19:00: Noord's places and their norm open at 08:30 and close at 20:00.
    assert grid.count('<th scope="col">') == 1 + 12
    assert grid.count('<th scope="row">') == 7
    cells = re.findall(r'<td class="g [^"]*">(.*?)</td>', grid)
    assert len(cells) == 7 * 12
    # Then the day's hours: De Magneet is open and supervised 11.5 hours every day.
    assert grid.count('<th scope="col" class="num">') == 2
    assert grid.count('<td class="num">11.5</td><td class="num">11.5</td></tr>') == 7
    assert all('class="visually-hidden"' in cell and 'aria-hidden="true"' in cell for cell in cells)
    assert "How to read the grid" in html
    assert response.context["clusters"][0].percentage == round(100 * (4830 + 3300) / (3 * 4830), 1)


def drop_norms(*slugs):
    kinds = LocationKind.objects.filter(slug__in=slugs) if slugs else LocationKind.objects.all()
    kinds.update(norm_weekdays=[], norm_opens=None, norm_closes=None)


def test_the_norm_page_says_the_norms_of_the_kinds(english, city):
    page = text(english.get("/overzichten/norm/"))
    # Enschede's four kinds share one norm: it is said once.
    assert "The norm for every kind of place: every day 08:30–20:00, supervised." in page
    assert "The norm per kind of place:" not in page
    # The help text is built from the norms and the grid, not written with fixed times.
    assert "The grid has a cell for every hour from 08:00 to 21:00" in page
    assert "(08:00–09:00 with the norm from 08:30)" in page
    assert "The 6 places shown with a norm meet" in page


def test_without_any_norm_the_norm_page_shows_hours_only(english, city):
    drop_norms()
    response = english.get("/overzichten/norm/?cluster=noord")
    page = text(response)
    html = response.content.decode()
    assert "Open and supervised: hours per week" in page
    assert "No kind of place has a norm" in page
    for judged in ("Norm met", "Meets the norm", "Norm hours missed", "below the norm", "%"):
        assert judged not in page, judged
    assert "with the norm from" not in page
    # The grid follows the hours alone: De Magneet from 08:30, Rigtersbleek until 20:00.
    assert "The grid has a cell for every hour from 08:00 to 20:00" in page
    assert response.context["hours"] == [f"{hour:02d}:00" for hour in range(8, 20)]
    # Coverage per cluster and per day: Noord 80.5 + 61 hours open, 80.5 + 55 supervised.
    clusters = html.split('id="norm-clusters"')[1].split("</table>")[0]
    assert '<td class="num">141.5</td><td class="num">135.5</td>' in clusters
    assert "Grid of Rigtersbleek (no norm)" in page
    assert "Hours supervised per week" in page


def bare_percent_signs(page: str) -> list[str]:
    """Every "%" that no number comes before ("haalt  % daarvan"), with its surroundings."""
    return [
        page[max(0, m.start() - 30) : m.end() + 10]
        for m in re.finditer("%", page)
        if not re.search(r"\d\s?$", page[: m.start()])
    ]


def test_without_any_norm_no_dutch_page_says_zero_days_or_a_bare_percent(municipality_client, city):
    """What NORM_WEEKDAYS= once gave: "De norm: 0 dagen per week open van 08:30 tot 20:00" and
    a "%" without a number. Without a norm no overview, sheet or public page judges."""
    drop_norms()
    pages = [*PAGES, WEEKLY_SHEET, "/", "/locaties/de-magneet/", "/clusters/noord/"]
    for url in pages:
        response = municipality_client.get(url)
        assert response.status_code == 200, url
        page = text(response)
        assert not re.search(r"\b0 dagen", page), url
        assert "08:30 tot 20:00" not in page, url
        assert bare_percent_signs(page) == [], url
        for judged in ("Norm gehaald", "Voldoet aan de norm", "onder de norm", "Normuren"):
            assert judged not in page, (url, judged)
    norm = text(municipality_client.get("/overzichten/norm/"))
    assert "Geen enkele soort plek heeft een norm" in norm
    assert "%" not in norm


def test_with_a_norm_on_one_kind_only_the_others_have_none(english, city):
    drop_norms("house", "playground", "petting_farm")
    response = english.get("/overzichten/norm/?cluster=noord")
    page = text(response)
    assert "Meeting parks: every day 08:30–20:00, supervised" in page
    assert (
        "Without a norm (hours only, no pass or fail): meeting houses, meeting playgrounds, "
        "meeting petting farms." in page
    )
    assert "The place shown with a norm meets 68.3 % of it." in page
    assert "Grid of De Magneet (no norm)" in page
    assert "Grid of Rigtersbleek (68.3 % of the norm)" in page
    assert page.count("no norm") >= 3  # De Magneet's three norm cells, read aloud


def test_a_weekdays_norm_from_nine_to_five_on_the_norm_page(english, db):
    kind = LocationKindFactory(
        slug="dorpshuis",
        name_en="village hall",
        plural_en="village halls",
        norm_weekdays=[0, 1, 2, 3, 4],
        norm_opens=T(9, 0),
        norm_closes=T(17, 0),
    )
    place = LocationFactory(name="Dorpshuis Roden", kind=kind)
    for weekday in range(5):
        OpeningHoursFactory(location=place, weekday=weekday, opens=T(9), closes=T(13))
    response = english.get("/overzichten/norm/")
    page = text(response)
    # The only kind has the norm: it is said for every kind.
    assert "The norm for every kind of place: Monday to Friday 09:00–17:00, supervised." in page
    assert "from 09:00 to 17:00" in page
    assert "with the norm from" not in page  # the norm starts on the hour
    assert response.context["hours"] == [f"{hour:02d}:00" for hour in range(9, 17)]
    assert "Grid of Dorpshuis Roden (50.0 % of the norm)" in page


def test_without_kinds_the_index_says_how_to_add_them(english, db):
    page = text(english.get("/overzichten/"))
    assert "There are no kinds of places yet" in page
    assert "0 of 0 places designated." in page


def test_the_index_has_a_row_and_a_column_per_kind(english, city):
    LocationKindFactory(slug="bibliotheek", name_en="library", order=9)
    response = english.get("/overzichten/")
    html = response.content.decode()
    for label in ("Meeting park", "Meeting house", "Meeting playground", "Library"):
        assert f'<th scope="row">{label}</th>' in html
        assert f'<th scope="col" class="num">{label}</th>' in html
    assert "Buildings" in text(response)
    assert "3 meeting parks: 1 future-proof, 2 with a new building planned." in text(response)


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
            place = LocationFactory(cluster=cluster, kind="park", building_status="future_proof")
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
