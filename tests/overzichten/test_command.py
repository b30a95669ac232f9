"""manage.py export_overview: the files for scheduled reports, and clear errors."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command
from icalendar import Calendar
from openpyxl import load_workbook

from activiteiten.models import Activity
from locaties.models import Location

pytestmark = pytest.mark.django_db


def export(tmp_path, *args, name="out"):
    output = tmp_path / name
    call_command("export_overview", *args, "--output", str(output), "--language", "en")
    return output


def test_xlsx_for_one_cluster(tmp_path, city):
    output = export(
        tmp_path,
        *("--format", "xlsx", "--cluster", "2", "--base-url", "https://example.org"),
        name="oost.xlsx",
    )
    book = load_workbook(output)
    places = [row[0] for row in book["Places"].iter_rows(min_row=2, values_only=True)]
    assert places == list(
        Location.objects.filter(cluster__number=2).order_by("name").values_list("name", flat=True)
    )
    pages = [row[-1] for row in book["Places"].iter_rows(min_row=2, values_only=True)]
    assert pages[0] == "https://example.org/locaties/kinderboerderij/"
    # The offer is that of the cluster's (published) places: only the market at Victoria.
    offer = [
        row[4] for row in book["Activities in the week"].iter_rows(min_row=2, values_only=True)
    ]
    assert offer == ["Buurtmarkt"]
    about = {
        row[0]: row[1] for row in book["About this file"].iter_rows(values_only=True) if row[0]
    }
    assert about["Filter: Cluster"] == "Oost"


def test_csv_topic_with_semicolons(tmp_path, city):
    output = export(tmp_path, "--format", "csv", "--topic", "begeleiding", "--sep", ";")
    text = output.read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(text[1:].splitlines(), delimiter=";"))
    assert header[0] == "Place"
    assert len(rows) == Location.objects.count()
    assert [
        "Rigtersbleek",
        "1. Noord",
        "Sanne de Vries",
        "Mo Bakker",
        "61",
        "55",
        "6",
        "25,5",
    ] in rows


def test_csv_offer_topic(tmp_path, city):
    output = export(tmp_path, "--format", "csv", "--topic", "aanbod", "--week", "2026-03-10")
    rows = list(csv.reader(output.read_text(encoding="utf-8-sig").splitlines()))
    # Week of 9 March: koffie Tue + Thu, football Mon + Wed + Fri.
    assert sorted(row[4] for row in rows[1:]) == ["Koffieochtend"] * 2 + ["Walking football"] * 3


def test_geojson(tmp_path, city):
    data = json.loads(export(tmp_path, "--format", "geojson", "--cluster", "1").read_text())
    assert data["type"] == "FeatureCollection"
    assert {f["id"] for f in data["features"]} == {"de-magneet", "rigtersbleek"}


def test_ics(tmp_path, city):
    output = export(
        tmp_path, "--format", "ics", "--cluster", "1", "--base-url", "https://example.org"
    )
    calendar = Calendar.from_ical(output.read_bytes())
    titles = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    expected = Activity.objects.published().filter(location__cluster__number=1)
    assert titles == set(expected.values_list("title", flat=True))
    assert all(str(event["UID"]).endswith("@example.org") for event in calendar.walk("VEVENT"))


def test_a_cluster_that_does_not_exist(tmp_path, city):
    with pytest.raises(CommandError, match=r"no cluster number 99.*1\. Noord, 2\. Oost"):
        export(tmp_path, "--format", "xlsx", "--cluster", "99")
    assert list(tmp_path.iterdir()) == []


def test_a_format_that_does_not_exist(tmp_path, city):
    with pytest.raises(CommandError, match="invalid choice: 'pdf'"):
        export(tmp_path, "--format", "pdf")


def test_csv_needs_a_topic(tmp_path, city):
    with pytest.raises(CommandError, match="--topic"):
        export(tmp_path, "--format", "csv")
    with pytest.raises(CommandError, match="invalid choice: 'geheim'"):
        export(tmp_path, "--format", "csv", "--topic", "geheim")


@pytest.mark.parametrize("week", ["9999-12-31", "1999-12-31"])
def test_a_week_outside_the_range(tmp_path, city, week):
    with pytest.raises(CommandError, match="--week must be a day in the years 2000 to 2099"):
        export(tmp_path, "--format", "xlsx", "--week", week)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder(tmp_path, city):
    with pytest.raises(CommandError, match="does not exist"):
        export(tmp_path, "--format", "xlsx", name="nowhere/out.xlsx")


def test_a_failed_export_leaves_no_file(tmp_path, city, monkeypatch):
    from overzichten import exports

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "write_workbook", broken)
    (tmp_path / "out").write_text("yesterday's report")
    with pytest.raises(RuntimeError):
        export(tmp_path, "--format", "xlsx")
    # The old file is untouched and no half-written one is left behind.
    assert [p.name for p in tmp_path.iterdir()] == ["out"]
    assert (tmp_path / "out").read_text() == "yesterday's report"
