"""The OpenAPI description of the query parameters, written to match api/filters.py exactly.

drf-spectacular could derive parameters from the FilterSets, but it would describe what a
form field *might* accept, not what the strict API parser does; a client (or schemathesis)
that trusts the schema must never be refused a value the schema allows, nor be served a
value it forbids. The lists of slugs (clusters, themes …) come from the database each time
the schema is generated: see :func:`fill_choice_enums`.

The rest of the schema is built once per process and language by :class:`SchemaGenerator`,
which the schema view and the documentation page share.
"""

import copy
import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular import generators
from drf_spectacular.settings import patched_settings
from drf_spectacular.utils import OpenApiParameter

import instellingen
from activiteiten.filters import ActivityFilter
from activiteiten.models import TargetGroup, Theme
from activiteiten.schedules import PartOfDay
from clusters.models import Cluster
from locaties.filters import ACCESSIBILITY
from locaties.models import LocationKind
from ontmoeting.filters import MAX_QUERY_LENGTH
from ontmoeting.geo import NETHERLANDS_BOUNDS

from .filters import CLOCK_PATTERN, DATE_PATTERN, MAX_OCCURRENCE_DAYS, YEARS
from .pagination import PAGE_DESCRIPTION, PAGE_SCHEMA, PAGE_SIZE_DESCRIPTION, PAGE_SIZE_SCHEMA

CHOICES_EXTENSION = "x-choices"
# PostgreSQL text cannot hold NUL, so the forms refuse it; the schema says so.
NO_NUL = r"^[^\u0000]*$"
WEEKDAYS = {"type": "integer", "enum": list(range(7))}


def _query(name, schema, description, *, required=False, many=False, choices=None):
    if many:
        schema = {"type": "array", "items": schema}
    return OpenApiParameter(
        name,
        schema,
        OpenApiParameter.QUERY,
        required=required,
        description=description,
        style="form" if many else None,
        explode=True if many else None,
        extensions={CHOICES_EXTENSION: choices} if choices else None,
    )


def _slug(name, description, choices):
    return _query(name, {"type": "string"}, description, choices=choices)


def _flag(name, description):
    """A yes/no filter: ``true`` or ``false``, the only values the API reads (see filters.py)."""
    return _query(name, {"type": "boolean"}, description)


def _coordinate(name, axis, description):
    low, high = NETHERLANDS_BOUNDS[axis]
    return _query(name, {"type": "number", "minimum": low, "maximum": high}, description)


SEARCH = _query(
    "q",
    {"type": "string", "maxLength": MAX_QUERY_LENGTH, "pattern": NO_NUL},
    _("Search words (at most 100 characters)."),
)

PLACE_PARAMETERS = [
    SEARCH,
    _query(
        "kind",
        {"type": "string"},
        _("Kind of place (its slug, see /api/v1/kinds/); repeat for several."),
        many=True,
        choices="kind",
    ),
    _slug("cluster", _("Only places in this cluster (its slug)."), "cluster"),
    _flag("open_now", _("true: only places open now.")),
    _flag("supervised_now", _("true: only places open now with a professional present.")),
    _query(
        "day",
        WEEKDAYS,
        _(
            "Open on the next such weekday (0 = Monday … 6 = Sunday, today included); "
            "with open_at, open at that time on that day."
        ),
    ),
    _query(
        "open_at",
        {"type": "string", "pattern": CLOCK_PATTERN},
        _("Open at this time (HH:MM), today or on the chosen day."),
    ),
    _query(
        "access",
        {"type": "string", "enum": [key for key, _label in ACCESSIBILITY]},
        _("Accessibility features the place must have; repeat for several."),
        many=True,
    ),
    _slug("theme", _("Places with a published activity on this theme (its slug)."), "theme"),
    _slug(
        "target_group",
        _("Places with a published activity for this target group (its slug)."),
        "target_group",
    ),
    _coordinate(
        "lat",
        "lat",
        _("With lon: sort nearest first from this point (WGS84) and give distance_km."),
    ),
    _coordinate("lon", "lon", _("With lat: see lat.")),
]

ACTIVITY_PARAMETERS = [
    SEARCH,
    _query(
        "day",
        WEEKDAYS,
        _("Activities on this weekday (0 = Monday … 6 = Sunday); repeat for several."),
        many=True,
    ),
    _query(
        "part",
        {"type": "string", "enum": PartOfDay.values},
        _("Part of the day the activity starts in; repeat for several."),
        many=True,
    ),
    _slug("theme", _("Theme (its slug)."), "theme"),
    _slug("target_group", _("Target group (its slug)."), "target_group"),
    _slug("cluster", _("Cluster (its slug)."), "activity_cluster"),
    _slug("place", _("Place (its slug)."), "activity_place"),
    _slug("organiser", _("Organiser (its slug)."), "activity_organiser"),
    _flag("free", _("true: only free activities.")),
    _flag("support_need", _("true: only activities that welcome people with a support need.")),
]


def _date(name, description):
    return _query(
        name,
        {"type": "string", "format": "date", "pattern": DATE_PATTERN},
        description,
        required=True,
    )


DATE_PARAMETERS = [
    _date("start", _("First day (YYYY-MM-DD), from midnight, local time.")),
    _date(
        "end",
        _(
            "Last day (YYYY-MM-DD), included; at most %(days)d days after the first in all, "
            "years %(first)d–%(last)d."
        )
        % {"days": MAX_OCCURRENCE_DAYS, "first": YEARS[0], "last": YEARS[1]},
    ),
]


def choice_values(name: str) -> list[str]:
    """The slugs a choice parameter accepts right now, as the FilterSets check them."""
    if name == "cluster":
        return list(Cluster.objects.values_list("slug", flat=True))
    if name == "kind":
        return list(LocationKind.objects.values_list("slug", flat=True))
    if name == "theme":
        return list(Theme.objects.values_list("slug", flat=True))
    if name == "target_group":
        return list(TargetGroup.objects.values_list("slug", flat=True))
    filter_name = name.removeprefix("activity_")
    return [slug for slug, _label in ActivityFilter().choices_for(filter_name)]


def fill_choice_enums(result, generator, request, public):
    """drf-spectacular post-processing hook: list the valid slugs of each choice parameter.

    Without the list a client could only guess, and every guess that is not a slug is a
    400. With no values at all (an empty database) the parameter stays a plain string.
    """
    cache = {}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                name = parameter.pop(CHOICES_EXTENSION, None)
                if name is None:
                    continue
                if name not in cache:
                    cache[name] = choice_values(name)
                if cache[name]:
                    schema = parameter["schema"]
                    # A repeatable parameter is an array: its items take the list.
                    target = schema["items"] if schema.get("type") == "array" else schema
                    target["enum"] = cache[name]
    return result


# The JSON list's paging, for views that are not a ListAPIView (the places as GeoJSON).
PAGE_PARAMETERS = [
    _query("page", PAGE_SCHEMA, PAGE_DESCRIPTION),
    _query("page_size", PAGE_SIZE_SCHEMA, PAGE_SIZE_DESCRIPTION),
]


# What each data model is, for the people who read the schema and the documentation page.
# drf-spectacular would take the serializers' docstrings, which are notes for developers
# in English; these are written for the readers and translated.
COMPONENT_DESCRIPTIONS = {
    "Area": _("A GeoJSON Polygon or MultiPolygon geometry (RFC 7946, WGS84)."),
    "Coordinates": _("WGS84 latitude and longitude; null when the place's position is not known."),
    "Error": _("Every error: a message, and for a bad query a list of messages per parameter."),
    "PublicContact": _(
        "A person whose contact details are marked public; nobody else appears in the API."
    ),
    "PublicPerson": _("One person, or null when their contact details are not public."),
    "PlaceFeatureCollection": _(
        "One page of places as a FeatureCollection; the paging members are foreign members "
        "(RFC 7946 §6.1), named and filled as in the JSON list."
    ),
    "Specification": _(
        "One schema.org OpeningHoursSpecification: a weekday, or a date (closed: 00:00–00:00)."
    ),
}


def describe_components(result, generator, request, public):
    """drf-spectacular post-processing hook: each data model's description in the language
    of the request, and none from a docstring (a developer's note must not leak out). The
    lists of choices drf-spectacular writes for an enum are kept: they are translated."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name in COMPONENT_DESCRIPTIONS:
            component["description"] = str(COMPONENT_DESCRIPTIONS[name])
        elif "enum" not in component:
            component.pop("description", None)
    return result


# --- Building the schema once ---------------------------------------------------------------

# drf-spectacular's generator keeps state in module globals and on the view classes while it
# runs, so two threads building at once (runserver, gunicorn with threads) break each other:
# KeyErrors and half-built components, answered as 500 (tfranzel/drf-spectacular#1123). The
# schema only changes with the code, the settings and the language; the slug lists, which
# follow the database, are filled in per request on a copy.
_BUILD_LOCK = threading.Lock()
_BUILT: dict[tuple, dict] = {}
# Settings the built schema depends on; a test that changes one gets a fresh build.
SCHEMA_SETTINGS = {"SPECTACULAR_SETTINGS", "REST_FRAMEWORK", "ROOT_URLCONF", "LANGUAGES"}


class SchemaGenerator(generators.SchemaGenerator):
    """drf-spectacular's generator, built once per process and language under a lock."""

    def get_schema(self, request=None, public=False):
        language = translation.get_language()
        if language not in dict(settings.LANGUAGES):
            # drf-spectacular's ?lang= takes any text: an unknown language gets the site's
            # own, rather than a schema of its own kept in memory for every made-up code.
            with translation.override(settings.LANGUAGE_CODE):
                return self.get_schema(request=request, public=public)
        key = (language, public, self.api_version, str(self.urlconf))
        with _BUILD_LOCK:
            built = _BUILT.get(key)
            if built is None:
                # Without the hooks: fill_choice_enums reads the database, which must stay
                # per request. The request is left out too: nothing in this schema depends
                # on it. The data models' descriptions follow only the language: built in.
                with patched_settings({"POSTPROCESSING_HOOKS": []}):
                    built = super().get_schema(request=None, public=public)
                built = describe_components(built, generator=self, request=None, public=public)
                _BUILT[key] = built
        result = copy.deepcopy(built)
        # The site's name is a setting that may change at any time: per request, not built in.
        site = instellingen.current()
        result["info"]["title"] = f"{site.site_name} {site.city_name} – open data API"
        return fill_choice_enums(result, generator=self, request=request, public=public)


@receiver(setting_changed)
def _forget_built_schemas(*, setting, **kwargs):
    if setting in SCHEMA_SETTINGS:
        with _BUILD_LOCK:
            _BUILT.clear()
