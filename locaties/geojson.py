"""Places as GeoJSON (RFC 7946): longitude before latitude, WGS84, no crs member."""

from django.utils.translation import get_language

from . import opening

# Five decimals are about a metre: more than a marker can show, and each digit dropped is
# 10,000 characters less in the map data of 5,000 places.
MAP_DECIMALS = 5


def feature(location, moment) -> dict:
    """A place with everything its popup shows (for maps of a few places, given inline)."""
    state = getattr(location, "state", None) or opening.state_at(location, moment)
    return {
        "type": "Feature",
        "id": location.slug,
        "geometry": {
            "type": "Point",
            "coordinates": [float(location.longitude), float(location.latitude)],
        },
        "properties": {
            "name": location.name,
            "kind": location.kind.slug,
            "kind_label": location.kind.label,
            "cluster": location.cluster.name,
            "url": location.get_absolute_url(),
            "open_now": state.is_open,
            "supervised_now": state.supervised,
            "state": opening.describe_state(state),
        },
    }


def feature_collection(locations, moment) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [
            feature(location, moment) for location in locations if location.has_coordinates
        ],
    }


def map_collection(locations) -> dict:
    """What the big map draws, and nothing more: position, name and kind of each place.

    One query of five columns, no opening hours and no "now" (that is computed for the one
    place whose popup is opened, see :func:`popup_details`), so the answer grows by about
    90 bytes a place (15 gzipped) and costs no Python per place beyond building the dict.
    ``locations`` is a query set (the place filter's); places without a position are left out.
    """
    # The kind's slug and its name in the reader's language come with the row (a join, not
    # a query per kind); the page lists the kinds' icons for the script.
    label = "kind__name_en" if (get_language() or "").startswith("en") else "kind__name_nl"
    rows = locations.with_coordinates().values_list(
        "slug", "name", "kind__slug", label, "longitude", "latitude"
    )
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": slug,
                "geometry": {
                    "type": "Point",
                    "coordinates": [
                        round(float(longitude), MAP_DECIMALS),
                        round(float(latitude), MAP_DECIMALS),
                    ],
                },
                "properties": {"name": name, "kind": kind, "kind_label": kind_label},
            }
            for slug, name, kind, kind_label, longitude, latitude in rows
        ],
    }


def popup_details(location, moment) -> dict:
    """A map popup's text for one place, asked for when the popup opens."""
    return feature(location, moment)["properties"]
