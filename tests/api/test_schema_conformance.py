"""Schemathesis against our own OpenAPI schema: every operation, with generated valid and
invalid parameters, must answer with a documented status, content type and body shape,
never a 5xx, and must accept what the schema allows and refuse what it forbids.

Runs on the test database through Django's WSGI application (no server, no network).
Bounded and repeatable: MAX_EXAMPLES per operation and mode, derandomized.

Schemathesis' own pytest integration (``schemathesis.pytest.from_fixture``) does not run
under pytest 9 yet, and an eager ``from_wsgi`` at import time would need the database
during collection; so each operation gets a plain parametrised test that runs the
operation's Hypothesis strategy itself.
"""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from api.filters import MAX_OCCURRENCE_DAYS, YEARS
from tests.conftest import examples

MAX_EXAMPLES = examples(10)
LAST_DAY = datetime.date(YEARS[1], 12, 31)
OPERATIONS = [
    "GET /api/v1/places/",
    "GET /api/v1/places.geojson",
    "GET /api/v1/places/{slug}/",
    "GET /api/v1/kinds/",
    "GET /api/v1/clusters/",
    "GET /api/v1/clusters/{slug}/",
    "GET /api/v1/activities/",
    "GET /api/v1/activities/{slug}/",
    "GET /api/v1/activities/{slug}/occurrences/",
    "GET /api/v1/occurrences/",
    "GET /api/v1/organisations/",
    "GET /api/v1/organisations/{slug}/",
]


def respect_dependencies(query: dict) -> None:
    """Make a schema-valid query also meet the rules between parameters that OpenAPI cannot
    express, so that "valid data is accepted" can be checked: ``lat`` and ``lon`` come
    together, and ``end`` is 0–92 days after ``start``. (Breaking these rules gives a
    400; test_views tests that.)"""
    if ("lat" in query) != ("lon" in query):
        query.pop("lat", None)
        query.pop("lon", None)
    if "start" in query and "end" in query:
        start = datetime.date.fromisoformat(query["start"])
        end = datetime.date.fromisoformat(query["end"])
        days = abs((end - start).days) % MAX_OCCURRENCE_DAYS
        query["end"] = min(start + datetime.timedelta(days=days), LAST_DAY).isoformat()


@pytest.fixture
def wsgi_app(api_data):
    """Django's WSGI application on the test database.

    As Django's own test client does: a request must not close the database connection,
    or the test's transaction (and its data) would be gone.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app):
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", wsgi_app)


def test_every_operation_is_tested(api_schema):
    labels = [result.ok().label for result in api_schema.get_all_operations()]
    assert sorted(labels) == sorted(OPERATIONS)


@pytest.mark.input_space
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", OPERATIONS)
def test_operation_conforms_to_the_schema(api_schema, label, mode):
    operation = api_schema.find_operation_by_label(label)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        if mode == GenerationMode.POSITIVE and case.query:
            respect_dependencies(case.query)
        case.call_and_validate()

    check()


# Generated slugs almost never name a real object, so the fuzzing above mostly sees 404s on
# the detail endpoints; these requests check real answers against the schema, including
# the awkward ones (a place without coordinates, a cancelled date, a special-hours day).
KNOWN_CASES = [
    ("GET /api/v1/places/{slug}/", {"slug": "de-magneet"}, {}),
    ("GET /api/v1/places/{slug}/", {"slug": "sportpark-zuid"}, {}),
    ("GET /api/v1/clusters/{slug}/", {"slug": "noord"}, {}),
    ("GET /api/v1/clusters/{slug}/", {"slug": "zuid"}, {}),
    ("GET /api/v1/activities/{slug}/", {"slug": "koffieochtend"}, {}),
    ("GET /api/v1/activities/{slug}/", {"slug": "wandelen"}, {}),
    (
        "GET /api/v1/activities/{slug}/occurrences/",
        {"slug": "koffieochtend"},
        {"start": "2026-12-01", "end": "2026-12-31"},
    ),
    ("GET /api/v1/occurrences/", {}, {"start": "2026-12-01", "end": "2026-12-31"}),
    ("GET /api/v1/organisations/{slug}/", {"slug": "welzijn-oost"}, {}),
    ("GET /api/v1/organisations/{slug}/", {"slug": "woonbedrijf"}, {}),
    ("GET /api/v1/places/", {}, {"lat": "52.2", "lon": "6.9", "page_size": "1"}),
]


@pytest.mark.parametrize(("label", "path_parameters", "query"), KNOWN_CASES)
def test_real_objects_conform_to_the_schema(api_schema, label, path_parameters, query):
    operation = api_schema.find_operation_by_label(label)
    case = operation.Case(path_parameters=path_parameters, query=query)
    response = case.call_and_validate()
    assert response.status_code == 200


def undocumented(data, schema: dict, components: dict, where: str = "") -> list[str]:
    """Members of ``data`` that ``schema`` does not declare (JSON Schema allows them by
    default, so the conformance checks above would not notice a field the schema forgot)."""
    while "$ref" in schema or len(schema.get("allOf", [])) == 1:
        schema = (
            components[schema["$ref"].rsplit("/", 1)[-1]]
            if "$ref" in schema
            else schema["allOf"][0]
        )
    if isinstance(data, dict) and "properties" in schema:
        missing = [f"{where}.{key}" for key in data if key not in schema["properties"]]
        for key, value in data.items():
            if key in schema["properties"]:
                missing += undocumented(
                    value, schema["properties"][key], components, f"{where}.{key}"
                )
        return missing
    if isinstance(data, list) and "items" in schema:
        return [m for item in data for m in undocumented(item, schema["items"], components, where)]
    return []


@pytest.mark.parametrize(("label", "path_parameters", "query"), KNOWN_CASES)
def test_schema_declares_every_field(api_schema, label, path_parameters, query):
    operation = api_schema.find_operation_by_label(label)
    response = operation.Case(path_parameters=path_parameters, query=query).call()
    raw = api_schema.raw_schema
    method, path = label.split(" ")
    content = raw["paths"][path][method.lower()]["responses"]["200"]["content"]
    (body_schema,) = (media["schema"] for media in content.values())
    assert undocumented(response.json(), body_schema, raw["components"]["schemas"]) == []


def test_geojson_fields_are_declared(api_schema):
    response = api_schema.find_operation_by_label("GET /api/v1/places.geojson").Case().call()
    raw = api_schema.raw_schema
    content = raw["paths"]["/api/v1/places.geojson"]["get"]["responses"]["200"]["content"]
    body_schema = content["application/geo+json"]["schema"]
    assert response.json()["features"]
    assert undocumented(response.json(), body_schema, raw["components"]["schemas"]) == []
