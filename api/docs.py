"""The API's documentation page, rendered on the server from the OpenAPI schema itself.

No Swagger UI or Redoc: those load from CDNs and need JavaScript. Reading the generated
schema keeps the page and the schema in step: a parameter added to a view shows up here.
"""

import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from activiteiten.models import Activity
from clusters.models import Cluster
from locaties.models import Location, LocationKind

from .filters import MAX_OCCURRENCE_DAYS
from .pagination import MAX_PAGE_SIZE, PAGE_SIZE
from .schema import SchemaGenerator
from .views import organisation_queryset

# Values shown inline; longer lists (slugs) fold away in a <details>.
SHORT_LIST = 8
# One example request per operation: query parameters that show what the filters do.
EXAMPLE_QUERIES = {
    "places_list": {"open_now": "true"},
    "places_geojson": {"access": "wheelchair_accessible"},
    "activities_list": {"day": "1", "part": "morning"},
    "occurrences_list": {"free": "true"},
    "clusters_list": {"page_size": "5"},
    "organisations_list": {"page": "1"},
}


def tag_labels() -> dict[str, str]:
    """Section headings per schema tag, in the order of the page."""
    return {
        "places": _("Places"),
        "clusters": _("Clusters"),
        "activities": _("Activities"),
        "occurrences": _("Agenda"),
        "organisations": _("Organisations"),
    }


def schema_type(schema: dict) -> str:
    """A short, readable type: 'string (date)', 'array of integer', 'Place'."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema and len(schema["allOf"]) == 1:
        text = schema_type(schema["allOf"][0])
    elif schema.get("type") == "array":
        text = _("array of %(type)s") % {"type": schema_type(schema.get("items", {}))}
    else:
        text = schema.get("type", _("any"))
        if schema.get("format"):
            text = f"{text} ({schema['format']})"
    if schema.get("nullable"):
        text = _("%(type)s or null") % {"type": text}
    return text


def ref_name(schema: dict) -> str:
    """The component a schema points to ('' if none), through allOf, arrays and pages."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if len(schema.get("allOf", [])) == 1:
        return ref_name(schema["allOf"][0])
    if schema.get("type") == "array":
        return ref_name(schema.get("items", {}))
    return ""


def describe(text: str) -> str:
    """A description without the list of choices drf-spectacular appends (shown as values)."""
    return "\n\n".join(part for part in text.split("\n\n") if not part.startswith("* `"))


def allowed_values(schema: dict) -> list[str]:
    schema = schema.get("items", schema) if schema.get("type") == "array" else schema
    return [str(v) for v in schema.get("enum", []) if v is not None]


def constraints(schema: dict) -> list[str]:
    schema = schema.get("items", schema) if schema.get("type") == "array" else schema
    texts = []
    if "minimum" in schema and "maximum" in schema:
        texts.append(
            _("from %(min)s to %(max)s") % {"min": schema["minimum"], "max": schema["maximum"]}
        )
    if "maxLength" in schema:
        texts.append(_("at most %(n)d characters") % {"n": schema["maxLength"]})
    if (
        schema.get("pattern")
        and schema.get("format") != "date"
        and "\\u0000" not in schema["pattern"]
    ):
        texts.append(_("pattern %(pattern)s") % {"pattern": schema["pattern"]})
    return texts


def _parameter(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    repeatable = schema.get("type") == "array"
    values = allowed_values(schema)
    return {
        "name": parameter["name"],
        "location": parameter["in"],
        # A repeatable query parameter is an array in the schema; people repeat the name.
        "type": schema_type(schema.get("items", {}) if repeatable else schema),
        "repeatable": repeatable,
        "required": parameter.get("required", False),
        "description": describe(parameter.get("description", "")),
        "values": values,
        "short": len(values) <= SHORT_LIST,
        "constraints": constraints(schema),
    }


def _response(status: str, response: dict, components: dict) -> dict:
    media_types = []
    for media_type, body in response.get("content", {}).items():
        name = ref_name(body.get("schema", {}))
        page = name.startswith("Paginated")
        if page:
            # A page of results: point at the model of one result.
            name = ref_name(components[name]["properties"]["results"])
        media_types.append({"type": media_type, "model": name, "page": page})
    return {
        "status": status,
        "description": response.get("description", ""),
        "media_types": media_types,
    }


def _example_slugs() -> dict[str, str]:
    """A real slug per kind of object, so that each example request answers with data."""
    place = Location.objects.published().order_by("name").values_list("slug", flat=True).first()
    activity = Activity.objects.published().order_by("title").values_list("slug", flat=True).first()
    return {
        "places": place or "example",
        "activities": activity or "example",
        "clusters": Cluster.objects.values_list("slug", flat=True).first() or "example",
        "organisations": organisation_queryset().values_list("slug", flat=True).first()
        or "example",
        # The kinds are the municipality's: the example filters on one that exists.
        "kind": LocationKind.objects.values_list("slug", flat=True).first() or "",
    }


def _example(path: str, operation_id: str, slugs: dict[str, str]) -> str:
    if "{slug}" in path:
        collection = path.removeprefix(reverse("api:docs")).split("/", 1)[0]
        path = path.replace("{slug}", slugs.get(collection, "example"))
    query = dict(EXAMPLE_QUERIES.get(operation_id, {}))
    if operation_id == "places_list" and slugs.get("kind"):
        query = {"kind": slugs["kind"], **query}
    if "occurrences" in operation_id:
        # The coming week, so that the example shows current dates.
        today = timezone.localdate()
        query = {"start": f"{today}", "end": f"{today + datetime.timedelta(days=6)}", **query}
    return f"{path}?{urlencode(query)}" if query else path


def _fields(schema: dict) -> list[dict]:
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": schema_type(field),
            "ref": ref_name(field),
            "required": name in required,
            "description": describe(field.get("description", "")),
            "values": allowed_values(field),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def documentation(schema: dict) -> dict:
    """The schema rearranged for the template: sections per tag, then the data models."""
    slugs = _example_slugs()
    components = schema.get("components", {}).get("schemas", {})
    sections: dict[str, list] = {}
    for path, operations in schema.get("paths", {}).items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["other"])[0]
            sections.setdefault(tag, []).append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [_parameter(p) for p in operation.get("parameters", [])],
                    "responses": [
                        _response(status, response, components)
                        for status, response in operation.get("responses", {}).items()
                    ],
                    "example": _example(path, operation["operationId"], slugs),
                }
            )
    models = [
        {"name": name, "description": body.get("description", ""), "fields": _fields(body)}
        for name, body in sorted(components.items())
        if not name.startswith("Paginated")
    ]
    labels = tag_labels()
    order = list(labels)
    ordered = sorted(
        sections.items(),
        key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
    )
    return {
        "sections": [
            {"tag": tag, "label": labels.get(tag, tag), "operations": operations}
            for tag, operations in ordered
        ],
        "models": models,
    }


class DocumentationView(TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return super().get_context_data(
            info=schema.get("info", {}),
            schema_url=reverse("api:schema"),
            page_size=PAGE_SIZE,
            max_page_size=MAX_PAGE_SIZE,
            max_days=MAX_OCCURRENCE_DAYS,
            **documentation(schema),
            **kwargs,
        )
