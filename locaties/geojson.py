"""Places as GeoJSON (RFC 7946): longitude before latitude, WGS84, no crs member."""

from django.db.models import FloatField, Func, TextField, Value
from django.db.models.functions import Cast, Concat, Round
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


def _json(expression) -> Func:
    """``expression`` as JSON text, written by PostgreSQL (a string escaped as JSON)."""
    return Cast(Func(expression, function="to_json"), TextField())


def _coordinate(field: str) -> Cast:
    # float8's text is the shortest that reads back the same, as Python's repr of a float.
    return Cast(Round(field, MAP_DECIMALS), FloatField())


def map_collection(locations) -> str:
    """What the big map draws, and nothing more: position, name and kind of each place, as
    GeoJSON text.

    Each feature is written by PostgreSQL in the one query that reads the places, so the
    map data of a region costs a string per place in Python and no dict, float or JSON
    encoding: at 5,000 places that was most of the answer's time. No opening hours and no
    "now" (that is computed for the one place whose popup is opened, see
    :func:`popup_details`). ``locations`` is a query set (the place filter's), in its order;
    places without a position are left out.
    """
    # The kind's name in the reader's language comes with the row (a join, not a query per
    # kind); the page lists the kinds' icons for the script.
    label = "kind__name_en" if (get_language() or "").startswith("en") else "kind__name_nl"
    features = (
        locations.with_coordinates()
        .annotate(
            feature=Concat(
                Value('{"type":"Feature","id":'),
                _json("slug"),
                Value(',"geometry":{"type":"Point","coordinates":['),
                _coordinate("longitude"),
                Value(","),
                _coordinate("latitude"),
                Value(']},"properties":{"name":'),
                _json("name"),
                Value(',"kind":'),
                _json("kind__slug"),
                Value(',"kind_label":'),
                _json(label),
                Value("}}"),
                output_field=TextField(),
            )
        )
        .values_list("feature", flat=True)
    )
    return '{"type":"FeatureCollection","features":[' + ",".join(features) + "]}"


def popup_details(location, moment) -> dict:
    """A map popup's text for one place, asked for when the popup opens."""
    return feature(location, moment)["properties"]
