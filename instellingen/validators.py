"""Checks on what a functional administrator types or uploads on the settings page."""

import json
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from shapely.geometry import box, shape
from shapely.validation import explain_validity

from ontmoeting.geo import NETHERLANDS_BOUNDS

TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}")
_NETHERLANDS_BOX = box(
    NETHERLANDS_BOUNDS["lon"][0],
    NETHERLANDS_BOUNDS["lat"][0],
    NETHERLANDS_BOUNDS["lon"][1],
    NETHERLANDS_BOUNDS["lat"][1],
)


def validate_tiles_url(value: str) -> None:
    """A tile address for Leaflet: https, with {z}, {x} and {y} where the numbers go."""
    if not value:
        return
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise ValidationError(
            _("The tiles address must start with https:// followed by the server's name."),
            code="not_https",
        )
    missing = [p for p in TILE_PLACEHOLDERS if p not in value]
    if missing:
        raise ValidationError(
            _(
                "The tiles address must contain {z}, {x} and {y} (where the zoom level and the "
                "tile numbers go). Missing: %(missing)s."
            ),
            code="placeholders",
            params={"missing": " ".join(missing)},
        )


class _CreditParser(HTMLParser):
    """Finds anything in a credit line other than text and plain https/http links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problem = None

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            self.problem = self.problem or f"<{tag}>"
            return
        for name, value in attrs:
            if name != "href" or not (value or "").startswith(("https://", "http://")):
                self.problem = self.problem or f'{name}="{value or ""}"'

    def handle_endtag(self, tag):
        if tag != "a":
            self.problem = self.problem or f"</{tag}>"

    def handle_startendtag(self, tag, attrs):
        self.problem = self.problem or f"<{tag}/>"


def validate_credit(value: str) -> None:
    """A map credit is shown as HTML (for its link): text and <a href="https://…"> only."""
    if not value:
        return
    parser = _CreditParser()
    parser.feed(value)
    parser.close()
    if parser.problem:
        raise ValidationError(
            _(
                'A credit may contain text and links (<a href="https://…">name</a>) only, '
                "not %(problem)s."
            ),
            code="html",
            params={"problem": parser.problem},
        )


def _geometries(data):
    """The geometries in a GeoJSON FeatureCollection, Feature or bare geometry."""
    if not isinstance(data, dict):
        return None
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            return None
        return [f.get("geometry") if isinstance(f, dict) else None for f in features]
    if kind == "Feature":
        return [data.get("geometry")]
    return [data]


def read_boundaries(content: bytes, *, max_bytes: int) -> dict:
    """The boundary layer from an uploaded file, as an RFC 7946 FeatureCollection.

    Polygons and multipolygons only, valid, in longitude/latitude (WGS84) and inside the
    Netherlands; otherwise a ValidationError that says what is wrong (and nothing is saved).
    """
    if len(content) > max_bytes:
        raise ValidationError(
            _("The file is too big (%(size)s MB); at most %(max)s MB is allowed."),
            code="too_big",
            params={
                "size": f"{len(content) / 1_000_000:.1f}",
                "max": f"{max_bytes / 1_000_000:.1f}",
            },
        )
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            _("The file is not GeoJSON: it cannot be read as JSON text."), code="not_json"
        ) from exc
    geometries = _geometries(data)
    if not geometries:
        raise ValidationError(
            _("The file holds no areas: GeoJSON with a FeatureCollection of polygons is needed."),
            code="empty",
        )
    features = data.get("features") if data.get("type") == "FeatureCollection" else None
    cleaned = []
    for number, geometry in enumerate(geometries, start=1):
        if not isinstance(geometry, dict) or geometry.get("type") not in (
            "Polygon",
            "MultiPolygon",
        ):
            found = geometry.get("type") if isinstance(geometry, dict) else _("nothing")
            raise ValidationError(
                _(
                    "Area %(number)s is a %(type)s: only areas (Polygon or MultiPolygon) "
                    "are allowed."
                ),
                code="wrong_type",
                params={"number": number, "type": found},
            )
        try:
            shaped = shape(geometry)
        except Exception as exc:
            raise ValidationError(
                _("The coordinates of area %(number)s cannot be read."),
                code="unreadable",
                params={"number": number},
            ) from exc
        if shaped.is_empty:
            raise ValidationError(
                _("Area %(number)s has no coordinates."), code="empty", params={"number": number}
            )
        if not shaped.is_valid:
            raise ValidationError(
                _("Area %(number)s is not a valid polygon: %(reason)s."),
                code="invalid_polygon",
                params={"number": number, "reason": explain_validity(shaped)},
            )
        if not _NETHERLANDS_BOX.contains(shaped):
            raise ValidationError(
                _(
                    "Area %(number)s lies (partly) outside the Netherlands. The file must use "
                    "longitude and latitude (WGS84, not RD coordinates), longitude first."
                ),
                code="outside_netherlands",
                params={"number": number},
            )
        properties = {}
        if features is not None and isinstance(features[number - 1].get("properties"), dict):
            properties = features[number - 1]["properties"]
        elif data.get("type") == "Feature" and isinstance(data.get("properties"), dict):
            properties = data["properties"]
        cleaned.append({"type": "Feature", "geometry": geometry, "properties": properties})
    return {"type": "FeatureCollection", "features": cleaned}
