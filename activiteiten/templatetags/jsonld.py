"""schema.org JSON-LD in a ``<script type="application/ld+json">`` data block.

A data block is never executed, so it holds under a strict Content Security Policy; the
escaping below (as Django's json_script does) makes sure no value can end the element.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from activiteiten.structured import event_data

register = template.Library()

# The characters that could close the script element or start markup inside it.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter(is_safe=True)
def jsonld(value):
    """``{{ data|jsonld }}``: the data as a JSON-LD script element, safe in any HTML."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # escaped just above
    )


@register.simple_tag(takes_context=True)
def events_jsonld(context, activity, occurrences):
    """``{% events_jsonld activity occurrences %}``: one Event per occurrence, or nothing."""
    if not occurrences:
        return ""
    request = context["request"]
    return jsonld(
        [event_data(activity, occurrence, request.build_absolute_uri) for occurrence in occurrences]
    )
