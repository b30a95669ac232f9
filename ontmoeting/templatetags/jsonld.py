"""schema.org JSON-LD in a ``<script type="application/ld+json">`` data block.

A data block is never executed, so it holds under a strict Content Security Policy; the
escaping below (as Django's json_script does) makes sure no value can end the element.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from activiteiten.models import Activity

register = template.Library()

# The characters that could close the script element or start markup inside it.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SCHEMA = "https://schema.org"


@register.filter(is_safe=True)
def jsonld(value):
    """``{{ data|jsonld }}``: the data as a JSON-LD script element, safe in any HTML."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # escaped just above
    )


def place_data(location, request) -> dict:
    """A schema.org Place with its address, and its coordinates when known."""
    data = {
        "@type": "Place",
        "name": location.name,
        "url": request.build_absolute_uri(location.get_absolute_url()),
    }
    address = {
        key: value
        for key, value in (
            ("streetAddress", " ".join(p for p in (location.street, location.house_number) if p)),
            ("postalCode", location.postcode),
            ("addressLocality", location.city),
        )
        if value
    }
    if address:
        # Addresses in this portal are Dutch: postcodes are validated as Dutch ones.
        data["address"] = {"@type": "PostalAddress", **address, "addressCountry": "NL"}
    if location.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(location.latitude),
            "longitude": float(location.longitude),
        }
    return data


def event_data(activity, occurrence, request) -> dict:
    """A schema.org Event for one occurrence of ``activity``."""
    cancelled = occurrence.cancelled or activity.status == Activity.Status.CANCELLED
    organizer = {"@type": "Organization", "name": activity.organiser.name}
    if activity.organiser.website:
        organizer["url"] = activity.organiser.website
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": activity.title,
        "url": request.build_absolute_uri(activity.get_absolute_url()),
        "startDate": occurrence.start.isoformat(),
        "endDate": occurrence.end.isoformat(),
        "eventStatus": f"{SCHEMA}/{'EventCancelled' if cancelled else 'EventScheduled'}",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "isAccessibleForFree": activity.is_free,
        "location": place_data(activity.location, request),
        "organizer": organizer,
    }
    if activity.description:
        data["description"] = activity.description
    return data


@register.simple_tag(takes_context=True)
def events_jsonld(context, activity, occurrences):
    """``{% events_jsonld activity occurrences %}``: one Event per occurrence, or nothing."""
    if not occurrences:
        return ""
    request = context["request"]
    return jsonld([event_data(activity, occurrence, request) for occurrence in occurrences])
