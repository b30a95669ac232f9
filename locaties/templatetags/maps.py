from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

import instellingen
from locaties.models import MarkerIcon

register = template.Library()
# For a marker whose kind the page does not list, and for the admin's position picker.
MARKER_DEFAULT = f"img/markers/{MarkerIcon.OTHER}.svg"


@register.inclusion_tag("includes/map.html")
def map_component(
    map_id,
    *,
    geojson_url="",
    features=None,
    list_id="",
    label="",
    caption="",
    picker=None,
    overlays=False,
    kinds=None,
):
    """Render the map: from a GeoJSON URL, or from inline features passed with json_script.

    The list identified by ``list_id`` is the map's accessible equivalent; the script
    links markers to its items.

    ``picker`` turns the map into a coordinate picker for a form (the admin's place form):
    a dict with the ids of the ``latitude`` and ``longitude`` inputs, which stay the
    accessible way to enter them. A click or a dragged marker fills them in; the map is
    hidden until the script shows it, so without JavaScript only the inputs remain.

    ``overlays`` offers layers the visitor may switch on: the cluster areas, and the
    boundary layer when the site's settings have one.

    ``kinds`` are the kinds of places whose markers the map may show (their icon and
    name, for the script; the view has read them already); a marker of another kind, and
    the picker's marker, get the default icon.
    """
    kinds = [] if picker or kinds is None else kinds
    site = instellingen.current()
    return {
        "picker": picker,
        "map_id": map_id,
        "geojson_url": geojson_url,
        "features": features,
        "features_id": f"{map_id}-features" if features is not None else "",
        "list_id": list_id,
        "label": label or _("Map"),
        "caption": caption or _("The same places are listed on this page; the map is an extra."),
        "tiles_url": site.tiles_url,
        "tiles_attribution": site.tiles_attribution,
        "tiles_max_zoom": site.tiles_max_zoom,
        "center": site.map_center,
        "zoom": site.map_zoom,
        "default_icon": static(MARKER_DEFAULT),
        "kinds_id": f"{map_id}-kinds" if kinds else "",
        "kinds": [{"slug": k.slug, "label": k.label, "icon": k.icon_url} for k in kinds],
        # Said for a cluster of markers; %(count)s is filled in by the script.
        "cluster_label": _("%(count)s places here: zoom in"),
        "overlays_id": f"{map_id}-overlays" if overlays else "",
        "overlays": overlay_layers() if overlays else [],
    }


def overlay_layers() -> list[dict]:
    layers = [
        {"name": str(_("Cluster areas")), "url": reverse("clusters:areas"), "attribution": ""}
    ]
    site = instellingen.current()
    if site.has_boundaries:
        layers.append(
            {
                "name": site.boundaries_name or str(_("Boundaries")),
                "url": reverse("clusters:boundaries"),
                "attribution": site.boundaries_attribution,
            }
        )
    return layers
