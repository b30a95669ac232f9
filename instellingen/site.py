"""The one way to read the site's settings: ``instellingen.current()``.

A setting left empty in the admin falls back to the environment variable of the same
meaning (``ontmoeting/settings/base.py``). The stored row is kept in the cache under the
settings version of ``ontmoeting.cache``, which a save bumps (with the data version, so
cached pages go too): every app server reads the new row at its next request. Within a request the answer is read once (see the middleware).
"""

import contextvars
import dataclasses
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.translation import gettext

from ontmoeting.cache import settings_version

# Set by SiteSettingsMiddleware for the length of a request: the settings read in it.
_request_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "instellingen_request_memo", default=None
)
STORED_FIELDS = (
    "site_name",
    "city_name",
    "map_latitude",
    "map_longitude",
    "map_zoom",
    "tiles_url",
    "tiles_attribution",
    "boundaries_shown",
    "boundaries_name",
    "boundaries_attribution",
    "holidays_country",
    "about_text",
    "contact_url",
    "privacy_url",
)


@dataclasses.dataclass(frozen=True)
class Site:
    """The settings in force, fallbacks applied."""

    settings_id: int
    site_name: str
    city_name: str
    city_name_missing: bool
    map_center: tuple[float, float]
    map_zoom: int
    tiles_url: str
    tiles_attribution: str
    tiles_max_zoom: int
    # Where the boundary layer comes from: "stored" (uploaded in the admin), "file"
    # (MAP_BOUNDARIES_FILE) or "" (none).
    boundaries_source: str
    boundaries_name: str
    boundaries_attribution: str
    holidays_country: str
    about_text: str
    contact_url: str
    privacy_url: str

    @property
    def has_boundaries(self) -> bool:
        return bool(self.boundaries_source)

    @property
    def tiles_origin(self) -> str:
        """The tiles' scheme and host, which the Content Security Policy must allow."""
        parts = urlsplit(self.tiles_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def _model():
    from .models import SiteSettings

    return SiteSettings


def settings_id() -> int:
    """The id of the settings row in force (one row for now; one per municipality later)."""
    return _model().singleton_instance_id


def _cache_key(row_id: int) -> str:
    return f"ontmoeting:site-settings:{settings_version()}:{row_id}"


def stored_values(row_id: int) -> dict:
    """The stored row's fields (without the layer itself), {} while none is saved."""
    key = _cache_key(row_id)
    values = cache.get(key)
    if values is None:
        try:
            row = (
                _model()
                .objects.filter(pk=row_id)
                .values(
                    *STORED_FIELDS,
                    has_stored_boundaries=ExpressionWrapper(
                        Q(boundaries__isnull=False), output_field=BooleanField()
                    ),
                )
                .first()
            )
        except (OperationalError, InterfaceError):
            # The database is gone: the environment's values, so that the error page and
            # the health check (and their security headers) can still be made. Not cached.
            return {}
        values = row or {}
        # No expiry: a save makes the entry unreachable (a new version), and an expiry would
        # be measured on a clock that tests move.
        cache.set(key, values, timeout=None)
    return values


def _boundaries(values: dict) -> tuple[str, str, str]:
    """(source, name, credit) of the boundary layer in force."""
    if not values.get("boundaries_shown", True):
        return "", "", ""
    if values.get("has_stored_boundaries"):
        return "stored", values["boundaries_name"], values["boundaries_attribution"]
    if settings.MAP_BOUNDARIES_FILE:
        return (
            "file",
            values.get("boundaries_name") or str(settings.MAP_BOUNDARIES_NAME),
            values.get("boundaries_attribution") or settings.MAP_BOUNDARIES_ATTRIBUTION,
        )
    return "", "", ""


def build(row_id: int, values: dict) -> Site:
    """The settings in force for a stored row's ``values``, the environment filling the gaps."""
    latitude, longitude = values.get("map_latitude"), values.get("map_longitude")
    if latitude is not None and longitude is not None:
        center = (float(latitude), float(longitude))
    else:
        center = tuple(float(c) for c in settings.MAP_CENTER)
    source, boundaries_name, boundaries_credit = _boundaries(values)
    return Site(
        settings_id=row_id,
        site_name=values.get("site_name") or settings.SITE_NAME,
        # Neither set nor in the environment (an empty portal): a placeholder that reads
        # well in every sentence ("Ontmoetingsplekken in uw gemeente") and names no town.
        city_name=values.get("city_name") or settings.CITY_NAME or gettext("your municipality"),
        city_name_missing=not (values.get("city_name") or settings.CITY_NAME),
        map_center=center,
        map_zoom=values.get("map_zoom") or settings.MAP_ZOOM,
        tiles_url=values.get("tiles_url") or settings.MAP_TILES_URL,
        tiles_attribution=values.get("tiles_attribution") or settings.MAP_TILES_ATTRIBUTION,
        tiles_max_zoom=settings.MAP_TILES_MAX_ZOOM,
        boundaries_source=source,
        boundaries_name=boundaries_name,
        boundaries_attribution=boundaries_credit,
        holidays_country=values.get("holidays_country") or settings.PUBLIC_HOLIDAYS_COUNTRY,
        about_text=values.get("about_text") or "",
        contact_url=values.get("contact_url") or "",
        privacy_url=values.get("privacy_url") or "",
    )


def current() -> Site:
    """The site's settings in force now (once per request; cached across requests)."""
    memo = _request_memo.get()
    if memo is not None and "site" in memo:
        return memo["site"]
    row_id = settings_id()
    site = build(row_id, stored_values(row_id))
    if memo is not None:
        memo["site"] = site
    return site


def stored_boundaries() -> dict | None:
    """The boundary layer uploaded in the admin (a FeatureCollection), None without one."""
    return (
        _model()
        .objects.filter(pk=current().settings_id)
        .values_list("boundaries", flat=True)
        .first()
    )


class SiteSettingsMiddleware:
    """Reads the settings at most once per request, whoever asks for them in it.

    First in MIDDLEWARE, so that the Content Security Policy (written on the way out)
    still shares the request's reading.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self.get_response(request)
        finally:
            _request_memo.reset(token)
