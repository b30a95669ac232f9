"""The staff's GeoJSON: the map's places with what staff need to know about each."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.http import content_disposition_header

from locaties.geojson import feature_collection

from ..reports.common import in_hours
from ..reports.grid import place_week
from ..reports.supervision import SupervisorIndex

GEOJSON_TYPE = "application/geo+json"


def geojson_collection(places, moment) -> dict:
    """The places with coordinates as RFC 7946 (reusing the map's builder), plus staff facts."""
    places = list(places)
    collection = feature_collection(places, moment)
    by_slug = {place.slug: place for place in places}
    supervisors = SupervisorIndex()
    for feature in collection["features"]:
        place = by_slug[feature["id"]]
        week = place_week(place)
        found = supervisors.for_place(place)
        feature["properties"].update(
            {
                "cluster_number": place.cluster.number,
                "status": place.status,
                "status_label": str(place.get_status_display()),
                "building_status": place.building_status or None,
                "new_building_year": place.new_building_year,
                "published": place.published,
                "open_hours_per_week": in_hours(week.open_minutes),
                "supervised_hours_per_week": in_hours(week.supervised_minutes),
                "norm_percentage": week.percentage,
                "meets_norm": week.meets_norm,
                "cluster_managers": found.cluster_managers,
                "sports_coaches": found.sports_coaches,
            }
        )
    return collection


def geojson_response(collection: dict, filename: str) -> JsonResponse:
    response = JsonResponse(collection, content_type=GEOJSON_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
