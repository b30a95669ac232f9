"""The downloads, read back the way their users' programs read them, against the database."""

import csv
import datetime
import io
import json
import re
from types import SimpleNamespace

import pytest
from django.http import QueryDict
from icalendar import Calendar
from openpyxl import load_workbook

from activiteiten.models import Activity
from locaties.models import Location, LocationKind
from overzichten import exports
from overzichten.exports.tables import Column, Table
from overzichten.reports.common import overview_filter
from tests.factories import (
    ActivityFactory,
    ClusterFactory,
    LocationFactory,
    OrganisationFactory,
    ScheduleFactory,
    ThemeFactory,
)
from tests.overzichten.conftest import MONDAY, NOW

pytestmark = pytest.mark.django_db

# Excel itself: what a spreadsheet would run as a formula.
NASTY = [
    '=HYPERLINK("https://evil.example","klik")',
    "+31 6 12345678",
    "-2+3",
    "@SUM(1+1)",
    "\tTab voor",
    "\rRegel",
]


@pytest.fixture
def english(municipality_client):
    """Headings in English: the tests do not depend on the Dutch catalogue's wording."""
    municipality_client.cookies["django_language"] = "en"
    return municipality_client


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def workbook(response):
    return load_workbook(io.BytesIO(body(response)))


def rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(response, delimiter=","):
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


# --- Tables and topics ------------------------------------------------------------


def test_a_column_reads_its_value_by_a_path_or_a_function():
    place = SimpleNamespace(name="De Magneet", kind=SimpleNamespace(label="House"))
    table = Table(
        [
            Column("Name", "name"),
            Column("Kind", "kind.label"),
            Column("Long", lambda p: len(p.name)),
        ],
        [place],
    )
    assert list(table.rows()) == [["De Magneet", "House", 10]]


def test_the_topics_list_the_place_topics_first():
    """The spreadsheet holds the place tables, then the offer's: so do the topics."""
    assert exports.TOPICS == exports.PLACE_TOPICS + exports.OFFER_TOPICS
    assert list(exports.TOPIC_TITLES) == list(exports.TOPICS)


def test_place_tables_are_those_asked_for_in_that_order(city):
    tables = exports.place_tables(
        overview_filter(QueryDict()),
        exports.Links("https://ontmoeting.example"),
        today=MONDAY,
        topics=["norm", "aanbod", "plekken", "geheim"],
    )
    titles = exports.TOPIC_TITLES
    assert [table.title for table in tables] == [str(titles["norm"]), str(titles["plekken"])]


# --- Formula injection ------------------------------------------------------------


@pytest.mark.parametrize("value", NASTY)
def test_neutralise_puts_an_apostrophe_before_formula_starts(value):
    assert exports.neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Koffie", "", "3 = drie", "'al veilig", 42, -3, 2.5, None])
def test_neutralise_leaves_everything_else(value):
    assert exports.neutralise(value) == value


def test_a_negative_number_stays_a_number():
    assert exports.csv_value(-2.5) == "-2.5"
    assert exports.csv_value(-2.5, decimal_comma=True) == "-2,5"


@pytest.fixture
def nasty_data(city):
    cluster = ClusterFactory(number=9, name=NASTY[2], slug="negen")
    place = LocationFactory(name=NASTY[0], slug="nasty", cluster=cluster, street=NASTY[4])
    organiser = OrganisationFactory(name=NASTY[3], slug="at-sum")
    activity = ActivityFactory(title=NASTY[1], slug="plus", location=place, organiser=organiser)
    activity.themes.add(ThemeFactory(name=NASTY[5].strip(), slug="regel"))
    ScheduleFactory(activity=activity, start_date=MONDAY, weekdays=[0])
    return place


def test_csv_neutralises_formulas(english, nasty_data):
    places = csv_rows(english.get("/overzichten/download/plekken.csv"))
    row = next(r for r in places if r[0].endswith('"klik")'))
    assert row[0] == "'" + NASTY[0]
    assert row[1] == "9. -2+3"  # starts with the cluster's number: nothing to neutralise
    assert row[7].startswith("'\t")
    offer = csv_rows(english.get("/overzichten/download/aanbod.csv"))
    nasty = next(r for r in offer if "31 6" in r[4])
    assert nasty[4] == "'" + NASTY[1]
    assert nasty[7] == "'" + NASTY[3]
    clusters = csv_rows(english.get("/overzichten/download/norm-clusters.csv"))
    assert [r[0] for r in clusters if "-2+3" in r[0]] == ["9. -2+3"]
    summary = csv_rows(english.get("/overzichten/download/aanbod-samenvatting.csv"))
    assert any(r[1] == "'" + NASTY[3] for r in summary)


def test_xlsx_neutralises_formulas(english, nasty_data):
    book = workbook(english.get("/overzichten/download/overzicht.xlsx"))
    cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    # Nothing is a formula, and every nasty text is there, made harmless.
    assert all(cell.data_type == "s" for cell in cells)
    texts = {cell.value for cell in cells}
    assert "'" + NASTY[0] in texts
    assert "'" + NASTY[1] in texts
    assert "'" + NASTY[3] in texts
    assert not any(text.startswith(("=", "+", "-", "@", "\t", "\r")) for text in texts)


# --- XLSX -----------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_topic_with_frozen_headers(english, city):
    response = english.get("/overzichten/download/overzicht.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == exports.XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="overzicht-2026-03-04.xlsx"'
    book = workbook(response)
    assert book.sheetnames == [
        "About this file",
        "Places",
        "Places by status",
        "Buildings",
        "Norm per place",
        "Norm per cluster",
        "Supervision",
        "Data quality",
        "Activities in the week",
        "Offer in numbers",
    ]
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2", sheet.title
        assert all(cell.font.b for cell in sheet[1]), sheet.title
        # Every column has a width chosen for its content, not the default.
        for letter in (cell.column_letter for cell in sheet[1]):
            assert sheet.column_dimensions[letter].customWidth, (sheet.title, letter)


def test_xlsx_places_cell_by_cell(english, city):
    sheet = workbook(english.get("/overzichten/download/overzicht.xlsx"))["Places"]
    header, *data = rows(sheet)
    column = {name: index for index, name in enumerate(header)}
    places = Location.objects.select_related("cluster").order_by("cluster__number", "name")
    assert len(data) == places.count()
    for row, place in zip(data, places, strict=True):
        assert row[column["Name"]] == place.name
        assert row[column["Cluster"]] == str(place.cluster)
        assert row[column["Kind"]] == place.kind.name_en
        if place.kind.slug == "petting_farm":
            assert row[column["Norm"]] == "every day 08:30–20:00, supervised"
        assert row[column["Status"]] == place.get_status_display()
        assert row[column["Published"]] is place.published
        assert row[column["Postcode"]] == place.postcode
        assert row[column["Year of the new building"]] == place.new_building_year
        if place.latitude is None:
            assert row[column["Latitude"]] is None
        else:
            assert row[column["Latitude"]] == float(place.latitude)
            assert row[column["Longitude"]] == float(place.longitude)
        verified = row[column["Last verified"]]
        if place.last_verified:
            # A real date: openpyxl reads spreadsheet dates back as datetimes.
            assert verified == datetime.datetime.combine(place.last_verified, datetime.time())
        else:
            assert verified is None
        assert row[column["Page"]] == "http://testserver" + place.get_absolute_url()
    by_name = {row[column["Name"]]: row for row in data}
    rigtersbleek = by_name["Rigtersbleek"]
    assert rigtersbleek[column["Open (hours per week)"]] == 61
    assert rigtersbleek[column["Open without supervision (hours per week)"]] == 6
    assert rigtersbleek[column["Norm met (%)"]] == 68.3
    assert rigtersbleek[column["Meets the norm"]] is False
    assert rigtersbleek[column["Cluster managers"]] == "Sanne de Vries"
    assert by_name["Victoria"][column["Sports coaches"]] == "Ahmet Yilmaz"


def test_xlsx_dates_and_times_are_spreadsheet_values(english, city):
    book = workbook(english.get("/overzichten/download/overzicht.xlsx"))
    sheet = book["Activities in the week"]
    header, *data = rows(sheet)
    assert header[:4] == ["Date", "Start", "End", "Hours"]
    assert [(r[0], r[1], r[2], r[4]) for r in data] == [
        (
            datetime.datetime(2026, 3, 2),
            datetime.time(19, 0),
            datetime.time(20, 30),
            "Walking football",
        ),
        (
            datetime.datetime(2026, 3, 3),
            datetime.time(10, 0),
            datetime.time(12, 0),
            "Koffieochtend",
        ),
        (
            datetime.datetime(2026, 3, 4),
            datetime.time(19, 0),
            datetime.time(20, 30),
            "Walking football",
        ),
        (
            datetime.datetime(2026, 3, 5),
            datetime.time(10, 0),
            datetime.time(12, 0),
            "Koffieochtend",
        ),
        (datetime.datetime(2026, 3, 7), datetime.time(14, 0), datetime.time(16, 0), "Buurtmarkt"),
    ]
    assert sheet["A2"].number_format == exports.DATE_FORMAT
    assert sheet["B2"].number_format == exports.TIME_FORMAT
    assert sheet["A2"].is_date
    assert sheet["B2"].is_date
    assert [r[3] for r in data] == [1.5, 2, 1.5, 2, 2]


def test_xlsx_about_sheet_notes_the_filter_and_the_moment(english, city):
    response = english.get("/overzichten/download/overzicht.xlsx?cluster=noord&cluster_junk=1")
    about = {r[0]: r[1] for r in rows(workbook(response)["About this file"]) if r and r[0]}
    assert about["Exported on"] == NOW.replace(tzinfo=None)
    assert about["Filter: Cluster"] == "Noord"
    assert about["Week of the activities"] == "02-03-2026 – 08-03-2026"


def test_xlsx_status_and_norm_sheets_match_the_database(english, city):
    book = workbook(english.get("/overzichten/download/overzicht.xlsx?cluster=oost"))
    header, *data = rows(book["Places by status"])
    assert [r[0] for r in data] == ["2. Oost", "All places"]
    designated, planned, total = data[-1][-3:]
    oost = Location.objects.filter(cluster__slug="oost")
    assert (designated, planned, total) == (
        oost.filter(status="designated").count(),
        oost.filter(status="planned").count(),
        oost.count(),
    )
    header, *grid = rows(book["Norm per place"])
    # From the norm's 08:30 to Sportlust's 20:30, then the day's hours open and supervised.
    assert header[3:] == [
        *(f"{hour:02d}:00" for hour in range(8, 21)),
        "Open (hours)",
        "Supervised (hours)",
    ]
    assert len(grid) == 7 * oost.count()
    sportlust_monday = next(r for r in grid if r[0] == "Sportlust" and r[2] == "Monday")
    assert sportlust_monday[3] == "open and supervised"
    assert sportlust_monday[-3] == "closed"
    assert sportlust_monday[-2:] == [11.5, 11.5]
    sportlust_tuesday = next(r for r in grid if r[0] == "Sportlust" and r[2] == "Tuesday")
    assert sportlust_tuesday[3] == "closed, below the norm"
    assert sportlust_tuesday[-3] == "open part of the hour"
    assert sportlust_tuesday[-2:] == [0.5, 0]


def test_offer_xlsx_follows_the_offer_filter(english, city):
    book = workbook(english.get("/overzichten/download/aanbod.xlsx?theme=sport&week_of=2026-03-10"))
    assert book.sheetnames == ["About this file", "Activities in the week", "Offer in numbers"]
    _header, *data = rows(book["Activities in the week"])
    # Football on Monday 9, Wednesday 11 and Friday 13 March.
    assert [r[0].date() for r in data] == [
        datetime.date(2026, 3, 9),
        datetime.date(2026, 3, 11),
        datetime.date(2026, 3, 13),
    ]
    about = {r[0]: r[1] for r in rows(book["About this file"]) if r and r[0]}
    assert about["Week"] == "09-03-2026 – 15-03-2026"
    assert about["Filter: Theme"] == "Sport"


# --- CSV ------------------------------------------------------------------------------


def test_csv_with_bom_and_commas(english, city):
    response = english.get("/overzichten/download/plekken.csv")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="plekken-2026-03-04.csv"'
    header, *data = csv_rows(response)
    assert header[0] == "Name"
    assert [r[0] for r in data] == list(
        Location.objects.order_by("cluster__number", "name").values_list("name", flat=True)
    )
    magneet = next(r for r in data if r[0] == "De Magneet")
    assert magneet[header.index("Latitude")] == "52.190486"
    assert magneet[header.index("Last verified")] == "2026-02-01"
    assert magneet[header.index("Published")] == "yes"


def test_csv_with_semicolons_has_decimal_commas(english, city):
    header, *data = csv_rows(english.get("/overzichten/download/plekken.csv?sep=;"), ";")
    assert len(header) == len(exports.places_table(Location.objects.none(), None).columns)
    magneet = next(r for r in data if r[0] == "De Magneet")
    assert magneet[header.index("Latitude")] == "52,190486"
    rigtersbleek = next(r for r in data if r[0] == "Rigtersbleek")
    assert rigtersbleek[header.index("Norm met (%)")] == "68,3"


def test_csv_follows_the_page_filter(english, city):
    _header, *data = csv_rows(
        english.get("/overzichten/download/plekken.csv?cluster=noord&kind=park")
    )
    assert [r[0] for r in data] == ["Rigtersbleek"]


def test_every_csv_topic_downloads(english, city):
    for topic in exports.TOPICS:
        response = english.get(f"/overzichten/download/{topic}.csv")
        assert response.status_code == 200, topic
        header, *_data = csv_rows(response)
        assert header, topic


def test_offer_csv_counts_match_the_database(english, city):
    _header, *data = csv_rows(english.get("/overzichten/download/aanbod-samenvatting.csv"))
    organisers = {r[1]: int(r[2]) for r in data if r[0] == "Organiser"}
    assert organisers == {"Alifa": 3, "Vizier": 2}
    places = {r[1]: float(r[4]) for r in data if r[0] == "Place"}
    assert places["De Magneet"] == 4.0


def test_unknown_topic_is_404_for_staff(english, city):
    assert english.get("/overzichten/download/geheim.csv").status_code == 404


# --- GeoJSON --------------------------------------------------------------------------


def test_geojson_is_rfc_7946(english, city):
    response = english.get("/overzichten/download/plekken.geojson")
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(body(response))
    assert data["type"] == "FeatureCollection"
    assert "crs" not in data  # RFC 7946 dropped it: always WGS84
    located = Location.objects.filter(latitude__isnull=False)
    assert {f["id"] for f in data["features"]} == set(located.values_list("slug", flat=True))
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 3.2 < lon < 7.3
        assert 50.7 < lat < 53.6
        place = located.get(slug=feature["id"])
        assert (lon, lat) == (float(place.longitude), float(place.latitude))
        properties = feature["properties"]
        assert properties["name"] == place.name
        assert properties["status"] == place.status
        assert properties["published"] is place.published
    victoria = next(f for f in data["features"] if f["id"] == "victoria")
    assert victoria["properties"]["sports_coaches"] == ["Ahmet Yilmaz"]
    assert victoria["properties"]["new_building_year"] == 2028


def test_geojson_follows_the_filter(english, city):
    data = json.loads(body(english.get("/overzichten/download/plekken.geojson?cluster=oost")))
    assert {f["id"] for f in data["features"]} == {"victoria", "kinderboerderij", "sportlust"}


# --- iCalendar -------------------------------------------------------------------------


def test_icalendar_parses_and_holds_the_offer(english, city):
    response = english.get("/overzichten/download/aanbod.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment")
    calendar = Calendar.from_ical(body(response))
    events = calendar.walk("VEVENT")
    expected = Activity.objects.filter(
        status="published", location__published=True, schedules__isnull=False
    ).distinct()
    assert {str(e["SUMMARY"]) for e in events} == set(expected.values_list("title", flat=True))
    football = next(e for e in events if str(e["SUMMARY"]) == "Walking football")
    assert "FREQ=WEEKLY" in football["RRULE"].to_ical().decode()
    excluded = [d.dt for d in football["EXDATE"].dts]
    # The cancelled Friday, and the public holidays on its days in the coming year (the
    # club house closes on them): Good Friday, Easter Monday, King's Day, Whit Monday,
    # Christmas Day, New Year's Day.
    assert [d.date() for d in excluded] == [
        datetime.date(2026, 3, 6),
        datetime.date(2026, 4, 3),
        datetime.date(2026, 4, 6),
        datetime.date(2026, 4, 27),
        datetime.date(2026, 5, 25),
        datetime.date(2026, 12, 25),
        datetime.date(2027, 1, 1),
    ]


def test_icalendar_follows_the_offer_filter(english, city):
    calendar = Calendar.from_ical(body(english.get("/overzichten/download/aanbod.ics?theme=sport")))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Walking football"]


@pytest.mark.parametrize("search", ["a\nb", "walking\r\nX-INJECTED:1", "\u2028\x1b"])
def test_icalendar_with_a_line_break_in_the_search(english, city, search):
    """Before, a line break in the search stopped the download (500): it went into the
    calendar's name, where icalendar refuses it (see activiteiten/ical.py)."""
    response = english.get("/overzichten/download/aanbod.ics", {"q": search})
    assert response.status_code == 200
    raw = body(response)
    calendar = Calendar.from_ical(raw)
    assert str(calendar["X-WR-CALNAME"]).startswith("Activities in ")
    assert not any(char in str(calendar["X-WR-CALNAME"]) for char in "\r\n\u2028\x1b")
    assert b"\r\nX-INJECTED" not in raw.replace(b"\r\n ", b"")


def test_without_any_norm_the_downloads_judge_nothing(municipality_client, city):
    """No norm: the norm columns stay empty (no 0 %, no "no"), the hours are there."""
    LocationKind.objects.update(norm_weekdays=[], norm_opens=None, norm_closes=None)
    book = workbook(municipality_client.get("/overzichten/download/overzicht.xlsx"))
    values = [
        str(cell)
        for sheet in book.worksheets
        for row in sheet.iter_rows(min_row=2, values_only=True)
        for cell in row
        if cell is not None
    ]
    assert not any(re.search(r"\b0 dagen|08:30", value) for value in values)
    header, *data = rows(book["Plekken"])
    column = {name: index for index, name in enumerate(header)}
    for judged in ("Norm", "Normuren gemist (uren per week)", "Norm gehaald (%)"):
        assert {row[column[judged]] for row in data} == {None}, judged
    assert {row[column["Voldoet aan de norm"]] for row in data} == {None}
    by_name = {row[column["Naam"]]: row for row in data}
    assert by_name["Rigtersbleek"][column["Open (uren per week)"]] == 61
    header, *data = csv_rows(municipality_client.get("/overzichten/download/norm-clusters.csv"))
    column = {name: index for index, name in enumerate(header)}
    for row in data:
        assert row[column["Plekken met een norm"]] == "0"
        assert row[column["Norm gehaald (%)"]] == ""
