"""The place cards of the lists, written in Python rather than through a template each.

The home page shows 50 places and a cluster's page all of its own; through templates (a
card, its state, the lookups and filters of each) the cards took a quarter of the home page,
which must stay cheap without its cache. tests/locaties/test_place_cards.py checks their
HTML, its escaping and its words.
"""

from html import escape

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from ontmoeting.html import slug_urls

from .opening import opening_state

register = template.Library()


@register.simple_tag
def place_cards(locations, show_distance=False) -> str:
    """A ``<li>`` per place, with its kind, cluster, address, distance and state now.

    Each place needs ``state`` (opening.with_states) and its kind and cluster selected."""
    url_of = slug_urls("locaties:detail")
    icons = {}
    cards = []
    for location in locations:
        kind = location.kind
        if kind.pk not in icons:
            icons[kind.pk] = escape(kind.icon_url)
        slug = escape(location.slug)
        position = (
            f' data-lat="{location.latitude:f}" data-lon="{location.longitude:f}"'
            if location.has_coordinates
            else ""
        )
        meta = f"{escape(capfirst(kind.label))} · {escape(location.cluster.name)}"
        if location.address:
            meta += f" · {escape(location.address)}"
        distance = getattr(location, "distance_km", None)
        if show_distance and distance is not None:
            km = _("%(km)s km") % {"km": floatformat(distance, 1)}
            meta += f" · <strong>{escape(km)}</strong>"
        cards.append(
            f'<li class="place-card" id="place-{slug}" data-place="{slug}"{position}>\n'
            f'  <img class="kind-icon" src="{icons[kind.pk]}" alt="" width="24" height="30">\n'
            f"  <div>\n"
            f'    <h3 class="place-name"><a href="{escape(url_of(location.slug))}">'
            f"{escape(location.name)}</a></h3>\n"
            f'    <p class="meta">{meta}</p>\n'
            f"    {opening_state(location.state)}"
            f"  </div>\n</li>\n"
        )
    return mark_safe("".join(cards))
