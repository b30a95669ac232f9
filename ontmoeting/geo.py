"""Small geometry helpers: no GeoDjango, coordinates are WGS84 decimals."""

import json
import math

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from shapely.geometry import box, shape
from shapely.validation import explain_validity

# A generous box around the European Netherlands (incl. the Wadden and Zeeland).
NETHERLANDS_BOUNDS = {"lat": (50.70, 53.60), "lon": (3.30, 7.25)}
# The same box as (min_lon, min_lat, max_lon, max_lat), the order of GeoJSON and shapely.
_NETHERLANDS_BOX = (
    NETHERLANDS_BOUNDS["lon"][0],
    NETHERLANDS_BOUNDS["lat"][0],
    NETHERLANDS_BOUNDS["lon"][1],
    NETHERLANDS_BOUNDS["lat"][1],
)
EARTH_RADIUS_KM = 6371.0088


def coordinate_field(verbose_name, *, max_digits: int = 8, validators=()) -> models.DecimalField:
    """An optional WGS84 coordinate in degrees: six decimals, about ten centimetres."""
    return models.DecimalField(
        verbose_name,
        max_digits=max_digits,
        decimal_places=6,
        null=True,
        blank=True,
        validators=list(validators),
    )


def _check_in_netherlands(value, axis: str, message) -> None:
    low, high = NETHERLANDS_BOUNDS[axis]
    if value is not None and not low <= float(value) <= high:
        raise ValidationError(
            message, code="outside_netherlands", params={"low": low, "high": high}
        )


# Two named functions (not one made by a factory): migrations refer to them by name.
def validate_latitude_in_netherlands(value) -> None:
    message = _("This latitude lies outside the Netherlands (between %(low)s and %(high)s).")
    _check_in_netherlands(value, "lat", message)


def validate_longitude_in_netherlands(value) -> None:
    message = _("This longitude lies outside the Netherlands (between %(low)s and %(high)s).")
    _check_in_netherlands(value, "lon", message)


def validate_area(value) -> None:
    """An area is a GeoJSON Polygon or MultiPolygon geometry (RFC 7946, WGS84) that is valid."""
    if value in (None, ""):
        return
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise ValidationError(_("The area is not valid JSON."), code="invalid_json") from exc
    if not isinstance(value, dict) or value.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(
            _("The area must be a GeoJSON geometry of type Polygon or MultiPolygon."),
            code="wrong_type",
        )
    try:
        geometry = shape(value)
    except Exception as exc:
        raise ValidationError(
            _("The area's coordinates cannot be read."), code="unreadable"
        ) from exc
    if geometry.is_empty:
        # explain_validity() calls an empty geometry "Valid Geometry": say what is wrong.
        raise ValidationError(_("The area has no coordinates."), code="empty")
    if not geometry.is_valid:
        raise ValidationError(
            _("The area is not a valid polygon: %(reason)s."),
            code="invalid_polygon",
            params={"reason": explain_validity(geometry)},
        )
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    if min_lon < -180 or max_lon > 180 or min_lat < -90 or max_lat > 90:
        raise ValidationError(
            _("The area must use longitude, latitude (WGS84) coordinates."), code="not_wgs84"
        )
    if not geometry.intersects(box(*_NETHERLANDS_BOX)):
        # Places must lie in the Netherlands too; an area far outside is nearly always
        # latitude and longitude swapped ([52.2, 6.9] instead of [6.9, 52.2]).
        raise ValidationError(
            _(
                "The area lies outside the Netherlands. GeoJSON gives longitude first, "
                "then latitude: check that they are not swapped."
            ),
            code="outside_netherlands",
        )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine); plenty precise at city scale."""
    rlat1, rlat2 = math.radians(lat1), math.radians(lat2)
    dlat = rlat2 - rlat1
    dlon = math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(rlat1) * math.cos(rlat2) * math.sin(dlon / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(math.sqrt(a))
