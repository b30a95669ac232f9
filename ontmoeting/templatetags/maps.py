from django import template
from django.conf import settings
from django.utils.translation import gettext as _

register = template.Library()


@register.inclusion_tag("includes/map.html")
def map_component(
    map_id, *, geojson_url="", features=None, list_id="", label="", caption="", picker=None
):
    """Render the map: from a GeoJSON URL, or from inline features passed with json_script.

    The list identified by ``list_id`` is the map's accessible equivalent; the script
    links markers to its items.

    ``picker`` turns the map into a coordinate picker for a form (the admin's place form):
    a dict with the ids of the ``latitude`` and ``longitude`` inputs, which stay the
    accessible way to enter them. A click or a dragged marker fills them in; the map is
    hidden until the script shows it, so without JavaScript only the inputs remain.
    """
    return {
        "picker": picker,
        "map_id": map_id,
        "geojson_url": geojson_url,
        "features": features,
        "features_id": f"{map_id}-features" if features is not None else "",
        "list_id": list_id,
        "label": label or _("Map"),
        "caption": caption or _("The same places are listed on this page; the map is an extra."),
        "tiles_url": settings.MAP_TILES_URL,
        "tiles_attribution": settings.MAP_TILES_ATTRIBUTION,
        "tiles_max_zoom": settings.MAP_TILES_MAX_ZOOM,
        "center": settings.MAP_CENTER,
        "zoom": settings.MAP_ZOOM,
    }
