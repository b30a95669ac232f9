"""Reading a file as a whole: formats, damaged and hostile files, headings, limits."""

import pytest

from beheer.imports.importers import IMPORTERS
from beheer.imports.tables import read_table
from beheer.models import ImportBatch
from tests.beheer.imports.helpers import (
    CLUSTER_HEADINGS,
    CLUSTERS,
    FORMULA,
    PLACE_HEADINGS,
    assert_rejected,
    big_csv,
    check,
    counts,
    csv_bytes,
    damaged,
    dutch_list,
    dutch_size,
    entity_bomb,
    errors,
    nl,
    place_file,
    place_row,
    truncated_sheet,
    xlsx,
    zip_without_a_workbook,
)

pytestmark = pytest.mark.django_db


# name: (kind, file name, content, row, column, the expected message)
BAD_FILES = {
    "an entity bomb": ("clusters", "c.xlsx", entity_bomb, None, "", lambda: damaged("c.xlsx")),
    "a sheet cut off half-way": (
        "clusters",
        "c.xlsx",
        truncated_sheet,
        None,
        "",
        lambda: damaged("c.xlsx"),
    ),
    "a zip that holds no workbook": (
        "clusters",
        "c.xlsx",
        zip_without_a_workbook,
        None,
        "",
        lambda: nl(
            "“%(name)s” is not a real %(kind)s file, although its name ends in .%(suffix)s. Save "
            "it from your spreadsheet program as an Excel workbook (.xlsx) or as CSV UTF-8.",
            name="c.xlsx",
            kind="XLSX",
            suffix="xlsx",
        ),
    ),
    "latin-1 with é": (
        "places",
        "plekken.csv",
        lambda: csv_bytes([PLACE_HEADINGS, place_row(naam="Café De Linde")], encoding="cp1252"),
        None,
        "",
        lambda: nl(
            "The file is not saved as UTF-8 (the first problem is on line %(line)s), so letters "
            "like é and ë would come out wrong. Save it again as UTF-8: in Excel choose Save as → "
            "“CSV UTF-8 (comma delimited)”; in LibreOffice Calc tick “Edit filter settings” and "
            "choose “Unicode (UTF-8)”. Or upload the Excel workbook (.xlsx) itself.",
            line=2,
        ),
    ),
    "missing column": (
        "places",
        "plekken.csv",
        lambda: csv_bytes([["naam", "cluster"], ["De Linde", "1"]]),
        1,
        "soort",
        lambda: nl(
            "The column “%(column)s” is missing. The first row must hold the column headings, "
            "as in the template.",
            column="soort",
        ),
    ),
    "formula =": (
        "places",
        "p.csv",
        lambda: place_file(place_row(beschrijving='=HYPERLINK("http://x")')),
        2,
        "beschrijving",
        lambda: nl(FORMULA, start="="),
    ),
    "formula +": (
        "places",
        "p.csv",
        lambda: place_file(place_row(telefoon="+31 53 123 45 67")),
        2,
        "telefoon",
        lambda: nl(FORMULA, start="+"),
    ),
    "formula - (a negative number)": (
        "places",
        "p.xlsx",
        lambda: xlsx([PLACE_HEADINGS, place_row(lengtegraad=-5)]),
        2,
        "lengtegraad",
        lambda: nl(FORMULA, start="-"),
    ),
    "formula @": (
        "clusters",
        "c.csv",
        lambda: csv_bytes([CLUSTER_HEADINGS, [4, "@SUM(1+1)", ""]]),
        2,
        "naam",
        lambda: nl(FORMULA, start="@"),
    ),
    "xlsx formula cell": (
        "clusters",
        "c.xlsx",
        lambda: xlsx([CLUSTER_HEADINGS, [4, "=A1&A1", ""]]),
        2,
        "naam",
        lambda: nl(FORMULA, start="="),
    ),
    "empty file": ("places", "p.csv", lambda: b"", None, "", lambda: nl("The file is empty.")),
    "empty workbook": (
        "clusters",
        "c.xlsx",
        lambda: xlsx([]),
        None,
        "",
        lambda: nl("The file is empty."),
    ),
    "headings not on the first row": (
        "clusters",
        "c.xlsx",
        lambda: xlsx([[], *CLUSTERS]),
        None,
        "",
        lambda: nl("The first row is empty: it must hold the column headings, as in the template."),
    ),
    "only headings": (
        "places",
        "p.xlsx",
        lambda: xlsx([PLACE_HEADINGS]),
        None,
        "",
        lambda: nl(
            "The file has column headings but no rows with data below them. Add the rows to import."
        ),
    ),
    "oversized file": (
        "places",
        "p.csv",
        big_csv,
        None,
        "",
        lambda: nl(
            "The file is larger than %(size)s. Split it into smaller files and import them one "
            "by one.",
            size=dutch_size(2 * 1024 * 1024),
        ),
    ),
    "several sheets": (
        "clusters",
        "c.xlsx",
        lambda: xlsx(CLUSTERS, extra_sheets=["Uitleg", "Blad2"]),
        None,
        "",
        lambda: nl(
            "The workbook has several sheets: %(sheets)s. Put the data in the first sheet and "
            "delete the others (only a sheet called “%(explanation)s” may stay).",
            sheets=dutch_list(["“Gegevens”", "“Uitleg”", "“Blad2”"]),
            explanation="Uitleg",
        ),
    ),
    "a PNG renamed .xlsx": (
        "places",
        "plekken.xlsx",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        None,
        "",
        lambda: nl(
            "“%(name)s” is not a real %(kind)s file, although its name ends in .%(suffix)s. Save "
            "it from your spreadsheet program as an Excel workbook (.xlsx) or as CSV UTF-8.",
            name="plekken.xlsx",
            kind="XLSX",
            suffix="xlsx",
        ),
    ),
    "a PNG renamed .csv": (
        "places",
        "plekken.csv",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        None,
        "",
        lambda: nl(
            "“%(name)s” is not a real %(kind)s file, although its name ends in .%(suffix)s. Save "
            "it from your spreadsheet program as an Excel workbook (.xlsx) or as CSV UTF-8.",
            name="plekken.csv",
            kind="CSV",
            suffix="csv",
        ),
    ),
    "unknown column": (
        "clusters",
        "c.csv",
        lambda: csv_bytes([[*CLUSTER_HEADINGS, "postcde"], [1, "Noord", "", "7511 AB"]]),
        1,
        "postcde",
        lambda: nl(
            "Unknown column “%(column)s”. The columns are: %(columns)s.",
            column="postcde",
            columns=dutch_list(CLUSTER_HEADINGS),
        ),
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_is_rejected_with_a_message_and_nothing_written(case, admin_user, linde, hosts):
    assert_rejected(admin_user, *BAD_FILES[case])


def test_the_row_limit(admin_user, settings, linde, hosts):
    settings.IMPORT_MAX_ROWS = 3
    before = counts()
    batch = check(admin_user, "places", "p.csv", place_file(*[place_row()] * 4))
    assert batch.status == ImportBatch.Status.REJECTED
    assert errors(batch) == [
        (
            None,
            "",
            nl(
                "The file has more than %(count)s rows. Split it into smaller files and import "
                "them one by one.",
                count=3,
            ),
        )
    ]
    assert counts() == before


def test_an_oversized_file_is_not_kept(admin_user, settings):
    settings.IMPORT_MAX_BYTES = 100
    batch = check(admin_user, "clusters", "c.csv", csv_bytes(CLUSTERS))
    assert batch.status == ImportBatch.Status.REJECTED
    assert bytes(batch.content) == b""


def test_a_semicolon_csv_and_a_comma_csv_read_the_same(admin_user):
    semicolon = read_table(
        "a.csv",
        csv_bytes(CLUSTERS, delimiter=";", bom=True),
        IMPORTERS["clusters"].columns,
        max_rows=10,
    )
    comma = read_table("a.csv", csv_bytes(CLUSTERS), IMPORTERS["clusters"].columns, max_rows=10)
    assert [r.cells for r in semicolon.rows] == [r.cells for r in comma.rows]
    assert semicolon.rows[0].cells == {
        "nummer": "1",
        "naam": "Noord",
        "beschrijving": "De wijken ten noorden van het spoor.",
    }


def test_row_numbers_are_those_of_the_spreadsheet(admin_user):
    content = xlsx([CLUSTER_HEADINGS, [1, "Noord", ""], [], [3, "", ""]])
    batch = check(admin_user, "clusters", "c.xlsx", content)
    # Row 3 is blank and skipped; the empty name is on row 4.
    assert [(r, c) for r, c, _m in errors(batch)] == [(4, "naam")]
    assert errors(batch)[0][2] == "Dit veld kan niet leeg zijn"
