"""The shipped table of 4-digit postcodes: what it holds, and how a typed postcode is read."""

import csv

import pytest

from locaties import postcodes
from ontmoeting.geo import NETHERLANDS_BOUNDS


def rows() -> list[dict]:
    with postcodes.TABLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_table_has_one_centre_in_the_netherlands_per_postcode():
    table = rows()
    codes = [row["postcode4"] for row in table]
    assert len(codes) == len(set(codes)) > 4000
    assert all(len(code) == 4 and code.isdigit() for code in codes)
    (low_lat, high_lat), (low_lon, high_lon) = NETHERLANDS_BOUNDS["lat"], NETHERLANDS_BOUNDS["lon"]
    for row in table:
        assert low_lat <= float(row["lat"]) <= high_lat, row
        assert low_lon <= float(row["lon"]) <= high_lon, row


def test_lookup_gives_the_row_of_the_table():
    row = next(row for row in rows() if row["postcode4"] == "9711")
    area = postcodes.lookup("9711")
    assert (area.latitude, area.longitude, area.place) == (
        float(row["lat"]),
        float(row["lon"]),
        row["place"],
    )
    assert postcodes.lookup("0000") is None
    assert postcodes.lookup("7500") is None  # PO boxes only: not in the table


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("1234", ("1234", "")),
        ("1234AB", ("1234", "AB")),
        (" 1234  ab ", ("1234", "AB")),
        ("1234 aB", ("1234", "AB")),
        ("0000", ("0000", "")),
        ("1234 SS", None),  # letters PostNL never gives out
        ("123", None),
        ("12345", None),
        ("1234 A", None),
        ("1234 ABC", None),
        ("1234-AB", None),
        ("AB 1234", None),
        ("", None),
        ("١٢٣٤", None),  # digits, but not ours
    ],
)
def test_parse(typed, parts):
    assert postcodes.parse(typed) == parts


def test_the_readme_next_to_the_table_has_the_credit_to_show():
    readme = (postcodes.TABLE.parent / "postcode4.README.md").read_text(encoding="utf-8")
    assert "GeoNames" in readme
    assert "CC BY 4.0" in readme
