"""Places as GeoJSON (RFC 7946): longitude before latitude, WGS84, no crs member."""

from . import opening


def feature(location, moment) -> dict:
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
