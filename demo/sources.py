"""Read the demo's source files: the places CSV, its coordinates, the CBS wijk polygons.

Real places come from ``data/places_sources.csv`` (with their sources), their coordinates
from ``data/places_coordinates.csv`` (each with its source and a confidence note). Nothing
here touches the database.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils.text import slugify

from . import content

DATA_DIR = Path(__file__).resolve().parent / "data"
PLACES_CSV = DATA_DIR / "places_sources.csv"
COORDINATES_CSV = DATA_DIR / "places_coordinates.csv"
WIJKEN_GEOJSON = DATA_DIR / "wijken_cbs2023.geojson"

# "Hertmebrink 1", "Wesselerweg 15a": a street name, then a number with an optional letter.
ADDRESS_RE = re.compile(r"^(?P<street>[^\d,;()]+?)\s+(?P<number>\d+\s?[a-zA-Z]?)$")
# A bare street name starts with a capital ("Dr. Van Damstraat"); "in de Paulusschool" does not.
STREET_RE = re.compile(r"^[A-Z][^\d;()]*$")


class DemoDataError(Exception):
    """The demo data cannot be loaded as it stands; the message says what to fix."""


@dataclass(frozen=True)
class PlaceRow:
    """One importable row of the places CSV, cleaned up."""

    csv_name: str
    name: str
    slug: str
    kind: str
    wijk: str
    latitude: Decimal | None
    longitude: Decimal | None
    street: str
    house_number: str
    city: str
    source: str


def clean_name(csv_name: str) -> str:
    """The public name: an override, or the CSV name without its parenthesised remarks."""
    if csv_name in content.NAME_OVERRIDES:
        return content.NAME_OVERRIDES[csv_name]
    return re.sub(r"\s*\([^)]*\)", "", csv_name).strip()


def parse_address(text: str) -> tuple[str, str, str]:
    """(street, house number, town) from the CSV's address column; empty where unusable."""
    # Remarks follow a parenthesis or semicolon: "J.J. van Deinselaan (sportpark, per …); …".
    text = re.split(r"[(;]", text or "", maxsplit=1)[0].strip()
    town = ""
    if "," in text:
        text, town = (part.strip() for part in text.split(",", 1))
    match = ADDRESS_RE.match(text)
    if match:
        return match["street"].strip(), match["number"].replace(" ", ""), town
    if STREET_RE.match(text):
        return text, "", town
    return "", "", town


def _coordinate(value: str) -> Decimal | None:
    value = (value or "").strip()
    return Decimal(value) if value else None


def coordinate_key(name: str) -> str:
    """The slug a row of the coordinates CSV stands for.

    That file names some places twice ("Ontmoetingspark Rigtersbleek / Sportpark …"); the
    first name is the public one.
    """
    return slugify(clean_name(name.split(" / ")[0].strip()))


@dataclass(frozen=True)
class CoordinateRow:
    latitude: Decimal
    longitude: Decimal
    confidence: str


def read_coordinates(path: Path = COORDINATES_CSV) -> dict[str, CoordinateRow | None]:
    """Slug → the sourced point of that place, or None where no source gives one."""
    points: dict[str, CoordinateRow | None] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = coordinate_key(row["name"])
            if key in points:
                raise DemoDataError(f"{path.name} has two rows for {key!r}.")
            latitude, longitude = _coordinate(row["lat"]), _coordinate(row["lon"])
            if latitude is None or longitude is None:
                points[key] = None
                continue
            # "medium-high: 15a not in the 2012 DB, …" → "medium-high".
            confidence = row["confidence"].split(":", 1)[0].strip()
            points[key] = CoordinateRow(latitude, longitude, confidence)
    return points


def read_place_rows(
    path: Path = PLACES_CSV, coordinates_path: Path = COORDINATES_CSV
) -> list[PlaceRow]:
    """The CSV rows that are meeting places; city parks and areas are left out.

    Positions come from the coordinates file only: it was made for exactly these places,
    and says how sure each point is. A place it has no point for stays off the map.
    """
    points = read_coordinates(coordinates_path)
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            kind = content.KIND_MAP.get(row["kind"].strip())
            if kind is None:
                continue
            name = clean_name(row["name"].strip())
            street, number, town = parse_address(row["address"])
            slug = slugify(name)
            if slug not in points:
                raise DemoDataError(
                    f"{coordinates_path.name} has no row for {slug!r}: add one (empty "
                    "lat/lon with the reason in 'confidence' if no source gives a point)."
                )
            point = points.pop(slug)
            source = row["source"].strip()
            if point is None:
                latitude = longitude = None
            else:
                latitude, longitude = point.latitude, point.longitude
                source = (
                    f"{source} | Coordinates ({point.confidence} confidence): "
                    f"demo data {coordinates_path.name}"
                )
            wijk = row["wijk"].strip()
            rows.append(
                PlaceRow(
                    csv_name=row["name"].strip(),
                    name=name,
                    slug=slug,
                    kind=kind,
                    wijk=wijk,
                    latitude=latitude,
                    longitude=longitude,
                    street=street,
                    house_number=number,
                    city=town or content.TOWNS.get(wijk, content.DEFAULT_TOWN),
                    source=source,
                )
            )
    if points:
        raise DemoDataError(
            f"{coordinates_path.name} has rows for places that are not in {path.name}: "
            f"{sorted(points)}."
        )
    return rows


def read_wijk_geometries(path: Path = WIJKEN_GEOJSON) -> dict[str, dict]:
    """CBS wijk code → GeoJSON geometry."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    return {
        feature["properties"]["statcode"]: feature["geometry"] for feature in collection["features"]
    }
