"""Dutch 4-digit postcodes and their approximate centres, from a table shipped with the code.

``data/postcode4.csv`` holds every Dutch PC4 with a centre (GeoNames, CC BY 4.0; see
``data/postcode4.README.md`` for the source, the changes made and the credit to show).
Answering from it asks no one: no third party learns what a resident searched for, and
"near me" works when the geocoder is down or the server has no internet. A 6-position
postcode ("7522 NB") is answered by its first four digits, so a distance from it is
measured from the centre of the 4-digit area, and the page says so.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).resolve().parent / "data" / "postcode4.csv"
CREDIT = "© GeoNames (www.geonames.org), CC BY 4.0"
CREDIT_URL = "https://www.geonames.org/"

# "7522", "7522NB", "7522 nb", " 7522  NB ": four digits, then two letters or nothing.
# Digits first [0-9]: "0000" is a postcode that does not exist, not a typing error.
SEARCH_RE = re.compile(r"^\s*([0-9]{4})\s*([A-Za-z]{2})?\s*$")
# Letter pairs PostNL never gives out (see the model's postcode check).
UNUSED_LETTERS = {"SA", "SD", "SS"}


@dataclass(frozen=True)
class Area:
    postcode4: str
    latitude: float
    longitude: float
    place: str


def parse(value: str) -> tuple[str, str] | None:
    """(the four digits, the letters or "") of a postcode as a resident types it, or None."""
    match = SEARCH_RE.match(value or "")
    if not match:
        return None
    letters = (match.group(2) or "").upper()
    if letters in UNUSED_LETTERS:
        return None
    return match.group(1), letters


@cache
def _table() -> dict[str, Area]:
    # Read once per process: 4,086 rows, about 10 ms, under a megabyte in memory. A dict
    # lookup afterwards costs nothing and no query.
    with TABLE.open(newline="", encoding="utf-8") as handle:
        return {
            row["postcode4"]: Area(
                row["postcode4"], float(row["lat"]), float(row["lon"]), row["place"]
            )
            for row in csv.DictReader(handle)
        }


def lookup(postcode4: str) -> Area | None:
    """The area of a 4-digit postcode, or None if the table does not have it."""
    return _table().get(postcode4)
