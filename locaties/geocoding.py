"""Postcode and address lookup through a configurable geocoder (default: PDOK Locatieserver).

The server asks the geocoder, never the visitor's browser, so no third party learns who
searched. Answers are cached; when the geocoder is unreachable or does not know the
postcode, callers get an exception they can turn into a plain message.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from ontmoeting.geo import NETHERLANDS_BOUNDS

POINT_RE = re.compile(r"POINT\(\s*(-?[0-9.]+)\s+(-?[0-9.]+)\s*\)")
CACHE_SECONDS = 24 * 60 * 60


class GeocoderError(Exception):
    """Base class: the lookup did not give a usable point."""


class GeocoderUnavailable(GeocoderError):
    """The geocoder could not be reached or answered nonsense."""


class NotFound(GeocoderError):
    """The geocoder does not know this postcode or address."""


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float
    label: str = ""
    # Set when the point is the centre of a 4-digit postcode area from the shipped table
    # (see postcodes.py): a distance from it is only that precise, and the page says so.
    postcode4: str = ""


def _ask(query: str, kind: str) -> Point:
    params = urllib.parse.urlencode(
        {"q": query, "fq": f"type:{kind}", "rows": 1, "fl": "centroide_ll,weergavenaam"}
    )
    url = f"{settings.GEOCODER_URL}?{params}"
    try:
        with urllib.request.urlopen(url, timeout=settings.GEOCODER_TIMEOUT) as response:
            payload = json.loads(response.read(512 * 1024).decode("utf-8"))
        docs = payload["response"]["docs"]
    except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError, TypeError) as exc:
        raise GeocoderUnavailable(str(exc)) from exc
    if not docs:
        raise NotFound(query)
    match = POINT_RE.match(str(docs[0].get("centroide_ll", "")))
    if not match:
        raise GeocoderUnavailable("answer without a point")
    longitude, latitude = float(match.group(1)), float(match.group(2))
    lat_range, lon_range = NETHERLANDS_BOUNDS["lat"], NETHERLANDS_BOUNDS["lon"]
    if not (lat_range[0] <= latitude <= lat_range[1] and lon_range[0] <= longitude <= lon_range[1]):
        raise NotFound(query)
    return Point(latitude, longitude, str(docs[0].get("weergavenaam", query)))


def _cached(query: str, kind: str) -> Point:
    # Hashed: addresses hold spaces and other characters some cache backends refuse.
    key = f"geocoder:{kind}:{hashlib.sha256(query.encode()).hexdigest()}"
    point = cache.get(key)
    if point is None:
        point = _ask(query, kind)
        cache.set(key, point, CACHE_SECONDS)
    return point


def postcode(value: str) -> Point:
    """The centre of a Dutch postcode ('7511 AB' or '7511ab')."""
    return _cached(value.replace(" ", "").upper(), "postcode")


def address(value: str) -> Point:
    """The point of a street address ('Hertmebrink 1, Enschede')."""
    return _cached(" ".join(value.split()), "adres")


class Precision(enum.Enum):
    """How close a found point is to the address asked for."""

    ADDRESS = "address"
    # The street address was not found; the centre of its postcode stands in.
    POSTCODE_FALLBACK = "postcode_fallback"
    # Only a postcode was given.
    POSTCODE = "postcode"


# The parts of an address a lookup reads, in the order they make an address.
ADDRESS_PARTS = ("street", "house_number", "postcode", "city")
# Longer than any Dutch street or town: a longer part is refused before the geocoder is asked.
MAX_ADDRESS_PART = 200


def locate(parts: Mapping[str, str]) -> tuple[Point, Precision]:
    """The point of an address typed in parts (``ADDRESS_PARTS``): the street address when
    there is a street, the centre of the postcode when the address is unknown or there is
    only a postcode.

    Raises NotFound or GeocoderUnavailable; the caller checks that enough is filled in.
    """
    if not parts["street"]:
        return postcode(parts["postcode"]), Precision.POSTCODE
    street = " ".join(v for v in (parts["street"], parts["house_number"]) if v)
    town = " ".join(v for v in (parts["postcode"], parts["city"]) if v)
    try:
        return address(", ".join(v for v in (street, town) if v)), Precision.ADDRESS
    except NotFound:
        if not parts["postcode"]:
            raise
        return postcode(parts["postcode"]), Precision.POSTCODE_FALLBACK
